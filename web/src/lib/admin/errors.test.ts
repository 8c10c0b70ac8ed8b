import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { controlId, errorsById, fieldTarget, problemOf, safeNext } from './errors';

const IDS = [
	'f-slug',
	'f-title-sr',
	'f-title-en',
	'f-body-sr',
	'f-body-en',
	'f-budget-amount',
	'f-budget-currency',
	'f-cover-file',
	'f-cover-alt-sr',
	'f-cover-alt-en',
	'f-locations-sr',
	'f-locations-en',
	'f-topics-asylum'
];

function gqlError(code: string, errors: { message: string; extensions?: Record<string, unknown> }[]) {
	return new ApiError('graphql', errors[0]!.message, {
		code,
		status: 200,
		errors: errors.map((e) => ({ ...e, extensions: { code, ...e.extensions } }))
	});
}

describe('fieldTarget', () => {
	it('finds the control of a path, the first inside it, or the nearest around it', () => {
		expect(controlId('budget.currency')).toBe('f-budget-currency');
		expect(fieldTarget('slug', IDS)).toBe('f-slug');
		expect(fieldTarget('title', IDS)).toBe('f-title-sr');
		expect(fieldTarget('title.en', IDS)).toBe('f-title-en');
		expect(fieldTarget('body.sr', IDS)).toBe('f-body-sr');
		expect(fieldTarget('budget.currency', IDS)).toBe('f-budget-currency');
		expect(fieldTarget('budget', IDS)).toBe('f-budget-amount');
		expect(fieldTarget('cover.alt', IDS)).toBe('f-cover-alt-sr');
		expect(fieldTarget('cover.alt.en', IDS)).toBe('f-cover-alt-en');
		expect(fieldTarget('cover', IDS)).toBe('f-cover-file');
		expect(fieldTarget('cover.name', IDS)).toBe('f-cover-file');
		expect(fieldTarget('locations.sr[2]', IDS)).toBe('f-locations-sr');
		expect(fieldTarget('locations.sr.2', IDS)).toBe('f-locations-sr');
		expect(fieldTarget('topics', IDS)).toBe('f-topics-asylum');
		expect(fieldTarget('website', IDS)).toBeNull();
		expect(fieldTarget('', IDS)).toBeNull();
	});
});

describe('problemOf', () => {
	it('maps BAD_USER_INPUT to fields', () => {
		const p = problemOf(
			gqlError('BAD_USER_INPUT', [
				{ message: 'the slug is taken', extensions: { field: 'slug' } },
				{ message: 'alt text is required', extensions: { field: 'cover.alt' } },
				{ message: 'something else' }
			]),
			IDS
		);
		expect(p).toEqual({
			kind: 'invalid',
			errors: [
				{ field: 'slug', id: 'f-slug', message: 'the slug is taken' },
				{ field: 'cover.alt', id: 'f-cover-alt-sr', message: 'alt text is required' },
				{ field: '', id: null, message: 'something else' }
			]
		});
		if (p.kind === 'invalid') expect(errorsById(p.errors)).toEqual({ 'f-slug': 'the slug is taken', 'f-cover-alt-sr': 'alt text is required' });
	});

	it('maps the other codes', () => {
		expect(problemOf(gqlError('CONFLICT', [{ message: 'stale', extensions: { currentVersion: 7 } }]))).toEqual({
			kind: 'conflict',
			currentVersion: 7
		});
		expect(problemOf(gqlError('CONFLICT', [{ message: 'stale' }]))).toEqual({ kind: 'conflict', currentVersion: null });
		expect(problemOf(gqlError('UNAUTHENTICATED', [{ message: 'x' }]))).toEqual({ kind: 'unauthenticated' });
		expect(problemOf(gqlError('FORBIDDEN', [{ message: 'x' }]))).toEqual({ kind: 'forbidden' });
		expect(problemOf(gqlError('NOT_FOUND', [{ message: 'x' }]))).toEqual({ kind: 'notFound' });
		expect(problemOf(gqlError('RATE_LIMITED', [{ message: 'x', extensions: { retryAfter: 41.2 } }]))).toEqual({
			kind: 'rateLimited',
			retryAfter: 42
		});
		expect(problemOf(gqlError('INTERNAL', [{ message: 'boom' }]))).toEqual({ kind: 'other', message: 'boom' });
		expect(problemOf(new ApiError('network', 'x'))).toEqual({ kind: 'network' });
		expect(problemOf(new ApiError('timeout', 'x'))).toEqual({ kind: 'timeout' });
		expect(problemOf(new ApiError('http', 'HTTP 403', { status: 403 }))).toEqual({ kind: 'forbidden' });
		expect(problemOf(new Error('odd'))).toEqual({ kind: 'other', message: 'odd' });
	});
});

describe('safeNext', () => {
	it('follows only paths inside /admin/', () => {
		expect(safeNext('/admin/news/abc?x=1')).toBe('/admin/news/abc?x=1');
		expect(safeNext('/admin/users')).toBe('/admin/users');
		for (const bad of [null, '', '/admin', '/en/', 'https://evil.example/admin/', '//evil.example/admin/', '/admin/../en/', '/admin\\x', '/admin/ x']) {
			expect(safeNext(bad), String(bad)).toBeNull();
		}
	});
});
