import { redirect } from '@sveltejs/kit';
import { chooseLocale, localeFromCookies } from '$lib/locale';
import type { PageLoad } from './$types';

// `/` normally never reaches the app (the server redirects it: server/lang.go); when it
// does, the same rules: the locale chosen with the switcher, else the browser's languages.
export const load: PageLoad = () => {
	redirect(307, `/${localeFromCookies(document.cookie) ?? chooseLocale(navigator.languages)}/`);
};
