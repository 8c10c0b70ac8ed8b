// Serbian in the other script, for the editors' live view next to each Serbian field.
// Cyrillic → Latin is exact, so it is done here (lib/translit.ts, the same table as the
// server's). Latin → Cyrillic is not (exceptions, acronyms, URLs, code): only the server's
// translit.ToCyrillic does it right, so Latin text goes to `renderMarkdown` with locale
// SR_CYRL, which is exactly what the public will see. A plain-text field is escaped first
// so that Markdown leaves it as it is. Unit-tested in script.test.ts.
import { cyrToLat } from '../translit';

export type Script = 'cyrl' | 'latn';

const CYRILLIC_LETTER = /[\u0400-\u04FF\u0500-\u052F]/;
const LETTER = /\p{L}/u;

/**
 * The script Serbian text is written in: Cyrillic as soon as it has a Cyrillic letter (as
 * the server decides), else Latin when it has any letter; null without letters.
 */
export function scriptOf(text: string): Script | null {
	if (CYRILLIC_LETTER.test(text)) return 'cyrl';
	return LETTER.test(text) ? 'latn' : null;
}

/** The other script, for a label. */
export function otherScript(s: Script): Script {
	return s === 'cyrl' ? 'latn' : 'cyrl';
}

/** Cyrillic text in Latin, exactly as the server derives it. */
export function toLatin(text: string): string {
	return cyrToLat(text);
}

/**
 * Plain text as Markdown that renders back to the same text: the characters that could
 * start markup are backslash-escaped (CommonMark allows it before any ASCII punctuation),
 * but not `:`, `/`, `.` or `@` inside words, so that the server still recognises URLs and
 * e-mail addresses and leaves them in Latin.
 */
export function escapeMarkdown(text: string): string {
	return text
		.split(/\r\n?|\n/)
		.map((l) =>
			l
				.replace(/[\\`*_[\]<>#|~!&{}]/g, '\\$&')
				// Block markers at the start of a line: lists, quotes, headings by underline.
				.replace(/^(\s*)([-+=>])/, '$1\\$2')
				.replace(/^(\s*\d+)([.)])/, '$1\\$2')
		)
		.join('\n');
}

/**
 * The text of rendered Markdown (as `renderMarkdown` returns it for an escaped plain text):
 * paragraphs joined by blank lines. Needs a DOMParser (the browser).
 */
export function htmlToText(html: string, parser: DOMParser = new DOMParser()): string {
	const doc = parser.parseFromString(`<body>${html}</body>`, 'text/html');
	const blocks = Array.from(doc.body.children);
	if (blocks.length === 0) return doc.body.textContent ?? '';
	return blocks.map((b) => (b.textContent ?? '').trim()).join('\n\n');
}

/**
 * Rendered HTML cut into its top-level blocks, each keyed by its content (and how many
 * equal blocks came before), so that a live region redraws, and a screen reader
 * announces, only the paragraphs that changed.
 */
export function htmlBlocks(html: string, parser: DOMParser = new DOMParser()): { key: string; html: string }[] {
	const doc = parser.parseFromString(`<body>${html}</body>`, 'text/html');
	const seen = new Map<string, number>();
	const out: { key: string; html: string }[] = [];
	for (const node of Array.from(doc.body.childNodes)) {
		const h = node.nodeType === 1 ? (node as Element).outerHTML : (node.textContent ?? '').trim();
		if (!h) continue;
		const n = seen.get(h) ?? 0;
		seen.set(h, n + 1);
		out.push({ key: `${n}|${h}`, html: node.nodeType === 1 ? h : escapeHtml(h) });
	}
	return out;
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
