import { loadEditor } from '$lib/admin/pages';
import type { PartnerForm } from '$lib/admin/form';
import type { Saved } from '$lib/admin/kinds';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => loadEditor<Saved<PartnerForm>>('partners', null, { fetch, url });
