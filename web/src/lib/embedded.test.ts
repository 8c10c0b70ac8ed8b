import { describe, expect, it, vi } from 'vitest';

describe('embedded answers', () => {
	it('compares variables whatever the order of their keys', async () => {
		const { stableJSON } = await import('./embedded');
		expect(stableJSON({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(stableJSON({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
		expect(stableJSON({ a: 1 })).not.toBe(stableJSON({ a: '1' }));
	});

	it('names the operation of a document', async () => {
		const { operationName } = await import('./embedded');
		expect(operationName('\n    query NewsItem($slug: String!) { x }')).toBe('NewsItem');
		expect(operationName('{ x }')).toBeNull();
	});

	it('gives each carried answer once, to the same operation and variables only', async () => {
		vi.resetModules();
		const script = {
			textContent: JSON.stringify([
				{ operation: 'Home', variables: { locale: 'EN' }, response: { data: { news: 1 } } },
				{ operation: 'Partner', variables: { slug: 'iom', locale: 'EN' }, response: { errors: [{ message: 'x' }] } }
			]),
			remove: vi.fn()
		};
		vi.stubGlobal('document', { getElementById: (id: string) => (id === 'portal-data' ? script : null) });
		try {
			const { takeEmbedded } = await import('./embedded');
			expect(takeEmbedded('query Home($locale: Locale!) { x }', { locale: 'SR_CYRL' })).toBeUndefined();
			expect(takeEmbedded('query Other($locale: Locale!) { x }', { locale: 'EN' })).toBeUndefined();
			expect(takeEmbedded('query Home($locale: Locale!) { x }', { locale: 'EN' })).toEqual({ news: 1 });
			expect(takeEmbedded('query Home($locale: Locale!) { x }', { locale: 'EN' }), 'taken once').toBeUndefined();
			expect(takeEmbedded('query Partner { x }', { locale: 'EN', slug: 'iom' }), 'an answer with errors is asked again').toBeUndefined();
			expect(script.remove).toHaveBeenCalledOnce();
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('removes the server’s page, keeping its filter panel’s state for the same page only', async () => {
		const cases = [
			{ samePage: true, open: false, want: false },
			{ samePage: true, open: true, want: true },
			{ samePage: false, open: true, want: null }
		];
		for (const c of cases) {
			vi.resetModules();
			const ssr = { querySelector: () => ({ open: c.open }), remove: vi.fn() };
			vi.stubGlobal('document', { getElementById: (id: string) => (id === 'ssr' ? ssr : null) });
			try {
				const { hasServerPage, takeFiltersOpen, takeOver } = await import('./embedded');
				expect(hasServerPage(), 'a page with #ssr').toBe(true);
				takeOver(c.samePage);
				expect(ssr.remove, `${JSON.stringify(c)}: #ssr removed`).toHaveBeenCalledOnce();
				expect(takeFiltersOpen(), `${JSON.stringify(c)}: the panel's state`).toBe(c.want);
				expect(takeFiltersOpen(), 'read once').toBeNull();
			} finally {
				vi.unstubAllGlobals();
			}
		}
	});
});
