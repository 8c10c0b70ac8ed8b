// Writes out/site/preloads.json: for each public route of the app, the JavaScript modules
// and style sheets its page needs (its layouts and its page, with everything they import),
// less those the shell (index.html) already names. The Go server (server/preloads.go) reads
// it at startup and writes them into the shell for a matching URL as
// <link rel="modulepreload"> and <link rel="stylesheet">, so the browser fetches them with
// the HTML instead of after start.js has run and asked for them.
//
// It reads SvelteKit's own build output: .svelte-kit/output/server/manifest-full.js (each
// route's layouts, error pages and page, as node numbers) and nodes/N.js beside it (each
// node's client `imports` and `stylesheets`, the lists SvelteKit preloads when it renders
// on the server). Run after `vite build` (package.json "build").
//
//   { "/[locale=locale]/news/[slug]": { "modules": ["/_app/immutable/nodes/10.x.js", …],
//                                       "styles": ["/_app/immutable/assets/10.y.css"] }, …,
//     "/[locale=locale]/+error": { … the locale layout's error page … } }
import { readFile, writeFile } from 'node:fs/promises';

const WEB = new URL('../', import.meta.url);
const SERVER = new URL('.svelte-kit/output/server/', WEB);
const OUT = new URL('out/site/', WEB);
const PUBLIC = '/[locale=locale]';

const { manifest } = await import(new URL('manifest-full.js', SERVER).href);
const shell = await readFile(new URL('index.html', OUT), 'utf8');
const inShell = new Set([...shell.matchAll(/href="([^"]+)"/g)].map((m) => m[1]));

/** @type {Map<number, {imports: string[], stylesheets: string[]}>} */
const nodes = new Map();
async function node(index) {
	if (!nodes.has(index)) nodes.set(index, await import(new URL(`nodes/${index}.js`, SERVER).href));
	return nodes.get(index);
}

/** The files of some nodes the shell does not name yet, in order, each once. */
async function files(indexes) {
	const modules = new Set();
	const styles = new Set();
	for (const index of indexes) {
		const n = await node(index);
		for (const f of n.imports) if (!inShell.has('/' + f)) modules.add('/' + f);
		for (const f of n.stylesheets) if (!inShell.has('/' + f)) styles.add('/' + f);
	}
	return { modules: [...modules], styles: [...styles] };
}

const out = {};
for (const route of manifest._.routes) {
	if (!route.page || (route.id !== PUBLIC && !route.id.startsWith(PUBLIC + '/'))) continue;
	const layouts = route.page.layouts.filter((i) => i !== undefined);
	out[route.id] = await files([...layouts, route.page.leaf]);
	if (route.id === PUBLIC) {
		// A page that is not found: the locale's layouts and the nearest error page.
		const errors = route.page.errors.filter((i) => i !== undefined);
		out[PUBLIC + '/+error'] = await files([...layouts, errors[errors.length - 1]]);
	}
}
if (!out[PUBLIC]) throw new Error(`route-preloads: no route ${PUBLIC} in the build`);
await writeFile(new URL('preloads.json', OUT), JSON.stringify(out, null, '\t') + '\n');
console.log(`route-preloads: ${Object.keys(out).length} routes in out/site/preloads.json`);
