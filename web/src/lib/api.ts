// The one way the site talks to the API: POST /graphql on the same origin, JSON in and
// out, typed by the documents graphql-codegen generates (string documents, no GraphQL
// runtime in the browser). No client library.
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/**
 * A GraphQL document as graphql-codegen's string mode makes it: a string that carries its
 * result and variables types. Structural, so that the public site's generated documents
 * (lib/gql) and the editors' (lib/admin/gql) both fit.
 */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** `extensions.code` values the API documents; anything else is kept as a string. */
export type ErrorCode =
	| 'BAD_USER_INPUT'
	| 'NOT_FOUND'
	| 'RATE_LIMITED'
	| 'QUERY_TOO_COMPLEX'
	| 'INTERNAL'
	| 'UNAUTHENTICATED'
	| 'FORBIDDEN'
	| 'CONFLICT'
	| (string & {});

/**
 * What went wrong:
 * - `graphql`: the API answered with errors (see `code`);
 * - `http`: an HTTP error status without a GraphQL error body;
 * - `network`: no answer (offline, DNS, connection reset);
 * - `timeout`: no answer within the time limit;
 * - `aborted`: the caller cancelled the request (a newer one replaced it);
 * - `invalid`: an answer that is not a GraphQL response.
 */
export type ApiErrorKind = 'graphql' | 'http' | 'network' | 'timeout' | 'aborted' | 'invalid';

export interface GraphQLErrorEntry {
	message: string;
	path?: (string | number)[];
	extensions?: { code?: string; [key: string]: unknown };
}

export class ApiError extends Error {
	override readonly name = 'ApiError';
	readonly kind: ApiErrorKind;
	/** `extensions.code` of the first GraphQL error, or null. */
	readonly code: ErrorCode | null;
	/** The HTTP status, or null when there was no answer. */
	readonly status: number | null;
	readonly errors: readonly GraphQLErrorEntry[];

	constructor(
		kind: ApiErrorKind,
		message: string,
		options: { code?: ErrorCode | null; status?: number | null; errors?: GraphQLErrorEntry[]; cause?: unknown } = {}
	) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.kind = kind;
		this.code = options.code ?? null;
		this.status = options.status ?? null;
		this.errors = options.errors ?? [];
	}

	/** Whether trying again later may help (not for bad input or a missing item). */
	get retryable(): boolean {
		if (this.kind === 'graphql') return this.code === 'INTERNAL' || this.code === 'RATE_LIMITED';
		return this.kind !== 'aborted';
	}
}

export function isApiError(e: unknown): e is ApiError {
	return e instanceof ApiError;
}

export interface RequestOptions {
	/** Cancels the request (the promise rejects with an ApiError of kind `aborted`). */
	signal?: AbortSignal;
	/** Milliseconds before the request is given up (kind `timeout`). Default 15 000. */
	timeout?: number;
	/** The fetch to use: SvelteKit's from a load function, a mock in tests. */
	fetch?: typeof fetch;
	/** The endpoint. Default `/graphql`. */
	endpoint?: string;
}

export const DEFAULT_TIMEOUT = 15_000;

interface GraphQLResponse<T> {
	data?: T | null;
	errors?: GraphQLErrorEntry[];
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Runs one GraphQL operation and returns its `data`, or throws an ApiError. A response with
 * any `errors` is an error: the site never shows partial data.
 */
export async function request<TResult, TVariables>(
	document: TypedDocument<TResult, TVariables>,
	variables: TVariables,
	options: RequestOptions = {}
): Promise<TResult> {
	if (options.signal?.aborted) throw new ApiError('aborted', 'The request was cancelled');
	const doFetch = options.fetch ?? globalThis.fetch;
	const controller = new AbortController();
	const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, timeoutMs);
	const onAbort = () => controller.abort();
	options.signal?.addEventListener('abort', onAbort, { once: true });

	try {
		let response: Response;
		try {
			response = await doFetch(options.endpoint ?? '/graphql', {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					Accept: 'application/graphql-response+json, application/json'
				},
				body: JSON.stringify({ query: document.toString(), variables }),
				credentials: 'same-origin',
				signal: controller.signal
			});
		} catch (cause) {
			throw failure(cause);
		}

		let body: unknown;
		try {
			body = await response.json();
		} catch (cause) {
			if (controller.signal.aborted) throw failure(cause);
			if (!response.ok) {
				throw new ApiError('http', `HTTP ${response.status}`, { status: response.status, cause });
			}
			throw new ApiError('invalid', 'The response is not JSON', { status: response.status, cause });
		}

		const result = (isObject(body) ? body : {}) as GraphQLResponse<TResult>;
		const errors = Array.isArray(result.errors) ? result.errors : [];
		if (errors.length > 0) {
			const first = errors[0]!;
			const code = isObject(first.extensions) && typeof first.extensions.code === 'string' ? first.extensions.code : null;
			throw new ApiError('graphql', String(first.message ?? 'GraphQL error'), {
				code,
				status: response.status,
				errors
			});
		}
		if (!response.ok) {
			throw new ApiError('http', `HTTP ${response.status}`, { status: response.status });
		}
		if (!isObject(result.data)) {
			throw new ApiError('invalid', 'The response has no data', { status: response.status });
		}
		return result.data as TResult;
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', onAbort);
	}

	function failure(cause: unknown): ApiError {
		if (timedOut) return new ApiError('timeout', `No answer within ${timeoutMs} ms`, { cause });
		if (options.signal?.aborted) return new ApiError('aborted', 'The request was cancelled', { cause });
		return new ApiError('network', 'The API could not be reached', { cause });
	}
}
