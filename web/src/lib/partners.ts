import type { PartnerKind } from './gql/graphql';

/** The order partner kinds are listed in. */
export const PARTNER_KIND_ORDER: readonly PartnerKind[] = [
	'UN_AGENCY',
	'EU_INSTITUTION',
	'INTERNATIONAL_ORGANISATION',
	'GOVERNMENT',
	'DONOR',
	'NGO',
	'OTHER'
];

/** Partners grouped by kind, kinds in PARTNER_KIND_ORDER, empty kinds left out, order within a kind kept. */
export function groupPartners<T extends { kind: PartnerKind }>(partners: readonly T[]): { kind: PartnerKind; partners: T[] }[] {
	return PARTNER_KIND_ORDER.map((kind) => ({ kind, partners: partners.filter((p) => p.kind === kind) })).filter(
		(g) => g.partners.length > 0
	);
}

/** A website's host for link text: `https://www.iom.int/` → `www.iom.int`. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
