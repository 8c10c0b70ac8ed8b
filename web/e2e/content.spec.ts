// What the pages show, against the demo content (store/demo/content.json): the home
// page's sections, project cards (period, budget in the locale's currency format, funder,
// implementer), the projects filters, a project's page, partners grouped by kind.
import type { APIRequestContext } from '@playwright/test';
import { expect, gql, LOCALES, settle, SLUGS, test } from './fixtures';

const ONGOING = 'support-to-strengthening-migration-management-and-asylum-system-in-serbia';

/** Budgets as each locale writes them (Intl, sr-*-RS and en-GB); \s covers the no-break spaces. */
const BUDGETS: Record<'en' | 'sr-latn' | 'sr-cyrl', { eur: RegExp; gbp: RegExp }> = {
	en: { eur: /€49,890\.52/, gbp: /£224,725(\.00)?(?![\d,.])/ },
	'sr-latn': { eur: /49\.890,52\s€/, gbp: /224\.725(,00)?\s£/ },
	'sr-cyrl': { eur: /49\.890,52\s€/, gbp: /224\.725(,00)?\s£/ }
};

async function projectSlugs(request: APIRequestContext, filter: string): Promise<string[]> {
	const data = await gql<{ projects: { edges: { node: { slug: string } }[] } }>(
		request,
		`{ projects(first: 100, filter: ${filter}) { edges { node { slug } } } }`
	);
	return data.projects.edges.map((e) => e.node.slug).sort();
}

for (const l of LOCALES) {
	test(`${l.path} home: latest news, current projects, partner links, a search box`, async ({ page, request }) => {
		await page.goto(`/${l.path}/`);
		await settle(page);
		const main = page.getByRole('main');
		const latest = await gql<{ news: { edges: { node: { slug: string } }[] } }>(
			request,
			'{ news(first: 1) { edges { node { slug } } } }'
		);
		await expect(main.locator(`a[href="/${l.path}/news/${latest.news.edges[0]!.node.slug}"]`).first()).toBeVisible();
		await expect(main.locator(`a[href="/${l.path}/projects/${ONGOING}"]`).first()).toBeVisible();
		await expect(main.locator(`a[href="/${l.path}/partners/${SLUGS.partner}"]`).first()).toBeVisible();
		await expect(main.getByRole('searchbox').first()).toBeVisible();
		// Completed projects are not "current".
		await expect(main.locator(`a[href="/${l.path}/projects/${SLUGS.project}"]`)).toHaveCount(0);
	});

	test(`${l.path} projects: cards with period, budget in the locale's format, funder, implementer`, async ({ page }) => {
		await page.goto(`/${l.path}/projects`);
		await settle(page);
		const card = (slug: string) =>
			page.getByRole('main').getByRole('article').filter({ has: page.locator(`a[href="/${l.path}/projects/${slug}"]`) });
		const eur = card(SLUGS.project);
		await expect(eur).toHaveCount(1);
		await expect(eur).toContainText(BUDGETS[l.path].eur);
		await expect(eur).toContainText(/2013/);
		await expect(eur).toContainText(/2014/);
		await expect(eur.locator(`a[href="/${l.path}/partners/apc-cza"]`), 'implementer').toBeVisible();

		const gbp = card(SLUGS.projectGbp);
		await expect(gbp).toHaveCount(1);
		await expect(gbp).toContainText(BUDGETS[l.path].gbp);
		await expect(gbp.locator(`a[href="/${l.path}/partners/british-embassy-belgrade"]`), 'funder').toBeVisible();

		// Current and completed projects are listed apart, each under its heading.
		const regions = page.getByRole('main').getByRole('region');
		const current = regions.filter({ has: page.locator(`a[href="/${l.path}/projects/${ONGOING}"]`) });
		await expect(current).toHaveCount(1);
		await expect(current.filter({ has: page.locator(`a[href="/${l.path}/projects/${SLUGS.project}"]`) })).toHaveCount(0);
		await expect(regions.filter({ has: page.locator(`a[href="/${l.path}/projects/${SLUGS.project}"]`) })).toHaveCount(1);
	});
}

