// The JS budget, measured in a real browser, gzipped with node:zlib at level 9:
//
// - every JS file a public page fetches before it is loaded and the app has started must
//   add up to at most 60 KB (61,440 bytes): what a first visit on a cheap phone waits for;
// - once loaded and idle, the page fetches the other public routes' code
//   (src/lib/preload.ts), so a click waits only for its data. That code is not in the first
//   visit's budget (it is fetched after the load event, competing with nothing the page
//   needs), but the whole public site's JS, both together, has a bound of its own: 90 KB.
//
// scripts/js-budget.mjs is the static variant of the first budget, from the files.
import { gzipSync } from 'node:zlib';
import { expect, settle, test } from './fixtures';

const BUDGET = 60 * 1024;
const SITE_BUDGET = 90 * 1024;
const PRELOAD_MARK = 'portal:preload-routes';

interface Loaded {
	url: string;
	raw: number;
	gz: number;
}

function table(files: Loaded[], budget: number): string {
	const total = files.reduce((s, f) => s + f.gz, 0);
	const raw = files.reduce((s, f) => s + f.raw, 0);
	const w = Math.max(20, ...files.map((f) => f.url.length));
	return [
		`${'file'.padEnd(w)} ${'bytes'.padStart(9)} ${'gzip'.padStart(9)}`,
		...files.map((f) => `${f.url.padEnd(w)} ${String(f.raw).padStart(9)} ${String(f.gz).padStart(9)}`),
		`${`total (${files.length} files)`.padEnd(w)} ${String(raw).padStart(9)} ${String(total).padStart(9)}  budget ${budget}`
	].join('\n');
}

const sum = (files: Loaded[]) => files.reduce((s, f) => s + f.gz, 0);

for (const path of ['/en/', '/sr-cyrl/news', `/sr-latn/projects`]) {
	test(`initial JS of ${path} is at most 60 KB gzipped, the whole public site's at most 90 KB`, async ({ page }, testInfo) => {
		const pending: Promise<Loaded>[] = [];
		page.on('response', (res) => {
			const type = res.request().resourceType();
			const url = res.url();
			if (type !== 'script' && !/\.m?js(\?|$)/.test(new URL(url).pathname)) return;
			pending.push(
				res.body().then((body) => ({ url: new URL(url).pathname, raw: body.length, gz: gzipSync(body, { level: 9 }).length }))
			);
		});
		await page.goto(path);
		await settle(page);
		// The preloading starts once the page is loaded and idle; wait for it to finish.
		await expect.poll(() => page.evaluate((m) => performance.getEntriesByName(m).length, PRELOAD_MARK)).toBe(1);
		await page.waitForLoadState('networkidle');
		const before = new Set(
			await page.evaluate((m) => {
				const mark = performance.getEntriesByName(m)[0]!.startTime;
				return performance
					.getEntriesByType('resource')
					.filter((e) => e.startTime < mark)
					.map((e) => new URL(e.name).pathname);
			}, PRELOAD_MARK)
		);
		const files = (await Promise.all(pending)).sort((a, b) => b.gz - a.gz);
		const initial = files.filter((f) => before.has(f.url));
		const later = files.filter((f) => !before.has(f.url));
		const report =
			`JS loaded by ${path} before the page was loaded:\n${table(initial, BUDGET)}\n\n` +
			`JS of the other public routes, preloaded once loaded and idle:\n${table(later, SITE_BUDGET - sum(initial))}`;
		console.log(report);
		await testInfo.attach('js-budget.txt', { body: report, contentType: 'text/plain' });
		expect(initial.length, 'the page loads some JS').toBeGreaterThan(0);
		expect(sum(initial), `gzipped JS of ${path}:\n${report}`).toBeLessThanOrEqual(BUDGET);
		expect(sum(files), `gzipped JS of the public site:\n${report}`).toBeLessThanOrEqual(SITE_BUDGET);
	});
}
