import { describe, expect, it } from 'vitest';
import { formatOffset, isFuture, localToRfc3339, rfc3339ToLocal } from './datetime';

describe('formatOffset', () => {
	it('formats minutes east of UTC', () => {
		expect(formatOffset(120)).toBe('+02:00');
		expect(formatOffset(60)).toBe('+01:00');
		expect(formatOffset(0)).toBe('+00:00');
		expect(formatOffset(-330)).toBe('-05:30');
		expect(formatOffset(345)).toBe('+05:45');
	});
});

describe('localToRfc3339', () => {
	it("adds the browser's offset at that moment", () => {
		expect(localToRfc3339('2025-06-01T10:00', () => 120)).toBe('2025-06-01T10:00:00+02:00');
		expect(localToRfc3339('2025-01-15T08:30', () => 60)).toBe('2025-01-15T08:30:00+01:00');
		expect(localToRfc3339('2025-01-15T08:30:15', () => -300)).toBe('2025-01-15T08:30:15-05:00');
	});

	it('is the same moment as the wall time in the real browser zone', () => {
		const iso = localToRfc3339('2025-06-01T10:00')!;
		expect(new Date(iso).getTime()).toBe(new Date(2025, 5, 1, 10, 0).getTime());
		expect(rfc3339ToLocal(iso)).toBe('2025-06-01T10:00');
	});

	it('refuses what is not a datetime-local value', () => {
		for (const v of ['', '2025-06-01', '2025-13-01T10:00', '2025-04-31T10:00', '2025-06-01T24:00', 'tomorrow']) {
			expect(localToRfc3339(v, () => 0), v).toBeNull();
		}
	});
});

describe('rfc3339ToLocal', () => {
	it('gives the datetime-local value of a moment in the browser zone', () => {
		const d = new Date(2024, 11, 31, 23, 5);
		expect(rfc3339ToLocal(d.toISOString())).toBe('2024-12-31T23:05');
		expect(rfc3339ToLocal(null)).toBe('');
		expect(rfc3339ToLocal('nope')).toBe('');
	});
});

describe('isFuture', () => {
	it('compares with now', () => {
		const now = new Date('2025-01-01T00:00:00Z');
		expect(isFuture('2025-01-01T00:00:01Z', now)).toBe(true);
		expect(isFuture('2025-01-01T01:00:00+02:00', now)).toBe(false);
		expect(isFuture('x', now)).toBe(false);
	});
});
