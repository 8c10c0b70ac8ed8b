// The main flow with the keyboard alone: the skip link first, the nav's news link, the
// first news item, then another language; every focused element shows a focus indicator,
// and route changes are announced.
import type { Page } from '@playwright/test';
import { expect, itemTitle, LOCALES, pageTypes, settle, test } from './fixtures';

type Focus = {
	tag: string;
	text: string;
	href: string | null;
	inMain: boolean;
	inNav: boolean;
	isMain: boolean;
	indicator: boolean;
	visible: boolean;
	/** Tab reached this element before (on this document). */
	seenBefore: boolean;
	describe: string;
};

async function focused(page: Page): Promise<Focus | null> {
	return page.evaluate(async () => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body || el === document.documentElement) return null;
		const cs = getComputedStyle(el);
		const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
		const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
		const inView = () => {
			const r = el.getBoundingClientRect();
			return (
				r.width > 1 &&
				r.height > 1 &&
				r.bottom > 0 &&
				r.right > 0 &&
				r.top < innerHeight &&
				r.left < innerWidth &&
				cs.visibility !== 'hidden' &&
				cs.opacity !== '0'
			);
		};
		// The browser scrolls a focused element into view, smoothly when the page asks for it.
		let visible = inView();
		for (let t = 0; !visible && t < 2000; t += 50) {
			await new Promise((r) => setTimeout(r, 50));
			visible = inView();
		}
		const mark = el as HTMLElement & { __e2eSeen?: boolean };
		const seenBefore = !!mark.__e2eSeen;
		mark.__e2eSeen = true;
		const text = (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 60);
		return {
			tag: el.tagName.toLowerCase(),
			text,
			href: el.getAttribute('href'),
			inMain: !!el.closest('main'),
			inNav: !!el.closest('nav, header'),
			isMain: el.tagName === 'MAIN',
			indicator: outline || shadow,
			visible,
			seenBefore,
			describe: `<${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> "${text}" (outline: ${cs.outlineStyle} ${cs.outlineWidth}; box-shadow: ${cs.boxShadow})`
		};
	});
}

class Walker {
	missing: string[] = [];
	steps = 0;
	constructor(private page: Page) {}

	async press(key: 'Tab' | 'Shift+Tab'): Promise<Focus | null> {
		await this.page.keyboard.press(key);
		this.steps++;
		const f = await focused(this.page);
		if (f && !f.isMain) {
			if (!f.indicator) this.missing.push(`${this.page.url()}: ${f.describe}`);
			else if (!f.visible) this.missing.push(`${this.page.url()}: not visible when focused: ${f.describe}`);
		}
		return f;
	}

	/** Tabs (forward, or backward when the target comes before the focus) until pred holds. */
	async until(pred: (f: Focus) => boolean, what: string, targetSelector?: string, max = 80): Promise<Focus> {
		let key: 'Tab' | 'Shift+Tab' = 'Tab';
		if (targetSelector) {
			const before = await this.page.evaluate((sel) => {
				const t = document.querySelector(sel);
				const a = document.activeElement;
				if (!t || !a || a === document.body) return false;
				return !!(a.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING);
			}, targetSelector);
			if (before) key = 'Shift+Tab';
		}
		const seen: string[] = [];
		for (let i = 0; i < max; i++) {
			const f = await this.press(key);
			if (f && pred(f)) return f;
			seen.push(f ? f.describe : '(body)');
		}
		throw new Error(`${what}: not reached in ${max} presses of ${key}; focus went through:\n  ${seen.join('\n  ')}`);
	}
}

/** Waits until a live region announces the new page (SvelteKit's announcer, or the app's own). */
async function expectAnnounced(page: Page) {
	await expect
		.poll(
			() =>
				page.evaluate(() => {
					const h1 = document.querySelector('h1')?.textContent?.trim() ?? '';
					const regions = Array.from(document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]'));
					return regions.some((r) => {
						const t = (r.textContent ?? '').trim();
						return t.length > 0 && ((h1 && t.includes(h1)) || t.includes(document.title) || document.title.includes(t));
					});
				}),
			{ message: 'a live region announces the new page (its title or h1)' }
		)
		.toBe(true);
}

