// The three kinds of item the editors write, each as the same small interface: its empty
// form, its form from a source, and its create and update mutations. The editor component
// works with any of them.
import { call } from './client';
import {
	emptyNews,
	emptyPartner,
	emptyProject,
	newsForm,
	newsInput,
	partnerForm,
	partnerInput,
	projectForm,
	projectInput,
	slugSource,
	type NewsForm,
	type PartnerForm,
	type ProjectForm,
	type Section
} from './form';
import type {
	AdminEditorialFragment,
	AdminNewsFragment,
	AdminPartnerFragment,
	AdminProjectFragment,
	SearchKind
} from './gql/graphql';
import {
	CreateNewsMutation,
	CreatePartnerMutation,
	CreateProjectMutation,
	UpdateNewsMutation,
	UpdatePartnerMutation,
	UpdateProjectMutation
} from './queries';

/** An item as saved: what the editor page keeps besides the form. */
export interface Saved<F> {
	id: string;
	slug: string;
	label: string;
	editorial: AdminEditorialFragment;
	form: F;
}

/** What an editor's fields get from the editor around them. */
export interface EditorContext {
	/** Field errors by control id. */
	errors: Record<string, string>;
	/** An upload found the session ended: keep the form, sign in again. */
	sessionEnded: () => void;
}

export interface Kind<F, S> {
	section: Section;
	kind: SearchKind;
	typename: 'NewsSource' | 'ProjectSource' | 'PartnerSource';
	empty(): F;
	saved(source: S): Saved<F>;
	create(form: F): Promise<Saved<F>>;
	update(id: string, version: number, form: F): Promise<Saved<F>>;
	/** The text the slug is suggested from. */
	slugFrom(form: F): string;
}

function saved<F, S extends { id: string; slug: string; label: string; editorial: AdminEditorialFragment }>(
	s: S,
	form: (s: S) => F
): Saved<F> {
	return { id: s.id, slug: s.slug, label: s.label, editorial: s.editorial, form: form(s) };
}

export const newsKind: Kind<NewsForm, AdminNewsFragment> = {
	section: 'news',
	kind: 'NEWS',
	typename: 'NewsSource',
	empty: emptyNews,
	saved: (s) => saved(s, newsForm),
	async create(form) {
		return saved((await call(CreateNewsMutation, { input: newsInput(form) })).createNewsItem, newsForm);
	},
	async update(id, version, form) {
		return saved((await call(UpdateNewsMutation, { id, version, input: newsInput(form) })).updateNewsItem, newsForm);
	},
	slugFrom: (f) => slugSource(f.title)
};

export const projectKind: Kind<ProjectForm, AdminProjectFragment> = {
	section: 'projects',
	kind: 'PROJECT',
	typename: 'ProjectSource',
	empty: emptyProject,
	saved: (s) => saved(s, projectForm),
	async create(form) {
		return saved((await call(CreateProjectMutation, { input: projectInput(form) })).createProject, projectForm);
	},
	async update(id, version, form) {
		return saved((await call(UpdateProjectMutation, { id, version, input: projectInput(form) })).updateProject, projectForm);
	},
	slugFrom: (f) => slugSource(f.title)
};

export const partnerKind: Kind<PartnerForm, AdminPartnerFragment> = {
	section: 'partners',
	kind: 'PARTNER',
	typename: 'PartnerSource',
	empty: emptyPartner,
	saved: (s) => saved(s, partnerForm),
	async create(form) {
		return saved((await call(CreatePartnerMutation, { input: partnerInput(form) })).createPartner, partnerForm);
	},
	async update(id, version, form) {
		return saved((await call(UpdatePartnerMutation, { id, version, input: partnerInput(form) })).updatePartner, partnerForm);
	},
	slugFrom: (f) => slugSource(f.name)
};

export const SECTION_KIND: Record<Section, SearchKind> = { news: 'NEWS', projects: 'PROJECT', partners: 'PARTNER' };
export const KIND_SECTION: Record<SearchKind, Section> = { NEWS: 'news', PROJECT: 'projects', PARTNER: 'partners' };
