// Search: the query document and the URL form of a search (`?q=…&kind=news`).
import { graphql } from './gql';
import type { SearchKind } from './gql/graphql';

export const SEARCH_KINDS: readonly SearchKind[] = ['NEWS', 'PROJECT', 'PARTNER'];

export const SEARCH_PAGE_SIZE = 20;

export const SearchQuery = graphql(`
	query Search(
		$query: String!
		$kinds: [SearchKind!]
		$topic: String
		$year: Int
		$first: Int!
		$after: String
		$locale: Locale!
	) {
		search(query: $query, kinds: $kinds, topic: $topic, year: $year, first: $first, after: $after, locale: $locale) {
			totalCount
			suggestion
			exactCounts
			facets {
				kind
				count
			}
			topicFacets {
				topic {
					slug
					name
				}
				count
			}
			yearFacets {
				year
				count
			}
			pageInfo {
				hasNextPage
				endCursor
			}
			edges {
				cursor
				node {
					kind
					title
					snippet
					snippetLocale
					item {
						__typename
						... on NewsItem {
							slug
							publishedAt
						}
						... on Project {
							slug
							status
						}
						... on Partner {
							slug
						}
					}
				}
			}
		}
	}
`);

/** `?kind=news&kind=project` → ['NEWS', 'PROJECT'] (unknown values dropped, order kept as SEARCH_KINDS). */
export function kindsFromParams(params: URLSearchParams): SearchKind[] {
	const wanted = new Set(params.getAll('kind').map((k) => k.toUpperCase()));
	return SEARCH_KINDS.filter((k) => wanted.has(k));
}

/** The topic and year a search is narrowed to (null: any). */
export interface SearchFilters {
	topic: string | null;
	year: number | null;
}

/** `?topic=asylum&year=2024` → { topic: 'asylum', year: 2024 } (a year that is not a number is dropped). */
export function filtersFromParams(params: URLSearchParams): SearchFilters {
	const topic = params.get('topic')?.trim() || null;
	const year = Number(params.get('year'));
	return { topic, year: Number.isInteger(year) && year > 0 ? year : null };
}

/** The search part of a URL: `?q=…&kind=…&topic=…&year=…&after=…`, or '' for an empty search. */
export function searchParamsFor(
	q: string,
	kinds: readonly SearchKind[],
	filters: SearchFilters = { topic: null, year: null },
	after: string | null = null
): string {
	const params = new URLSearchParams();
	if (q.trim()) params.set('q', q);
	for (const k of SEARCH_KINDS) if (kinds.includes(k)) params.append('kind', k.toLowerCase());
	if (filters.topic) params.set('topic', filters.topic);
	if (filters.year) params.set('year', String(filters.year));
	if (after) params.set('after', after);
	const s = params.toString();
	return s ? `?${s}` : '';
}

/** A facet as a toggle: what it filters by, its label and count, and whether it is on. */
export interface FacetToggle<T> {
	value: T;
	label: string;
	count: number;
	pressed: boolean;
}

/**
 * The toggles of a facet list: those with hits, in the API's order, and the one that is on
 * even at 0 (so that it can be turned off).
 */
export function facetToggles<T>(
	facets: readonly { value: T; label: string; count: number }[],
	selected: T | null
): FacetToggle<T>[] {
	const out = facets.filter((f) => f.count > 0 || f.value === selected).map((f) => ({ ...f, pressed: f.value === selected }));
	if (selected !== null && !out.some((f) => f.pressed)) {
		out.push({ value: selected, label: String(selected), count: 0, pressed: true });
	}
	return out;
}

/** A count as shown: "1000+" where the API stopped counting (exactCounts false), else the number. */
export function countText(count: number, exact: boolean, format: (n: number) => string = String): string {
	return !exact && count >= SEARCH_COUNT_LIMIT ? `${format(SEARCH_COUNT_LIMIT)}+` : format(count);
}

/** The kinds a kind toggle leaves selected: without it when it was, else with it, in order. */
export function toggledKinds(kinds: readonly SearchKind[], kind: SearchKind): SearchKind[] {
	return kinds.includes(kind) ? kinds.filter((k) => k !== kind) : SEARCH_KINDS.filter((k) => k === kind || kinds.includes(k));
}

/** Where the API stops counting the matches of a kind. */
export const SEARCH_COUNT_LIMIT = 1000;

/** The path of a search hit's page. */
export function hitPath(locale: string, kind: SearchKind, slug: string): string {
	const section = kind === 'NEWS' ? 'news' : kind === 'PROJECT' ? 'projects' : 'partners';
	return `/${locale}/${section}/${slug}`;
}
