import { loadEditor } from '$lib/admin/pages';
import type { ProjectForm } from '$lib/admin/form';
import type { Saved } from '$lib/admin/kinds';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => loadEditor<Saved<ProjectForm>>('projects', null, { fetch, url });
