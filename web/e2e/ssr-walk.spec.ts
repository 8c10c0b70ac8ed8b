// The walk of issue 11 with JavaScript off, in each locale: home → news list → page 2 → a
// news item → its project → a partner → a search typed into the form → the footer's Open
// data page and its downloads. Every step is a plain link or GET form the server answers
// with the page's content.
//
// The demo content has fewer news items than a page, so this runs against a portal of its
// own filled by the repository's generator (as paging.spec.ts does).
import { test as base, type Page } from '@playwright/test';
import { LOCALES, expect, type Locale } from './fixtures';
import { generatedDatabase, startPortal } from './portal';

const test = base.extend<object, { bigURL: string }>({
	bigURL: [
		async ({}, use) => {
			const { dir, db } = await generatedDatabase(45);
			const portal = await startPortal({ dir, db });
			await use(portal.url);
			await portal.stop();
		},
		{ scope: 'worker', timeout: 180_000 }
	],
	baseURL: async ({ bigURL }, use) => use(bigURL),
	javaScriptEnabled: false
});

test.describe.configure({ mode: 'default' });

/** The Open data page's title, the footer's link to it. */
const OPEN_DATA: Record<Locale['path'], string> = { 'sr-cyrl': 'Отворени подаци', 'sr-latn': 'Otvoreni podaci', en: 'Open data' };

async function headings(page: Page, selector: string): Promise<string[]> {
	return (await page.locator(selector).allTextContents()).map((t) => t.trim());
}

async function walk(page: Page, l: Locale) {
	await page.goto(`/${l.path}/`);
	await expect(page.locator('main h1')).toBeVisible();

	await page.locator('main #latest-news ~ .section-footer a').click();
	await expect(page).toHaveURL(new RegExp(`/${l.path}/news$`));
	const first = await headings(page, 'main .item-list h2 a');
	expect(first, 'a full first page').toHaveLength(10);

	await page.locator('main .pager a[rel="next"]').click();
	await expect(page).toHaveURL(/[?&]after=/);
	const second = await headings(page, 'main .item-list h2 a');
	expect(second, 'a full second page').toHaveLength(10);
	expect(second.filter((t) => first.includes(t)), 'page 2 repeats none of page 1').toEqual([]);

	// The first item of page 2 that names a project.
	const items = await page.locator('main .item-list h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
	let found = false;
	for (const href of items) {
		await page.goto(href);
		await expect(page.locator('main h1')).toBeVisible();
		if ((await page.locator('main #related-projects').count()) > 0) {
			found = true;
			break;
		}
	}
	expect(found, 'an item of page 2 names a project').toBe(true);

	await page.locator('main #related-projects ~ ul a').first().click();
	await expect(page).toHaveURL(new RegExp(`/${l.path}/projects/`));
	const project = (await page.locator('main h1').textContent())!.trim();

	await page.locator('main .facts a[href*="/partners/"]').first().click();
	await expect(page).toHaveURL(new RegExp(`/${l.path}/partners/`));
	await expect(page.locator('main h1')).toBeVisible();

	const word = project.split(/\s+/).find((w) => w.length > 4)!;
	await page.goto(`/${l.path}/search`);
	await page.locator('#search-q').fill(word);
	await page.locator('#search-q').press('Enter');
	await expect(page).toHaveURL(new RegExp(`/${l.path}/search\\?q=`));
	await expect(page.locator('main p.count')).toContainText(word);
	await expect(page.locator('main ol.results h3 a').first()).toBeVisible();

	// The toggles are links too: a kind narrows the search, and pressing it again lets go.
	const kinds = page.locator('main [aria-labelledby="kinds-label"] a.toggle');
	const toggle = kinds.first();
	const kind = (await toggle.getAttribute('href'))!.match(/kind=(\w+)/)![1];
	await toggle.click();
	await expect(page).toHaveURL(new RegExp(`[?&]kind=${kind}`));
	const pressed = page.locator('main [aria-labelledby="kinds-label"] a.toggle[aria-pressed="true"]');
	await expect(pressed).toHaveCount(1);
	const results = await page.locator('main ol.results .tag-kind').allTextContents();
	expect(new Set(results).size, 'every result is of the kind pressed').toBe(1);
	await pressed.click();
	await expect(page).not.toHaveURL(/[?&]kind=/);

	// The footer's Open data page: every link on it (the files, the API's explorer) answers.
	await page.locator('footer a', { hasText: OPEN_DATA[l.path] }).click();
	await expect(page).toHaveURL(new RegExp(`/${l.path}/open-data$`));
	await expect(page.locator('main h1')).toHaveText(OPEN_DATA[l.path]);
	const files = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
	expect(files, 'three CSV files in each locale, the JSON, the IATI file and the explorer').toHaveLength(3 * 3 + 3);
	expect(files.filter((f) => f.startsWith(`/open-data/${l.path}/`)), 'this locale’s CSV files first').toEqual(files.slice(0, 3));
	for (const href of files) {
		const res = await page.request.get(href);
		expect(res.status(), `${href}`).toBe(200);
	}
}

for (const l of LOCALES) {
	test(`without JavaScript: home → news → page 2 → an item → its project → a partner → search → open data (${l.path})`, async ({ page }) => {
		await walk(page, l);
	});
}
