// The editors' forms as plain state, and the API's inputs built from it (and back). Pure
// functions, unit-tested in form.test.ts. Form state keeps what the controls hold
// (strings, one list item per line); the inputs are what the mutations take.
import type {
	AdminNewsFragment,
	AdminPartnerFragment,
	AdminProjectFragment,
	DatePrecision,
	ImageInput,
	LocalizedInput,
	LocalizedListInput,
	NewsInput,
	PartnerInput,
	PartnerKind,
	ProjectInput,
	ProjectStatus
} from './gql/graphql';

/** A text in Serbian (either script) and English. */
export interface Localized {
	sr: string;
	en: string;
}

/** The cover picture: an uploaded image and what it shows. */
export interface Cover {
	name: string;
	/** Where the server serves it, for the form's own preview. */
	url: string;
	alt: Localized;
}

export interface NewsForm {
	slug: string;
	title: Localized;
	summary: Localized;
	body: Localized;
	topics: string[];
	projects: string[];
	partners: string[];
	cover: Cover | null;
}

export interface ProjectForm {
	slug: string;
	title: Localized;
	officialTitle: Localized;
	summary: Localized;
	description: Localized;
	status: ProjectStatus;
	startDate: string;
	endDate: string;
	datePrecision: DatePrecision;
	budget: { amount: string; currency: string };
	funders: string[];
	implementers: string[];
	cooperatingPartners: string[];
	areas: string[];
	/** Lists: one item per line. */
	locations: Localized;
	expectedResults: Localized;
	objectives: Localized;
	specificObjectives: Localized;
	targetGroups: Localized;
	url: string;
	/** OECD DAC 5-digit sector codes, separated by spaces or commas. */
	dacCodes: string;
	cover: Cover | null;
}

export interface PartnerForm {
	slug: string;
	name: Localized;
	acronym: string;
	kind: PartnerKind;
	website: string;
	description: Localized;
}

export type Section = 'news' | 'projects' | 'partners';

const empty = (): Localized => ({ sr: '', en: '' });

export function emptyNews(): NewsForm {
	return { slug: '', title: empty(), summary: empty(), body: empty(), topics: [], projects: [], partners: [], cover: null };
}

export function emptyProject(): ProjectForm {
	return {
		slug: '',
		title: empty(),
		officialTitle: empty(),
		summary: empty(),
		description: empty(),
		status: 'PLANNED',
		startDate: '',
		endDate: '',
		datePrecision: 'DAY',
		budget: { amount: '', currency: 'EUR' },
		funders: [],
		implementers: [],
		cooperatingPartners: [],
		areas: [],
		locations: empty(),
		expectedResults: empty(),
		objectives: empty(),
		specificObjectives: empty(),
		targetGroups: empty(),
		url: '',
		dacCodes: '',
		cover: null
	};
}

export function emptyPartner(): PartnerForm {
	return { slug: '', name: empty(), acronym: '', kind: 'OTHER', website: '', description: empty() };
}

// ---------------------------------------------------------------- state → input

/** A one-line text: trimmed. */
const line = (s: string) => s.trim();

/** Optional one-line text: null when empty. */
const optional = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** A one-line localized text, each language trimmed. */
function short(l: Localized): LocalizedInput {
	return { sr: line(l.sr), en: line(l.en) };
}

/** A multi-line text (plain or Markdown): only trailing white space goes, line ends become \n. */
function long(l: Localized): LocalizedInput {
	const clean = (s: string) => s.replace(/\r\n?/g, '\n').trimEnd();
	return { sr: clean(l.sr), en: clean(l.en) };
}

