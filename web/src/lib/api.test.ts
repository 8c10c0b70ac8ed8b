import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, type TypedDocument } from './api';
import type { TypedDocumentString } from './gql/graphql';

const Doc = 'query Topics($locale: Locale!) { topics(locale: $locale) { slug } }' as unknown as TypedDocumentString<
	{ topics: { slug: string }[] },
	{ locale: 'EN' | 'SR_CYRL' | 'SR_LATN' }
>;

function json(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': 'application/graphql-response+json' }
	});
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
	try {
		await p;
	} catch (e) {
		expect(e).toBeInstanceOf(ApiError);
		return e as ApiError;
	}
	throw new Error('expected the request to fail');
}

afterEach(() => {
	vi.useRealTimers();
});

describe('request', () => {
	it('POSTs the document and variables as JSON to /graphql and returns data', async () => {
		const fetch = vi.fn(async () => json({ data: { topics: [{ slug: 'asylum' }] } }));
		const data = await request(Doc, { locale: 'EN' }, { fetch });
		expect(data).toEqual({ topics: [{ slug: 'asylum' }] });
		expect(fetch).toHaveBeenCalledTimes(1);
		const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(url).toBe('/graphql');
		expect(init.method).toBe('POST');
		const headers = init.headers as Record<string, string>;
		expect(headers['Content-Type']).toBe('application/json');
		expect(headers.Accept).toBe('application/graphql-response+json, application/json');
		expect(JSON.parse(init.body as string)).toEqual({ query: String(Doc), variables: { locale: 'EN' } });
		expect(init.signal).toBeInstanceOf(AbortSignal);
	});

	it('sends mutations the same way: POST with JSON, same-origin credentials, never GET', async () => {
		const Logout = 'mutation AdminLogout { logout }' as unknown as TypedDocument<{ logout: boolean }, Record<string, never>>;
		const fetch = vi.fn(async () => json({ data: { logout: true } }));
		expect(await request(Logout, {}, { fetch })).toEqual({ logout: true });
		const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(url).toBe('/graphql');
		expect(init.method).toBe('POST');
		expect(init.credentials).toBe('same-origin');
		expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
		expect(JSON.parse(init.body as string).query).toBe('mutation AdminLogout { logout }');
	});

	it('turns GraphQL errors into an ApiError with extensions.code', async () => {
		const fetch = vi.fn(async () =>
			json({ errors: [{ message: 'after: is not a cursor of this list', extensions: { code: 'BAD_USER_INPUT', field: 'after' } }], data: null })
		);
		const e = await failure(request(Doc, { locale: 'EN' }, { fetch }));
		expect(e.kind).toBe('graphql');
		expect(e.code).toBe('BAD_USER_INPUT');
		expect(e.status).toBe(200);
		expect(e.message).toBe('after: is not a cursor of this list');
		expect(e.errors).toHaveLength(1);
		expect(e.retryable).toBe(false);
	});

	it('reads GraphQL errors from a 4xx answer too', async () => {
		const fetch = vi.fn(async () => json({ errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] }, 429));
		const e = await failure(request(Doc, { locale: 'EN' }, { fetch }));
		expect(e.kind).toBe('graphql');
		expect(e.code).toBe('RATE_LIMITED');
		expect(e.status).toBe(429);
		expect(e.retryable).toBe(true);
	});

	it('treats partial data with errors as an error', async () => {
		const fetch = vi.fn(async () => json({ data: { topics: [] }, errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] }));
		const e = await failure(request(Doc, { locale: 'EN' }, { fetch }));
		expect(e.code).toBe('INTERNAL');
	});

	it('reports an HTTP error without a GraphQL body', async () => {
		const fetch = vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
		const e = await failure(request(Doc, { locale: 'EN' }, { fetch }));
		expect(e.kind).toBe('http');
		expect(e.status).toBe(502);
		expect(e.code).toBe(null);
		expect(e.retryable).toBe(true);
	});

	it('reports a 200 answer that is not a GraphQL response', async () => {
		const notJson = vi.fn(async () => new Response('hello', { status: 200 }));
		expect((await failure(request(Doc, { locale: 'EN' }, { fetch: notJson }))).kind).toBe('invalid');
		const noData = vi.fn(async () => json({}));
		expect((await failure(request(Doc, { locale: 'EN' }, { fetch: noData }))).kind).toBe('invalid');
	});

	it('reports a network failure', async () => {
		const fetch = vi.fn(async () => {
			throw new TypeError('Failed to fetch');
		});
		const e = await failure(request(Doc, { locale: 'EN' }, { fetch }));
		expect(e.kind).toBe('network');
		expect(e.status).toBe(null);
		expect(e.cause).toBeInstanceOf(TypeError);
	});

	/** A fetch that answers only when its signal aborts, as a real one does. */
	const hanging = vi.fn(
		(_url: string, init?: RequestInit) =>
			new Promise<Response>((_resolve, reject) => {
				init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
			})
	);

	it('gives up after the timeout', async () => {
		vi.useFakeTimers();
		const p = failure(request(Doc, { locale: 'EN' }, { fetch: hanging as unknown as typeof fetch, timeout: 5000 }));
		await vi.advanceTimersByTimeAsync(5001);
		const e = await p;
		expect(e.kind).toBe('timeout');
		expect(e.retryable).toBe(true);
	});

	it("is cancelled by the caller's signal", async () => {
		const controller = new AbortController();
		const p = failure(request(Doc, { locale: 'EN' }, { fetch: hanging as unknown as typeof fetch, signal: controller.signal }));
		controller.abort();
		const e = await p;
		expect(e.kind).toBe('aborted');
		expect(e.retryable).toBe(false);
	});

	it('does not even start when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		const e = await failure(request(Doc, { locale: 'EN' }, { fetch: hanging as unknown as typeof fetch, signal: controller.signal }));
		expect(e.kind).toBe('aborted');
	});
});
