// Dates, periods, money and numbers through Intl with explicit tags (sr-Cyrl-RS,
// sr-Latn-RS, en-GB). No date library. Unit-tested in format.test.ts.
import { intlTag, type Locale } from './locale';

/** The agency's time zone: publication times are shown as they were in Belgrade. */
export const TIME_ZONE = 'Europe/Belgrade';

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dtf(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d|${locale}|${JSON.stringify(options)}`;
	let f = cache.get(key) as Intl.DateTimeFormat | undefined;
	if (!f) {
		f = new Intl.DateTimeFormat(intlTag(locale), options);
		cache.set(key, f);
	}
	return f;
}

function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `n|${locale}|${JSON.stringify(options)}`;
	let f = cache.get(key) as Intl.NumberFormat | undefined;
	if (!f) {
		f = new Intl.NumberFormat(intlTag(locale), options);
		cache.set(key, f);
	}
	return f;
}

/** A calendar date `YYYY-MM-DD` as a Date at UTC midnight (formatted in UTC, so it never shifts a day). */
function calendarDate(ymd: string): Date | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
	if (!m) return null;
	return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** A point in time (RFC 3339) as its day in Belgrade: `10 September 2021`, `10. септембар 2021.` */
export function formatDate(iso: string, locale: Locale): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return dtf(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(d);
}

/** A point in time with its Belgrade time of day: `24 April 2024 at 15:31`. */
export function formatDateTime(iso: string, locale: Locale): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return dtf(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }).format(d);
}

/** en-CA formats as YYYY-MM-DD; made once: a formatter costs far more than a format. */
let dayFormat: Intl.DateTimeFormat | undefined;

/** The `datetime` attribute value for a <time> element: the calendar day in Belgrade. */
export function isoDay(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	dayFormat ??= new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
	return dayFormat.format(d);
}

/**
 * Makes (and caches) the formatters the pages use for points in time, for a moment when the
 * main thread is idle: the browser's first formatter with a time zone costs far more than
 * the others (it loads the zone's rules).
 */
export function prepareDateFormats(locale: Locale): void {
	const now = new Date().toISOString();
	isoDay(now);
	formatDate(now, locale);
}

/** The year (in Belgrade) of a point in time. */
export function yearOf(iso: string): number {
	return Number(isoDay(iso).slice(0, 4));
}

/**
 * A calendar date at its precision: DAY → `1 June 2018`, MONTH → `April 2013`, YEAR → `2013`.
 */
export function formatCalendarDate(ymd: string, precision: DatePrecision, locale: Locale): string {
	const d = calendarDate(ymd);
	if (!d) return ymd;
	const options: Intl.DateTimeFormatOptions =
		precision === 'YEAR'
			? { year: 'numeric', timeZone: 'UTC' }
			: precision === 'MONTH'
				? { month: 'long', year: 'numeric', timeZone: 'UTC' }
				: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
	return dtf(locale, options).format(d);
}

/** Templates for a period with an open end; `{date}` stands for the known date. */
export interface PeriodLabels {
	from: string;
	until: string;
}

/**
 * A project's implementation period at its precision, or null when both ends are unknown:
 * `1 June 2018 – 31 March 2019`, `April 2013 – April 2014`, `Start: September 2015`.
 */
export function formatPeriod(
	start: string | null | undefined,
	end: string | null | undefined,
	precision: DatePrecision,
	locale: Locale,
	labels: PeriodLabels
): string | null {
	const s = start ? formatCalendarDate(start, precision, locale) : null;
	const e = end ? formatCalendarDate(end, precision, locale) : null;
	if (s && e) return s === e ? s : `${s} – ${e}`;
	if (s) return labels.from.replace('{date}', s);
	if (e) return labels.until.replace('{date}', e);
	return null;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * An exact decimal amount (a string such as `"49890.52"`) in its currency, in the locale:
 * `€49,890.52` (en-GB), `49.890,52 €` (sr). The string goes to Intl as it is (Intl.NumberFormat
 * formats decimal strings exactly); whole amounts are shown without decimals.
 */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
	const trimmed = amount.trim();
	if (!DECIMAL.test(trimmed)) return `${amount} ${currency}`;
	const fraction = trimmed.split('.')[1] ?? '';
	const whole = /^0*$/.test(fraction);
	let format: Intl.NumberFormat;
	try {
		format = nf(locale, {
			style: 'currency',
			currency,
			...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {})
		});
	} catch {
		// An unknown currency code: show the number and the code as given.
		return `${formatDecimal(trimmed, locale)} ${currency}`;
	}
	return format.format(trimmed as Intl.StringNumericLiteral);
}

/** A decimal string as a plain number in the locale (`49.890,52`). */
export function formatDecimal(amount: string, locale: Locale): string {
	return nf(locale, { maximumFractionDigits: 20 }).format(amount as Intl.StringNumericLiteral);
}

/** An integer in the locale: `1,234` / `1.234`. */
export function formatNumber(n: number, locale: Locale): string {
	return nf(locale, {}).format(n);
}
