import { describe, expect, it } from 'vitest';
import { imageMarkdown, insertBlock } from './markdown';

describe('imageMarkdown', () => {
	it('writes an image with escaped alt text', () => {
		expect(imageMarkdown('Зграда Комесаријата', '/media/3f9ac2e1b07d4a55.jpg')).toBe('![Зграда Комесаријата](/media/3f9ac2e1b07d4a55.jpg)');
		expect(imageMarkdown(' Mapa [2025]\nSrbije ', '/media/a b(1).png')).toBe('![Mapa \\[2025\\] Srbije](/media/a%20b%281%29.png)');
	});
});

describe('insertBlock', () => {
	const img = '![a](/media/x.jpg)';
	it('puts the block on its own paragraph at the cursor', () => {
		expect(insertBlock('', 0, 0, img)).toEqual({ text: img + '\n', cursor: img.length + 1 });
		const r = insertBlock('Prvi.Drugi.', 5, 5, img);
		expect(r.text).toBe(`Prvi.\n\n${img}\n\nDrugi.`);
		expect(r.text.slice(0, r.cursor)).toBe(`Prvi.\n\n${img}\n\n`);
	});

	it('reuses blank lines that are there and replaces a selection', () => {
		expect(insertBlock('Prvi.\n\nDrugi.', 7, 7, img).text).toBe(`Prvi.\n\n${img}\n\nDrugi.`);
		expect(insertBlock('Prvi.\n', 6, 6, img).text).toBe(`Prvi.\n\n${img}\n`);
		expect(insertBlock('Prvi. OVO Drugi.', 6, 10, img).text).toBe(`Prvi. \n\n${img}\n\nDrugi.`);
	});

	it('clamps positions', () => {
		expect(insertBlock('abc', 99, 99, img).text).toBe(`abc\n\n${img}\n`);
		expect(insertBlock('abc', -1, -1, img).text).toBe(`${img}\n\nabc`);
	});
});