test('keyboard only: skip link, nav → news → first item → another language', async ({ page, request, watch }) => {
	const en = LOCALES.find((l) => l.path === 'en')!;
	const latn = LOCALES.find((l) => l.path === 'sr-latn')!;
	const walk = new Walker(page);

	await page.goto('/en/');
	await settle(page);

	// 1. The skip link is the first thing Tab reaches; it shows, and it takes focus into main.
	const skip = await walk.press('Tab');
	expect(skip, 'Tab focuses something').not.toBeNull();
	expect(skip!.tag).toBe('a');
	expect(skip!.href ?? '', `the first focusable is the skip link: ${skip!.describe}`).toMatch(/^#/);
	expect(skip!.text).toMatch(/skip|main content|content/i);
	expect(skip!.visible, 'the skip link is visible when focused').toBe(true);
	await page.keyboard.press('Enter');
	const landed = await focused(page);
	expect(landed, 'focus after the skip link').not.toBeNull();
	expect(landed!.isMain || landed!.inMain, `focus lands in main: ${landed?.describe}`).toBe(true);
	// The next Tab stays in the content, past the header.
	const next = await walk.press('Tab');
	expect(next && (next.inMain || !next.inNav), `the Tab after the skip link is in main: ${next?.describe}`).toBe(true);

	// 2. From the top, Tab to the news link of the navigation and follow it.
	await page.goto('/en/');
	await settle(page);
	await walk.until((f) => f.tag === 'a' && f.inNav && /^\/en\/news\/?$/.test(f.href ?? ''), 'the nav link to /en/news');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/en\/news\/?$/);
	await settle(page);
	await expectAnnounced(page);

	// 3. Tab to the first news item and open it.
	const item = await walk.until(
		(f) => f.tag === 'a' && f.inMain && /^\/en\/news\/[^/?#]+$/.test(f.href ?? ''),
		'the first news item link in main',
		'main a[href^="/en/news/"]'
	);
	const slug = item.href!.split('/').pop()!;
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/en/news/${slug}$`));
	await expect(page.locator('h1')).toHaveText(await itemTitle(request, 'news-item', slug, en));
	await settle(page);
	await expectAnnounced(page);

	// 4. Switch to Latin script with the keyboard: same item, other language.
	await walk.until(
		(f) => f.tag === 'a' && /(^|[\s,])Latinica$/.test(f.text),
		'the language switcher link "Latinica"',
		`a[href$="/sr-latn/news/${slug}"]`
	);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/sr-latn/news/${slug}$`));
	await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Latn');
	await expect(page.locator('h1')).toHaveText(await itemTitle(request, 'news-item', slug, latn));

	expect(walk.missing, `every focused element shows a focus indicator (${walk.steps} presses)`).toEqual([]);
	watch.expectClean();
});

test('keyboard only: search as you type, then open a result', async ({ page }) => {
	const walk = new Walker(page);
	await page.goto('/en/search');
	await settle(page);
	const box = page.getByRole('main').getByRole('searchbox').first();
	await walk.until((f) => f.inMain && (f.tag === 'input'), 'the search box', 'main input');
	await expect(box).toBeFocused();
	await page.keyboard.type('asylum', { delay: 30 });
	await expect(page.getByRole('main').locator('mark').first()).toBeVisible();
	// Tab onward to the first result and open it.
	await walk.until(
		(f) => f.tag === 'a' && f.inMain && /^\/en\/(news|projects|partners)\/[^/?#]+$/.test(f.href ?? ''),
		'the first search result'
	);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/en\/(news|projects|partners)\/[^/?#]+$/);
	await expect(page.locator('h1')).toBeVisible();
	expect(walk.missing, 'every focused element shows a focus indicator').toEqual([]);
});

// Every element Tab reaches, on every page type, shows where the focus is. (With reduced
// motion, so that the browser scrolls each focused element into view at once rather than
// smoothly, and "in view" can be checked without waiting on an animation.)
test.describe('every focusable element', () => {
	test.use({ reducedMotion: 'reduce' });
	for (const p of pageTypes(LOCALES.find((l) => l.path === 'en')!)) {
		test(`focus indicator on everything Tab reaches: ${p.kind} (${p.path})`, async ({ page }) => {
			await page.goto(p.path);
			await settle(page);
			const walk = new Walker(page);
			let reached = 0;
			for (let i = 0; i < 300; i++) {
				const f = await walk.press('Tab');
				if (!f) break; // past the last element
				if (f.seenBefore) break; // wrapped around
				reached++;
			}
			expect(reached, 'Tab reaches something').toBeGreaterThan(3);
			expect(walk.missing, `elements without a visible focus indicator (of ${reached} reached)`).toEqual([]);
		});
	}
});
