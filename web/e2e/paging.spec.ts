// Paging through the news list with the keyboard: the next page has other items, its URL
// can be shared and reloaded, Back returns to the first page.
//
// The demo content has two news items, fewer than a page, so these tests run against a
// portal of their own whose database the repository's generator fills (go run ./bench:
// 45 synthetic news items through store.Import).
import { test as base, type Page } from '@playwright/test';
import { expect, settle } from './fixtures';
import { generatedDatabase, startPortal } from './portal';

const NEWS = 45;

const test = base.extend<{ watchErrors: string[] }, { bigURL: string }>({
	bigURL: [
		async ({}, use) => {
			const { dir, db } = await generatedDatabase(NEWS);
			const portal = await startPortal({ dir, db });
			await use(portal.url);
			await portal.stop();
		},
		{ scope: 'worker', timeout: 180_000 }
	],
	baseURL: async ({ bigURL }, use) => use(bigURL),
	watchErrors: async ({ page }, use) => {
		const errors: string[] = [];
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		page.on('pageerror', (e) => errors.push(String(e)));
		await use(errors);
	}
});

// In order, in one worker: one generated portal for the file (a failure restarts the
// worker, which starts another, and the remaining tests still run).
test.describe.configure({ mode: 'default' });

/** The item links of the news list, in order. */
async function items(page: Page, locale: string): Promise<string[]> {
	const hrefs = await page
		.getByRole('main')
		.locator(`a[href^="/${locale}/news/"]`)
		.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	return [...new Set(hrefs.filter((h) => /^\/[a-z-]+\/news\/[^/?#]+$/.test(h)))];
}

for (const locale of ['en', 'sr-cyrl']) {
	test(`/${locale}/news: next page by keyboard, other items, shareable URL, back`, async ({ page, watchErrors }) => {
		await page.goto(`/${locale}/news`);
		await settle(page);
		const first = await items(page, locale);
		expect(first.length, 'the first page lists news items').toBeGreaterThan(1);
		expect(first.length, `${NEWS} items do not fit on one page`).toBeLessThan(NEWS);

		// The pager's next link, reached and followed with the keyboard.
		const next = page.getByRole('main').locator('a[rel="next"]');
		await expect(next).toHaveCount(1);
		await expect(next).toBeVisible();
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			if (await next.evaluate((a) => a === document.activeElement)) break;
		}
		await expect(next, 'Tab reaches the next-page link').toBeFocused();
		await page.keyboard.press('Enter');

		await expect.poll(async () => (await items(page, locale)).join(' ')).not.toBe(first.join(' '));
		await settle(page);
		const second = await items(page, locale);
		expect(second.length).toBeGreaterThan(0);
		expect(second.filter((h) => first.includes(h)), 'no item on both pages').toEqual([]);
		const secondURL = page.url();
		expect(new URL(secondURL).search, 'the page is in the URL').not.toBe('');
		// Focus moved to the new page's content (not left on a link that is gone).
		await expect(page.locator('h1')).toBeVisible();

		// The URL can be shared: loading it afresh shows the same items, in a new tab too.
		await page.reload();
		await settle(page);
		expect(await items(page, locale)).toEqual(second);
		const other = await page.context().newPage();
		await other.goto(secondURL);
		await settle(other);
		expect(await items(other, locale)).toEqual(second);
		// A link leads back to newer items (the page before, or the newest).
		await expect(other.getByRole('main').locator('a[rel="prev"]')).toHaveCount(1);
		await other.close();

		// Back returns to the first page.
		await page.goBack();
		await expect.poll(async () => (await items(page, locale)).join(' ')).toBe(first.join(' '));
		expect(new URL(page.url()).pathname).toBe(`/${locale}/news`);
		expect(watchErrors).toEqual([]);
	});
}

test('the news list filters by topic and year', async ({ page, request }) => {
	const res = await request.post('/graphql', {
		data: { query: '{ topics(locale: EN) { slug name } news(first: 1, orderBy: PUBLISHED_AT_ASC) { edges { node { publishedAt } } } }' }
	});
	const { data } = await res.json();
	const topic: { slug: string; name: string } = data.topics[0];
	await page.goto('/en/news');
	await settle(page);
	const main = page.getByRole('main');
	await main.getByLabel(/topic/i).selectOption(topic.slug);
	await main.getByRole('button', { name: /show news/i }).click();
	await expect(page).toHaveURL(new RegExp(`[?&]topic=${topic.slug}`));
	const filtered = await request.post('/graphql', {
		data: { query: `{ news(filter: { topic: "${topic.slug}" }) { totalCount } }` }
	});
	const n: number = (await filtered.json()).data.news.totalCount;
	await expect(main.getByText(new RegExp(`\\b${n}\\b`)).first()).toBeVisible();

	const year = String(new Date(data.news.edges[0].node.publishedAt).getUTCFullYear() + 1);
	await main.getByLabel(/year/i).selectOption(year);
	await main.getByRole('button', { name: /show news/i }).click();
	await expect(page).toHaveURL(new RegExp(`[?&]year=${year}`));
	await settle(page);
	const dates = await main.locator('li time[datetime]').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
	expect(dates.length, `news of ${year} on topic ${topic.slug}`).toBeGreaterThanOrEqual(0);
	for (const d of dates) expect(d.slice(0, 4), 'every item listed is of the chosen year').toBe(year);
});
