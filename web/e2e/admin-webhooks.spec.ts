// The webhooks page: admins register an endpoint (its secret shown once, masked after),
// send a test event and read the delivery log; editors do not see the page. The server
// runs without --webhook-allow-private, so an endpoint on a documentation address
// (192.0.2.0/24) is refused at dial time, at once and without any network: the log says why.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { signIn } from './admin';

test('admins register a webhook endpoint, send a test event and read the log', async ({ page }) => {
	test.setTimeout(90_000); // axe is slow on a busy machine
	await signIn(page, { from: '/admin/webhooks', to: /\/admin\/webhooks$/ });
	await expect(page.getByRole('heading', { level: 1, name: 'Webhookovi' })).toBeVisible();

	// A URL that is not http(s): the field is marked and focused.
	await page.locator('#f-url').fill('ftp://partner.example.org/hooks');
	await page.getByRole('button', { name: 'Dodaj adresu' }).click();
	await expect(page.locator('#f-url')).toBeFocused();
	await expect(page.locator('#f-url')).toHaveAttribute('aria-invalid', 'true');

	const url = `http://192.0.2.10/hooks/${Date.now()}`;
	await page.locator('#f-url').fill(url);
	await page.locator('#f-description').fill('E2E partner');
	await page.getByLabel('vesti').check();
	await page.getByLabel('objavljeno').check();
	await page.locator('#f-locale').selectOption('EN');
	await page.getByRole('button', { name: 'Dodaj adresu' }).click();
	await expect(page.getByRole('status')).toContainText('Adresa je dodata.');
	const secret = await page.locator('#new-secret').inputValue();
	expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

	const endpoints = page.getByRole('region', { name: 'Adrese' });
	const row = endpoints.getByRole('row').filter({ hasText: url });
	await expect(row).toContainText('vesti');
	await expect(row).toContainText('objavljeno');
	await expect(row).toContainText('whsec_…' + secret.slice(-4));
	await expect(row).not.toContainText(secret);

	await row.getByRole('button', { name: `Pošalji probni događaj: ${url}` }).click();
	await expect(page.getByRole('status')).toContainText('je u redu za slanje');
	const log = page.getByRole('region', { name: 'Dnevnik slanja' });
	await expect(async () => {
		await page.getByRole('button', { name: 'Osveži dnevnik' }).click();
		await expect(log.getByRole('row').filter({ hasText: url })).toContainText('webhook.test', { timeout: 1_000 });
	}).toPass({ timeout: 15_000 });
	const entry = log.getByRole('row').filter({ hasText: url }).first();
	await expect(entry).toContainText('nije uspelo');
	await expect(entry).toContainText('not a public address');

	// axe (WCAG 2.1 A and AA) with an endpoint, its secret shown and a log entry.
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

	page.once('dialog', (d) => d.accept());
	await row.getByRole('button', { name: `Ukloni: ${url}` }).click();
	await expect(page.getByRole('status')).toContainText('je uklonjena');
	await expect(endpoints.getByRole('row').filter({ hasText: url })).toHaveCount(0);
});

test('editors do not see the webhooks page', async ({ page, browser, baseURL }) => {
	// An editor's account, made by the admin through the API.
	await signIn(page);
	const email = `webhooks.${Date.now()}@e2e.example.gov.rs`;
	const password = 'editor-password-2026';
	const made = await page.request.post('/graphql', {
		data: { query: 'mutation($e: String!, $p: String!) { createUser(email: $e, password: $p, role: EDITOR) { id } }', variables: { e: email, p: password } },
		headers: { Origin: baseURL ?? '' }
	});
	expect(await made.json()).toMatchObject({ data: { createUser: { id: expect.any(String) } } });

	const other = await browser.newContext({ baseURL });
	const editor = await other.newPage();
	await signIn(editor, { email, password });
	await expect(editor.getByRole('link', { name: 'Webhookovi' })).toHaveCount(0);
	await editor.goto('/admin/webhooks');
	await expect(editor.getByRole('main')).toContainText('Nemate dozvolu');
	await other.close();
});
