// The API as partners' programs see it: the GraphQL-over-HTTP conformance audit of
// graphql-http (the reference implementation's own checks, MUST and SHOULD), and the
// fair-use limit, which counts programs but not the site's own pages.
import { serverAudits } from 'graphql-http';
import { expect, test } from './fixtures';
import { E2E_RATE_LIMIT } from './portal';

test('GraphQL over HTTP: every audit of graphql-http passes, MUST and SHOULD', async ({ baseURL }) => {
	const failed: string[] = [];
	for (const audit of serverAudits({ url: `${baseURL}/graphql`, fetchFn: fetch })) {
		const result = await audit.fn();
		if (result.status !== 'ok') failed.push(`${audit.id} ${audit.name}: ${result.reason}`);
	}
	expect(failed, 'audits that did not pass').toEqual([]);
});

test('fair use: a program is counted, the site’s own pages are not', async ({ page, request }) => {
	const res = await request.get('/graphql?query=' + encodeURIComponent('{ topics { slug } }'));
	expect(res.status()).toBe(200);
	expect(res.headers()['ratelimit-limit']).toBe(String(E2E_RATE_LIMIT));
	expect(Number(res.headers()['ratelimit-remaining'])).toBeLessThan(E2E_RATE_LIMIT);

	// A request from one of the site's pages, as the app sends them (Sec-Fetch-Site:
	// same-origin, set by the browser).
	await page.goto('/en/');
	const own = await page.evaluate(async () => {
		const r = await fetch('/graphql?query=' + encodeURIComponent('{ topics { slug } }'));
		return { status: r.status, limit: r.headers.get('ratelimit-limit') };
	});
	expect(own.status).toBe(200);
	expect(own.limit, 'the site’s own request is not counted').toBeNull();
});