/** Text with one item per line → the list: lines trimmed, empty lines dropped. */
export function lines(text: string): string[] {
	return text
		.split(/\r\n?|\n/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

function list(l: Localized): LocalizedListInput {
	return { sr: lines(l.sr), en: lines(l.en) };
}

function cover(c: Cover | null): ImageInput | null {
	return c ? { name: c.name, alt: short(c.alt) } : null;
}

export function newsInput(f: NewsForm): NewsInput {
	return {
		slug: optional(f.slug),
		title: short(f.title),
		summary: long(f.summary),
		body: long(f.body),
		topics: [...f.topics],
		projects: [...f.projects],
		partners: [...f.partners],
		cover: cover(f.cover)
	};
}

export function projectInput(f: ProjectForm): ProjectInput {
	const amount = f.budget.amount.trim().replace(/\s+/g, '');
	const currency = f.budget.currency.trim().toUpperCase();
	return {
		slug: optional(f.slug),
		title: short(f.title),
		officialTitle: short(f.officialTitle),
		summary: long(f.summary),
		description: long(f.description),
		status: f.status,
		startDate: optional(f.startDate),
		endDate: optional(f.endDate),
		datePrecision: f.datePrecision,
		// No amount: no budget (a currency alone is what the form starts with).
		budget: amount === '' ? null : { amount, currency },
		funders: [...f.funders],
		implementers: [...f.implementers],
		cooperatingPartners: [...f.cooperatingPartners],
		areas: [...f.areas],
		locations: list(f.locations),
		expectedResults: list(f.expectedResults),
		objectives: list(f.objectives),
		specificObjectives: list(f.specificObjectives),
		targetGroups: list(f.targetGroups),
		url: optional(f.url),
		dacCodes: codes(f.dacCodes),
		cover: cover(f.cover)
	};
}

/** Codes typed with spaces, commas or semicolons between them: the list. */
const codes = (s: string) => s.split(/[\s,;]+/).filter((c) => c !== '');

export function partnerInput(f: PartnerForm): PartnerInput {
	return {
		slug: optional(f.slug),
		name: short(f.name),
		acronym: optional(f.acronym),
		kind: f.kind,
		website: optional(f.website),
		description: long(f.description)
	};
}

// ---------------------------------------------------------------- source → state

const loc = (l: { sr: string; en: string }): Localized => ({ sr: l.sr, en: l.en });
const joined = (l: { sr: string[]; en: string[] }): Localized => ({ sr: l.sr.join('\n'), en: l.en.join('\n') });

function coverOf(c: { name: string; url: string; alt: { sr: string; en: string } } | null): Cover | null {
	return c ? { name: c.name, url: c.url, alt: loc(c.alt) } : null;
}

export function newsForm(s: AdminNewsFragment): NewsForm {
	return {
		slug: s.slug,
		title: loc(s.title),
		summary: loc(s.summary),
		body: loc(s.body),
		topics: [...s.topics],
		projects: [...s.projects],
		partners: [...s.partners],
		cover: coverOf(s.cover)
	};
}

export function projectForm(s: AdminProjectFragment): ProjectForm {
	return {
		slug: s.slug,
		title: loc(s.title),
		officialTitle: loc(s.officialTitle),
		summary: loc(s.summary),
		description: loc(s.description),
		status: s.status,
		startDate: s.startDate ?? '',
		endDate: s.endDate ?? '',
		datePrecision: s.datePrecision,
		budget: s.budget ? { amount: s.budget.amount, currency: s.budget.currency } : { amount: '', currency: 'EUR' },
		funders: [...s.funders],
		implementers: [...s.implementers],
		cooperatingPartners: [...s.cooperatingPartners],
		areas: [...s.areas],
		locations: joined(s.locations),
		expectedResults: joined(s.expectedResults),
		objectives: joined(s.objectives),
		specificObjectives: joined(s.specificObjectives),
		targetGroups: joined(s.targetGroups),
		url: s.url ?? '',
		dacCodes: s.dacCodes.join(' '),
		cover: coverOf(s.cover)
	};
}

export function partnerForm(s: AdminPartnerFragment): PartnerForm {
	return {
		slug: s.slug,
		name: loc(s.name),
		acronym: s.acronym ?? '',
		kind: s.partnerKind,
		website: s.website ?? '',
		description: loc(s.description)
	};
}

/** The title a slug is suggested from: the Serbian one when there is one, else the English. */
export function slugSource(title: Localized): string {
	return title.sr.trim() || title.en.trim();
}
