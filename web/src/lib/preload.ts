// Once a public page has loaded and the browser is idle, fetch the code of the other public
// routes, so a click inside the site waits only for its data (one GraphQL request), not
// for its route's code first: on a slow network each is a round trip of seconds. It starts
// after the load event, so it never competes with the first page's own text, images or
// code; the files are immutable and then come from the browser's cache.
import { preloadCode } from '$app/navigation';
import type { Locale } from './locale';

/** One path of each public route after the locale ("-" stands for any slug). */
const PUBLIC_ROUTES = ['/', '/news', '/news/-', '/projects', '/projects/-', '/partners', '/partners/-', '/search', '/open-data'];

/** The performance mark set when the preloading starts (e2e/budget.spec.ts reads it). */
export const PRELOAD_MARK = 'portal:preload-routes';

let started = false;

/**
 * Preloads the public routes' code for this locale's paths when the page is loaded and
 * idle; once per visit (the server's first page and the app's layout both ask).
 */
export function preloadPublicRoutesWhenIdle(locale: Locale): void {
	if (started) return;
	started = true;
	const run = () => {
		performance.mark(PRELOAD_MARK);
		for (const route of PUBLIC_ROUTES) preloadCode(`/${locale}${route}`).catch(() => {});
	};
	const whenIdle = () =>
		'requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 100);
	if (document.readyState === 'complete') whenIdle();
	else addEventListener('load', whenIdle, { once: true });
}
