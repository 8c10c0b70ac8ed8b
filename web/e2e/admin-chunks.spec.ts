// The editors' area is its own code: public pages never fetch its JS or CSS, not on a first
// visit, not on client-side navigation, not when links are hovered (SvelteKit preloads on
// hover). Which files are the editors' own is read from the build the server serves: the
// route table of the app entry names the nodes of /admin routes; their files and what
// they import, minus everything the public nodes import, are the editors' own.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, LOCALES, pageTypes, settle, test } from './fixtures';
import { signIn } from './admin';

async function text(request: APIRequestContext, path: string): Promise<string> {
	const res = await request.get(path);
	expect(res.status(), path).toBe(200);
	return res.text();
}

/** Static imports of a JS file, as site paths. */
function imports(code: string, from: string): string[] {
	const out = new Set<string>();
	for (const m of code.matchAll(/(?:^|[\s;{}()])(?:import|export)\b[^"'`;()]*?\bfrom\s*["']([^"']+)["']/g)) out.add(m[1]!);
	for (const m of code.matchAll(/(?:^|[\s;{}()])import\s*["']([^"']+)["']/g)) out.add(m[1]!);
	return [...out].filter((r) => r.endsWith('.js')).map((r) => new URL(r, `http://x${from}`).pathname);
}

async function closure(request: APIRequestContext, entries: string[]): Promise<Set<string>> {
	const seen = new Set<string>();
	const stack = [...entries];
	while (stack.length) {
		const f = stack.pop()!;
		if (seen.has(f)) continue;
		seen.add(f);
		stack.push(...imports(await text(request, f), f));
	}
	return seen;
}

interface Build {
	adminNodes: number[];
	/** JS files only the editors' nodes need. */
	adminOnly: Set<string>;
}

async function readBuild(request: APIRequestContext): Promise<Build> {
	const shell = await text(request, '/en/');
	const app = shell.match(/["'](\/_app\/immutable\/entry\/app\.[^"']+\.js)["']/)?.[1];
	expect(app, 'the shell names the app entry').toBeTruthy();
	const code = await text(request, app!);
	const nodeFile = new Map<number, string>();
	for (const m of code.matchAll(/nodes\/(\d+)\.[\w-]+\.js/g)) nodeFile.set(Number(m[1]), new URL(m[0], `http://x${app}`).pathname.replace(/^\/_app\/immutable\/entry\//, '/_app/immutable/'));
	const admin = new Set<number>();
	const pub = new Set<number>([0, 1]);
	for (const m of code.matchAll(/["'](\/[^"']*)["']\s*:\s*\[\s*~?(\d+)\s*(?:,\s*\[([^\]]*)\])?/g)) {
		const nodes = [Number(m[2]), ...(m[3] ?? '').split(',').map((s) => s.trim().replace(/^~/, '')).filter((s) => /^\d+$/.test(s)).map(Number)];
		for (const n of nodes) (m[1]!.startsWith('/admin') ? admin : pub).add(n);
	}
	expect(admin.size, 'the route table has /admin routes').toBeGreaterThan(3);
	for (const n of admin) expect(pub.has(n), `node ${n} is used by an /admin route and a public one`).toBe(false);
	const files = (ns: Set<number>) => [...ns].map((n) => nodeFile.get(n)).filter((f): f is string => !!f);
	const adminClosure = await closure(request, files(admin));
	const publicClosure = await closure(request, [app!, ...files(pub)]);
	const adminOnly = new Set([...adminClosure].filter((f) => !publicClosure.has(f)));
	return { adminNodes: [...admin], adminOnly };
}

function record(page: Page): string[] {
	const seen: string[] = [];
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.pathname.startsWith('/_app/')) seen.push(u.pathname);
	});
	return seen;
}

function adminRequests(seen: string[], build: Build): string[] {
	return seen.filter(
		(p) => build.adminOnly.has(p) || build.adminNodes.some((n) => p.startsWith(`/_app/immutable/nodes/${n}.`) || p.startsWith(`/_app/immutable/assets/${n}.`))
	);
}

test('public pages never fetch the editors’ JS or CSS', async ({ page, request }) => {
	test.setTimeout(90_000);
	const build = await readBuild(request);
	expect(build.adminOnly.size, 'the editors have code of their own').toBeGreaterThan(0);
	const seen = record(page);

	for (const l of LOCALES) {
		for (const t of pageTypes(l)) {
			await page.goto(t.path);
			await settle(page);
		}
	}
	// Client-side navigation through the menu, with every link hovered (preloading).
	await page.goto('/sr-latn/');
	await settle(page);
	for (const link of await page.locator('a[href^="/"]').all()) {
		if (await link.isVisible()) await link.hover();
	}
	for (const name of ['Vesti', 'Projekti', 'Partneri', 'Pretraga']) {
		await page.getByRole('navigation', { name: 'Glavni meni' }).getByRole('link', { name, exact: true }).click();
		await settle(page);
	}
	await page.waitForLoadState('networkidle');

	expect(seen.length, 'public pages load some files').toBeGreaterThan(0);
	expect(adminRequests(seen, build), 'editors’ files fetched by public pages').toEqual([]);
});

test('the editors’ pages do fetch their own files (the check above can see them)', async ({ page, request }) => {
	const build = await readBuild(request);
	const seen = record(page);
	await signIn(page);
	await page.goto('/admin/news/new');
	await expect(page.locator('#f-title-sr')).toBeVisible();
	const own = adminRequests(seen, build);
	expect(own.some((p) => p.endsWith('.css')), `the editors’ CSS among ${own.join(', ')}`).toBe(true);
	expect(own.filter((p) => p.endsWith('.js')).length).toBeGreaterThan(2);
});
