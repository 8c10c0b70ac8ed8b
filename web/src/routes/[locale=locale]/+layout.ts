import { messages } from '$lib/i18n';
import type { Locale } from '$lib/locale';
import { yieldToMain } from '$lib/yield';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ params }) => {
	const locale = params.locale as Locale;
	// SvelteKit's start is one chain of promises: reading the routes and loading the page's
	// modules, then the loads, the rendering, focus and the router's scan of the links. It
	// often breaks into two tasks where a module arrives, but not always (then one task of
	// 250 ms at 4× CPU): this makes the break certain, and the data starts a task of its own.
	await yieldToMain();
	return { locale, t: messages(locale) };
};
