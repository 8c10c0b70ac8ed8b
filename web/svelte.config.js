import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: the Go server serves out/site/index.html for every app route
		// (rewriting <html lang> and <!--portal-meta-->) and the files under out/site.
		adapter: adapter({
			pages: 'out/site',
			assets: 'out/site',
			fallback: 'index.html',
			precompress: false, // scripts/compress.mjs writes .br and .gz
			strict: true
		}),
		// The Go server puts the shell's style sheets into each page itself (server/styles.go:
		// a <style> allowed by the CSP through its hash); nothing else may inline CSS.
		inlineStyleThreshold: 0,
		// One page (index.html) is built; the only prerendered route is the server's
		// rendering data (src/routes/portal-ssr.json).
		prerender: { entries: ['/portal-ssr.json'] },
		output: { preloadStrategy: 'modulepreload' },
		version: { pollInterval: 0 }
	}
};

export default config;
