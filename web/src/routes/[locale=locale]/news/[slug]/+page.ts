import { error } from '@sveltejs/kit';
import { graphql } from '$lib/gql';
import { gqlLocale } from '$lib/locale';
import { query } from '$lib/query';
import type { PageLoad } from './$types';

const NewsItemQuery = graphql(`
	query NewsItem($slug: String!, $locale: Locale!) {
		newsItem(slug: $slug, locale: $locale) {
			slug
			locale
			title
			summary
			bodyHtml
			cover {
				...CoverImage
			}
			publishedAt
			revisedAt
			topics {
				...TopicRef
			}
			projects {
				slug
				title
				status
			}
			partners {
				...PartnerRef
			}
		}
	}
`);

export const load: PageLoad = async ({ parent, fetch, params }) => {
	const { locale } = await parent();
	const data = await query(NewsItemQuery, { slug: params.slug, locale: gqlLocale(locale) }, { fetch });
	if (!data.newsItem) error(404, { message: 'Not found' });
	return { item: data.newsItem };
};
