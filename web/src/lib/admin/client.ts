// The editors' requests: the site's fetch wrapper (always POST with JSON, same-origin
// credentials: the session cookie), with what the editors' pages do about a session that
// ended, a missing right or a missing item.
import { error, redirect } from '@sveltejs/kit';
import { goto } from '$app/navigation';
import { request, type RequestOptions, type TypedDocument } from '../api';
import { problemOf } from './errors';

/** Editors' requests wait longer than the public's (saving a long text, rendering Markdown). */
const TIMEOUT = 30_000;

export function call<TResult, TVariables>(
	document: TypedDocument<TResult, TVariables>,
	variables: TVariables,
	options: RequestOptions = {}
): Promise<TResult> {
	return request(document, variables, { timeout: TIMEOUT, ...options });
}

/** The sign-in page, coming back to `path` afterwards. */
export function signInPath(path: string): string {
	return `/admin?next=${encodeURIComponent(path)}`;
}

/** Goes to the sign-in page, keeping where the editor was. */
export function signInAgain(): Promise<void> {
	return goto(signInPath(location.pathname + location.search), { invalidateAll: true });
}

/**
 * A query for a load function: a session that ended goes to the sign-in page (and back
 * afterwards), FORBIDDEN is a 403 page, NOT_FOUND a 404 page.
 */
export async function load<TResult, TVariables>(
	document: TypedDocument<TResult, TVariables>,
	variables: TVariables,
	ctx: { fetch: typeof fetch; url: URL }
): Promise<TResult> {
	try {
		return await call(document, variables, { fetch: ctx.fetch });
	} catch (e) {
		const p = problemOf(e);
		if (p.kind === 'unauthenticated') redirect(307, signInPath(ctx.url.pathname + ctx.url.search));
		if (p.kind === 'forbidden') error(403, { message: 'Forbidden', kind: 'graphql', code: 'FORBIDDEN' });
		if (p.kind === 'notFound') error(404, { message: 'Not found', kind: 'graphql', code: 'NOT_FOUND' });
		throw e;
	}
}
