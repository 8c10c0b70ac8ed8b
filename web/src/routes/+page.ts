import { redirect } from '@sveltejs/kit';
import { chooseLocale } from '$lib/locale';
import type { PageLoad } from './$types';

// `/` normally never reaches the app (the server redirects it by Accept-Language); when it
// does, the browser's own language list decides.
export const load: PageLoad = () => {
	redirect(307, `/${chooseLocale(navigator.languages)}/`);
};
