// Editing Markdown in a textarea: inserting an uploaded image at the cursor. Pure,
// unit-tested in markdown.test.ts.

/** `![alt](url)`, with the alt text's brackets and backslashes escaped and its lines joined. */
export function imageMarkdown(alt: string, url: string): string {
	const text = alt.replace(/\s+/g, ' ').trim().replace(/[\\[\]]/g, '\\$&');
	const target = url.replace(/[()\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
	return `![${text}](${target})`;
}

/**
 * Inserts a block (an image) into text at a selection, replacing it, on a line of its own:
 * a blank line before and after unless the text already has one there. Returns the new
 * text and where the cursor goes (after the inserted block).
 */
export function insertBlock(text: string, start: number, end: number, block: string): { text: string; cursor: number } {
	const s = Math.max(0, Math.min(start, text.length));
	const e = Math.max(s, Math.min(end, text.length));
	const before = text.slice(0, s);
	const after = text.slice(e);
	const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
	const trail = after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
	const inserted = lead + block + trail;
	return { text: before + inserted + after, cursor: before.length + inserted.length };
}
