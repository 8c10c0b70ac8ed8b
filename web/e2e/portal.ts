// Starting and stopping the real portal binary (../bin/portal) on a free port of
// 127.0.0.1, for global-setup.ts (the demo content) and for tests that need a database
// of their own (paging.spec.ts: more news than fit on one page).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
/** The binary under test: ../bin/portal, or PORTAL_BIN. */
export const binary = process.env.PORTAL_BIN ? resolve(process.env.PORTAL_BIN) : join(repoRoot, 'bin', 'portal');

/**
 * The first admin of every portal the tests start (the binary creates it from
 * PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD in a database without accounts).
 */
export const ADMIN = { email: 'admin@e2e.example.gov.rs', password: 'e2e-admin-password-2026' } as const;

export type Portal = { url: string; child: ChildProcess; dir: string; log: string; stop(): Promise<void> };

export function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => ok(port));
		});
	});
}

function tail(file: string): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Starts bin/portal with a database in a new temporary folder (or `db`), waits for
 * /healthz, and returns its base URL. The demo content loads when the database is empty.
 */
/** The e2e server's --api-rate-limit: requests a minute per client address. */
export const E2E_RATE_LIMIT = 5000;

export async function startPortal(opts: { dir?: string; db?: string; timeoutMs?: number } = {}): Promise<Portal> {
	if (!existsSync(binary)) {
		throw new Error(`${binary} is missing: run make build first (from the repository root).`);
	}
	const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'portal-e2e-'));
	const db = opts.db ?? join(dir, 'portal.db');
	const log = join(dir, 'portal.log');
	const port = await freePort();
	const addr = `127.0.0.1:${port}`;
	const fd = openSync(log, 'a');
	const env = { ...process.env };
	for (const k of ['PORTAL_ADDR', 'PORTAL_DB', 'PORTAL_NO_DEMO', 'PORTAL_CORS_ORIGINS', 'PORTAL_PUBLIC_URL']) delete env[k];
	env.PORTAL_ADMIN_EMAIL = ADMIN.email;
	env.PORTAL_ADMIN_PASSWORD = ADMIN.password;
	// The API's fair-use limit counts every request from outside the site's own pages, the
	// tests' own (Node) requests too: above what the suite sends, still on (api.spec.ts).
	const child = spawn(binary, ['serve', '--addr', addr, '--db', db, '--api-rate-limit', String(E2E_RATE_LIMIT)], {
		stdio: ['ignore', fd, fd],
		env
	});
	closeSync(fd);
	const kill = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	// Never leave a server behind, whatever happens to this process.
	process.on('exit', kill);
	const url = `http://${addr}`;

	const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
	let last = '';
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			rmSync(dir, { recursive: true, force: true });
			throw new Error(`bin/portal exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${tail(log)}`);
		}
		try {
			const res = await fetch(url + '/healthz');
			if (res.ok) break;
			last = `HTTP ${res.status}`;
		} catch (e) {
			last = String((e as Error).message ?? e);
		}
		if (Date.now() > deadline) {
			kill();
			const msg = tail(log);
			rmSync(dir, { recursive: true, force: true });
			throw new Error(`bin/portal was not healthy at ${url}/healthz in time (${last}):\n${msg}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}

	return {
		url,
		child,
		dir,
		log,
		async stop() {
			process.off('exit', kill);
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
				await exited;
				clearTimeout(timer);
			}
			if (!process.env.PORTAL_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Fills a new database with `news` synthetic news items (and their projects, partners and
 * topics) through the repository's generator (go run ./bench, which imports them with
 * store.Import), and returns its folder and file.
 */
export async function generatedDatabase(news: number): Promise<{ dir: string; db: string }> {
	const dir = mkdtempSync(join(tmpdir(), 'portal-e2e-gen-'));
	const db = join(dir, 'portal.db');
	const args = ['run', './bench', '-news', String(news), '-db', db, '-scenarios', 'news-list', '-d', '1ms', '-c', '1'];
	await new Promise<void>((ok, fail) => {
		execFile(process.env.GO || 'go', args, { cwd: repoRoot, timeout: 180_000 }, (err, stdout, stderr) => {
			if (err) {
				rmSync(dir, { recursive: true, force: true });
				fail(new Error(`go ${args.join(' ')} failed (needs Go and bench/): ${err.message}\n${stdout}\n${stderr}`));
			} else ok();
		});
	});
	return { dir, db };
}
