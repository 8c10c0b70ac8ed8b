import { yearOf } from './format';
import type { NewsFilter } from './gql/graphql';

/** `?year=2021` as the API's date range (Belgrade calendar days); anything else: no range. */
export function yearFilter(year: string | null): Pick<NewsFilter, 'from' | 'to'> {
	if (!year || !/^\d{4}$/.test(year)) return {};
	return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The years from the newest item's to the oldest item's, newest first. */
export function yearRange(newest: string | null | undefined, oldest: string | null | undefined): number[] {
	if (!newest || !oldest) return [];
	const years: number[] = [];
	for (let y = yearOf(newest); y >= yearOf(oldest) && years.length < 100; y--) years.push(y);
	return years;
}
