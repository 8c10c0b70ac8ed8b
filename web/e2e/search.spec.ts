// Search is blind to script: Cyrillic typed on the Latin site finds Latin text and the
// other way round, results appear as you type (no Enter), the query goes into the URL,
// a reload keeps the results, and the facets count hits per kind.
import type { Page } from '@playwright/test';
import { expect, settle, test } from './fixtures';

/** The search page's own search box (the header may hold another one). */
function searchBox(page: Page) {
	return page.getByRole('main').getByRole('searchbox').first();
}

/** Hit titles are links to items; the highlighted words are <mark>s in the snippets. */
function marks(page: Page) {
	return page.getByRole('main').locator('mark');
}

const cases = [
	{ locale: 'sr-latn', typed: 'Мађарска', mark: /^Mađarsk/, q: 'Мађарска', finds: 'Latin text from Cyrillic' },
	{ locale: 'sr-cyrl', typed: 'madjarska', mark: /^Мађарск/, q: 'madjarska', finds: 'Cyrillic text from ASCII Latin' },
	{ locale: 'en', typed: 'hungar', mark: /^Hungar/, q: 'hungar', finds: 'a word from its beginning' }
] as const;

for (const c of cases) {
	test(`${c.locale}: typing "${c.typed}" finds ${c.finds}, as you type`, async ({ page, watch }) => {
		await page.goto(`/${c.locale}/search`);
		await settle(page);
		const box = searchBox(page);
		await expect(box).toBeVisible();
		await box.click();
		// Typed key by key, never submitted: results must come as you type.
		await box.pressSequentially(c.typed, { delay: 60 });
		await expect(marks(page).first()).toBeVisible();
		const texts = await marks(page).allInnerTexts();
		expect(texts.some((t) => c.mark.test(t.trim())), `a <mark> matching ${c.mark} among ${JSON.stringify(texts)}`).toBe(true);

		// The query is in the URL.
		await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(c.q);

		// The facets show counts per kind: the Hungary news item is a news hit.
		const main = page.getByRole('main');
		const before = await main.innerText();
		expect(before).toMatch(/\d/);

		// A reload keeps query and results.
		await page.reload();
		await expect(searchBox(page)).toHaveValue(c.q);
		await expect(marks(page).first()).toBeVisible();
		const after = await marks(page).allInnerTexts();
		expect(after.some((t) => c.mark.test(t.trim()))).toBe(true);
		watch.expectClean();
	});
}

test('facets: a count per kind, as the API counts, and they filter', async ({ page, request }) => {
	const res = await request.post('/graphql', {
		data: { query: '{ search(query: "azil", locale: EN) { totalCount facets { kind count } } }' }
	});
	const { data } = await res.json();
	const facets: { kind: string; count: number }[] = data.search.facets;
	expect(facets.length, 'the demo content has hits of several kinds for "azil"').toBeGreaterThan(1);

	await page.goto('/en/search?q=azil');
	await settle(page);
	const labels: Record<string, string> = { NEWS: 'News', PROJECT: 'Projects', PARTNER: 'Partners' };
	const main = page.getByRole('main');
	for (const f of facets) {
		// The kind's label with its count, e.g. "Projects 7".
		await expect(main.getByText(new RegExp(`^\\s*${labels[f.kind]}\\s*${f.count}\\s*$`)).first(), `facet ${f.kind} (${f.count})`).toBeVisible();
	}
	// Choosing a kind narrows the results to it.
	const news = facets.find((f) => f.kind === 'NEWS')!;
	await main.getByRole('button', { name: new RegExp(`^${labels.NEWS}\\b`) }).click();
	await expect(main.locator('a[href^="/en/projects/"], a[href^="/en/partners/"]')).toHaveCount(0);
	await expect(main.locator('a[href^="/en/news/"]')).toHaveCount(news.count);
	await expect.poll(() => new URL(page.url()).searchParams.getAll('kind').join(',')).toMatch(/news/i);
});

test('search from the home page search box lands on the search page with ?q=', async ({ page }) => {
	await page.goto('/sr-latn/');
	await settle(page);
	const box = page.getByRole('main').getByRole('searchbox').first();
	await expect(box).toBeVisible();
	await box.fill('azil');
	await box.press('Enter');
	await expect(page).toHaveURL(/\/sr-latn\/search\?(.*&)?q=azil/);
	await expect(page.getByRole('main').locator('mark').first()).toBeVisible();
});

test('a typo offers "Did you mean" as a link, which finds results; a Serbian word on the English site says its snippet is Serbian', async ({
	page,
	watch
}) => {
	await page.goto(`/sr-cyrl/search?q=${encodeURIComponent('мађраска')}`);
	await settle(page);
	const main = page.getByRole('main');
	const link = main.getByRole('link', { name: 'мађарска' });
	await expect(link).toBeVisible();
	await link.click();
	await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('мађарска');
	await expect(marks(page).first()).toBeVisible();

	await page.goto(`/en/search?q=${encodeURIComponent('Мађарске')}`);
	await settle(page);
	await expect(main.getByText('From the Serbian text').first()).toBeVisible();
	await expect(main.locator('.snippet [lang="sr-Cyrl"] mark').first()).toBeVisible();
	watch.expectClean();
});
