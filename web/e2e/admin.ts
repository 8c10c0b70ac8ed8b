// Helpers for the editors' area tests: signing in through the form, unique words for the
// items a test writes (the database lives for the whole run, and a retry writes again).
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { ADMIN } from './portal';

export { ADMIN };

/** Signs in through the sign-in form and waits for where it leads (the news list by default). */
export async function signIn(page: Page, opts: { from?: string; to?: RegExp; email?: string; password?: string } = {}) {
	await page.goto(opts.from ?? '/admin');
	await expect(page.getByRole('heading', { level: 1, name: 'Prijava za urednike' })).toBeVisible();
	await page.getByLabel('E-pošta').fill(opts.email ?? ADMIN.email);
	await page.getByLabel('Lozinka').fill(opts.password ?? ADMIN.password);
	await page.getByRole('button', { name: 'Prijavi se' }).click();
	await expect(page).toHaveURL(opts.to ?? /\/admin\/news$/);
	await expect(page.locator('main h1')).toBeVisible();
}

const CYR = 'абвгдезикл';
const LAT = 'abvgdezikl';

/** A word no other item has, in Cyrillic and in Latin (letters without diacritics). */
export function uniqueWord(): { cyr: string; lat: string } {
	const digits = `${Date.now() % 1e7}${Math.floor(Math.random() * 100)}`.split('').map(Number);
	return { cyr: digits.map((d) => CYR[d]).join(''), lat: digits.map((d) => LAT[d]).join('') };
}

/**
 * Waits until the editor shows a saved item and returns its address and id. A new item's
 * editor is at /admin/{section}/new until the create has answered; only then does its
 * address become /admin/{section}/{id}. A pattern that also matches "new" is true at
 * once, before the item exists.
 */
export async function savedItem(page: Page, section: 'news' | 'projects' | 'partners'): Promise<{ url: string; id: string }> {
	await expect(page).toHaveURL(new RegExp(`/admin/${section}/(?!new$)[^/?#]+$`));
	const url = page.url();
	return { url, id: decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') };
}
