import { error } from '@sveltejs/kit';
import { load as query } from '$lib/admin/client';
import { UsersQuery } from '$lib/admin/queries';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { me } = await parent();
	if (me?.role !== 'ADMIN') error(403, { message: 'Forbidden', kind: 'graphql', code: 'FORBIDDEN' });
	return { users: (await query(UsersQuery, {}, { fetch, url })).users };
};
