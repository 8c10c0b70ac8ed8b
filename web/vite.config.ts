import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * SvelteKit's route announcer (in its generated root component) hides itself with a
 * style attribute, which the server's CSP (`style-src 'self'`) blocks with a console
 * error on every page load. Drop the attribute: app.css hides #svelte-announcer instead.
 * If a SvelteKit update changes the markup, nothing breaks: the error simply returns.
 */
function announcerWithoutInlineStyle(): Plugin {
	return {
		name: 'portal:announcer-without-inline-style',
		enforce: 'pre',
		transform(code, id) {
			if (!id.replace(/\\/g, '/').endsWith('/generated/root.svelte')) return null;
			return code.replace(/(<div id="svelte-announcer"[^>]*?)\s+style="[^"]*"/, '$1');
		}
	};
}

export default defineConfig({
	plugins: [announcerWithoutInlineStyle(), sveltekit()],
	server: {
		// `npm run dev` talks to the Go API started with `./bin/portal serve --addr 127.0.0.1:8080`.
		proxy: { '/graphql': 'http://127.0.0.1:8080' }
	},
	build: {
		target: 'es2022',
		sourcemap: false,
		rolldownOptions: {
			output: {
				// V8's explicit compile hint (Chromium 136 and later; other engines read a comment):
				// compile every function of a file with the file, off the main thread while it
				// streams in, instead of each at its first call. The app's start-up calls most of
				// them, one after the other, in two tasks of its own; compiling them there made
				// those tasks about twice as long (web/scripts/startup-trace.mjs).
				postBanner: '//# allFunctionsCalledOnLoad',
				codeSplitting: {
					groups: [
						{
							// The public pages' shared code (Svelte, SvelteKit's client, src/lib outside
							// admin) in one chunk instead of a dozen: on a slow network each request
							// costs a round trip, and a browser opens only six at a time.
							name: 'public',
							test: (id: string) => !/[\\/]admin[\\/]/.test(id) && /[\\/](node_modules|src[\\/]lib)[\\/]/.test(id),
							minShareCount: 2
						}
					]
				}
			}
		}
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
