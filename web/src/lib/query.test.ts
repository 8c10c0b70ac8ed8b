import { isHttpError } from '@sveltejs/kit';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import type { TypedDocumentString } from './gql/graphql';
import { clearQueryCache, query } from './query';

const Doc = 'query Q($slug: String!) { partner(slug: $slug) { slug } }' as unknown as TypedDocumentString<
	{ partner: { slug: string } | null },
	{ slug: string }
>;

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

beforeEach(() => clearQueryCache());

describe('query', () => {
	it('answers a repeated query from memory', async () => {
		const fetch = vi.fn(async () => ok({ data: { partner: { slug: 'iom' } } }));
		expect(await query(Doc, { slug: 'iom' }, { fetch })).toEqual({ partner: { slug: 'iom' } });
		expect(await query(Doc, { slug: 'iom' }, { fetch })).toEqual({ partner: { slug: 'iom' } });
		expect(fetch).toHaveBeenCalledTimes(1);
		await query(Doc, { slug: 'undp' }, { fetch });
		expect(fetch).toHaveBeenCalledTimes(2);
		await query(Doc, { slug: 'iom' }, { fetch, cache: false });
		expect(fetch).toHaveBeenCalledTimes(3);
	});

	it('turns NOT_FOUND and BAD_USER_INPUT into a 404 page', async () => {
		for (const code of ['NOT_FOUND', 'BAD_USER_INPUT']) {
			const fetch = vi.fn(async () => ok({ errors: [{ message: 'x', extensions: { code } }] }));
			const e = await query(Doc, { slug: code }, { fetch }).catch((e: unknown) => e);
			expect(isHttpError(e, 404)).toBe(true);
		}
	});

	it('lets other errors through and does not cache them', async () => {
		const fetch = vi.fn(async () => ok({ errors: [{ message: 'x', extensions: { code: 'INTERNAL' } }] }));
		const e = await query(Doc, { slug: 'a' }, { fetch }).catch((e: unknown) => e);
		expect(e).toBeInstanceOf(ApiError);
		await query(Doc, { slug: 'a' }, { fetch }).catch(() => null);
		expect(fetch).toHaveBeenCalledTimes(2);
	});
});
