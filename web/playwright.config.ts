// End-to-end tests: the real Go binary (../bin/portal, built by `make build`) serving the
// embedded app and the API on a free port of 127.0.0.1, driven by Debian's Chromium.
//
//   make build && cd web && npx playwright test
//
// No browser is downloaded: Playwright launches /usr/bin/chromium (CHROMIUM_PATH to
// override). e2e/global-setup.ts starts the server and exports its URL as
// PORTAL_BASE_URL (set it yourself to test a server that is already running);
// e2e/global-teardown.ts stops it.
import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;

export default defineConfig({
	testDir: './e2e',
	outputDir: './test-results',
	fullyParallel: true,
	forbidOnly: CI,
	retries: CI ? 1 : 0,
	workers: 2,
	// Its last lines count what passed and what failed.
	reporter: 'list',
	timeout: 30_000,
	expect: { timeout: 7_000 },
	globalSetup: './e2e/global-setup.ts',
	globalTeardown: './e2e/global-teardown.ts',
	use: {
		// Set by global-setup before the workers start; e2e/fixtures.ts reads it again.
		baseURL: process.env.PORTAL_BASE_URL,
		viewport: { width: 1280, height: 800 },
		locale: 'en-GB',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }]
});
