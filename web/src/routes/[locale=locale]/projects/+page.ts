import { graphql } from '$lib/gql';
import type { ProjectFilter } from '$lib/gql/graphql';
import { gqlLocale } from '$lib/locale';
import { statusFromParam } from '$lib/projects';
import { query } from '$lib/query';
import type { PageLoad } from './$types';

const PAGE_SIZE = 20;

// Without a status filter the page shows each status in its own section; with one, a
// single list with cursor paging.
graphql(`
	fragment ProjectFilterOptions on Query {
		topics(locale: $locale) {
			...TopicRef
		}
		partners(first: 100, locale: $locale) {
			edges {
				node {
					...PartnerRef
					funded: projects(first: 1, role: FUNDER) {
						totalCount
					}
				}
			}
		}
	}
`);

const ProjectListQuery = graphql(`
	query ProjectList(
		$locale: Locale!
		$first: Int!
		$after: String
		$ongoing: ProjectFilter!
		$planned: ProjectFilter!
		$completed: ProjectFilter!
		$sections: Boolean!
		$single: ProjectFilter
	) {
		ongoing: projects(first: $first, filter: $ongoing, locale: $locale) @include(if: $sections) {
			...ProjectSection
		}
		planned: projects(first: $first, filter: $planned, locale: $locale) @include(if: $sections) {
			...ProjectSection
		}
		completed: projects(first: $first, filter: $completed, locale: $locale) @include(if: $sections) {
			...ProjectSection
		}
		single: projects(first: $first, after: $after, filter: $single, locale: $locale) @skip(if: $sections) {
			...ProjectSection
		}
		...ProjectFilterOptions
	}
`);

graphql(`
	fragment ProjectSection on ProjectConnection {
		totalCount
		pageInfo {
			hasNextPage
			endCursor
		}
		edges {
			node {
				...ProjectCard
			}
		}
	}
`);

export const load: PageLoad = async ({ parent, fetch, url }) => {
	const { locale } = await parent();
	const status = statusFromParam(url.searchParams.get('status'));
	const area = url.searchParams.get('area') || null;
	const funder = url.searchParams.get('funder') || null;
	const after = url.searchParams.get('after') || null;
	const base: ProjectFilter = { ...(area ? { topic: area } : {}), ...(funder ? { funder } : {}) };
	const data = await query(
		ProjectListQuery,
		{
			locale: gqlLocale(locale),
			first: PAGE_SIZE,
			after: status ? after : null,
			ongoing: { ...base, status: ['ONGOING'] },
			planned: { ...base, status: ['PLANNED'] },
			completed: { ...base, status: ['COMPLETED'] },
			sections: status === null,
			single: { ...base, ...(status ? { status: [status] } : {}) }
		},
		{ fetch }
	);
	const sections = (
		status
			? [{ status, conn: data.single }]
			: [
					{ status: 'ONGOING' as const, conn: data.ongoing },
					{ status: 'PLANNED' as const, conn: data.planned },
					{ status: 'COMPLETED' as const, conn: data.completed }
				]
	).flatMap(({ status, conn }) =>
		conn
			? [
					{
						status,
						totalCount: conn.totalCount,
						pageInfo: conn.pageInfo,
						items: conn.edges.map((e) => e.node)
					}
				]
			: []
	);
	return {
		sections,
		topics: data.topics,
		funders: data.partners.edges.map((e) => e.node).filter((p) => p.funded.totalCount > 0),
		filters: { status, area, funder, after }
	};
};
