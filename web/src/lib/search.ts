// Search: the query document and the URL form of a search (`?q=…&kind=news`).
import { graphql } from './gql';
import type { SearchKind } from './gql/graphql';

export const SEARCH_KINDS: readonly SearchKind[] = ['NEWS', 'PROJECT', 'PARTNER'];

export const SEARCH_PAGE_SIZE = 20;

export const SearchQuery = graphql(`
	query Search($query: String!, $kinds: [SearchKind!], $first: Int!, $after: String, $locale: Locale!) {
		search(query: $query, kinds: $kinds, first: $first, after: $after, locale: $locale) {
			totalCount
			suggestion
			facets {
				kind
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

/** The search part of a URL: `?q=…&kind=…`, or '' for an empty search. */
export function searchParamsFor(q: string, kinds: readonly SearchKind[]): string {
	const params = new URLSearchParams();
	if (q.trim()) params.set('q', q);
	for (const k of SEARCH_KINDS) if (kinds.includes(k)) params.append('kind', k.toLowerCase());
	const s = params.toString();
	return s ? `?${s}` : '';
}

/** The path of a search hit's page. */
export function hitPath(locale: string, kind: SearchKind, slug: string): string {
	const section = kind === 'NEWS' ? 'news' : kind === 'PROJECT' ? 'projects' : 'partners';
	return `/${locale}/${section}/${slug}`;
}
