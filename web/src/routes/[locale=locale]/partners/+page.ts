import { graphql } from '$lib/gql';
import { gqlLocale } from '$lib/locale';
import { query } from '$lib/query';
import type { PageLoad } from './$types';

const PartnersQuery = graphql(`
	query Partners($locale: Locale!) {
		partners(first: 100, locale: $locale) {
			totalCount
			edges {
				node {
					...PartnerRef
					kind
					website
					projects(first: 5) {
						totalCount
						edges {
							node {
								slug
								title
							}
						}
					}
				}
			}
		}
	}
`);

export const load: PageLoad = async ({ parent, fetch }) => {
	const { locale } = await parent();
	const data = await query(PartnersQuery, { locale: gqlLocale(locale) }, { fetch });
	return { partners: data.partners.edges.map((e) => e.node), totalCount: data.partners.totalCount };
};
