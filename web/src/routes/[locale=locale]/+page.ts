import { graphql } from '$lib/gql';
import { gqlLocale } from '$lib/locale';
import { query } from '$lib/query';
import type { PageLoad } from './$types';

const HomeQuery = graphql(`
	query Home($locale: Locale!) {
		news(first: 5, locale: $locale) {
			totalCount
			edges {
				node {
					...NewsSummary
				}
			}
		}
		projects(first: 20, filter: { status: [ONGOING] }, locale: $locale) {
			totalCount
			edges {
				node {
					...ProjectCard
				}
			}
		}
		partners(first: 100, locale: $locale) {
			totalCount
			edges {
				node {
					...PartnerRef
					kind
				}
			}
		}
	}
`);

// The home page of a locale is `/en/`, with its slash (the other pages have none).
export const trailingSlash = 'always';

export const load: PageLoad = async ({ parent, fetch }) => {
	const { locale } = await parent();
	const data = await query(HomeQuery, { locale: gqlLocale(locale) }, { fetch });
	return {
		news: data.news.edges.map((e) => e.node),
		projects: data.projects.edges.map((e) => e.node),
		partners: data.partners.edges.map((e) => e.node)
	};
};
