// Shared fixtures and facts for the end-to-end tests: the locales, the demo content's
// slugs, one URL per page type, a watcher that records console errors, CSP violations and
// requests to other origins, and a small GraphQL client to learn expected titles.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export { expect };

export type Locale = {
	/** The first path segment. */
	path: 'sr-cyrl' | 'sr-latn' | 'en';
	/** `<html lang>` */
	lang: 'sr-Cyrl' | 'sr-Latn' | 'en';
	/** The API's Locale enum. */
	gql: 'SR_CYRL' | 'SR_LATN' | 'EN';
	/** The language switcher's label for this locale. */
	label: string;
};

export const LOCALES: Locale[] = [
	{ path: 'sr-cyrl', lang: 'sr-Cyrl', gql: 'SR_CYRL', label: 'Ћирилица' },
	{ path: 'sr-latn', lang: 'sr-Latn', gql: 'SR_LATN', label: 'Latinica' },
	{ path: 'en', lang: 'en', gql: 'EN', label: 'English' }
];

/** Real slugs of the demo content (store/demo/content.json). */
export const SLUGS = {
	news: 'enhanced-cooperation-between-serbia-and-hungary-in-the-field-of-asylum',
	news2: 'three-day-workshop-on-serbias-cooperation-with-the-european-migration-network',
	/** Budget 49890.52 EUR, completed, implementer APC/CZA. */
	project: 'enhancing-the-asylum-protection-system-in-serbia',
	/** Budget 224725 GBP, funder British Embassy Belgrade. */
	projectGbp: 'support-to-strengthening-migration-and-asylum-management-in-republic-of-serbia',
	partner: 'iom'
} as const;

export type PageKind =
	| 'home'
	| 'news'
	| 'news-item'
	| 'projects'
	| 'project'
	| 'partners'
	| 'partner'
	| 'search'
	| 'open-data'
	| 'not-found';

export type PageType = { kind: PageKind; path: string; status: number };

/** One URL for every page type of a locale. */
export function pageTypes(l: Locale): PageType[] {
	const p = `/${l.path}`;
	return [
		{ kind: 'home', path: `${p}/`, status: 200 },
		{ kind: 'news', path: `${p}/news`, status: 200 },
		{ kind: 'news-item', path: `${p}/news/${SLUGS.news}`, status: 200 },
		{ kind: 'projects', path: `${p}/projects`, status: 200 },
		{ kind: 'project', path: `${p}/projects/${SLUGS.project}`, status: 200 },
		{ kind: 'partners', path: `${p}/partners`, status: 200 },
		{ kind: 'partner', path: `${p}/partners/${SLUGS.partner}`, status: 200 },
		{ kind: 'search', path: `${p}/search?q=${encodeURIComponent('azil')}`, status: 200 },
		{ kind: 'open-data', path: `${p}/open-data`, status: 200 },
		{ kind: 'not-found', path: `${p}/no-such-page-here`, status: 404 }
	];
}

/** Every page type in every locale. */
export const ALL_PAGES: (PageType & { locale: Locale })[] = LOCALES.flatMap((locale) =>
	pageTypes(locale).map((t) => ({ ...t, locale }))
);

/** POSTs a query to the portal's own /graphql and returns `data`. */
export async function gql<T = Record<string, unknown>>(
	request: APIRequestContext,
	query: string,
	variables: Record<string, unknown> = {}
): Promise<T> {
	const res = await request.post('/graphql', { data: { query, variables } });
	expect(res.status(), `POST /graphql: ${await res.text()}`).toBe(200);
	const body = await res.json();
	expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
	return body.data as T;
}

/** The title (or partner name) an item page's h1 must show, as the API serves it. */
export async function itemTitle(
	request: APIRequestContext,
	kind: 'news-item' | 'project' | 'partner',
	slug: string,
	locale: Locale
): Promise<string> {
	const q = {
		'news-item': 'query($s:String!,$l:Locale){ x: newsItem(slug:$s, locale:$l){ t: title } }',
		project: 'query($s:String!,$l:Locale){ x: project(slug:$s, locale:$l){ t: title } }',
		partner: 'query($s:String!,$l:Locale){ x: partner(slug:$s, locale:$l){ t: name } }'
	}[kind];
	const data = await gql<{ x: { t: string } | null }>(request, q, { s: slug, l: locale.gql });
	expect(data.x, `${kind} ${slug} exists in the demo content`).not.toBeNull();
	return data.x!.t;
}

