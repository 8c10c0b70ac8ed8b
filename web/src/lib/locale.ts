// The three locales of the site: URL slugs, GraphQL enum values, BCP 47 tags.
// Pure functions only, unit-tested in locale.test.ts.
import type { Locale as GqlLocale } from './gql/graphql';

export const LOCALES = ['sr-cyrl', 'sr-latn', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Whether a URL segment is one of the site's locales (exact, lower case). */
export function isLocale(value: string | null | undefined): value is Locale {
	return (LOCALES as readonly string[]).includes(value ?? '');
}

const TO_GQL = { 'sr-cyrl': 'SR_CYRL', 'sr-latn': 'SR_LATN', en: 'EN' } as const satisfies Record<
	Locale,
	GqlLocale
>;

/** The GraphQL `Locale` enum value of a URL locale. */
export function gqlLocale(locale: Locale): GqlLocale {
	return TO_GQL[locale];
}

/** The URL locale of a GraphQL `Locale` enum value. */
export function fromGqlLocale(value: GqlLocale): Locale {
	return value === 'SR_CYRL' ? 'sr-cyrl' : value === 'SR_LATN' ? 'sr-latn' : 'en';
}

/** The tag for Intl formatters. A bare `sr` means Cyrillic, so the script is always explicit. */
export function intlTag(locale: Locale): string {
	return locale === 'sr-cyrl' ? 'sr-Cyrl-RS' : locale === 'sr-latn' ? 'sr-Latn-RS' : 'en-GB';
}

/** The value for `lang` and `hreflang` attributes. */
export function langTag(locale: Locale): string {
	return locale === 'sr-cyrl' ? 'sr-Cyrl' : locale === 'sr-latn' ? 'sr-Latn' : 'en';
}

/**
 * The locale for one language tag, or null when the site has no such language; the same
 * rules as the server's localeOfTag (server/lang.go).
 * Latin: a tag that says so (sr-Latn …), Croatian (hr), Bosnian (bs), Montenegrin (cnr, me),
 * Serbo-Croatian (sh) and Serbian in Montenegro (sr-ME) → sr-latn; any other Serbian (sr,
 * sr-Cyrl, sr-RS …) and the neighbours tagged Cyrl (bs-Cyrl) → sr-cyrl; English → en.
 */
export function localeForTag(tag: string): Locale | null {
	const [lang = '', ...rest] = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
	const script = rest.find((s) => s.length === 4) ?? '';
	const region = rest.find((s) => s.length === 2 || s.length === 3) ?? '';
	if (lang === 'en') return 'en';
	if (lang === 'sr') return script === 'latn' || (script === '' && region === 'me') ? 'sr-latn' : 'sr-cyrl';
	if (['hr', 'bs', 'cnr', 'me', 'sh'].includes(lang)) return script === 'cyrl' ? 'sr-cyrl' : 'sr-latn';
	return null;
}

/**
 * The locale for a visitor's ordered language preferences (`navigator.languages`):
 * the first one the site has, else English (the language most newcomers share).
 */
export function chooseLocale(languages: readonly string[] | null | undefined): Locale {
	for (const tag of languages ?? []) {
		const locale = localeForTag(tag);
		if (locale) return locale;
	}
	return DEFAULT_LOCALE;
}

/**
 * Parses an Accept-Language header into tags ordered by quality (q=0 dropped), so that
 * chooseLocale(parseAcceptLanguage(header)) picks as the server does.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			let q = 1;
			for (const p of params) {
				const [k, v] = p.trim().split('=');
				if (k === 'q' && v !== undefined) q = Number.parseFloat(v);
			}
			return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
		})
		.filter((x) => x.tag !== '' && x.tag !== '*' && x.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index)
		.map((x) => x.tag);
}

/** The locale a path starts with (`/sr-latn/news` → sr-latn), or null. */
export function localeOfPath(pathname: string): Locale | null {
	const first = pathname.split('/')[1] ?? '';
	return isLocale(first) ? first : null;
}

/** The same path and query in another locale: `/en/news?topic=asylum` → `/sr-cyrl/news?topic=asylum`. */
export function switchLocalePath(url: { pathname: string; search: string; hash?: string }, to: Locale): string {
	const segments = url.pathname.split('/');
	if (isLocale(segments[1])) {
		segments[1] = to;
	} else {
		segments.splice(1, 0, to);
	}
	let path = segments.join('/');
	if (path === `/${to}`) path += '/';
	return path + url.search;
}

/**
 * The language switcher's link to the same page in another locale: through the server's
 * /language/ (server/lang.go), which remembers the choice in a cookie and sends the browser
 * on, so the choice is remembered without JavaScript too. `/en/news?topic=asylum` in
 * sr-cyrl → `/language/sr-cyrl/news?topic=asylum`.
 */
export function languageLink(url: { pathname: string; search: string }, to: Locale): string {
	return '/language' + switchLocalePath(url, to);
}

/** The cookie that remembers a locale chosen with the language switcher (server/lang.go reads it on `/`). */
export const LOCALE_COOKIE = 'locale';

/**
 * The Set-Cookie text (for document.cookie) that remembers a chosen locale for a year:
 * the whole site, sent on top-level navigation from elsewhere (SameSite=Lax), no tracking.
 */
export function localeCookie(locale: Locale, secure: boolean): string {
	return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The locale remembered in a Cookie header (document.cookie), or null. */
export function localeFromCookies(cookies: string | null | undefined): Locale | null {
	for (const part of (cookies ?? '').split(';')) {
		const [name, value] = part.trim().split('=');
		if (name === LOCALE_COOKIE && isLocale(value)) return value;
	}
	return null;
}
