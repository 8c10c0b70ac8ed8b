// Forward-only cursor paging (the API has `first`/`after`) with shareable URLs: `?after=`
// holds the cursor. To offer "Newer" as well as "Older", the site remembers, per tab, which
// cursor led to which page and where the page starts; a shared link without that memory
// still offers "Newest".

const KEY = 'portal:paging';

export interface Trail {
	/** The `after` of the page before this one ('' for the first page), when known. */
	prev: string | null;
	/** 1-based position of this page's first item, when known. */
	start: number | null;
}

type Store = Record<string, { prev: string; start: number }>;

function read(): Store {
	try {
		return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Store;
	} catch {
		return {};
	}
}

/** Remembers that the page at `after` follows the page at `prev`, which starts at `prevStart`. */
export function rememberNext(scope: string, after: string, prev: string, start: number): void {
	try {
		const store = read();
		store[`${scope}|${after}`] = { prev, start };
		const keys = Object.keys(store);
		for (const k of keys.slice(0, Math.max(0, keys.length - 200))) delete store[k];
		sessionStorage.setItem(KEY, JSON.stringify(store));
	} catch {
		// Private mode or storage full: "Newer" falls back to "Newest".
	}
}

/** What is known about the page at `after` (null: the first page). */
export function trailOf(scope: string, after: string | null): Trail {
	if (!after) return { prev: null, start: 1 };
	const hit = read()[`${scope}|${after}`];
	return hit ? { prev: hit.prev, start: hit.start } : { prev: null, start: null };
}

/** A URL's search params with some set or removed (null/'' removes), as `?…` or ''. */
export function withParams(search: URLSearchParams, changes: Record<string, string | null | undefined>): string {
	const params = new URLSearchParams(search);
	for (const [k, v] of Object.entries(changes)) {
		if (v === null || v === undefined || v === '') params.delete(k);
		else params.set(k, v);
	}
	const s = params.toString();
	return s ? `?${s}` : '';
}
