// Once a public page has loaded and the browser is idle, fetch the code of the other public
// routes, so a click inside the site waits only for its data (one GraphQL request), not
// for its route's code first: on a slow network each is a round trip of seconds. It starts
// after the load event, so it never competes with the first page's own text, images or
// code; the files are immutable and then come from the browser's cache.
import { preloadCode } from '$app/navigation';
import { prepareDateFormats } from './format';
import type { Locale } from './locale';

/** One path of each public route after the locale ("-" stands for any slug). */
const PUBLIC_ROUTES = ['/', '/news', '/news/-', '/projects', '/projects/-', '/partners', '/partners/-', '/search', '/open-data'];

/** The performance mark set when the preloading starts (e2e/budget.spec.ts reads it). */
export const PRELOAD_MARK = 'portal:preload-routes';

let started = false;

/**
 * Preloads the public routes' code for this locale's paths when the page is loaded and
 * idle; once per visit (the server's first page and the app's layout both ask). One route
 * per idle callback: starting all of them at once (SvelteKit resolves each route and adds a
 * modulepreload link per file) kept a phone's main thread busy for 60 to 300 ms in one
 * task, during which a tap would wait.
 */
export function preloadPublicRoutesWhenIdle(locale: Locale): void {
	if (started) return;
	started = true;
	const paths = PUBLIC_ROUTES.map((route) => `/${locale}${route}`);
	const next = () => {
		const path = paths.shift();
		if (path === undefined) return;
		preloadCode(path).catch(() => {});
		whenIdle(next);
	};
	const first = () => {
		performance.mark(PRELOAD_MARK);
		next();
	};
	if (document.readyState === 'complete') whenIdle(first);
	else addEventListener('load', () => whenIdle(first), { once: true });
}

/**
 * Makes the date formatters while a navigation waits for its data, so the next page does not
 * make them while it renders. The server's first page is not rendered by the app, so the
 * first page the app renders is the one after the first click, and the browser's first
 * formatter with a time zone costs 15–30 ms (60–120 ms on a phone 4× slower) to make: the
 * click then waited for it after its data had come. Made in an idle moment of the wait,
 * it costs the click nothing. The server's page calls it when the first navigation starts.
 */
export function prepareDateFormatsWhileWaiting(locale: Locale): void {
	whenIdle(() => prepareDateFormats(locale));
}

/** Runs fn in a task of its own once the main thread is idle (within a second). */
function whenIdle(fn: () => void): void {
	if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 1000 });
	else setTimeout(fn, 100);
}