/** What went wrong on a page while a test looked at it. */
export type PageWatch = {
	consoleErrors: string[];
	pageErrors: string[];
	cspViolations: string[];
	foreignRequests: string[];
	failedRequests: string[];
	/** Asserts that nothing of the above happened (console errors about the expected 404 response excepted). */
	expectClean(opts?: { allow404Resource?: boolean }): void;
};

type Fixtures = { watch: PageWatch };

export const test = base.extend<Fixtures>({
	// The config is read before global-setup sets PORTAL_BASE_URL: read it again here.
	baseURL: async ({ baseURL }, use) => {
		const url = process.env.PORTAL_BASE_URL || baseURL;
		if (!url) throw new Error('PORTAL_BASE_URL is not set: global-setup did not start the portal');
		await use(url);
	},
	watch: async ({ page, baseURL }, use) => {
		const origin = new URL(baseURL!).origin;
		const w: PageWatch = {
			consoleErrors: [],
			pageErrors: [],
			cspViolations: [],
			foreignRequests: [],
			failedRequests: [],
			expectClean(opts = {}) {
				let consoleErrors = w.consoleErrors;
				if (opts.allow404Resource) {
					// Chromium logs the document's own 404 status as a console error.
					consoleErrors = consoleErrors.filter(
						(m) => !/Failed to load resource: the server responded with a status of 404/.test(m)
					);
				}
				expect.soft(w.cspViolations, 'Content-Security-Policy violations').toEqual([]);
				expect.soft(consoleErrors, 'console errors').toEqual([]);
				expect.soft(w.pageErrors, 'uncaught exceptions').toEqual([]);
				expect.soft(w.foreignRequests, 'requests to another origin').toEqual([]);
			}
		};
		await page.exposeBinding('__portalReportCsp', (_src, v: string) => {
			w.cspViolations.push(v);
		});
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) => {
				(window as unknown as { __portalReportCsp(v: string): void }).__portalReportCsp(
					`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${e.sample ? ` "${e.sample}"` : ''} at ${e.sourceFile}:${e.lineNumber}`
				);
			});
		});
		page.on('console', (m) => {
			if (m.type() === 'error') w.consoleErrors.push(`${m.text()} (${m.location().url})`);
		});
		page.on('pageerror', (e) => w.pageErrors.push(String(e.stack || e)));
		page.on('request', (r) => {
			const u = r.url();
			if (/^(data|blob|about):/.test(u)) return;
			if (new URL(u).origin !== origin) w.foreignRequests.push(`${r.resourceType()} ${u}`);
		});
		page.on('requestfailed', (r) => w.failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`));
		await use(w);
	}
});

/**
 * The language switcher's link to a locale: its visible text is the locale's label
 * ("Ћирилица", "Latinica", "English"), which may follow a visually hidden language name.
 */
export function switcherLink(page: Page, l: Locale) {
	return page.getByRole('link', { name: new RegExp(`(^|[\\s,])${l.label}$`) });
}

/**
 * Waits until the app has started (SvelteKit's route announcer is in the page), the page
 * shows its h1 and its data requests have settled. The first page a visitor opens stays
 * the server's rendering (#ssr) until the first navigation: see appRendering.
 */
export async function settle(page: Page) {
	await expect(page.locator('#svelte-announcer')).toHaveCount(1);
	await expect(page.locator('h1').first()).toBeVisible();
	await page.waitForLoadState('networkidle');
}

/**
 * Has the app render the page it shows (a client-side navigation to its own address, as a
 * click on a link to it would): the first page a visitor opens is the server's rendering,
 * the app renders every page after it. Waits until the server's rendering is gone and
 * the app's page has settled.
 */
export async function appRendering(page: Page) {
	await settle(page);
	await page.evaluate(() => {
		const a = document.createElement('a');
		a.href = location.href;
		document.body.append(a);
		a.click();
		a.remove();
	});
	await expect(page.locator('#ssr')).toHaveCount(0);
	await expect(page.locator('main h1').first()).toBeVisible();
	await page.waitForLoadState('networkidle');
}

/** The path and query of the page's URL. */
export function pathOf(page: Page): string {
	const u = new URL(page.url());
	return u.pathname + u.search;
}
