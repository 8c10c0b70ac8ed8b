import { describe, expect, it } from 'vitest';
import { match } from '../params/locale';
import {
	chooseLocale,
	fromGqlLocale,
	gqlLocale,
	intlTag,
	langTag,
	LOCALES,
	localeCookie,
	localeForTag,
	localeFromCookies,
	localeOfPath,
	parseAcceptLanguage,
	languageLink,
	switchLocalePath
} from './locale';

describe('locale param matcher', () => {
	it.each(['sr-cyrl', 'sr-latn', 'en'])('accepts %s', (l) => expect(match(l)).toBe(true));
	it.each(['', 'sr', 'SR-CYRL', 'sr-Latn', 'de', 'en-gb', 'news'])('refuses %j', (l) => expect(match(l)).toBe(false));
});

describe('locale ↔ GraphQL ↔ Intl', () => {
	it('maps both ways', () => {
		for (const l of LOCALES) expect(fromGqlLocale(gqlLocale(l))).toBe(l);
		expect(gqlLocale('sr-cyrl')).toBe('SR_CYRL');
		expect(gqlLocale('sr-latn')).toBe('SR_LATN');
		expect(gqlLocale('en')).toBe('EN');
	});
	it('always names the script for Serbian', () => {
		expect(intlTag('sr-cyrl')).toBe('sr-Cyrl-RS');
		expect(intlTag('sr-latn')).toBe('sr-Latn-RS');
		expect(intlTag('en')).toBe('en-GB');
		expect(langTag('sr-cyrl')).toBe('sr-Cyrl');
		expect(langTag('sr-latn')).toBe('sr-Latn');
		expect(langTag('en')).toBe('en');
	});
});

describe('choosing a locale from the browser', () => {
	it.each([
		['sr-Latn', 'sr-latn'],
		['sr-Latn-RS', 'sr-latn'],
		['sr_latn_ME', 'sr-latn'],
		['hr', 'sr-latn'],
		['hr-HR', 'sr-latn'],
		['bs-BA', 'sr-latn'],
		['sr', 'sr-cyrl'],
		['sr-RS', 'sr-cyrl'],
		['sr-Cyrl', 'sr-cyrl'],
		['sr-Cyrl-BA', 'sr-cyrl'],
		['SR-ME', 'sr-latn'],
		['sr-Cyrl-ME', 'sr-cyrl'],
		['bs-Cyrl', 'sr-cyrl'],
		['cnr', 'sr-latn'],
		['me', 'sr-latn'],
		['sh', 'sr-latn'],
		['en', 'en'],
		['en-US', 'en'],
		['de-DE', null],
		['ar', null],
		['', null]
	])('%s → %s', (tag, want) => expect(localeForTag(tag)).toBe(want));

	it('takes the first language the site has, else English', () => {
		expect(chooseLocale(['de-DE', 'sr-Latn-RS', 'en'])).toBe('sr-latn');
		expect(chooseLocale(['fa', 'ar', 'sr'])).toBe('sr-cyrl');
		expect(chooseLocale(['en-US', 'sr'])).toBe('en');
		expect(chooseLocale(['fa-IR', 'ps'])).toBe('en');
		expect(chooseLocale([])).toBe('en');
		expect(chooseLocale(undefined)).toBe('en');
	});

	it('orders Accept-Language by quality', () => {
		expect(parseAcceptLanguage('de;q=0.9, sr-Latn;q=0.95, en;q=0.1')).toEqual(['sr-Latn', 'de', 'en']);
		expect(parseAcceptLanguage('fr, *;q=0.5, hr;q=0')).toEqual(['fr']);
		expect(parseAcceptLanguage('')).toEqual([]);
		expect(chooseLocale(parseAcceptLanguage('fa-IR,fa;q=0.9,en-US;q=0.8,sr;q=0.7'))).toBe('en');
		expect(chooseLocale(parseAcceptLanguage('de-AT, sr-RS;q=0.8, en;q=0.5'))).toBe('sr-cyrl');
		expect(chooseLocale(parseAcceptLanguage('bs;q=0.9, en;q=0.8'))).toBe('sr-latn');
	});
});

describe('paths', () => {
	it('finds the locale of a path', () => {
		expect(localeOfPath('/sr-latn/news')).toBe('sr-latn');
		expect(localeOfPath('/en/')).toBe('en');
		expect(localeOfPath('/')).toBe(null);
		expect(localeOfPath('/news')).toBe(null);
	});
	it('keeps path and query when switching locale', () => {
		expect(switchLocalePath({ pathname: '/en/news', search: '?topic=asylum&year=2021' }, 'sr-cyrl')).toBe(
			'/sr-cyrl/news?topic=asylum&year=2021'
		);
		expect(switchLocalePath({ pathname: '/sr-cyrl/', search: '' }, 'en')).toBe('/en/');
		expect(switchLocalePath({ pathname: '/sr-cyrl', search: '' }, 'en')).toBe('/en/');
		expect(switchLocalePath({ pathname: '/en/search', search: '?q=%D0%B0' }, 'sr-latn')).toBe('/sr-latn/search?q=%D0%B0');
		expect(switchLocalePath({ pathname: '/unknown/page', search: '' }, 'en')).toBe('/en/unknown/page');
	});
	it("sends the switcher's links through /language/, which remembers the choice", () => {
		expect(languageLink({ pathname: '/en/news', search: '?topic=asylum' }, 'sr-cyrl')).toBe(
			'/language/sr-cyrl/news?topic=asylum'
		);
		expect(languageLink({ pathname: '/sr-latn/', search: '' }, 'en')).toBe('/language/en/');
	});
});

describe('the remembered locale', () => {
	it('writes a year-long, site-wide, SameSite=Lax cookie', () => {
		expect(localeCookie('sr-latn', false)).toBe('locale=sr-latn; Path=/; Max-Age=31536000; SameSite=Lax');
		expect(localeCookie('en', true)).toBe('locale=en; Path=/; Max-Age=31536000; SameSite=Lax; Secure');
	});
	it.each([
		['locale=sr-latn', 'sr-latn'],
		['a=1; locale=en; b=2', 'en'],
		['locale=fr', null],
		['locale=SR-LATN', null],
		['', null],
		[null, null]
	])('reads %j as %s', (cookies, want) => expect(localeFromCookies(cookies)).toBe(want));
});
