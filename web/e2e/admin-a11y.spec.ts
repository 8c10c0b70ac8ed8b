// axe-core (WCAG 2.0/2.1, A and AA) on the editors' pages: the sign-in, the lists, every
// form (new and existing), the accounts and the audit log; and the editor used with the
// keyboard only.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, settle, test } from './fixtures';
import { signIn } from './admin';

async function axe(page: Page, what: string) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const lines = result.violations.map(
		(v) => `${v.id} [${v.impact}]: ${v.help} → ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\n/g, ' ')})` : ''}`).join(', ')}`
	);
	if (lines.length) console.log(`axe violations on ${what}:\n${lines.join('\n')}`);
	expect(lines, what).toEqual([]);
}

test('axe: the sign-in page, also with its error', async ({ page }) => {
	await page.goto('/admin');
	await settle(page);
	await axe(page, 'sign-in');
	await page.getByRole('button', { name: 'Prijavi se' }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	await axe(page, 'sign-in with an error');
});

test('axe: lists, forms, accounts and the audit log', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page);
	for (const path of [
		'/admin/news',
		'/admin/news?state=DELETED&q=zzz',
		'/admin/projects',
		'/admin/partners',
		'/admin/news/new',
		'/admin/projects/new',
		'/admin/partners/new',
		'/admin/users',
		'/admin/audit'
	]) {
		await page.goto(path);
		await settle(page);
		await axe(page, path);
	}
	// An existing item of each kind (the demo content), with its preview open.
	for (const section of ['news', 'projects', 'partners']) {
		await page.goto(`/admin/${section}`);
		await settle(page);
		await page.locator('tbody tr th a').first().click();
		await expect(page.locator('#f-slug')).toBeVisible();
		await page.getByRole('button', { name: 'Prikaži pregled' }).click();
		await expect(page.locator('#preview-body article')).toBeVisible();
		await settle(page);
		await axe(page, `an existing item of ${section}`);
	}
	// A form with errors and an open image panel.
	await page.goto('/admin/news/new');
	await settle(page);
	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	await page.getByRole('button', { name: 'Umetni sliku: Srpski (ćirilica ili latinica)' }).click();
	await page.getByRole('button', { name: 'Otpremi i umetni' }).click();
	await axe(page, 'a news form with errors');
});

test('axe at 320 px: the sign-in and a news form', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/admin');
	await settle(page);
	await axe(page, 'sign-in at 320 px');
	await signIn(page);
	await page.goto('/admin/news/new');
	await settle(page);
	await axe(page, 'a news form at 320 px');
	// Nothing wider than the screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('keyboard only: sign in, write a partner, save', async ({ page }) => {
	await page.goto('/admin');
	await settle(page);
	// The skip link comes first, then the form.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Pređi na sadržaj' })).toBeFocused();
	await page.getByLabel('E-pošta').focus();
	await page.keyboard.type('admin@e2e.example.gov.rs');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Lozinka')).toBeFocused();
	await page.keyboard.type('e2e-admin-password-2026');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/admin\/news$/);

	await page.goto('/admin/partners/new');
	await settle(page);
	await page.locator('#f-name-sr').focus();
	await page.keyboard.type('Tastatura bez miša');
	// Tab order: Serbian name, English name, slug, acronym, kind …
	await page.keyboard.press('Tab');
	await expect(page.locator('#f-name-en')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.locator('#f-slug')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.locator('#f-acronym')).toBeFocused();
	await page.keyboard.type('TBM');
	await page.keyboard.press('Enter'); // submits the form
	await expect(page.getByRole('status').filter({ hasText: 'Partner je sačuvan kao nacrt.' })).toBeVisible();
	// Focus is visible: the focused control has an outline.
	await page.locator('#f-acronym').focus();
	const outline = await page.locator('#f-acronym').evaluate((el) => getComputedStyle(el).outlineStyle);
	expect(outline).not.toBe('none');
});
