// Load functions the editors' routes share: a list of items, an item's editor.
import { error } from '@sveltejs/kit';
import { load } from './client';
import type { Section } from './form';
import type { AdminSourcesQuery, PublicationState } from './gql/graphql';
import { newsKind, partnerKind, projectKind, SECTION_KIND, type Saved } from './kinds';
import { optionsOf, type Options } from './options';
import { OptionsQuery, SourceQuery, SourcesQuery } from './queries';

export const PAGE_SIZE = 25;
export const STATES: PublicationState[] = ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'DELETED'];

interface Ctx {
	fetch: typeof fetch;
	url: URL;
}

export interface ListData {
	section: Section;
	state: PublicationState | '';
	text: string;
	after: string | null;
	list: AdminSourcesQuery['sources'];
}

/** `/admin/{section}?state=DRAFT&q=azil&after=…` */
export async function loadList(section: Section, ctx: Ctx): Promise<ListData> {
	const p = ctx.url.searchParams;
	const s = p.get('state') ?? '';
	const state = (STATES as string[]).includes(s) ? (s as PublicationState) : '';
	const text = (p.get('q') ?? '').trim();
	const after = p.get('after') || null;
	const data = await load(
		SourcesQuery,
		{ kind: SECTION_KIND[section], first: PAGE_SIZE, after, filter: { states: state ? [state] : null, text: text || null } },
		ctx
	);
	return { section, state, text, after, list: data.sources };
}

async function options(section: Section, ctx: Ctx): Promise<Options> {
	if (section === 'partners') return { topics: [], projects: [], partners: [] };
	return optionsOf(await load(OptionsQuery, { projects: section === 'news', partners: true }, ctx));
}

type AnySaved = Saved<ReturnType<typeof newsKind.empty>> | Saved<ReturnType<typeof projectKind.empty>> | Saved<ReturnType<typeof partnerKind.empty>>;

/** An item's editor: the item as saved (null for a new one) and the pickers' options. */
export async function loadEditor<T extends AnySaved>(section: Section, id: string | null, ctx: Ctx): Promise<{ initial: T | null; options: Options }> {
	const [source, opts] = await Promise.all([id ? load(SourceQuery, { id }, ctx).then((d) => d.source) : null, options(section, ctx)]);
	if (!id) return { initial: null, options: opts };
	if (!source) error(404, { message: 'Not found', kind: 'graphql', code: 'NOT_FOUND' });
	let initial: AnySaved;
	if (section === 'news' && source.__typename === 'NewsSource') initial = newsKind.saved(source);
	else if (section === 'projects' && source.__typename === 'ProjectSource') initial = projectKind.saved(source);
	else if (section === 'partners' && source.__typename === 'PartnerSource') initial = partnerKind.saved(source);
	else error(404, { message: 'Not found', kind: 'graphql', code: 'NOT_FOUND' });
	return { initial: initial as T, options: opts };
}
