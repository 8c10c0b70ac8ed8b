import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/admin/errors';
import type { PageLoad } from './$types';

// /admin: the sign-in page; signed in, where the editor was going, or the news.
export const load: PageLoad = async ({ parent, url }) => {
	const { me } = await parent();
	if (me) redirect(307, safeNext(url.searchParams.get('next')) ?? '/admin/news');
	return { next: safeNext(url.searchParams.get('next')), signedOut: url.searchParams.has('signedOut') };
};
