import { graphql } from '$lib/gql';
import type { NewsFilter } from '$lib/gql/graphql';
import { gqlLocale } from '$lib/locale';
import { yearFilter, yearRange } from '$lib/news';
import { query } from '$lib/query';
import type { PageLoad } from './$types';

const PAGE_SIZE = 10;

const NewsListQuery = graphql(`
	query NewsList(
		$locale: Locale!
		$first: Int!
		$after: String
		$filter: NewsFilter
		$partner: String!
		$withPartner: Boolean!
		$project: String!
		$withProject: Boolean!
	) {
		news(first: $first, after: $after, filter: $filter, locale: $locale) {
			totalCount
			pageInfo {
				hasNextPage
				hasPreviousPage
				endCursor
			}
			edges {
				node {
					...NewsSummary
				}
			}
		}
		oldest: news(first: 1, orderBy: PUBLISHED_AT_ASC, locale: $locale) {
			edges {
				node {
					publishedAt
				}
			}
		}
		newest: news(first: 1, locale: $locale) {
			edges {
				node {
					publishedAt
				}
			}
		}
		topics(locale: $locale) {
			...TopicRef
		}
		partner(slug: $partner, locale: $locale) @include(if: $withPartner) {
			...PartnerRef
		}
		project(slug: $project, locale: $locale) @include(if: $withProject) {
			slug
			title
		}
	}
`);

export const load: PageLoad = async ({ parent, fetch, url }) => {
	const { locale } = await parent();
	const topic = url.searchParams.get('topic') || null;
	const year = url.searchParams.get('year') || null;
	const after = url.searchParams.get('after') || null;
	// Also linked to from a partner's or a project's page: news that mention it.
	const partner = url.searchParams.get('partner') || null;
	const project = url.searchParams.get('project') || null;
	const filter: NewsFilter = {
		...yearFilter(year),
		...(topic ? { topic } : {}),
		...(partner ? { partner } : {}),
		...(project ? { project } : {})
	};
	const data = await query(
		NewsListQuery,
		{
			locale: gqlLocale(locale),
			first: PAGE_SIZE,
			after,
			filter,
			partner: partner ?? '',
			withPartner: partner !== null,
			project: project ?? '',
			withProject: project !== null
		},
		{ fetch }
	);
	return {
		items: data.news.edges.map((e) => e.node),
		totalCount: data.news.totalCount,
		pageInfo: data.news.pageInfo,
		topics: data.topics,
		years: yearRange(data.newest.edges[0]?.node.publishedAt, data.oldest.edges[0]?.node.publishedAt),
		filters: { topic, year, after, partner, project },
		/** The partner or project the list is narrowed to, by name, for the page to say so. */
		about: data.partner
			? { kind: 'partner' as const, slug: data.partner.slug, name: data.partner.name }
			: data.project
				? { kind: 'project' as const, slug: data.project.slug, name: data.project.title }
				: null
	};
};
