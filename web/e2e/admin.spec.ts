// The editors' area end to end, against the real binary: signing in and out, writing a
// news item in Cyrillic with a cover and an inline image, publishing it and finding it on
// the public site in Latin; drafts stay private; errors point at their fields; versions
// conflict; the publishing actions; accounts.
import { expect, settle, test } from './fixtures';
import { ADMIN, savedItem, signIn, uniqueWord } from './admin';

const COVER = 'e2e/files/cover.jpg';

test('sign-in: a wrong password is refused in words, the right one signs in', async ({ page, watch }) => {
	await page.goto('/admin');
	await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Latn');
	await expect(page).toHaveTitle(/Prijava za urednike – Uređivanje portala/);
	await page.getByLabel('E-pošta').fill(ADMIN.email);
	await page.getByLabel('Lozinka').fill('not-the-password-at-all');
	await page.getByRole('button', { name: 'Prijavi se' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText('E-pošta ili lozinka nisu tačni.');
	await expect(alert).toBeFocused();
	await expect(page.getByLabel('Lozinka')).toHaveAttribute('aria-invalid', 'true');
	await expect(page).toHaveURL(/\/admin$/);

	await page.getByLabel('Lozinka').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Prijavi se' }).click();
	await expect(page).toHaveURL(/\/admin\/news$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Vesti' })).toBeVisible();
	await expect(page.getByText(`Prijavljeni ste kao ${ADMIN.email}`)).toBeVisible();
	await settle(page);
	// The refused login is a 401 the browser logs; nothing else may go wrong.
	watch.consoleErrors.splice(0, watch.consoleErrors.length, ...watch.consoleErrors.filter((e) => !/status of 401/.test(e)));
	watch.expectClean();
});

test('signed out, an editors’ page leads to the sign-in and back to it afterwards', async ({ page }) => {
	await page.goto('/admin/projects?state=DRAFT');
	await expect(page).toHaveURL(/\/admin\?next=%2Fadmin%2Fprojects%3Fstate%3DDRAFT$/);
	await expect(page.getByText('Niste prijavljeni ili je sesija istekla.')).toBeVisible();
	await page.getByLabel('E-pošta').fill(ADMIN.email);
	await page.getByLabel('Lozinka').fill(ADMIN.password);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/admin\/projects\?state=DRAFT$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Projekti' })).toBeVisible();
	await expect(page.getByLabel('Stanje')).toHaveValue('DRAFT');
});

test('a news item written in Cyrillic with images, published, is on the public site in Latin and found by a Latin search', async ({
	page,
	request,
	watch
}) => {
	test.setTimeout(90_000);
	const w = uniqueWord();
	const title = { cyr: `Обука о азилу у Суботици ${w.cyr}`, lat: `Obuka o azilu u Subotici ${w.lat}` };

	await signIn(page);
	await page.getByRole('link', { name: 'Nova vest' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nova vest' })).toBeFocused();

	// The title in Cyrillic: Latin shown live, the slug suggested (in Latin) as it is typed.
	await page.locator('#f-title-sr').fill(title.cyr);
	const titleField = page.locator('#f-title-sr').locator('xpath=..');
	await expect(titleField.locator('.other-script')).toHaveText(`Latinica: ${title.lat}`);
	await expect(page.locator('#f-slug')).toHaveValue(`obuka-o-azilu-u-subotici-${w.lat}`);
	const slug = await page.locator('#f-slug').inputValue();

	await page.locator('#f-summary-sr').fill(`Тродневна обука за службенике ${w.cyr}.`);
	await page.locator('#f-body-sr').fill('Први пасус о **обуци** у Суботици.\n\nДруги пасус.');
	// The body in the other script, rendered by the server as the public will see it.
	await expect(page.locator('#f-body-sr-other')).toContainText('Prvi pasus o obuci u Subotici.');
	await expect(page.locator('#f-body-sr-other strong')).toHaveText('obuci');

	// Preview of the Markdown, then back to writing.
	const preview = page.getByRole('button', { name: 'Pregled: Srpski (ćirilica ili latinica)' });
	await preview.click();
	await expect(preview).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('#f-body-sr-preview strong')).toHaveText('обуци');
	await preview.click();
	await expect(page.locator('#f-body-sr')).toBeVisible();

	// An image in the body: alt text first, then the file; inserted where the cursor was.
	await page.locator('#f-body-sr').press('End');
	await page.getByRole('button', { name: 'Umetni sliku: Srpski (ćirilica ili latinica)' }).click();
	await expect(page.locator('#f-body-sr-img-alt')).toBeFocused();
	await page.getByRole('button', { name: 'Otpremi i umetni' }).click();
	await expect(page.locator('#f-body-sr-img-alt')).toHaveAttribute('aria-invalid', 'true');
	await page.locator('#f-body-sr-img-alt').fill('Учесници обуке');
	await page.locator('#f-body-sr-img-file').setInputFiles(COVER);
	await page.getByRole('button', { name: 'Otpremi i umetni' }).click();
	await expect(page.locator('#f-body-sr')).toBeFocused();
	await expect(page.locator('#f-body-sr')).toHaveValue(/Други пасус\.\n\n!\[Учесници обуке\]\(\/media\/[\w-]+\.jpg\)\n$/);

	// The cover, with its alt text.
	await page.locator('#f-cover-file').setInputFiles(COVER);
	await expect(page.locator('img.cover-preview')).toBeVisible();
	await expect(page.locator('#f-cover-alt-sr')).toBeFocused();
	await page.locator('#f-cover-alt-sr').fill('Зграда Комесаријата');
	await page.getByLabel('Azil', { exact: true }).check();

	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Vest je sačuvana kao nacrt.' })).toBeVisible();
	const { id } = await savedItem(page, 'news');
	await expect(page.getByRole('heading', { level: 1, name: 'Izmena vesti' })).toBeVisible();
	const publishing = page.getByRole('region', { name: 'Objavljivanje' });
	await expect(publishing).toContainText('Nacrt');

	// A draft is not public: no page, no search hit.
	expect((await request.get(`/sr-latn/news/${slug}`)).status()).toBe(404);
	const draftSearch = await request.post('/graphql', {
		data: { query: 'query($q:String!){ search(query:$q, locale: SR_LATN){ totalCount } }', variables: { q: w.lat } }
	});
	expect((await draftSearch.json()).data.search.totalCount).toBe(0);

	await publishing.getByRole('button', { name: 'Objavi odmah' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Objavljeno.' })).toBeVisible();
	await expect(publishing).toContainText('Objavljeno');

	// The public item page, in Latin.
	await page.goto(`/sr-latn/news/${slug}`);
	await expect(page.locator('h1')).toHaveText(title.lat);
	await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Latn');
	await expect(page.getByRole('main')).toContainText('Prvi pasus o obuci u Subotici.');
	await expect(page.getByRole('main').getByRole('img', { name: 'Učesnici obuke' })).toBeVisible();
	await expect(page.getByRole('main').getByRole('img', { name: 'Zgrada Komesarijata' })).toBeVisible();

	// A Latin search finds it.
	await page.goto('/sr-latn/search');
	await page.getByRole('searchbox').fill(`subotici ${w.lat}`);
	await expect(page.getByRole('link', { name: title.lat })).toBeVisible();
	await page.getByRole('link', { name: title.lat }).click();
	await expect(page).toHaveURL(new RegExp(`/sr-latn/news/${slug}$`));

	// Back in the editors' area: the list shows it published; then sign out.
	await page.goto(`/admin/news?q=${encodeURIComponent(w.lat)}`);
	const row = page.getByRole('row', { name: new RegExp(w.cyr) });
	await expect(row).toContainText('Objavljeno');
	await expect(row.getByRole('link')).toHaveAttribute('href', `/admin/news/${encodeURIComponent(id)}`);
	await page.getByRole('button', { name: 'Odjavi se' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Prijava za urednike' })).toBeVisible();
	await expect(page.getByText('Odjavljeni ste.')).toBeVisible();
	await page.goto('/admin');
	await expect(page.getByRole('heading', { level: 1, name: 'Prijava za urednike' })).toBeVisible();
	await page.goto('/admin/news');
	await expect(page).toHaveURL(/\/admin\?next=%2Fadmin%2Fnews$/);
	await settle(page);
	watch.expectClean();
});

test('a saved draft stays off the public site', async ({ page, request }) => {
	const w = uniqueWord();
	await signIn(page, { from: '/admin/news/new', to: /\/admin\/news\/new$/ });
	await page.locator('#f-title-en').fill(`Draft notice ${w.lat}`);
	await page.locator('#f-title-sr').fill(`Nacrt obaveštenja ${w.lat}`);
	await expect(page.locator('#f-title-sr').locator('xpath=..').locator('.other-script')).toHaveText(`Ћирилица: Нацрт обавештења ${w.cyr}`);
	await expect(page.locator('#f-slug')).toHaveValue(`nacrt-obavestenja-${w.lat}`);
	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Vest je sačuvana kao nacrt.' })).toBeVisible();
	for (const l of ['sr-cyrl', 'sr-latn', 'en']) {
		expect((await request.get(`/${l}/news/nacrt-obavestenja-${w.lat}`)).status(), l).toBe(404);
	}
	await page.goto(`/sr-latn/news/nacrt-obavestenja-${w.lat}`);
	await expect(page.locator('h1')).toHaveText(/nije pronađena/i);
	await page.goto('/sr-latn/news');
	await expect(page.getByRole('main')).not.toContainText(w.lat);
});

test('invalid input: an error summary, the field marked and focused', async ({ page }) => {
	await signIn(page, { from: '/admin/news/new', to: /\/admin\/news\/new$/ });
	await page.locator('#f-summary-en').fill('A summary without a title.');
	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Ispravite sledeće' });
	await expect(summary).toBeVisible();
	const title = page.locator('#f-title-sr');
	await expect(title).toBeFocused();
	await expect(title).toHaveAttribute('aria-invalid', 'true');
	await expect(title).toHaveAttribute('aria-describedby', /f-title-sr-error/);
	await expect(page.locator('#f-title-sr-error')).toBeVisible();
	// The summary's link goes to the field.
	await page.locator('#f-summary-en').focus();
	await summary.getByRole('link').first().click();
	await expect(title).toBeFocused();
	await expect(page).toHaveURL(/\/admin\/news\/new$/);
});

test('unsaved changes: leaving asks first; a session that ends keeps the text for after signing in', async ({ page, context }) => {
	await signIn(page, { from: '/admin/news/new', to: /\/admin\/news\/new$/ });
	await page.locator('#f-title-sr').fill('Текст који не сме да се изгуби');

	// Leaving through the menu asks; staying keeps the text.
	let asked = '';
	page.once('dialog', (d) => {
		asked = d.message();
		void d.dismiss();
	});
	await page.getByRole('navigation', { name: 'Uređivanje' }).getByRole('link', { name: 'Projekti' }).click();
	await expect.poll(() => asked).toContain('nesačuvane izmene');
	await expect(page).toHaveURL(/\/admin\/news\/new$/);
	await expect(page.locator('#f-title-sr')).toHaveValue('Текст који не сме да се изгуби');

	// The session ends (the cookie is gone); saving goes to the sign-in and back, text kept.
	await context.clearCookies();
	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	await expect(page).toHaveURL(/\/admin\?next=%2Fadmin%2Fnews%2Fnew$/);
	await page.getByLabel('E-pošta').fill(ADMIN.email);
	await page.getByLabel('Lozinka').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Prijavi se' }).click();
	await expect(page).toHaveURL(/\/admin\/news\/new$/);
	await expect(page.locator('#f-title-sr')).toHaveValue('Текст који не сме да се изгуби');
	await expect(page.getByRole('status').filter({ hasText: 'Vraćen je tekst' })).toBeVisible();
});

test('a stale version is a conflict that offers the latest version', async ({ page, browser, baseURL }) => {
	const w = uniqueWord();
	await signIn(page, { from: '/admin/partners/new', to: /\/admin\/partners\/new$/ });
	await page.locator('#f-name-sr').fill(`Udruženje ${w.lat}`);
	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Partner je sačuvan kao nacrt.' })).toBeVisible();
	// The saved partner's own address: the other editor must open this item, not a new one.
	const { url } = await savedItem(page, 'partners');

	// Someone else changes it meanwhile.
	const other = await browser.newContext({ baseURL });
	const page2 = await other.newPage();
	await signIn(page2, { from: url, to: new RegExp(`${new URL(url).pathname}$`) });
	await page2.locator('#f-acronym').fill('UDR');
	await page2.getByRole('button', { name: 'Sačuvaj', exact: true }).click();
	await expect(page2.getByRole('status').filter({ hasText: 'Sačuvano.' })).toBeVisible();
	await other.close();

	await page.locator('#f-name-en').fill(`Association ${w.lat}`);
	await page.getByRole('button', { name: 'Sačuvaj', exact: true }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Neko drugi je u međuvremenu izmenio ovu stavku');
	await expect(alert).toBeFocused();
	await alert.getByRole('button', { name: 'Učitaj najnoviju verziju' }).click();
	await expect(page.locator('#f-acronym')).toHaveValue('UDR');
	await expect(page.locator('#f-name-en')).toHaveValue('');
	await expect(page.getByRole('status').filter({ hasText: 'Učitana je najnovija verzija.' })).toBeVisible();
});

test('schedule, unpublish, delete and restore a partner', async ({ page }) => {
	const w = uniqueWord();
	await signIn(page, { from: '/admin/partners/new', to: /\/admin\/partners\/new$/ });
	await page.locator('#f-name-en').fill(`Foundation ${w.lat}`);
	await page.locator('#f-kind').selectOption('DONOR');
	await page.locator('#f-website').fill('https://foundation.example.org');
	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	const publishing = page.getByRole('region', { name: 'Objavljivanje' });
	await expect(publishing).toContainText('Nacrt');

	// A time in the past is refused here, at the field.
	await page.locator('#f-at').fill('2020-01-01T10:00');
	await publishing.getByRole('button', { name: 'Zakaži objavu' }).click();
	await expect(page.locator('#f-at')).toBeFocused();
	await expect(page.locator('#f-at')).toHaveAttribute('aria-invalid', 'true');

	const tomorrow = new Date(Date.now() + 36 * 3600_000);
	const p = (n: number) => String(n).padStart(2, '0');
	await page.locator('#f-at').fill(`${tomorrow.getFullYear()}-${p(tomorrow.getMonth() + 1)}-${p(tomorrow.getDate())}T09:30`);
	await publishing.getByRole('button', { name: 'Zakaži objavu' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Objava je zakazana za' })).toBeVisible();
	await expect(publishing).toContainText('Zakazano');

	await publishing.getByRole('button', { name: 'Povuci sa sajta' }).click();
	await expect(publishing).toContainText('Nacrt');

	page.once('dialog', (d) => d.accept());
	await publishing.getByRole('button', { name: 'Obriši' }).click();
	await expect(publishing).toContainText('Obrisano');
	await publishing.getByRole('button', { name: 'Vrati (kao nacrt)' }).click();
	await expect(publishing).toContainText('Nacrt');

	await page.goto(`/admin/partners?state=DRAFT&q=${w.lat}`);
	await expect(page.getByRole('row', { name: new RegExp(w.lat) })).toContainText('Nacrt');
});

test('a project with every kind of field saves and comes back as written', async ({ page }) => {
	const w = uniqueWord();
	await signIn(page, { from: '/admin/projects/new', to: /\/admin\/projects\/new$/ });
	await page.locator('#f-title-sr').fill(`Подршка систему азила ${w.cyr}`);
	await page.locator('#f-officialTitle-en').fill(`Support to the asylum system ${w.lat}`);
	await page.locator('#f-summary-sr').fill('Кратко.');
	await page.locator('#f-description-en').fill('## Goals\n\n- one\n- two');
	await page.locator('#f-status').selectOption('ONGOING');
	await page.locator('#f-startDate').fill('2024-03-01');
	await page.locator('#f-endDate').fill('2025-02-28');
	await page.locator('#f-datePrecision').selectOption('MONTH');
	await page.locator('#f-budget-amount').fill('49890.52');
	await page.locator('#f-budget-currency').fill('eur');
	await page.locator('#f-funders').selectOption('iom');
	await page.getByRole('button', { name: 'Dodaj: Donatori' }).click();
	await page.locator('#f-implementers').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Dodaj: Realizatori' }).click();
	await page.locator('#f-locations-sr').fill('Београд\nСуботица');
	await page.locator('#f-url').fill('https://example.org/project');
	await page.getByRole('button', { name: 'Sačuvaj kao nacrt' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Projekat je sačuvan kao nacrt.' })).toBeVisible();

	await page.reload();
	await expect(page.locator('#f-title-sr')).toHaveValue(`Подршка систему азила ${w.cyr}`);
	await expect(page.locator('#f-budget-amount')).toHaveValue('49890.52');
	await expect(page.locator('#f-budget-currency')).toHaveValue('EUR');
	await expect(page.locator('#f-datePrecision')).toHaveValue('MONTH');
	await expect(page.locator('#f-locations-sr')).toHaveValue('Београд\nСуботица');
	await expect(page.locator('.slug-list').filter({ hasText: 'Donatori' }).locator('li')).toHaveCount(1);

	// The public preview of the saved version, in Latin.
	await page.getByRole('button', { name: 'Prikaži pregled' }).click();
	await expect(page.locator('#preview-body h3')).toHaveText(`Podrška sistemu azila ${w.lat}`);
});

test('admins manage accounts; the users page is for admins only', async ({ page, browser, baseURL }) => {
	const w = uniqueWord();
	const email = `urednik.${w.lat}@e2e.example.gov.rs`;
	const password = 'editor-password-2026';
	await signIn(page, { from: '/admin/users', to: /\/admin\/users$/ });
	await page.locator('#f-email').fill(email);
	await page.locator('#f-password').fill('short');
	await page.getByRole('button', { name: 'Napravi nalog' }).click();
	await expect(page.locator('#f-password')).toBeFocused();
	await expect(page.locator('#f-password')).toHaveAttribute('aria-invalid', 'true');
	await page.locator('#f-password').fill(password);
	await page.getByRole('button', { name: 'Napravi nalog' }).click();
	await expect(page.getByRole('status').filter({ hasText: `Nalog ${email} je napravljen.` })).toBeVisible();
	const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
	await expect(row).toContainText('Aktivan');

	// An editor sees no users page.
	const other = await browser.newContext({ baseURL });
	const editor = await other.newPage();
	await signIn(editor, { email, password });
	await expect(editor.getByRole('link', { name: 'Korisnici' })).toHaveCount(0);
	await editor.goto('/admin/users');
	await expect(editor.getByRole('main')).toContainText('Nemate dozvolu');
	await other.close();

	await row.getByRole('button', { name: `Onemogući: ${email}` }).click();
	await expect(row).toContainText('Onemogućen od');
	await row.getByRole('button', { name: `Omogući: ${email}` }).click();
	await expect(row).toContainText('Aktivan');
	await row.getByLabel(`Uloga za ${email}`).selectOption('ADMIN');
	await row.getByRole('button', { name: `Promeni ulogu: ${email}` }).click();
	await expect(page.getByRole('status').filter({ hasText: `Nalog ${email} je izmenjen.` })).toBeVisible();

	await page.getByRole('link', { name: 'Dnevnik izmena' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dnevnik izmena' })).toBeVisible();
	await expect(page.getByRole('table')).toContainText(email);
});
