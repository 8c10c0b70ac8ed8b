// Stops the portal that global-setup.ts started and removes its folder.
import { rmSync } from 'node:fs';
import type { Portal } from './portal';

export default async function globalTeardown() {
	const portal = (globalThis as { __portal?: Portal }).__portal;
	if (portal) {
		await portal.stop();
		return;
	}
	// Set up in another process (should not happen): stop it by its pid.
	const pid = Number(process.env.PORTAL_E2E_PID);
	if (pid > 0) {
		try {
			process.kill(pid, 'SIGTERM');
		} catch {
			// already gone
		}
	}
	const dir = process.env.PORTAL_E2E_DIR;
	if (dir && !process.env.PORTAL_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
}
