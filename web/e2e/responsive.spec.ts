// At 320×640 (WCAG 1.4.10 reflow) no page scrolls sideways.
import { ALL_PAGES, expect, settle, test } from './fixtures';

test.use({ viewport: { width: 320, height: 640 } });

for (const p of ALL_PAGES) {
	test(`320 px, no horizontal scroll: ${p.locale.path} ${p.kind}`, async ({ page }) => {
		await page.goto(p.path);
		await settle(page);
		const { scrollWidth, wide } = await page.evaluate(() => {
			const el = document.scrollingElement!;
			// Name the elements that stick out, to say what to fix.
			const wide: string[] = [];
			for (const e of Array.from(document.querySelectorAll('body *'))) {
				const r = e.getBoundingClientRect();
				if (r.right > 320.5 && r.width > 0 && getComputedStyle(e).visibility !== 'hidden') {
					const id = e.id ? `#${e.id}` : '';
					const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
					wide.push(`${e.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)}`);
				}
			}
			return { scrollWidth: el.scrollWidth, wide: wide.slice(0, 10) };
		});
		expect(scrollWidth, `scrollWidth at 320 px; elements past the edge: ${wide.join(', ')}`).toBeLessThanOrEqual(320);
	});
}