test('projects: filters by status, area and funder, in the URL', async ({ page, request }) => {
	await page.goto('/en/projects');
	await settle(page);
	const main = page.getByRole('main');
	const listed = async () =>
		(
			await main
				.getByRole('article')
				.locator('h2 a, h3 a')
				.evaluateAll((as) => as.map((a) => (a.getAttribute('href') ?? '').split('/').pop()!))
		).sort();
	const apply = () => main.getByRole('button', { name: /show projects/i }).click();

	await main.getByLabel('Status').selectOption({ label: 'Completed' });
	await apply();
	await expect(page).toHaveURL(/[?&]status=completed/i);
	await expect.poll(listed).toEqual(await projectSlugs(request, '{ status: [COMPLETED] }'));

	await main.getByLabel('Status').selectOption({ index: 0 });
	await main.getByLabel('Funder').selectOption('british-embassy-belgrade');
	await apply();
	await expect(page).toHaveURL(/[?&]funder=british-embassy-belgrade/);
	await expect.poll(listed).toEqual(await projectSlugs(request, '{ funder: "british-embassy-belgrade" }'));

	await main.getByLabel('Funder').selectOption({ index: 0 });
	await main.getByLabel('Area').selectOption('border-management');
	await apply();
	await expect(page).toHaveURL(/[?&]area=border-management/);
	await expect.poll(listed).toEqual(await projectSlugs(request, '{ topic: "border-management" }'));

	// The filtered view can be shared: a fresh load shows the same.
	await page.reload();
	await settle(page);
	expect(await listed()).toEqual(await projectSlugs(request, '{ topic: "border-management" }'));
});

test('a project page: objectives, specific objectives, expected results, target groups, partners by role', async ({
	page
}) => {
	await page.goto(`/en/projects/${SLUGS.project}`);
	await settle(page);
	const main = page.getByRole('main');
	for (const name of ['Objectives', 'Specific objectives', 'Expected results']) {
		await expect(main.getByRole('heading', { name, exact: true })).toBeVisible();
	}
	await expect(main.getByText('Target groups', { exact: true })).toBeVisible();
	await expect(main).toContainText('To enhance the respect of human rights of asylum seekers');
	await expect(main).toContainText('40 workshops organised for asylum seekers');
	await expect(main).toContainText(BUDGETS.en.eur);
	// Partners by role.
	await expect(main.getByText('Implemented by', { exact: true })).toBeVisible();
	await expect(main.locator('a[href="/en/partners/apc-cza"]').first()).toBeVisible();
	await expect(main.getByText('In cooperation with', { exact: true })).toBeVisible();
	await expect(main.locator('a[href="/en/partners/ministry-of-interior"]').first()).toBeVisible();
	// Back to the list, and to the top.
	await expect(main.locator('a[href="/en/projects"]').first()).toBeVisible();
});

test('a project page lists its news', async ({ page }) => {
	await page.goto(`/sr-latn/projects/${ONGOING}`);
	await settle(page);
	const main = page.getByRole('main');
	await expect(main.locator(`a[href="/sr-latn/news/${SLUGS.news2}"]`)).toBeVisible();
	await expect(main.locator('a[href="/sr-latn/partners/eu"]').first()).toBeVisible();
});

test('partners are grouped by kind', async ({ page, request }) => {
	await page.goto('/en/partners');
	await settle(page);
	const data = await gql<{ partners: { edges: { node: { slug: string; kind: string } }[] } }>(
		request,
		'{ partners(first: 100) { edges { node { slug kind } } } }'
	);
	const groups: Record<string, string> = {
		UN_AGENCY: 'United Nations agencies',
		EU_INSTITUTION: 'European Union institutions',
		GOVERNMENT: 'Governments, ministries and embassies',
		INTERNATIONAL_ORGANISATION: 'International organisations',
		NGO: 'Civil society organisations',
		DONOR: 'Donors and funds',
		OTHER: 'Other organisations'
	};
	for (const { node } of data.partners.edges) {
		const region = page.getByRole('region', { name: groups[node.kind] });
		await expect(region.locator(`a[href="/en/partners/${node.slug}"]`), `${node.slug} under ${groups[node.kind]}`).toHaveCount(1);
	}
});

test('a partner page: its projects by role and the news that mention it', async ({ page }) => {
	await page.goto('/en/partners/british-embassy-belgrade');
	await settle(page);
	const main = page.getByRole('main');
	await expect(main.locator(`a[href="/en/projects/${SLUGS.projectGbp}"]`).first()).toBeVisible();
	await page.goto('/en/partners/emn');
	await settle(page);
	await expect(page.getByRole('main').locator(`a[href="/en/news/${SLUGS.news2}"]`).first()).toBeVisible();
});
