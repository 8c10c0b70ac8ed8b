/** Forms of a message that depends on a count (Intl.PluralRules categories the site's languages use). */
export interface Plural {
	/** 1, 21, 31 … in Serbian; 1 in English. */
	one: string;
	/** 2–4, 22–24 … in Serbian; never chosen in English (repeat `other`). */
	few: string;
	/** Everything else. */
	other: string;
}
