import { error } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { gqlLocale } from '$lib/locale';
import { query } from '$lib/query';
import type { PageLoad } from './$types';

const PartnerQuery = graphql(`
	query Partner($slug: String!, $locale: Locale!) {
		partner(slug: $slug, locale: $locale) {
			...PartnerRef
			locale
			kind
			website
			description
			funded: projects(first: 50, role: FUNDER) {
				...PartnerProjects
			}
			implemented: projects(first: 50, role: IMPLEMENTER) {
				...PartnerProjects
			}
			cooperated: projects(first: 50, role: PARTNER) {
				...PartnerProjects
			}
			news(first: 10) {
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

graphql(`
	fragment PartnerProjects on ProjectConnection {
		totalCount
		edges {
			node {
				...ProjectCard
			}
		}
	}
`);

export const load: PageLoad = async ({ parent, fetch, params }) => {
	const { locale } = await parent();
	const data = await query(PartnerQuery, { slug: params.slug, locale: gqlLocale(locale) }, { fetch });
	if (!data.partner) error(404, { message: 'Not found' });
	return { partner: data.partner };
};
