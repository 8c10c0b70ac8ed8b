// Starts the real portal binary (../bin/portal) on a free port of 127.0.0.1 with a fresh
// database, into which it loads the demo content, waits for /healthz, and exports the base
// URL as PORTAL_BASE_URL for the workers. global-teardown.ts stops it.
import { startPortal, type Portal } from './portal';

export default async function globalSetup() {
	if (process.env.PORTAL_BASE_URL) {
		// A server someone else runs: test it as it is.
		process.env.PORTAL_BASE_URL = process.env.PORTAL_BASE_URL.replace(/\/+$/, '');
		return;
	}
	const portal = await startPortal();
	process.env.PORTAL_BASE_URL = portal.url;
	process.env.PORTAL_E2E_PID = String(portal.child.pid);
	process.env.PORTAL_E2E_DIR = portal.dir;
	(globalThis as { __portal?: Portal }).__portal = portal;
	console.log(`portal: ${portal.url} (pid ${portal.child.pid}, database and log in ${portal.dir})`);
}
