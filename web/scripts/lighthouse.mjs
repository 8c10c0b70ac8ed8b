#!/usr/bin/env node
// Lighthouse's default mobile run (a Moto G Power on a slow 4G, the CPU slowed 4×) on the
// public pages, printing the four category scores per page (a measure, not a test; it
// fails only when it cannot measure):
//
//   make lighthouse                         build, install Lighthouse on demand, start
//                                           bin/portal with the demo content, measure
//   node web/scripts/lighthouse.mjs [--locales sr-cyrl,en]
//   PORTAL_BASE_URL=http://127.0.0.1:8080 node web/scripts/lighthouse.mjs   (a running server)
//
// Lighthouse is not a dependency of the front end (it would slow every npm ci): the
// Makefile installs a pinned version into LIGHTHOUSE_DIR (web/.lighthouse) and passes that
// folder here. Debian's Chromium (/usr/bin/chromium, CHROME_PATH to override), headless.
// Goals (issue 11): performance ≥ 98, accessibility, best practices and SEO 100.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { firstSlug, repoRoot, startPortal } from './start-portal.mjs';
import { describeLongTasks, mainThread } from './trace-tasks.mjs';
import { option } from './option.mjs';

const LOCALES = option('--locales', 'sr-cyrl,en').split(',');
const lhDir = resolve(process.env.LIGHTHOUSE_DIR || join(repoRoot, 'web', '.lighthouse'));
const GOALS = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };
const LONG_TASK_MS = 50; // a task longer than this blocks input (Lighthouse's simulated 4× CPU)

const load = async (name) => {
	const path = createRequire(join(lhDir, 'package.json')).resolve(name);
	return import(pathToFileURL(path).href);
};
let lighthouse, chromeLauncher;
try {
	lighthouse = (await load('lighthouse')).default;
	chromeLauncher = await load('chrome-launcher');
} catch {
	console.error(`lighthouse: not installed in ${lhDir}: run make lighthouse`);
	process.exit(2);
}

let portal = null;
let base = process.env.PORTAL_BASE_URL?.replace(/\/+$/, '');
if (!base) {
	portal = await startPortal();
	base = portal.url;
}
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});
const rows = [];
let failures = 0;
let version = '';
const benchmarks = [];
try {
	const news = await firstSlug(base, 'news');
	const project = await firstSlug(base, 'projects');
	for (const l of LOCALES) {
		for (const path of [`/${l}/`, `/${l}/news/${news}`, `/${l}/projects/${project}`, `/${l}/search?q=azil`]) {
			const result = await lighthouse(base + path, { port: chrome.port, output: 'json', logLevel: 'error' });
			const lhr = result?.lhr;
			if (!lhr || lhr.runtimeError) {
				console.error(`lighthouse: ${path}: ${lhr?.runtimeError?.message ?? 'no result'}`);
				failures++;
				continue;
			}
			version = lhr.lighthouseVersion;
			benchmarks.push(lhr.environment.benchmarkIndex);
			const scores = Object.fromEntries(Object.keys(GOALS).map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
			// What cost points: the failing audits of each category below its goal.
			const lost = [];
			for (const [c, goal] of Object.entries(GOALS)) {
				if (scores[c] >= goal) continue;
				for (const ref of lhr.categories[c].auditRefs) {
					const a = lhr.audits[ref.id];
					if (ref.weight > 0 && a.score !== null && a.score < 1) lost.push(`${c}: ${a.id} (${a.displayValue ?? a.score})`);
				}
			}
			// Where blocking time came from: the longest main-thread tasks (simulated, ms).
			if (scores.performance < GOALS.performance) {
				const tasks = (lhr.audits['long-tasks']?.details?.items ?? []).slice(0, 4);
				if (tasks.length) lost.push(`longest tasks: ${tasks.map((t) => `${Math.round(t.duration)} ms ${String(t.url).split('/').pop()}`).join(', ')}`);
				// What ran in them: the trace Lighthouse recorded, unthrottled (it counts each task 4×).
				const events = result.artifacts?.Trace?.traceEvents ?? [];
				const thread = events.length ? mainThread(events, base + path) : null;
				if (thread) lost.push(`tasks over ${LONG_TASK_MS / 4} ms in the trace (unthrottled):\n      ${describeLongTasks(events, thread, LONG_TASK_MS / 4).join('\n      ')}`);
			}
			const tbt = Math.round(lhr.audits['total-blocking-time']?.numericValue ?? NaN);
			rows.push({ path: path.length > 60 ? path.slice(0, 57) + '…' : path, scores, tbt, lost });
			process.stderr.write('.');
		}
	}
} finally {
	await chrome.kill();
	portal?.stop();
}

// The last column is the total blocking time in Lighthouse's simulation (4× slower CPU).
// Lighthouse slows the CPU 4× on top of this machine's speed: its benchmark index (about
// 1,000 to 2,000 on a developer's laptop) says how loaded the machine was.
const bench = benchmarks.sort((a, b) => a - b)[Math.floor((benchmarks.length - 1) / 2)];
console.log(`\nLighthouse ${version} default mobile run, headless Chromium, benchmark index ${Math.round(bench)} (median)\n`);
const head = ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'blocking (ms)'];
const table = [head, ...rows.map((r) => [r.path, ...Object.values(r.scores).map(String), String(r.tbt)])];
const widths = head.map((_, i) => Math.max(...table.map((row) => row[i].length)) + 2);
for (const row of table) console.log(row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('').trimEnd());
for (const r of rows) for (const x of r.lost) console.log(`  ${r.path}: ${x}`);
console.log(`\nGoals (issue 11): performance ≥ 98, accessibility, best practices and SEO 100.`);
process.exit(failures ? 1 : 0);
