// The JS budget, measured in a real browser: every JS file fetched while a public page
// loads (until the network is idle), gzipped with node:zlib at level 9, must add up to at
// most 60 KB (61,440 bytes). scripts/js-budget.mjs is the static variant, from the files.
import { gzipSync } from 'node:zlib';
import { expect, settle, test } from './fixtures';

const BUDGET = 60 * 1024;

for (const path of ['/en/', '/sr-cyrl/news', `/sr-latn/projects`]) {
	test(`initial JS of ${path} is at most 60 KB gzipped`, async ({ page }, testInfo) => {
		const pending: Promise<{ url: string; raw: number; gz: number }>[] = [];
		page.on('response', (res) => {
			const type = res.request().resourceType();
			const url = res.url();
			if (type !== 'script' && !/\.m?js(\?|$)/.test(new URL(url).pathname)) return;
			pending.push(
				res.body().then((body) => ({
					url: new URL(url).pathname,
					raw: body.length,
					gz: gzipSync(body, { level: 9 }).length
				}))
			);
		});
		await page.goto(path);
		await settle(page);
		const files = (await Promise.all(pending)).sort((a, b) => b.gz - a.gz);
		const total = files.reduce((s, f) => s + f.gz, 0);
		const raw = files.reduce((s, f) => s + f.raw, 0);
		const w = Math.max(20, ...files.map((f) => f.url.length));
		const table = [
			`${'file'.padEnd(w)} ${'bytes'.padStart(9)} ${'gzip'.padStart(9)}`,
			...files.map((f) => `${f.url.padEnd(w)} ${String(f.raw).padStart(9)} ${String(f.gz).padStart(9)}`),
			`${`total (${files.length} files)`.padEnd(w)} ${String(raw).padStart(9)} ${String(total).padStart(9)}  budget ${BUDGET}`
		].join('\n');
		console.log(`JS loaded by ${path}:\n${table}`);
		await testInfo.attach('js-budget.txt', { body: table, contentType: 'text/plain' });
		expect(files.length, 'the page loads some JS').toBeGreaterThan(0);
		expect(total, `gzipped JS of ${path}:\n${table}`).toBeLessThanOrEqual(BUDGET);
	});
}
