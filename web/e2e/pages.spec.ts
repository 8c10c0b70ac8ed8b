// Every page type in every locale: its status, <html lang>, a visible h1, and a clean
// console: no errors, no Content-Security-Policy violation, no request to another origin.
import { ALL_PAGES, expect, itemTitle, LOCALES, settle, SLUGS, switcherLink, test } from './fixtures';

for (const p of ALL_PAGES) {
	test(`${p.locale.path} ${p.kind}: ${p.path}`, async ({ page, watch, request }) => {
		const res = await page.goto(p.path);
		expect(res, 'a response').not.toBeNull();
		expect(res!.status(), `status of ${p.path}`).toBe(p.status);
		expect(res!.headers()['content-type'] ?? '').toContain('text/html');

		await expect(page.locator('html')).toHaveAttribute('lang', p.locale.lang);
		const h1 = page.locator('h1');
		await expect(h1).toHaveCount(1);
		await expect(h1).toBeVisible();
		await expect(h1).not.toHaveText(/^\s*$/);

		if (p.kind === 'news-item' || p.kind === 'project' || p.kind === 'partner') {
			const slug = { 'news-item': SLUGS.news, project: SLUGS.project, partner: SLUGS.partner }[p.kind];
			await expect(h1).toContainText(await itemTitle(request, p.kind, slug, p.locale));
		}
		// The language switcher is on every page, and its links keep the same page (through
		// /language/, which remembers the choice: server/lang.go).
		const here = new URL(p.path, 'http://x').pathname;
		for (const other of LOCALES.filter((l) => l !== p.locale)) {
			const link = switcherLink(page, other);
			await expect(link, `the switcher's ${other.label} link`).toHaveCount(1);
			const href = await link.getAttribute('href');
			const strip = (s: string) => s.replace(/\/+$/, '');
			expect(strip(new URL(href!, page.url()).pathname), `${other.label} keeps the page`).toBe(
				'/language' + strip(here.replace(`/${p.locale.path}/`, `/${other.path}/`))
			);
		}
		await settle(page);
		watch.expectClean({ allow404Resource: p.status === 404 });
	});
}
