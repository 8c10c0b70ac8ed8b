import { afterEach, describe, expect, it, vi } from 'vitest';

const preloadCode = vi.fn((_path: string) => Promise.resolve());
vi.mock('$app/navigation', () => ({ preloadCode }));

/** A page that is loaded, with requestIdleCallback queued by hand. */
function loadedPage() {
	const idle: (() => void)[] = [];
	vi.stubGlobal('document', { readyState: 'complete' });
	vi.stubGlobal('performance', { mark: vi.fn() });
	vi.stubGlobal('window', { requestIdleCallback: () => 0 });
	vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn));
	return idle;
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.resetModules();
	preloadCode.mockClear();
});

describe('preloadPublicRoutesWhenIdle', () => {
	it('preloads one route per idle callback, each public route once, in the page locale', async () => {
		const idle = loadedPage();
		const { preloadPublicRoutesWhenIdle } = await import('./preload');
		preloadPublicRoutesWhenIdle('en');
		preloadPublicRoutesWhenIdle('en'); // the layout asks again: nothing more
		expect(preloadCode, 'nothing before the browser is idle').not.toHaveBeenCalled();
		const perCallback: number[] = [];
		while (idle.length > 0) {
			const before = preloadCode.mock.calls.length;
			idle.shift()!();
			perCallback.push(preloadCode.mock.calls.length - before);
		}
		const paths = preloadCode.mock.calls.map(([path]) => path);
		expect(paths).toContain('/en/projects/-');
		expect(paths.every((p) => p.startsWith('/en/')), `paths: ${paths.join(', ')}`).toBe(true);
		expect(new Set(paths).size, 'each route once').toBe(paths.length);
		expect(Math.max(...perCallback), `routes started per idle callback: ${perCallback.join(', ')}`).toBe(1);
	});
});
