import { describe, expect, it } from 'vitest';
import { countText, facetToggles, filtersFromParams, searchParamsFor } from './search';

describe('search filters in the URL', () => {
	it.each([
		['q=x&topic=asylum&year=2024', { topic: 'asylum', year: 2024 }],
		['q=x', { topic: null, year: null }],
		['q=x&topic=&year=abc', { topic: null, year: null }],
		['q=x&year=20.5', { topic: null, year: null }],
		['q=x&year=-3', { topic: null, year: null }]
	])('reads %s', (params, want) => {
		expect(filtersFromParams(new URLSearchParams(params))).toEqual(want);
	});

	it('writes them after the query and kinds, and leaves out what is not set', () => {
		expect(searchParamsFor('azil', ['NEWS'], { topic: 'asylum', year: 2024 })).toBe('?q=azil&kind=news&topic=asylum&year=2024');
		expect(searchParamsFor('azil', [], { topic: null, year: 2019 })).toBe('?q=azil&year=2019');
		expect(searchParamsFor('azil', [])).toBe('?q=azil');
	});
});

describe('facet toggles', () => {
	const years = [
		{ value: 2024, label: '2024', count: 3 },
		{ value: 2023, label: '2023', count: 0 },
		{ value: 2021, label: '2021', count: 1 }
	];
	it('hides those at 0 and keeps the order', () => {
		expect(facetToggles(years, null).map((f) => f.value)).toEqual([2024, 2021]);
		expect(facetToggles(years, null).every((f) => !f.pressed)).toBe(true);
	});
	it('presses the selected one', () => {
		expect(facetToggles(years, 2021).filter((f) => f.pressed).map((f) => f.value)).toEqual([2021]);
	});
	it('keeps the selected one at 0, or missing, so that it can be turned off', () => {
		expect(facetToggles(years, 2023).map((f) => [f.value, f.pressed])).toEqual([
			[2024, false],
			[2023, true],
			[2021, false]
		]);
		expect(facetToggles(years, 2010).at(-1)).toEqual({ value: 2010, label: '2010', count: 0, pressed: true });
	});
});

describe('counts', () => {
	it('shows "1000+" only where the API stopped counting', () => {
		expect(countText(1000, false)).toBe('1000+');
		expect(countText(1000, true)).toBe('1000');
		expect(countText(12, false)).toBe('12');
		expect(countText(1000, false, (n) => n.toLocaleString('en'))).toBe('1,000+');
	});
});
