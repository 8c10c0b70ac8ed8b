#!/usr/bin/env node
// First text and largest contentful paint on a slow phone (not a timed test: a measure):
//
//   node web/scripts/slow3g.mjs [--url http://127.0.0.1:8080] [--runs 3]
//
// Chromium's "Slow 3G" preset (2,000 ms round trip, 400 kbit/s each way) and the CPU
// slowed 4×, through CDP, at 360 × 640, cold cache, for the home page and a project page
// of the demo content (and a click from the home page to the news list, the next page's
// h1 after the click). It prints the median of the runs per page, in milliseconds: first
// contentful paint (the first text), largest contentful paint, and when the app had taken
// over (the server's #ssr gone). Needs a running portal (make run) and /usr/bin/chromium.
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const opt = (name, def) => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] ? args[i + 1] : def;
};
const base = opt('--url', process.env.PORTAL_BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const runs = Number(opt('--runs', 3));
const PAGES = [
	{ name: 'home', path: '/en/' },
	{ name: 'project', path: '/en/projects/enhancing-the-asylum-protection-system-in-serbia' }
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
});

async function slowPage() {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 2000,
		downloadThroughput: (400 * 1000) / 8,
		uploadThroughput: (400 * 1000) / 8
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	await page.addInitScript(() => {
		const w = window;
		w.__lcp = 0;
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) w.__lcp = e.startTime;
		}).observe({ type: 'largest-contentful-paint', buffered: true });
		new MutationObserver(() => {
			if (!w.__takeover && document.querySelector('.app-root') && !document.getElementById('ssr') && document.querySelector('main h1')) {
				w.__takeover = performance.now();
			}
		}).observe(document, { childList: true, subtree: true });
	});
	return { context, page };
}

async function measure(path) {
	const { context, page } = await slowPage();
	try {
		await page.goto(base + path, { waitUntil: 'load', timeout: 120_000 });
		await page.waitForFunction(() => window.__takeover, null, { timeout: 120_000 });
		await page.waitForTimeout(500);
		return await page.evaluate(() => ({
			fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
			lcp: window.__lcp,
			takeover: window.__takeover
		}));
	} finally {
		await context.close();
	}
}

async function measureClick() {
	const { context, page } = await slowPage();
	try {
		await page.goto(base + '/en/', { waitUntil: 'load', timeout: 120_000 });
		await page.waitForFunction(() => window.__takeover, null, { timeout: 120_000 });
		await page.waitForTimeout(500);
		const start = Date.now();
		await page.locator('main #latest-news ~ .section-footer a').click();
		await page.waitForFunction(() => location.pathname === '/en/news' && document.querySelector('main h1')?.textContent === 'News', null, { timeout: 120_000 });
		return { click: Date.now() - start };
	} finally {
		await context.close();
	}
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => (Number.isFinite(x) ? Math.round(x) : 'n/a');

console.log(`Slow 3G (2,000 ms RTT, 400 kbit/s), CPU 4×, 360 px, cold cache; median of ${runs} runs; ${base}`);
for (const p of PAGES) {
	const results = [];
	for (let i = 0; i < runs; i++) results.push(await measure(p.path));
	console.log(
		`${p.name.padEnd(8)} first text ${round(median(results.map((r) => r.fcp)))} ms   LCP ${round(median(results.map((r) => r.lcp)))} ms   app took over ${round(median(results.map((r) => r.takeover)))} ms   (${p.path})`
	);
}
const clicks = [];
for (let i = 0; i < runs; i++) clicks.push(await measureClick());
console.log(`click    home → news list: ${round(median(clicks.map((c) => c.click)))} ms to the next page's h1`);
await browser.close();
