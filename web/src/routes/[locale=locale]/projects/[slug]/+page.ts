import { error } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { gqlLocale } from '$lib/locale';
import { query } from '$lib/query';
import type { PageLoad } from './$types';

const ProjectQuery = graphql(`
	query Project($slug: String!, $locale: Locale!) {
		project(slug: $slug, locale: $locale) {
			...ProjectCard
			locale
			officialTitle
			descriptionHtml
			cover {
				...CoverImage
			}
			cooperatingPartners {
				...PartnerRef
			}
			areas {
				...TopicRef
			}
			locations
			expectedResults
			objectives
			specificObjectives
			targetGroups
			url
			news(first: 20) {
				totalCount
				edges {
					node {
						...NewsSummary
					}
				}
			}
		}
	}
`);

export const load: PageLoad = async ({ parent, fetch, params }) => {
	const { locale } = await parent();
	const data = await query(ProjectQuery, { slug: params.slug, locale: gqlLocale(locale) }, { fetch });
	if (!data.project) error(404, { message: 'Not found' });
	return { project: data.project };
};
