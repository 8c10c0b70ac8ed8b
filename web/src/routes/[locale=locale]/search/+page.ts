import { gqlLocale } from '$lib/locale';
import { query } from '$lib/query';
import { filtersFromParams, kindsFromParams, SEARCH_PAGE_SIZE, SearchQuery } from '$lib/search';
import type { PageLoad } from './$types';

// The first results come with the page (a shared link or the home page's search box);
// typing on the page then searches in place (see +page.svelte).
export const load: PageLoad = async ({ parent, fetch, url }) => {
	const { locale } = await parent();
	const q = url.searchParams.get('q') ?? '';
	const kinds = kindsFromParams(url.searchParams);
	const filters = filtersFromParams(url.searchParams);
	// A page of results after a cursor: the "More results" link without JavaScript.
	const after = url.searchParams.get('after') || null;
	const result = q.trim()
		? (
				await query(
					SearchQuery,
					{
						query: q,
						kinds: kinds.length ? kinds : null,
						topic: filters.topic,
						year: filters.year,
						first: SEARCH_PAGE_SIZE,
						after,
						locale: gqlLocale(locale)
					},
					{ fetch }
				)
			).search
		: null;
	return { q, kinds, filters, result };
};
