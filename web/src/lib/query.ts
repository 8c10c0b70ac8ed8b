// Queries for load functions: the fetch wrapper plus a small, short-lived memory cache
// (going back to a page is instant on a slow network), and API "not found" or bad input
// (a stale cursor in a shared link) turned into a 404 page.
import { error } from '@sveltejs/kit';
import { ApiError, request, type RequestOptions } from './api';
import { takeEmbedded } from './embedded';
import type { TypedDocumentString } from './gql/graphql';

const TTL = 120_000;
const MAX_ENTRIES = 60;
const cache = new Map<string, { at: number; data: unknown }>();

export interface QueryOptions extends RequestOptions {
	/** Use a cached answer younger than two minutes. Default true. */
	cache?: boolean;
}

export async function query<TResult, TVariables>(
	document: TypedDocumentString<TResult, TVariables>,
	variables: TVariables,
	options: QueryOptions = {}
): Promise<TResult> {
	const key = document.toString() + '\u0000' + JSON.stringify(variables);
	const useCache = options.cache !== false;
	// The page's first answer came with the page.
	const carried = takeEmbedded(document.toString(), variables);
	if (carried !== undefined) {
		if (useCache) cache.set(key, { at: Date.now(), data: carried });
		return carried as TResult;
	}
	if (useCache) {
		const hit = cache.get(key);
		if (hit && Date.now() - hit.at < TTL) return hit.data as TResult;
	}
	try {
		const data = await request(document, variables, options);
		if (useCache) {
			cache.delete(key);
			cache.set(key, { at: Date.now(), data });
			if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
		}
		return data;
	} catch (e) {
		if (e instanceof ApiError && e.kind === 'graphql' && (e.code === 'NOT_FOUND' || e.code === 'BAD_USER_INPUT')) {
			error(404, { message: 'Not found', kind: 'graphql', code: e.code });
		}
		throw e;
	}
}

/** Forgets cached answers (the retry button of the error page starts afresh). */
export function clearQueryCache(): void {
	cache.clear();
}
