// Interface text in the three locales, with the two helpers messages need: {name}
// placeholders and plural forms. No i18n library.
import type { Locale } from '../locale';
import { intlTag } from '../locale';
import { cyrToLatDeep } from '../translit';
import { en, type Messages } from './en';
import { srCyrl } from './sr-cyrl';
import type { Plural } from './types';

export type { Messages, Plural };

let srLatn: Messages | null = null;

/**
 * The messages of each locale. sr-latn is derived from sr-cyrl, letter by letter, when it
 * is first asked for: deriving it takes a phone about 25 ms, which the app's start-up
 * would otherwise spend on every page, whatever its locale.
 */
export const MESSAGES: Record<Locale, Messages> = {
	'sr-cyrl': srCyrl,
	get 'sr-latn'() {
		srLatn ??= cyrToLatDeep(srCyrl);
		return srLatn;
	},
	en
};

export function messages(locale: Locale): Messages {
	return MESSAGES[locale];
}

/** Replaces `{name}` placeholders; unknown ones are left as they are. */
export function fmt(template: string, params: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : whole
	);
}

const rules = new Map<Locale, Intl.PluralRules>();

/** The plural form for n in the locale, with `{n}` replaced by the formatted number. */
export function plural(locale: Locale, forms: Plural, n: number): string {
	let pr = rules.get(locale);
	if (!pr) {
		pr = new Intl.PluralRules(intlTag(locale));
		rules.set(locale, pr);
	}
	const category = pr.select(n);
	const template = category === 'one' ? forms.one : category === 'few' ? forms.few : forms.other;
	return fmt(template, { n: new Intl.NumberFormat(intlTag(locale)).format(n) });
}

/** What to tell a reader when a request failed: why, in their language, without jargon. */
export function failureText(t: Messages, failure: { kind?: string; code?: string | null } | null | undefined): string {
	if (failure?.kind === 'network') return t.errors.network;
	if (failure?.kind === 'timeout') return t.errors.timeout;
	if (failure?.code === 'RATE_LIMITED') return t.errors.rateLimited;
	return t.errors.server;
}
