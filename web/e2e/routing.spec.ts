// Deep links render directly (first load and reload), and what does not exist is a real
// 404: the app's 404 page with status 404 for pages, a plain 404 (not the app's HTML
// shell) for unknown API and asset paths.
import { expect, itemTitle, LOCALES, settle, SLUGS, test } from './fixtures';

const en = LOCALES.find((l) => l.path === 'en')!;
const latn = LOCALES.find((l) => l.path === 'sr-latn')!;
const cyrl = LOCALES.find((l) => l.path === 'sr-cyrl')!;

const deepLinks = [
	{ locale: en, kind: 'news-item', path: `/en/news/${SLUGS.news}`, slug: SLUGS.news },
	{ locale: latn, kind: 'project', path: `/sr-latn/projects/${SLUGS.project}`, slug: SLUGS.project },
	{ locale: cyrl, kind: 'partner', path: `/sr-cyrl/partners/${SLUGS.partner}`, slug: SLUGS.partner }
] as const;

for (const d of deepLinks) {
	test(`deep link ${d.path} renders directly, and again after a reload`, async ({ page, request, watch }) => {
		const title = await itemTitle(request, d.kind, d.slug, d.locale);
		const res = await page.goto(d.path);
		expect(res!.status()).toBe(200);
		await expect(page.locator('h1')).toContainText(title);
		await expect(page.locator('html')).toHaveAttribute('lang', d.locale.lang);

		const again = await page.reload();
		expect(again!.status()).toBe(200);
		await expect(page.locator('h1')).toContainText(title);
		expect(new URL(page.url()).pathname).toBe(d.path);
		await settle(page);
		watch.expectClean();
	});
}

test('a news item shows its date, "last updated", body, related items and back/top links', async ({ page }) => {
	// The workshop item has an updatedAt (24 April 2024) and a related project.
	await page.goto(`/en/news/${SLUGS.news2}`);
	await settle(page);
	const main = page.getByRole('main');
	await expect(main.locator('time').first()).toBeVisible();
	await expect(main).toContainText(/2021/);
	await expect(main).toContainText(/last updated/i);
	await expect(main).toContainText(/2024/);
	// The body (verbatim from the seed, typo included).
	await expect(main).toContainText('The Commissioner for Refugees and Migration Mr Vladmir Cucic');
	// Related project and partners, linked in the same locale.
	await expect(
		main.locator('a[href$="/en/projects/support-to-strengthening-migration-management-and-asylum-system-in-serbia"]').first()
	).toBeVisible();
	await expect(main.locator('a[href$="/en/partners/emn"]').first()).toBeVisible();
	// Back to the list, and to the top of the page.
	await expect(page.locator('a[href$="/en/news"]').first()).toBeVisible();
	await expect(page.locator('a[href^="#"]').filter({ hasText: /top/i }).first()).toBeAttached();
});

test('unknown slugs show the 404 page with status 404', async ({ page, watch }) => {
	for (const path of ['/en/news/no-such-item', '/sr-latn/projects/no-such-project', '/sr-cyrl/partners/no-such-partner']) {
		const res = await page.goto(path);
		expect(res!.status(), `status of ${path}`).toBe(404);
		expect(res!.headers()['content-type']).toContain('text/html');
		await expect(page.locator('h1')).toBeVisible();
		await expect(page.locator('h1')).toContainText(/404|not found|није пронађен|nije pronađen|не постоји|ne postoji/i);
	}
	await settle(page);
	watch.expectClean({ allow404Resource: true });
});

test('an unknown page is a 404 with the app 404 page', async ({ page, request }) => {
	const res = await page.goto('/en/nope');
	expect(res!.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('h1')).toBeVisible();
	// The 404 page links back home.
	await expect(page.getByRole('main').locator('a[href="/en/"], a[href="/en"]').first()).toBeVisible();

	const raw = await request.get('/en/nope');
	expect(raw.status()).toBe(404);
});

for (const path of ['/_app/immutable/nope.js', '/_app/immutable/chunks/nope.js', '/_app/version-nope.json', '/graphql/x', '/api/nope', '/favicon-nope.ico']) {
	test(`${path} is a plain 404, not the app shell`, async ({ request }) => {
		const res = await request.get(path, { maxRedirects: 0 });
		expect(res.status()).toBe(404);
		const body = await res.text();
		expect(body, 'not the HTML shell').not.toMatch(/<html|<script|_app\/immutable/i);
		expect(res.headers()['content-type'] ?? '').not.toContain('text/html');
	});
}
