// Language on arrival (server/lang.go): / sends a browser to the locale it asks for, English
// for languages the site does not have, and a choice made with the language switcher is
// remembered in a cookie that wins on / from then on, with JavaScript and without (the
// switcher's links pass through /language/, which sets the cookie and sends the browser on).
import { expect, LOCALES, pathOf, settle, switcherLink, test } from './fixtures';

const latn = LOCALES.find((l) => l.path === 'sr-latn')!;
const en = LOCALES.find((l) => l.path === 'en')!;

for (const c of [
	{ browser: 'ar-EG', to: '/en/' },
	{ browser: 'fa-IR', to: '/en/' },
	{ browser: 'ru-RU', to: '/en/' },
	{ browser: 'hr-HR', to: '/sr-latn/' },
	{ browser: 'sr-RS', to: '/sr-cyrl/' }
]) {
	test.describe(`a browser set to ${c.browser}`, () => {
		test.use({ locale: c.browser });
		test(`opens / in ${c.to}`, async ({ page }) => {
			await page.goto('/');
			expect(pathOf(page)).toBe(c.to);
		});
	});
}

test.describe('the switcher', () => {
	test.use({ locale: 'en-GB' });
	test('remembers the chosen locale for a year, and / opens in it', async ({ page, context, watch }) => {
		await page.goto('/');
		expect(pathOf(page)).toBe('/en/');
		await settle(page);
		expect(await context.cookies(), 'no cookie before a choice').toEqual([]);

		await switcherLink(page, latn).click();
		await expect(page).toHaveURL(/\/sr-latn\/$/);
		const [cookie] = await context.cookies();
		expect(cookie).toMatchObject({ name: 'locale', value: 'sr-latn', path: '/', sameSite: 'Lax', httpOnly: false });
		const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
		expect(days, 'the cookie lasts a year').toBeGreaterThan(364);
		expect(days).toBeLessThan(366);

		// The browser still asks for English; the choice wins.
		await page.goto('/');
		expect(pathOf(page)).toBe('/sr-latn/');
		await settle(page);

		await switcherLink(page, en).click();
		await expect(page).toHaveURL(/\/en\/$/);
		expect((await context.cookies()).find((c) => c.name === 'locale')?.value).toBe('en');
		await page.goto('/');
		expect(pathOf(page)).toBe('/en/');
		await settle(page);
		watch.expectClean();
	});
});

test.describe('the switcher without JavaScript', () => {
	test.use({ locale: 'en-GB', javaScriptEnabled: false });
	test('remembers the chosen locale too, and / opens in it', async ({ page, context }) => {
		await page.goto('/en/news');
		expect(await context.cookies(), 'no cookie before a choice').toEqual([]);

		await switcherLink(page, latn).click();
		expect(pathOf(page), 'the same page in the chosen locale').toBe('/sr-latn/news');
		await expect(page.locator('main h1')).toBeVisible();
		const [cookie] = await context.cookies();
		expect(cookie).toMatchObject({ name: 'locale', value: 'sr-latn', path: '/', sameSite: 'Lax' });
		const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
		expect(days, 'the cookie lasts a year').toBeGreaterThan(364);

		// The browser still asks for English; the choice wins.
		await page.goto('/');
		expect(pathOf(page)).toBe('/sr-latn/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Latn');
	});
});
