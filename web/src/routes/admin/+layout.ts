// The editors' area: who is signed in, on every navigation (a session that ended is
// noticed at once). Signed out, every page but /admin (the sign-in) goes there and back.
import { redirect } from '@sveltejs/kit';
import { call, signInPath } from '$lib/admin/client';
import { MeQuery } from '$lib/admin/queries';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url, depends }) => {
	depends('admin:me');
	const { me } = await call(MeQuery, {}, { fetch });
	if (!me && url.pathname !== '/admin') redirect(307, signInPath(url.pathname + url.search));
	return { me };
};
