import { describe, expect, it, vi } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatMoney, formatNumber, formatPeriod, isoDay, yearOf } from './format';

const NBSP = '\u00a0';
const labels = {
	en: { from: 'Since {date}', until: 'Until {date}' },
	sr: { from: 'Почетак: {date}', until: 'Крај: {date}' }
};

describe('formatMoney', () => {
	it('formats 49890.52 EUR in each locale', () => {
		expect(formatMoney('49890.52', 'EUR', 'en')).toBe('€49,890.52');
		expect(formatMoney('49890.52', 'EUR', 'sr-cyrl')).toBe(`49.890,52${NBSP}€`);
		expect(formatMoney('49890.52', 'EUR', 'sr-latn')).toBe(`49.890,52${NBSP}€`);
	});
	it('shows whole amounts without decimals', () => {
		expect(formatMoney('224725', 'GBP', 'en')).toBe('£224,725');
		expect(formatMoney('224725.00', 'GBP', 'sr-latn')).toBe(`224.725${NBSP}£`);
		expect(formatMoney('1000000', 'EUR', 'sr-cyrl')).toBe(`1.000.000${NBSP}€`);
		expect(formatMoney('130000', 'USD', 'en')).toBe('US$130,000');
	});
	it('keeps every digit of amounts a float cannot hold', () => {
		expect(formatMoney('12345678901234567.89', 'EUR', 'en')).toBe('€12,345,678,901,234,567.89');
		expect(formatMoney('0.10', 'EUR', 'en')).toBe('€0.10');
	});
	it('falls back for what Intl cannot format', () => {
		expect(formatMoney('12.5', 'XX', 'en')).toBe('12.5 XX');
		expect(formatMoney('not a number', 'EUR', 'en')).toBe('not a number EUR');
	});
});

describe('dates', () => {
	it('shows a publication day as it was in Belgrade', () => {
		expect(formatDate('2021-09-10T07:00:00Z', 'en')).toBe('10 September 2021');
		expect(formatDate('2021-09-10T07:00:00Z', 'sr-cyrl')).toBe('10. септембар 2021.');
		expect(formatDate('2021-09-10T07:00:00Z', 'sr-latn')).toBe('10. septembar 2021.');
		// 23:30 UTC on 31 December is already New Year's Day in Belgrade.
		expect(formatDate('2020-12-31T23:30:00Z', 'en')).toBe('1 January 2021');
		expect(isoDay('2020-12-31T23:30:00Z')).toBe('2021-01-01');
		expect(yearOf('2020-12-31T23:30:00Z')).toBe(2021);
	});
	it('shows a time of day in Belgrade', () => {
		expect(formatDateTime('2024-04-24T13:31:00Z', 'en')).toBe('24 April 2024 at 15:31');
		expect(formatDateTime('2024-04-24T13:31:00Z', 'sr-cyrl')).toBe('24. април 2024. 15:31');
	});
	it('shows calendar dates at their precision, never a day off', () => {
		expect(formatCalendarDate('2018-06-01', 'DAY', 'en')).toBe('1 June 2018');
		expect(formatCalendarDate('2013-04-01', 'MONTH', 'en')).toBe('April 2013');
		expect(formatCalendarDate('2013-04-01', 'MONTH', 'sr-cyrl')).toBe('април 2013.');
		expect(formatCalendarDate('2013-04-01', 'MONTH', 'sr-latn')).toBe('april 2013.');
		expect(formatCalendarDate('2013-01-01', 'YEAR', 'en')).toBe('2013');
		expect(formatCalendarDate('bad', 'DAY', 'en')).toBe('bad');
	});
});

describe('formatPeriod', () => {
	it('DAY precision: full dates', () => {
		expect(formatPeriod('2018-06-01', '2019-03-31', 'DAY', 'en', labels.en)).toBe('1 June 2018 – 31 March 2019');
		expect(formatPeriod('2018-06-01', '2019-03-31', 'DAY', 'sr-cyrl', labels.sr)).toBe('1. јун 2018. – 31. март 2019.');
	});
	it('MONTH precision: month and year', () => {
		expect(formatPeriod('2013-04-01', '2014-04-30', 'MONTH', 'en', labels.en)).toBe('April 2013 – April 2014');
		expect(formatPeriod('2013-04-01', '2014-04-30', 'MONTH', 'sr-latn', labels.sr)).toBe('april 2013. – april 2014.');
	});
	it('YEAR precision: years, once when both are the same', () => {
		expect(formatPeriod('2015-01-01', '2016-12-31', 'YEAR', 'en', labels.en)).toBe('2015 – 2016');
		expect(formatPeriod('2015-01-01', '2015-12-31', 'YEAR', 'en', labels.en)).toBe('2015');
	});
	it('open ends and unknown periods', () => {
		expect(formatPeriod('2015-09-01', null, 'MONTH', 'en', labels.en)).toBe('Since September 2015');
		expect(formatPeriod('2015-09-01', null, 'MONTH', 'sr-cyrl', labels.sr)).toBe('Почетак: септембар 2015.');
		expect(formatPeriod(null, '2019-03-31', 'DAY', 'en', labels.en)).toBe('Until 31 March 2019');
		expect(formatPeriod(null, null, 'DAY', 'en', labels.en)).toBe(null);
	});
});

describe('formatNumber', () => {
	it('groups digits by locale', () => {
		expect(formatNumber(12345, 'en')).toBe('12,345');
		expect(formatNumber(12345, 'sr-cyrl')).toBe('12.345');
	});
});

describe('prepareDateFormats', () => {
	it('makes the formatters a page needs for its publication days, so rendering makes none', async () => {
		vi.resetModules(); // a module that has made no formatter yet
		const fresh = await import('./format');
		fresh.prepareDateFormats('sr-latn');
		const made = vi.spyOn(Intl, 'DateTimeFormat');
		try {
			expect(fresh.isoDay('2021-09-10T07:00:00Z')).toBe('2021-09-10');
			expect(fresh.formatDate('2021-09-10T07:00:00Z', 'sr-latn')).toBe('10. septembar 2021.');
			expect(made).not.toHaveBeenCalled();
		} finally {
			made.mockRestore();
		}
	});
});
