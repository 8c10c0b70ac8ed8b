import type { ParamMatcher } from '@sveltejs/kit';
import { isLocale } from '$lib/locale';

/** `[locale=locale]`: one of sr-cyrl, sr-latn, en (exact, lower case). */
export const match = ((param: string): param is 'sr-cyrl' | 'sr-latn' | 'en' =>
	isLocale(param)) satisfies ParamMatcher;
