// What Go sends, seen with a plain HTTP client (no browser): caching, the CSP, compression
// with ETags, the locale redirect of /, and the <head> it injects into item pages.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, itemTitle, LOCALES, SLUGS, test } from './fixtures';

/** A response header, '' when absent. */
function hdr(res: APIResponse, name: string): string {
	return res.headers()[name] ?? '';
}

/** Directive name → its source list, from a CSP header. */
function parseCsp(header: string): Map<string, string[]> {
	const m = new Map<string, string[]>();
	for (const part of header.split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name && !m.has(name.toLowerCase())) m.set(name.toLowerCase(), values);
	}
	return m;
}

/** The first hashed JS file the shell loads. */
async function firstAsset(request: APIRequestContext): Promise<string> {
	const html = await (await request.get('/en/')).text();
	const m = html.match(/["'](\/_app\/immutable\/[^"']+\.js)["']/);
	expect(m, 'the shell references a hashed asset under /_app/immutable/').not.toBeNull();
	return m![1]!;
}

test('the shell: Cache-Control no-cache and a strict Content-Security-Policy', async ({ request }) => {
	for (const path of ['/en/', '/sr-cyrl/news', `/en/news/${SLUGS.news}`, '/en/nope']) {
		const res = await request.get(path);
		const h = res.headers();
		expect(h['cache-control'], `Cache-Control of ${path}`).toMatch(/\bno-cache\b/);
		const csp = h['content-security-policy'] ?? '';
		expect(csp, `Content-Security-Policy of ${path}`).toBeTruthy();
		const d = parseCsp(csp);
		const script = d.get('script-src') ?? d.get('default-src');
		expect(script, `script-src (or default-src) in ${csp}`).toBeTruthy();
		expect(script).toContain("'self'");
		expect(script, 'no unsafe-inline for scripts').not.toContain("'unsafe-inline'");
		expect(script, 'no unsafe-eval').not.toContain("'unsafe-eval'");
		expect(script!.filter((s) => s === '*' || /^https?:$/.test(s)), 'no wildcard sources').toEqual([]);
	}
});

test('the CSP is strict: no plugins, no <base> hijack, no framing by others', async ({ request }) => {
	const csp = hdr(await request.get('/en/'), 'content-security-policy');
	const d = parseCsp(csp);
	expect(d.get('object-src') ?? d.get('default-src'), `object-src in ${csp}`).toEqual(["'none'"]);
	expect(d.get('base-uri'), `base-uri in ${csp}`).toBeTruthy();
	expect(d.get('frame-ancestors'), `frame-ancestors in ${csp}`).toBeTruthy();
	// Nothing from another origin: every fetch-ish directive stays on 'self' (or none/data:).
	for (const [name, values] of d) {
		if (!/-src$/.test(name)) continue;
		const foreign = values.filter((v) => /^(https?:|\*|wss?:)/.test(v) || /\./.test(v));
		expect(foreign, `${name} allows another origin`).toEqual([]);
	}
});

test('hashed assets are cached for a year, immutable', async ({ request }) => {
	const asset = await firstAsset(request);
	const res = await request.get(asset);
	expect(res.status()).toBe(200);
	const cc = hdr(res, 'cache-control');
	expect(cc).toMatch(/\bpublic\b/);
	expect(cc).toMatch(/\bmax-age=31536000\b/);
	expect(cc).toMatch(/\bimmutable\b/);
	expect(hdr(res, 'content-type')).toMatch(/javascript/);
});

test('assets: precompressed br and gzip, each with its ETag and 304', async ({ request }) => {
	const html = await (await request.get('/en/')).text();
	const refs = [...new Set([...html.matchAll(/["'](\/_app\/immutable\/[^"']+\.(?:js|css))["']/g)].map((m) => m[1]!))];
	// Files of 1 KB or less are not worth compressing: test the three largest.
	const sized = await Promise.all(
		refs.map(async (path) => ({ path, size: (await (await request.get(path, { headers: { 'Accept-Encoding': 'identity' } })).body()).length }))
	);
	const assets = sized.sort((a, b) => b.size - a.size).slice(0, 3).map((a) => a.path);
	expect(sized[0]?.size ?? 0, 'the shell loads a JS or CSS file over 1 KB').toBeGreaterThan(1024);
	for (const path of assets) {
		const br = await request.get(path, { headers: { 'Accept-Encoding': 'br' } });
		expect(br.status()).toBe(200);
		expect(hdr(br, 'content-encoding'), `br for ${path}`).toBe('br');
		expect(hdr(br, 'vary'), `Vary of ${path}`).toMatch(/accept-encoding/i);

		const gz = await request.get(path, { headers: { 'Accept-Encoding': 'gzip' } });
		expect(hdr(gz, 'content-encoding'), `gzip for ${path}`).toBe('gzip');
		// The same content whatever the encoding (the client decodes both).
		expect((await gz.body()).equals(await br.body()), `${path} decodes the same`).toBe(true);

		const plain = await request.get(path, { headers: { 'Accept-Encoding': 'identity' } });
		expect((hdr(plain, 'content-encoding') || 'identity')).toBe('identity');
		expect((await plain.body()).equals(await br.body())).toBe(true);

		for (const res of [br, gz, plain]) {
			const etag = hdr(res, 'etag');
			expect(etag, `ETag of ${path}`).toBeTruthy();
			const enc = (hdr(res, 'content-encoding') || 'identity');
			const again = await request.get(path, { headers: { 'Accept-Encoding': enc, 'If-None-Match': etag } });
			expect(again.status(), `If-None-Match ${etag} on ${path} (${enc})`).toBe(304);
		}
		// Different representations, different ETags.
		expect(new Set([br, gz, plain].map((r) => hdr(r, 'etag'))).size).toBe(3);
	}
});

