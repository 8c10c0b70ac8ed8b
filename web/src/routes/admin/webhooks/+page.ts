import { error } from '@sveltejs/kit';
import { load as query } from '$lib/admin/client';
import { WebhooksQuery } from '$lib/admin/queries';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { me } = await parent();
	if (me?.role !== 'ADMIN') error(403, { message: 'Forbidden', kind: 'graphql', code: 'FORBIDDEN' });
	const data = await query(WebhooksQuery, {}, { fetch, url });
	return { endpoints: data.webhookEndpoints, deliveries: data.webhookDeliveries };
};
