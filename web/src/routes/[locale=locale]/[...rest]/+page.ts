import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

// Any other address under a locale: a translated 404 inside the site's own frame.
export const load: PageLoad = () => {
	error(404, { message: 'Not found' });
};
