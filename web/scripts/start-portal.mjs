// Starts bin/portal on a free port of 127.0.0.1 with a new database (the demo content loads
// into it), for the measuring scripts (slow3g.mjs, lighthouse.mjs). Node only.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort() {
	return new Promise((ok, fail) => {
		const srv = createServer();
		srv.on('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => ok(port));
		});
	});
}

/** Starts the portal; resolves to its URL and a function that stops it and removes its data. */
export async function startPortal() {
	const binary = join(repoRoot, 'bin', 'portal');
	if (!existsSync(binary)) throw new Error(`${binary} is missing: run make build first`);
	const dir = mkdtempSync(join(tmpdir(), 'portal-measure-'));
	const addr = `127.0.0.1:${await freePort()}`;
	const env = { ...process.env };
	for (const k of ['PORTAL_ADDR', 'PORTAL_DB', 'PORTAL_NO_DEMO', 'PORTAL_PUBLIC_URL']) delete env[k];
	const child = spawn(binary, ['serve', '--addr', addr, '--db', join(dir, 'portal.db')], { stdio: 'ignore', env });
	const stop = () => {
		if (child.exitCode === null) child.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', stop);
	const url = `http://${addr}`;
	for (const deadline = Date.now() + 20_000; ; ) {
		try {
			if ((await fetch(url + '/healthz')).ok) return { url, stop };
		} catch {
			// not listening yet
		}
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bin/portal did not start at ${url}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The slug of the first item of a list (news, projects, partners), from the API. */
export async function firstSlug(base, list) {
	const res = await fetch(base + '/graphql', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ query: `{ ${list}(first: 1) { edges { node { slug } } } }` })
	});
	const slug = (await res.json())?.data?.[list]?.edges?.[0]?.node?.slug;
	if (!slug) throw new Error(`no ${list} to measure: is the demo content loaded?`);
	return slug;
}
