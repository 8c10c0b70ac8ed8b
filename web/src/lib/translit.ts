// Serbian Cyrillic → Latin, exact and letter by letter (the reverse is not exact and is
// never needed here: Serbian interface text is written once, in Cyrillic).

const LOWER: Record<string, string> = {
	а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i',
	ј: 'j', к: 'k', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r',
	с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č', џ: 'dž', ш: 'š',
	// accented vowels: "ѝ" (her) against "и" (and)
	ѝ: 'ì', ѐ: 'è'
};

function isLetter(ch: string | undefined): boolean {
	return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

function isUpper(ch: string | undefined): boolean {
	return isLetter(ch) && ch === ch!.toUpperCase();
}

/**
 * Transliterates Serbian Cyrillic to Latin; anything else passes through unchanged.
 * Љ, Њ and Џ become Lj, Nj, Dž in a capitalised word and LJ, NJ, DŽ in an all-caps one
 * (decided by the next letter, or by the previous one at the end of a word).
 */
export function cyrToLat(text: string): string {
	let out = '';
	const chars = Array.from(text);
	for (let i = 0; i < chars.length; i++) {
		const ch = chars[i]!;
		const lower = ch.toLowerCase();
		const latin = LOWER[lower];
		if (latin === undefined) {
			out += ch;
			continue;
		}
		if (lower === ch) {
			out += latin;
			continue;
		}
		if (latin.length === 1) {
			out += latin.toUpperCase();
			continue;
		}
		// Љ, Њ, Џ: title case or all caps.
		const next = chars[i + 1];
		const allCaps = isLetter(next) ? isUpper(next) : isUpper(chars[i - 1]);
		out += allCaps ? latin.toUpperCase() : latin[0]!.toUpperCase() + latin.slice(1);
	}
	return out;
}

/** Deeply transliterates every string of a plain object tree (used to derive sr-latn messages). */
export function cyrToLatDeep<T>(value: T): T {
	if (typeof value === 'string') return cyrToLat(value) as T;
	if (Array.isArray(value)) return value.map((v) => cyrToLatDeep(v)) as T;
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = cyrToLatDeep(v);
		return out as T;
	}
	return value;
}
