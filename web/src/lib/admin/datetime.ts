// Times for the editors: a datetime-local control's value (the browser's wall clock) to
// RFC 3339 with the browser's offset, and back; and how times are shown. Unit-tested in
// datetime.test.ts.

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** An offset in minutes east of UTC as `+02:00`, `-05:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** The browser's offset at a moment, in minutes east of UTC. */
export const browserOffset = (d: Date) => -d.getTimezoneOffset();

/**
 * A datetime-local value (`2025-06-01T10:00`, seconds optional) in the browser's time zone
 * → RFC 3339 with that zone's offset at that moment: `2025-06-01T10:00:00+02:00`. A wall
 * time that does not exist (the hour skipped when clocks go forward) moves forward as the
 * browser moves it. Null for anything else.
 */
export function localToRfc3339(value: string, offsetAt: (d: Date) => number = browserOffset): string | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
	if (!m) return null;
	const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
	const date = new Date(y, mo - 1, d, h, mi, s);
	if (Number.isNaN(date.getTime()) || date.getDate() !== d) return null; // 31 April
	return (
		`${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
		`T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${formatOffset(offsetAt(date))}`
	);
}

/** An RFC 3339 time → the datetime-local value of the same moment in the browser's zone ('' when invalid). */
export function rfc3339ToLocal(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whether an RFC 3339 time is later than now. */
export function isFuture(iso: string, now: Date = new Date()): boolean {
	const t = new Date(iso).getTime();
	return Number.isFinite(t) && t > now.getTime();
}

const shown = new Intl.DateTimeFormat('sr-Latn-RS', { dateStyle: 'medium', timeStyle: 'short' });

/** A time as the editors read it, in their own time zone: `1. jun 2025. 10:00`. */
export function formatWhen(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? iso : shown.format(d);
}
