// What the server put in the page before the app started (server/render.go): the page's
// content as HTML, which stays until the app renders a page of its own (the first
// navigation: see routes/+layout.svelte), and the GraphQL answers it was made from, which
// the app uses instead of asking the API again.

interface Answer {
	operation: string;
	variables: unknown;
	response: { data?: unknown; errors?: unknown[] };
}

let answers: Answer[] | null = null;

function embedded(): Answer[] {
	if (answers) return answers;
	answers = [];
	const el = typeof document === 'undefined' ? null : document.getElementById('portal-data');
	if (!el) return answers;
	try {
		const parsed: unknown = JSON.parse(el.textContent ?? '');
		if (Array.isArray(parsed)) answers = parsed as Answer[];
	} catch {
		// Not ours, or damaged: ask the API.
	}
	el.remove();
	return answers;
}

/** JSON with object keys sorted, so that two equal values compare equal as strings. */
export function stableJSON(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

/** The operation name of a GraphQL document (`query Home(…)` → `Home`). */
export function operationName(document: string): string | null {
	return /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? null;
}

/**
 * The data of the embedded answer to this document and these variables, taken (each
 * answer serves one request: the page's first load), or undefined when there is none.
 */
export function takeEmbedded(document: string, variables: unknown): unknown {
	const list = embedded();
	if (list.length === 0) return undefined;
	const name = operationName(document);
	const vars = stableJSON(variables);
	const i = list.findIndex((a) => a.operation === name && stableJSON(a.variables) === vars);
	if (i < 0) return undefined;
	const [hit] = list.splice(i, 1);
	return hit?.response?.errors?.length ? undefined : hit?.response?.data;
}

/** Whether the server's filter panel was open when the app took over (null: there was none). */
export let filtersOpenAtStart: boolean | null = null;

/** Whether the page came with the server's rendering of its content (#ssr). */
export function hasServerPage(): boolean {
	return typeof document !== 'undefined' && document.getElementById('ssr') !== null;
}

/**
 * Removes the server's rendering of the page: the app renders its own page in the same
 * task, so nothing flashes or moves. When that page is the same one (samePage: the search
 * page the reader starts typing on, a filter form sent to its own list), the server's
 * filter panel stays as the visitor left it (opened or closed); another page decides for
 * itself.
 */
export function takeOver(samePage: boolean): void {
	const ssr = typeof document === 'undefined' ? null : document.getElementById('ssr');
	if (!ssr) return;
	const details = samePage ? ssr.querySelector<HTMLDetailsElement>('details.filters') : null;
	filtersOpenAtStart = details ? details.open : null;
	ssr.remove();
}

/** Reads filtersOpenAtStart once: later pages decide for themselves. */
export function takeFiltersOpen(): boolean | null {
	const open = filtersOpenAtStart;
	filtersOpenAtStart = null;
	return open;
}
