#!/usr/bin/env node
// What the main thread does while a public page starts (a measure, not a test): loads the
// page in Debian's headless Chromium with the CPU slowed 4× (as Lighthouse's mobile run
// counts it), records Chromium's performance trace with the JavaScript sampler, and prints
// each task longer than 50 ms (the ones that count as blocking time) with what it ran:
// scripts evaluated, functions called, style and layout, and the functions that took the
// most samples. Each run also lists every script task over 5 ms by kind (module evaluation,
// promise jobs such as SvelteKit's start, idle callbacks). With --cpu 1 the tasks are as
// Lighthouse observes them before it counts each 4× (so over 12.5 ms is what blocks there).
// This shared build machine's load swings: compare builds in alternation, over several runs.
//
//   node web/scripts/startup-trace.mjs [--runs 3] [--path /en/] [--cpu 4] [--brief] [--save trace.json]
//   PORTAL_BASE_URL=http://127.0.0.1:8080 node web/scripts/startup-trace.mjs
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { firstSlug, startPortal } from './start-portal.mjs';
import { describeLongTasks, longTasks, mainThread, scriptKind } from './trace-tasks.mjs';
import { flag, option } from './option.mjs';

const RUNS = Number(option('--runs', '3'));
const SAVE = option('--save', '');
const CPU_SLOWDOWN = Number(option('--cpu', '4'));
const LONG_TASK_MS = 50;
const CATEGORIES = [
	'toplevel',
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'v8',
	'blink.user_timing',
	'disabled-by-default-v8.cpu_profiler',
	'loading'
];

const portal = process.env.PORTAL_BASE_URL ? null : await startPortal();
const base = process.env.PORTAL_BASE_URL?.replace(/\/+$/, '') ?? portal.url;
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update']
});
try {
	const project = await firstSlug(base, 'projects');
	const paths = option('--path', '') ? [option('--path', '')] : ['/sr-cyrl/', `/en/projects/${project}`];
	for (const path of paths) {
		for (let run = 1; run <= RUNS; run++) {
			const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75 });
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
			await browser.startTracing(page, { categories: CATEGORIES });
			await page.goto(base + path, { waitUntil: 'load' });
			await page.waitForTimeout(3000); // the idle preloading of the other routes' code
			const buffer = await browser.stopTracing();
			await context.close();
			const { traceEvents: events } = JSON.parse(buffer.toString());
			if (SAVE) writeFileSync(SAVE.replace(/(\.json)?$/, `-${run}.json`), buffer);
			const thread = mainThread(events, base + path);
			const tasks = longTasks(events, thread, 0);
			const long = longTasks(events, thread, LONG_TASK_MS);
			const blocking = long.reduce((s, t) => s + t.dur / 1000 - LONG_TASK_MS, 0);
			const marks = events.filter((e) => e.pid === thread.pid && e.cat?.includes('user_timing') && e.name.startsWith('portal:'));
			console.log(`\n${path} run ${run}: ${long.length} tasks over ${LONG_TASK_MS} ms (4× CPU), blocking ${Math.round(blocking)} ms in all ${tasks.length} tasks`);
			const scripts = tasks.filter((t) => t.dur > 5000 && scriptKind(events, thread, t));
			console.log(`  script tasks over 5 ms: ${scripts.map((t) => `${scriptKind(events, thread, t)} ${Math.round(t.dur / 1000)}`).join(', ')}`);
			for (const m of marks) console.log(`  mark ${m.name} at ${Math.round((m.ts - thread.navigationStart) / 1000)} ms`);
			if (!flag('--brief')) for (const line of describeLongTasks(events, thread, LONG_TASK_MS)) console.log(`  ${line}`);
		}
	}
} finally {
	await browser.close();
	portal?.stop();
}
