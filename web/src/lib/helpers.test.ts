import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { yearFilter, yearRange } from './news';
import { rememberNext, trailOf, withParams } from './paging';
import { groupPartners, hostOf } from './partners';
import { statusFromParam, statusToParam } from './projects';
import { hitPath, kindsFromParams, searchParamsFor } from './search';

describe('news filters', () => {
	it('turns a year into a from/to range', () => {
		expect(yearFilter('2021')).toEqual({ from: '2021-01-01', to: '2021-12-31' });
		expect(yearFilter(null)).toEqual({});
		expect(yearFilter('21')).toEqual({});
		expect(yearFilter('2021-01')).toEqual({});
	});
	it('lists the years between the newest and the oldest item', () => {
		expect(yearRange('2021-09-10T07:00:00Z', '2018-06-01T07:00:00Z')).toEqual([2021, 2020, 2019, 2018]);
		expect(yearRange('2013-06-01T07:00:00Z', '2013-06-01T07:00:00Z')).toEqual([2013]);
		expect(yearRange(null, null)).toEqual([]);
	});
});

describe('URL params', () => {
	it('sets and removes params, keeping the others', () => {
		const s = new URLSearchParams('topic=asylum&after=abc');
		expect(withParams(s, { after: 'xyz' })).toBe('?topic=asylum&after=xyz');
		expect(withParams(s, { after: null })).toBe('?topic=asylum');
		expect(withParams(s, { after: '', topic: '' })).toBe('');
		expect(withParams(new URLSearchParams(), { year: '2021' })).toBe('?year=2021');
	});
	it('maps project statuses to URL values and back', () => {
		expect(statusFromParam('ongoing')).toBe('ONGOING');
		expect(statusFromParam('COMPLETED')).toBe('COMPLETED');
		expect(statusFromParam('nope')).toBe(null);
		expect(statusFromParam(null)).toBe(null);
		expect(statusToParam('PLANNED')).toBe('planned');
	});
	it('reads and writes searches', () => {
		expect(kindsFromParams(new URLSearchParams('q=x&kind=project&kind=news&kind=bogus'))).toEqual(['NEWS', 'PROJECT']);
		expect(searchParamsFor('азил', ['PROJECT'])).toBe('?q=%D0%B0%D0%B7%D0%B8%D0%BB&kind=project');
		expect(searchParamsFor('  ', ['NEWS'])).toBe('?kind=news');
		expect(searchParamsFor('', [])).toBe('');
		expect(hitPath('en', 'PARTNER', 'iom')).toBe('/en/partners/iom');
		expect(hitPath('sr-cyrl', 'NEWS', 'x')).toBe('/sr-cyrl/news/x');
		expect(hitPath('sr-latn', 'PROJECT', 'y')).toBe('/sr-latn/projects/y');
	});
});

describe('paging trail', () => {
	beforeEach(() => {
		const data = new Map<string, string>();
		vi.stubGlobal('sessionStorage', {
			getItem: (k: string) => data.get(k) ?? null,
			setItem: (k: string, v: string) => void data.set(k, v)
		});
	});
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('knows the first page and remembers how later pages were reached', () => {
		expect(trailOf('news||', null)).toEqual({ prev: null, start: 1 });
		expect(trailOf('news||', 'c1')).toEqual({ prev: null, start: null });
		rememberNext('news||', 'c1', '', 11);
		rememberNext('news||', 'c2', 'c1', 21);
		expect(trailOf('news||', 'c1')).toEqual({ prev: '', start: 11 });
		expect(trailOf('news||', 'c2')).toEqual({ prev: 'c1', start: 21 });
		expect(trailOf('news|asylum|', 'c2')).toEqual({ prev: null, start: null });
	});

	it('works without storage', () => {
		vi.stubGlobal('sessionStorage', undefined);
		rememberNext('news||', 'c1', '', 11);
		expect(trailOf('news||', 'c1')).toEqual({ prev: null, start: null });
	});
});

describe('partners', () => {
	it('groups by kind in a fixed order, leaving out empty kinds', () => {
		const groups = groupPartners([
			{ slug: 'a', kind: 'NGO' as const },
			{ slug: 'b', kind: 'UN_AGENCY' as const },
			{ slug: 'c', kind: 'NGO' as const }
		]);
		expect(groups.map((g) => [g.kind, g.partners.map((p) => p.slug)])).toEqual([
			['UN_AGENCY', ['b']],
			['NGO', ['a', 'c']]
		]);
	});
	it('shows a website by its host', () => {
		expect(hostOf('https://www.iom.int/')).toBe('www.iom.int');
		expect(hostOf('not a url')).toBe('not a url');
	});
});
