import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cyrToLat, cyrToLatDeep } from './translit';

// The hand-checked pairs the Go package translit is tested with: the two implementations
// of Cyrillic → Latin (Go for content, this one for the interface text) must agree.
const shared: { pairs: [string, string][] } = JSON.parse(
	readFileSync(new URL('../../../translit/testdata/to_latin.json', import.meta.url), 'utf8')
);

describe('cyrToLat', () => {
	it('agrees with the Go package on every shared pair', () => {
		expect(shared.pairs.length).toBeGreaterThan(40);
		for (const [cyr, lat] of shared.pairs) expect(cyrToLat(cyr), cyr).toBe(lat);
	});

	it.each([
		['', ''],
		['Комесаријат за избеглице и миграције', 'Komesarijat za izbeglice i migracije'],
		['љубав њега џеп ђак ћерка чаша шума жаба', 'ljubav njega džep đak ćerka čaša šuma žaba'],
		['Љубав Њега Џеп Ђак Ћерка Чаша Шума Жаба', 'Ljubav Njega Džep Đak Ćerka Čaša Šuma Žaba'],
		['ЉУБАВ ЊЕГА ЏЕП', 'LJUBAV NJEGA DŽEP'],
		['КОЊ', 'KONJ'],
		['ПАЊ, ЏЏ', 'PANJ, DŽDŽ'],
		['Љ', 'Lj'],
		['Љ.', 'Lj.'],
		['ЏУС', 'DŽUS'],
		['Мађарска', 'Mađarska'],
		['Веб-сајт: UNHCR, IOM и ЕУ', 'Veb-sajt: UNHCR, IOM i EU'],
		['{n} резултата за „{q}“', '{n} rezultata za „{q}“'],
		['АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ', 'ABVGDĐEŽZIJKLLJMNNJOPRSTĆUFHCČDŽŠ'],
		['абвгдђежзијклљмнњопрстћуфхцчџш', 'abvgdđežzijklljmnnjoprstćufhcčdžš'],
		['2021. године, 49.890,52 €', '2021. godine, 49.890,52 €']
	])('%s → %s', (cyr, lat) => {
		expect(cyrToLat(cyr)).toBe(lat);
	});

	it('leaves Latin, digits and other scripts alone', () => {
		expect(cyrToLat('Mađarska 123 Ελλάδα')).toBe('Mađarska 123 Ελλάδα');
	});
});

describe('cyrToLatDeep', () => {
	it('transliterates every string of a nested object and keeps the shape', () => {
		const out = cyrToLatDeep({ a: 'Вести', b: { c: 'Њ', d: ['ђ', 'x'] }, n: 3 });
		expect(out).toEqual({ a: 'Vesti', b: { c: 'Nj', d: ['đ', 'x'] }, n: 3 });
	});
});
