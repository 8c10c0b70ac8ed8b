// Built once, at build time (prerendered into out/site/portal-ssr.json): what the Go
// server needs to write a page's content into its first response exactly as the app
// will show it (server/render.go). The GraphQL documents the pages send (the server runs
// the same ones, so the app can take the answers embedded in the page), the interface
// text of the three locales, and the Intl patterns of dates, numbers and money, taken
// from the same Intl the app formats with.
import { json } from '@sveltejs/kit';
import {
	HomeDocument,
	NewsItemDocument,
	NewsListDocument,
	PartnerDocument,
	PartnersDocument,
	ProjectDocument,
	ProjectListDocument,
	SearchDocument
} from '$lib/gql/graphql';
import { MESSAGES } from '$lib/i18n';
import { intlTag, LOCALES, type Locale } from '$lib/locale';
import { TIME_ZONE } from '$lib/format';

export const prerender = true;

const CURRENCIES = ['EUR', 'USD', 'GBP', 'RSD', 'CHF', 'SEK', 'NOK', 'DKK', 'CAD', 'AUD'];

type Part = { type: string; value: string };

/** Parts with the number's own parts (integer, group, decimal, fraction) merged into one `number` part. */
function numberPattern(parts: Intl.NumberFormatPart[]): Part[] {
	const out: Part[] = [];
	for (const p of parts) {
		const numeric = ['integer', 'group', 'decimal', 'fraction'].includes(p.type);
		if (numeric) {
			if (out.at(-1)?.type !== 'number') out.push({ type: 'number', value: '' });
		} else {
			out.push({ type: p.type, value: p.value });
		}
	}
	return out;
}

function formats(locale: Locale) {
	const tag = intlTag(locale);
	const sample = new Date(Date.UTC(2021, 8, 10, 13, 31));
	const parts = (options: Intl.DateTimeFormatOptions) =>
		new Intl.DateTimeFormat(tag, options).formatToParts(sample).map(({ type, value }) => ({ type, value }));
	const monthName = (options: Intl.DateTimeFormatOptions, m: number) =>
		new Intl.DateTimeFormat(tag, options)
			.formatToParts(new Date(Date.UTC(2021, m, 10)))
			.find((p) => p.type === 'month')!.value;
	const day = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
	const month = { month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
	const numberParts = new Intl.NumberFormat(tag).formatToParts(12345.6);
	return {
		date: parts({ ...day, timeZone: TIME_ZONE }),
		dateTime: parts({ dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }),
		dayDate: parts(day),
		monthDate: parts(month),
		yearDate: parts({ year: 'numeric', timeZone: 'UTC' }),
		months: Array.from({ length: 12 }, (_, m) => monthName(day, m)),
		monthsAlone: Array.from({ length: 12 }, (_, m) => monthName(month, m)),
		group: numberParts.find((p) => p.type === 'group')?.value ?? ',',
		decimal: numberParts.find((p) => p.type === 'decimal')?.value ?? '.',
		money: Object.fromEntries(
			CURRENCIES.map((c) => [c, numberPattern(new Intl.NumberFormat(tag, { style: 'currency', currency: c }).formatToParts(1234.5))])
		)
	};
}

export function GET() {
	const documents = {
		Home: HomeDocument,
		NewsList: NewsListDocument,
		NewsItem: NewsItemDocument,
		ProjectList: ProjectListDocument,
		Project: ProjectDocument,
		Partners: PartnersDocument,
		Partner: PartnerDocument,
		Search: SearchDocument
	};
	return json({
		documents: Object.fromEntries(Object.entries(documents).map(([name, doc]) => [name, doc.toString()])),
		messages: MESSAGES,
		formats: Object.fromEntries(LOCALES.map((l) => [l, formats(l)]))
	});
}
