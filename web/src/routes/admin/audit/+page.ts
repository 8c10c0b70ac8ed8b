import { error } from '@sveltejs/kit';
import { load as query } from '$lib/admin/client';
import { AuditQuery } from '$lib/admin/queries';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { me } = await parent();
	if (me?.role !== 'ADMIN') error(403, { message: 'Forbidden', kind: 'graphql', code: 'FORBIDDEN' });
	const after = url.searchParams.get('after') || null;
	const item = url.searchParams.get('item') || null;
	const data = await query(AuditQuery, { first: 50, after, item }, { fetch, url });
	return { after, item, log: data.auditLog };
};
