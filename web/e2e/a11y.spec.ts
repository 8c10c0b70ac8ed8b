// axe-core on every page type in every locale (WCAG 2.0/2.1, A and AA): no violation.
// A failure lists each violation with its impact, help text and the elements at fault.
// The same page load checks that headings go in order (axe counts that best practice only).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ALL_PAGES, appRendering, expect, test } from './fixtures';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function describe(violations: Violation[]): string {
	return violations
		.map(
			(v) =>
				`${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
				v.nodes.map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`).join('\n')
		)
		.join('\n');
}

/** Headings in order: one h1, first; no level skipped on the way down. */
async function headingProblems(page: Page): Promise<{ problems: string[]; outline: string }> {
	const levels = await page.evaluate(() =>
		Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')).map((h) => ({
			level: Number(h.getAttribute('aria-level') ?? h.tagName.slice(1)),
			text: (h.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)
		}))
	);
	const problems: string[] = [];
	if (levels[0]?.level !== 1) problems.push(`the first heading is not h1: ${JSON.stringify(levels[0])}`);
	if (levels.filter((h) => h.level === 1).length !== 1) problems.push('not exactly one h1');
	levels.forEach((cur, i) => {
		const prev = levels[i - 1];
		if (prev && cur.level > prev.level + 1) {
			problems.push(`h${prev.level} "${prev.text}" → h${cur.level} "${cur.text}"`);
		}
	});
	return { problems, outline: levels.map((h) => `${'  '.repeat(h.level - 1)}h${h.level} ${h.text}`).join('\n') };
}

for (const p of ALL_PAGES) {
	test(`axe and heading order: ${p.locale.path} ${p.kind} (${p.path})`, async ({ page }) => {
		await page.goto(p.path);
		await appRendering(page); // the Svelte components' page (ssr.spec.ts checks the server's)
		const headings = await headingProblems(page);
		expect.soft(headings.problems, `headings in order:\n${headings.outline}`).toEqual([]);
		const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		if (result.violations.length) console.log(`axe violations on ${p.path}:\n${describe(result.violations)}`);
		expect(result.violations.map((v) => `${v.id} [${v.impact}]: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), describe(result.violations)).toEqual([]);
	});
}

// The same checks in a phone-sized viewport, where menus and cards change shape.
for (const p of ALL_PAGES.filter((x) => x.locale.path === 'sr-latn')) {
	test(`axe at 320 px: ${p.kind} (${p.path})`, async ({ page }) => {
		await page.setViewportSize({ width: 320, height: 640 });
		await page.goto(p.path);
		await appRendering(page); // the Svelte components' page (ssr.spec.ts checks the server's)
		const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		if (result.violations.length) console.log(`axe violations on ${p.path} at 320 px:\n${describe(result.violations)}`);
		expect(result.violations.map((v) => `${v.id} [${v.impact}]: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), describe(result.violations)).toEqual([]);
	});
}

