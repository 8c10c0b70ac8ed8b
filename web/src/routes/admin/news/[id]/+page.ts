import { loadEditor } from '$lib/admin/pages';
import type { NewsForm } from '$lib/admin/form';
import type { Saved } from '$lib/admin/kinds';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url, params }) => loadEditor<Saved<NewsForm>>('news', params.id, { fetch, url });
