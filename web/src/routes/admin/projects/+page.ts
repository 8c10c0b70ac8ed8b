import { loadList } from '$lib/admin/pages';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => loadList('projects', { fetch, url });
