import { describe, expect, it } from 'vitest';
import { LOCALES } from '../locale';
import { cyrToLat } from '../translit';
import { en } from './en';
import { fmt, MESSAGES, messages, plural } from './index';
import { srCyrl } from './sr-cyrl';

type Tree = { [key: string]: string | Tree };

/** Every leaf key path of a message tree. */
function paths(tree: Tree, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : paths(v, `${prefix}${k}.`)));
}

function leaf(tree: Tree, path: string): string {
	return path.split('.').reduce<string | Tree>((node, k) => (node as Tree)[k]!, tree) as string;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
	const reference = paths(en as unknown as Tree).sort();

	it.each(LOCALES)('%s has exactly the English keys, none empty', (locale) => {
		const tree = MESSAGES[locale] as unknown as Tree;
		expect(paths(tree).sort()).toEqual(reference);
		for (const p of reference) expect(leaf(tree, p).trim(), `${locale}: ${p}`).not.toBe('');
	});

	it.each(LOCALES)('%s uses the same {placeholders} as English', (locale) => {
		const tree = MESSAGES[locale] as unknown as Tree;
		for (const p of reference) {
			expect(placeholders(leaf(tree, p)), `${locale}: ${p}`).toEqual(placeholders(leaf(en as unknown as Tree, p)));
		}
	});

	it('derives Serbian Latin from Cyrillic, letter by letter', () => {
		const cyr = srCyrl as unknown as Tree;
		const lat = MESSAGES['sr-latn'] as unknown as Tree;
		for (const p of reference) expect(leaf(lat, p)).toBe(cyrToLat(leaf(cyr, p)));
		expect(MESSAGES['sr-latn'].nav.news).toBe('Vesti');
		expect(MESSAGES['sr-latn'].site.agency).toBe('Komesarijat za izbeglice i migracije Republike Srbije');
	});

	it("derives Serbian Latin once, and hands it out like the others (the server's rendering data serialises all three)", () => {
		expect(MESSAGES['sr-latn'], 'the same object each time').toBe(MESSAGES['sr-latn']);
		expect(messages('sr-latn')).toBe(MESSAGES['sr-latn']);
		const serialised = JSON.parse(JSON.stringify(MESSAGES)) as Record<string, Tree>;
		expect(Object.keys(serialised).sort()).toEqual([...LOCALES].sort());
		expect(serialised['sr-latn']).toEqual(MESSAGES['sr-latn']);
	});

	it('has no Cyrillic left in Latin or English, and Serbian Cyrillic in Cyrillic', () => {
		for (const p of reference) {
			expect(leaf(MESSAGES['sr-latn'] as unknown as Tree, p)).not.toMatch(/[\u0400-\u04FF]/);
			expect(leaf(en as unknown as Tree, p)).not.toMatch(/[\u0400-\u04FF]/);
		}
		expect(MESSAGES['sr-cyrl'].nav.news).toBe('Вести');
	});
});

describe('fmt and plural', () => {
	it('fills placeholders and leaves unknown ones', () => {
		expect(fmt('{a} and {b}', { a: 1, b: 'x' })).toBe('1 and x');
		expect(fmt('{a} {missing}', { a: 'A' })).toBe('A {missing}');
	});

	it('picks Serbian plural forms (one, few, other)', () => {
		const forms = MESSAGES['sr-cyrl'].search.count;
		expect(plural('sr-cyrl', forms, 1)).toBe('1 резултат');
		expect(plural('sr-cyrl', forms, 3)).toBe('3 резултата');
		expect(plural('sr-cyrl', forms, 5)).toBe('5 резултата');
		expect(plural('sr-cyrl', forms, 21)).toBe('21 резултат');
		const projects = MESSAGES['sr-latn'].projects.count;
		expect(plural('sr-latn', projects, 1)).toBe('1 projekat');
		expect(plural('sr-latn', projects, 2)).toBe('2 projekta');
		expect(plural('sr-latn', projects, 11)).toBe('11 projekata');
		expect(plural('sr-latn', projects, 1234)).toBe('1.234 projekta');
	});

	it('picks English plural forms', () => {
		expect(plural('en', en.news.count, 1)).toBe('1 news item');
		expect(plural('en', en.news.count, 2)).toBe('2 news items');
		expect(plural('en', en.search.count, 0)).toBe('0 results');
		expect(plural('en', en.search.count, 1500)).toBe('1,500 results');
	});
});
