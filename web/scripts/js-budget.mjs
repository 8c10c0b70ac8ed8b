#!/usr/bin/env node
// The JS size budget, from the built files (node only, no dependencies):
//
//   node web/scripts/js-budget.mjs [--dir web/out/site] [--budget 61440]
//
// For each public route measured (the home page and the news list), it adds up the
// gzipped size (node:zlib, level 9) of the JS a first visit loads before any
// interaction: what the shell (index.html) loads (script src, modulepreload links, the
// import()s of its inline start script), SvelteKit's root layout and root error nodes
// (nodes/0 and nodes/1, always loaded at start), the route's own nodes (its page and
// layouts, read from the client manifest's route dictionary), and every file those
// import statically, transitively. When the dictionary cannot be read it counts nodes
// 0, 1 and 2 instead, a conservative estimate. It prints a table per route and exits 1
// when a route is over budget (60 KB = 61,440 bytes by default), 2 when the build is
// missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { option } from './option.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const siteDir = resolve(option('--dir', process.env.JS_BUDGET_DIR || join(here, '..', 'out', 'site')));
const BUDGET = Number(option('--budget', process.env.JS_BUDGET_BYTES || 60 * 1024));

// The public routes measured, as SvelteKit route ids with the first segment the locale
// parameter (whatever its name or matcher): "/[…]" is the home page.
const ROUTES = [
	{ name: 'home (/{locale}/)', rest: '' },
	{ name: 'news list (/{locale}/news)', rest: '/news' }
];

function fail(msg, code = 2) {
	console.error(`js-budget: ${msg}`);
	process.exit(code);
}

const shellPath = join(siteDir, 'index.html');
if (!existsSync(shellPath)) fail(`${shellPath} is missing: build the front end first (cd web && npm run build)`);
const shell = readFileSync(shellPath, 'utf8');

