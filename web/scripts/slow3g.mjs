#!/usr/bin/env node
// Measures the public site as a newcomer on a cheap phone sees it (not a test: it prints
// figures and fails only when it cannot measure):
//
//   make slow3g                      build, start bin/portal with the demo content, measure
//   node web/scripts/slow3g.mjs [--runs 3] [--locale sr-cyrl]
//   PORTAL_BASE_URL=http://127.0.0.1:8080 node web/scripts/slow3g.mjs   (a running server)
//
// Debian's Chromium (/usr/bin/chromium, CHROMIUM_PATH to override) through playwright-core,
// throttled through the DevTools protocol as DevTools' "Slow 3G" preset does
// (Network.emulateNetworkConditions: 2,000 ms latency, 400 kbit/s = 50,000 bytes/s down and
// up: DevTools' and Puppeteer's `latency: 400 * 5`, `download: 500 * 1000 / 8 * 0.8`) with
// the CPU slowed 4× (Emulation.setCPUThrottlingRate), 360 × 740 px, a cold cache (a new
// browser context per run). For the home page and a project page it reports first
// contentful paint (the first text: the loading bar is not contentful) and largest
// contentful paint; and the time from a click on a link of the home page to a project
// until that project's heading is on screen. Each figure is the median of --runs runs.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { firstSlug, repoRoot, startPortal } from './start-portal.mjs';
import { option } from './option.mjs';

const RUNS = Number(option('--runs', '3'));
const LOCALE = option('--locale', 'sr-cyrl');

/** DevTools' "Slow 3G" preset. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4;
const VIEWPORT = { width: 360, height: 740 };
const PAGE_TIMEOUT = 90_000;

/** Records paint timings from the start of the document, whatever its CSP. */
const OBSERVE_PAINTS = `
	window.__paints = { fcp: null, lcp: null };
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__paints.fcp = e.startTime;
	}).observe({ type: 'paint', buffered: true });
	new PerformanceObserver((list) => {
		const all = list.getEntries();
		window.__paints.lcp = all[all.length - 1].startTime;
	}).observe({ type: 'largest-contentful-paint', buffered: true });
`;

/** A new cold, throttled phone-sized page. */
async function throttledPage(browser) {
	const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const page = await context.newPage();
	page.setDefaultTimeout(PAGE_TIMEOUT);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	await page.addInitScript(OBSERVE_PAINTS);
	return { page, context };
}

/** First contentful paint and LCP of a cold load of url, in ms, and the requests until its heading showed. */
async function measureLoad(browser, url) {
	const { page, context } = await throttledPage(browser);
	let requests = 0;
	page.on('request', () => requests++);
	try {
		await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT });
		await page.locator('main h1').first().waitFor({ state: 'visible' });
		const before = requests;
		await page.waitForLoadState('load');
		await page.waitForTimeout(1000); // a later, larger paint would still count
		return { ...(await page.evaluate(() => window.__paints)), requests: before };
	} finally {
		await context.close();
	}
}

/** Time from a click on the home page's first project link to that project's heading, in ms. */
async function measureClick(browser, home) {
	const { page, context } = await throttledPage(browser);
	try {
		await page.goto(home, { waitUntil: 'load', timeout: PAGE_TIMEOUT });
		const link = page.locator('main a[href*="/projects/"]').filter({ hasNotText: /^$/ });
		await link.first().waitFor({ state: 'visible' });
		await page.waitForLoadState('networkidle');
		return await page.evaluate(
			() =>
				new Promise((done) => {
					const a = [...document.querySelectorAll('main a[href*="/projects/"]')].find((x) =>
						/\/projects\/[^/?#]+$/.test(x.pathname)
					);
					if (!a) throw new Error('no link to a project on the home page');
					const target = a.pathname;
					const before = document.querySelector('main h1')?.textContent;
					const start = performance.now();
					const check = () => {
						const h1 = document.querySelector('main h1');
						if (location.pathname === target && h1 && h1.textContent !== before && h1.getClientRects().length) {
							requestAnimationFrame(() => done(performance.now() - start)); // painted
						} else requestAnimationFrame(check);
					};
					a.click(); // no hover first: a phone has none
					requestAnimationFrame(check);
				})
		);
	} finally {
		await context.close();
	}
}

const median = (xs) => {
	const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
	return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const seconds = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) + ' s' : 'n/a');

let portal = null;
let base = process.env.PORTAL_BASE_URL?.replace(/\/+$/, '');
if (!base) {
	portal = await startPortal();
	base = portal.url;
}
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});
try {
	const home = `${base}/${LOCALE}/`;
	const project = `${base}/${LOCALE}/projects/${await firstSlug(base, 'projects')}`;
	const rows = [];
	for (const [name, url] of [
		['home page', home],
		['project page', project]
	]) {
		const runs = [];
		for (let i = 0; i < RUNS; i++) runs.push(await measureLoad(browser, url));
		rows.push({
			name,
			path: new URL(url).pathname,
			fcp: median(runs.map((r) => r.fcp)),
			lcp: median(runs.map((r) => r.lcp)),
			requests: median(runs.map((r) => r.requests))
		});
	}
	const clicks = [];
	for (let i = 0; i < RUNS; i++) clicks.push(await measureClick(browser, home));

	let commit = '';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
	} catch {
		// not a checkout
	}
	console.log(`\nSlow 3G (2,000 ms RTT, 400 kbit/s), CPU ${CPU_SLOWDOWN}× slower, ${VIEWPORT.width} px, cold cache; median of ${RUNS} runs${commit ? `, commit ${commit}` : ''}\n`);
	const table = [
		['', 'first text', 'LCP', 'requests', 'path'],
		...rows.map((r) => [r.name, seconds(r.fcp), seconds(r.lcp), String(r.requests), r.path]),
		['click', seconds(median(clicks)), '', '', 'home page → a project, until its heading shows']
	];
	const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)) + 2);
	for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('').trimEnd());
	console.log(`\nGoals (issue 11): first text ≤ 5 s, LCP ≤ 6 s, a click ≤ 2.5 s.`);
} finally {
	await browser.close();
	portal?.stop();
}
