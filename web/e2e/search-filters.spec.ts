// Search filters: topic and year toggles with the API's counts, in every locale. A toggle
// narrows the results and goes into the URL; pressed again it lets go; a reload keeps it;
// toggles at 0 are not shown.
import type { APIRequestContext } from '@playwright/test';
import { expect, LOCALES, settle, test } from './fixtures';

const LABELS = {
	'sr-cyrl': { topics: 'Тема', years: 'Година' },
	'sr-latn': { topics: 'Tema', years: 'Godina' },
	en: { topics: 'Topic', years: 'Year' }
} as const;

type Facets = {
	totalCount: number;
	topicFacets: { topic: { slug: string; name: string }; count: number }[];
	yearFacets: { year: number; count: number }[];
};

async function facets(request: APIRequestContext, gql: string, vars: Record<string, unknown> = {}): Promise<Facets> {
	const res = await request.post('/graphql', {
		data: {
			query: `query($topic: String, $year: Int) { search(query: "azil", topic: $topic, year: $year, locale: ${gql}) {
				totalCount topicFacets { topic { slug name } count } yearFacets { year count } } }`,
			variables: vars
		}
	});
	return (await res.json()).data.search;
}

for (const l of LOCALES) {
	test(`${l.path}: topic and year toggles narrow a search and let go`, async ({ page, request, watch }) => {
		const all = await facets(request, l.gql);
		expect(all.topicFacets.length, 'the demo content has topics for "azil"').toBeGreaterThan(1);
		expect(all.yearFacets.length, 'the demo content has several years for "azil"').toBeGreaterThan(1);

		await page.goto(`/${l.path}/search?q=azil`);
		await settle(page);
		const main = page.getByRole('main');
		const topics = main.getByRole('group', { name: LABELS[l.path].topics });
		const years = main.getByRole('group', { name: LABELS[l.path].years });
		await expect(topics.getByRole('button')).toHaveCount(all.topicFacets.length);
		await expect(years.getByRole('button')).toHaveCount(all.yearFacets.length);

		// A topic: its button shows the API's count; pressed, the results are the topic's.
		// (Toggles keep their place when pressed: a facet list ignores its own filter.)
		const last = all.topicFacets.length - 1;
		const topic = all.topicFacets[last];
		const button = topics.getByRole('button').nth(last);
		await expect(button).toContainText(topic.topic.name);
		await expect(button).toContainText(String(topic.count));
		await button.click();
		await expect(button).toHaveAttribute('aria-pressed', 'true');
		await expect.poll(() => new URL(page.url()).searchParams.get('topic')).toBe(topic.topic.slug);
		await expect(main.locator('ol.results > li')).toHaveCount(Math.min(topic.count, 20));

		// Then a year, from the facets within that topic; the year's toggles count within it.
		const within = await facets(request, l.gql, { topic: topic.topic.slug });
		await expect(years.getByRole('button')).toHaveCount(within.yearFacets.length);
		const year = within.yearFacets[0];
		const yearButton = years.getByRole('button').nth(0);
		await expect(yearButton).toContainText(String(year.year));
		await yearButton.click();
		await expect(yearButton).toHaveAttribute('aria-pressed', 'true');
		await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(String(year.year));
		await expect(main.locator('ol.results > li')).toHaveCount(Math.min(year.count, 20));

		// A reload keeps both.
		await page.reload();
		await settle(page);
		await expect(topics.getByRole('button', { pressed: true })).toHaveCount(1);
		await expect(years.getByRole('button', { pressed: true })).toHaveCount(1);
		await expect(main.locator('ol.results > li')).toHaveCount(Math.min(year.count, 20));

		// Pressed again, each lets go.
		await years.getByRole('button', { pressed: true }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBeNull();
		await topics.getByRole('button', { pressed: true }).click();
		await expect.poll(() => new URL(page.url()).searchParams.get('topic')).toBeNull();
		await expect(main.locator('ol.results > li')).toHaveCount(Math.min(all.totalCount, 20));
		watch.expectClean();
	});
}
