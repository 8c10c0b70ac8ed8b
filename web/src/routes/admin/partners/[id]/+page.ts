import { loadEditor } from '$lib/admin/pages';
import type { PartnerForm } from '$lib/admin/form';
import type { Saved } from '$lib/admin/kinds';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url, params }) => loadEditor<Saved<PartnerForm>>('partners', params.id, { fetch, url });