test('the shell: ETag, then 304 on If-None-Match', async ({ request }) => {
	for (const path of ['/en/', `/sr-latn/news/${SLUGS.news}`]) {
		const res = await request.get(path);
		const etag = hdr(res, 'etag');
		expect(etag, `ETag of ${path}`).toBeTruthy();
		const again = await request.get(path, { headers: { 'If-None-Match': etag } });
		expect(again.status(), `If-None-Match on ${path}`).toBe(304);
		// The other locale's page is another document.
		const other = await request.get(path.replace(/^\/[a-z-]+/, '/sr-cyrl'), { headers: { 'If-None-Match': etag } });
		expect(other.status()).toBe(200);
	}
});

for (const c of [
	{ al: 'sr-Latn', to: '/sr-latn/' },
	{ al: 'sr-Latn-RS,sr;q=0.8,en;q=0.5', to: '/sr-latn/' },
	{ al: 'sr', to: '/sr-cyrl/' },
	{ al: 'sr-Cyrl-RS', to: '/sr-cyrl/' },
	{ al: 'en-GB,en;q=0.9', to: '/en/' },
	{ al: 'de-DE,en;q=0.7,sr;q=0.5', to: '/en/' }
]) {
	test(`/ with Accept-Language: ${c.al} redirects to ${c.to}`, async ({ request }) => {
		const res = await request.get('/', { headers: { 'Accept-Language': c.al }, maxRedirects: 0 });
		expect([301, 302, 303, 307, 308]).toContain(res.status());
		expect(new URL(hdr(res, 'location'), 'http://x').pathname).toBe(c.to);
		expect(hdr(res, 'vary')).toMatch(/accept-language/i);
	});
}

/** The value of an attribute in one tag of raw HTML (double- or single-quoted). */
function attr(tag: string, name: string): string | undefined {
	const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i'));
	return m ? (m[1] ?? m[2]) : undefined;
}

function tags(html: string, name: string): string[] {
	return html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? [];
}

function decode(s: string): string {
	return s
		.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
		.replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

const items = [
	{ kind: 'news-item', seg: 'news', slug: SLUGS.news2 },
	{ kind: 'project', seg: 'projects', slug: SLUGS.project },
	{ kind: 'partner', seg: 'partners', slug: SLUGS.partner }
] as const;

for (const locale of LOCALES) {
	for (const it of items) {
		const path = `/${locale.path}/${it.seg}/${it.slug}`;
		test(`raw HTML of ${path} has the injected title, description, canonical, hreflang and Open Graph`, async ({
			request
		}) => {
			const title = await itemTitle(request, it.kind, it.slug, locale);
			const res = await request.get(path);
			expect(res.status()).toBe(200);
			const html = await res.text();
			const head = html.slice(0, html.search(/<\/head>/i) + 1 || html.length);

			expect(head).toMatch(new RegExp(`<html[^>]*\\slang="${locale.lang}"`, 'i'));
			const t = head.match(/<title>([^<]*)<\/title>/i);
			expect(t, '<title>').not.toBeNull();
			expect(decode(t![1]!)).toContain(title);
			expect(head.match(/<title>/gi)?.length, 'one <title>').toBe(1);

			const metas = tags(head, 'meta');
			const meta = (key: string, by = 'property') =>
				metas.filter((m) => attr(m, by) === key).map((m) => decode(attr(m, 'content') ?? ''));
			expect(meta('description', 'name')).toHaveLength(1);
			expect(meta('description', 'name')[0]?.length ?? 0).toBeGreaterThan(20);
			expect(meta('og:title')).toEqual([expect.stringContaining(title)]);
			expect(meta('og:description')).toHaveLength(1);
			expect(meta('og:type')).toHaveLength(1);
			expect(meta('og:url')).toHaveLength(1);
			expect(new URL(meta('og:url')[0]!, 'http://x').pathname).toBe(path);
			expect(meta('og:locale')).toHaveLength(1);

			const links = tags(head, 'link');
			const canonical = links.filter((l) => attr(l, 'rel') === 'canonical');
			expect(canonical, 'one canonical link').toHaveLength(1);
			const href = attr(canonical[0]!, 'href')!;
			expect(href, 'the canonical URL is absolute').toMatch(/^https?:\/\//);
			expect(new URL(href).pathname).toBe(path);

			const alternates = new Map(
				links
					.filter((l) => attr(l, 'rel') === 'alternate' && attr(l, 'hreflang'))
					.map((l) => [attr(l, 'hreflang')!, attr(l, 'href')!])
			);
			for (const other of LOCALES) {
				const alt = alternates.get(other.lang);
				expect(alt, `hreflang="${other.lang}" in ${[...alternates.keys()]}`).toBeTruthy();
				expect(alt).toMatch(/^https?:\/\//);
				expect(new URL(alt!).pathname).toBe(`/${other.path}/${it.seg}/${it.slug}`);
			}
		});
	}
}