/** A URL path of the site (/_app/…) → the file on disk, or null when it is not a local JS file. */
function fileOf(urlPath, fromFile) {
	if (/^(https?:)?\/\//.test(urlPath) || urlPath.startsWith('data:')) {
		fail(`the shell loads a script from another origin: ${urlPath}`, 1);
	}
	const clean = urlPath.split(/[?#]/)[0];
	const abs = clean.startsWith('/')
		? join(siteDir, clean)
		: join(fromFile ? dirname(fromFile) : siteDir, clean);
	if (!/\.m?js$/.test(abs)) return null;
	if (!existsSync(abs)) fail(`${urlPath} (referenced by ${fromFile ? relative(siteDir, fromFile) : 'index.html'}) does not exist`, 1);
	return abs;
}

// 1. What the shell itself loads.
const shellRefs = new Set();
for (const m of shell.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) shellRefs.add(m[1]);
for (const m of shell.matchAll(/<link\b[^>]*>/gi)) {
	const tag = m[0];
	if (!/\brel\s*=\s*["']?modulepreload/i.test(tag)) continue;
	const href = tag.match(/\bhref\s*=\s*["']([^"']+)["']/i);
	if (href) shellRefs.add(href[1]);
}
for (const m of shell.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
	for (const i of m[1].matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) shellRefs.add(i[1]);
	for (const i of m[1].matchAll(/\bfrom\s*["']([^"']+)["']/g)) shellRefs.add(i[1]);
}
const shellFiles = [...shellRefs].map((r) => fileOf(r, null)).filter(Boolean);
if (shellFiles.length === 0) fail('the shell loads no JS: is index.html the SvelteKit shell?', 1);

// 2. Static imports, transitively (dynamic import() is loaded later, on demand).
const importCache = new Map();
function staticImports(file) {
	if (importCache.has(file)) return importCache.get(file);
	const code = readFileSync(file, 'utf8');
	const refs = new Set();
	// import x from"…" / import{…}from"…" / export{…}from"…" / export*from"…"
	for (const m of code.matchAll(/(?:^|[\s;{}()])(?:import|export)\b[^"'`;()]*?\bfrom\s*["']([^"']+)["']/g)) refs.add(m[1]);
	// import"…" (side effects only)
	for (const m of code.matchAll(/(?:^|[\s;{}()])import\s*["']([^"']+)["']/g)) refs.add(m[1]);
	const files = [...refs].map((r) => fileOf(r, file)).filter(Boolean);
	importCache.set(file, files);
	return files;
}
function closure(entries) {
	const seen = new Set();
	const stack = [...entries];
	while (stack.length) {
		const f = stack.pop();
		if (seen.has(f)) continue;
		seen.add(f);
		stack.push(...staticImports(f));
	}
	return seen;
}

// 3. SvelteKit's nodes: nodes/<n>.<hash>.js, and the route dictionary of the app entry.
const immutable = join(siteDir, '_app', 'immutable');
const nodesDir = join(immutable, 'nodes');
const nodeFiles = new Map();
if (existsSync(nodesDir)) {
	for (const f of readdirSync(nodesDir)) {
		const m = f.match(/^(\d+)\.[^/]*\.js$/) ?? f.match(/^(\d+)\.js$/);
		if (m) nodeFiles.set(Number(m[1]), join(nodesDir, f));
	}
}
if (nodeFiles.size === 0) fail(`no SvelteKit nodes under ${relative(process.cwd(), nodesDir)}`, 1);
const node = (n) => {
	const f = nodeFiles.get(n);
	if (!f) fail(`node ${n} is missing from ${nodesDir}`, 1);
	return f;
};

/** Route id → node numbers (page and layouts), from `dictionary` in the app entry. */
function readDictionary() {
	const entryDir = join(immutable, 'entry');
	const appFile = existsSync(entryDir) ? readdirSync(entryDir).find((f) => /^app\.[^/]*\.js$/.test(f)) : null;
	if (!appFile) return null;
	const code = readFileSync(join(entryDir, appFile), 'utf8');
	const routes = new Map();
	// "…route id…":[~3,[2],[1]] — page node (~ when it has a server load), layouts, errors.
	for (const m of code.matchAll(/["'](\/[^"']*)["']\s*:\s*\[\s*~?(\d+)\s*(?:,\s*\[([^\]]*)\])?/g)) {
		const layouts = (m[3] ?? '')
			.split(',')
			.map((s) => s.trim().replace(/^~/, ''))
			.filter((s) => /^\d+$/.test(s))
			.map(Number);
		routes.set(m[1], [Number(m[2]), ...layouts]);
	}
	return routes.size ? routes : null;
}

const dictionary = readDictionary();
const base = [0, 1]; // the root layout and the root error page: SvelteKit loads both at start
const report = [];
let over = false;

for (const r of ROUTES) {
	let nodes;
	let how;
	if (dictionary) {
		const id = [...dictionary.keys()].find((k) => new RegExp(`^/\\[[^\\]/]+\\]${r.rest.replace(/\//g, '\\/')}$`).test(k));
		if (id) {
			nodes = [...new Set([...base, ...dictionary.get(id)])];
			how = `route ${id}: nodes ${nodes.join(', ')}`;
		}
	}
	if (!nodes) {
		nodes = [0, 1, 2].filter((n) => nodeFiles.has(n));
		how = `route not found in the client manifest: nodes ${nodes.join(', ')} (estimate)`;
	}
	const files = [...closure([...shellFiles, ...nodes.map(node)])];
	const rows = files
		.map((f) => {
			const buf = readFileSync(f);
			return { file: '/' + posix.normalize(relative(siteDir, f).split('\\').join('/')), raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
		})
		.sort((a, b) => b.gz - a.gz);
	const total = rows.reduce((s, x) => s + x.gz, 0);
	const raw = rows.reduce((s, x) => s + x.raw, 0);
	const ok = total <= BUDGET;
	if (!ok) over = true;
	report.push({ r, how, rows, total, raw, ok });
}

const w = Math.max(24, ...report.flatMap((x) => x.rows.map((row) => row.file.length)));
const line = (a, b, c) => `${a.padEnd(w)} ${String(b).padStart(9)} ${String(c).padStart(9)}`;
for (const x of report) {
	console.log(`\n${x.r.name}  (${x.how})`);
	console.log(line('file', 'bytes', 'gzip'));
	for (const row of x.rows) console.log(line(row.file, row.raw, row.gz));
	console.log(line(`total, ${x.rows.length} files`, x.raw, x.total));
	console.log(
		`${x.ok ? 'ok' : 'OVER BUDGET'}: ${x.total} of ${BUDGET} bytes gzipped (${((100 * x.total) / BUDGET).toFixed(1)} %)`
	);
}
process.exit(over ? 1 : 0);
