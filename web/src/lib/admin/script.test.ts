import { describe, expect, it } from 'vitest';
import { escapeMarkdown, otherScript, scriptOf, toLatin } from './script';

describe('scriptOf', () => {
	it('is Cyrillic as soon as there is a Cyrillic letter', () => {
		expect(scriptOf('Азил')).toBe('cyrl');
		expect(scriptOf('UNHCR и IOM')).toBe('cyrl');
		expect(scriptOf('Azil')).toBe('latn');
		expect(scriptOf('Đurđevdan')).toBe('latn');
		expect(scriptOf('2025.')).toBeNull();
		expect(scriptOf('')).toBeNull();
		expect(otherScript('cyrl')).toBe('latn');
	});
});

describe('toLatin', () => {
	it('is the exact letter-by-letter map', () => {
		expect(toLatin('Њујорк, Љубљана, ЏЕМПЕР, ђак')).toBe('Njujork, Ljubljana, DŽEMPER, đak');
		expect(toLatin('Сарадња са УНХЦР-ом, https://www.kirs.gov.rs')).toBe('Saradnja sa UNHCR-om, https://www.kirs.gov.rs');
	});
});

describe('escapeMarkdown', () => {
	it('escapes what could become markup, and nothing a URL or e-mail needs', () => {
		expect(escapeMarkdown('Rad *sa* _mladima_ [2025]')).toBe('Rad \\*sa\\* \\_mladima\\_ \\[2025\\]');
		expect(escapeMarkdown('# Naslov')).toBe('\\# Naslov');
		expect(escapeMarkdown('- stavka\n1. maj\n> citat')).toBe('\\- stavka\n1\\. maj\n\\> citat');
		expect(escapeMarkdown('Vidi https://www.kirs.gov.rs/a_b ili pisi na info@kirs.gov.rs')).toBe(
			'Vidi https://www.kirs.gov.rs/a\\_b ili pisi na info@kirs.gov.rs'
		);
		expect(escapeMarkdown('a & b <i> `kod`')).toBe('a \\& b \\<i\\> \\`kod\\`');
		expect(escapeMarkdown('C:\\put')).toBe('C:\\\\put');
	});
});
