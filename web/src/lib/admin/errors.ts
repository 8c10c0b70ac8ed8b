// What went wrong with an editor's request, in terms the forms act on: which fields to
// mark, a version conflict, a session that ended, a missing right, a rate limit.
// Pure functions, unit-tested in errors.test.ts.
import { ApiError } from '../api';

/** One invalid field: the control to mark (its id; null when none fits) and what to say. */
export interface FieldError {
	/** The API's `extensions.field`, such as `budget.currency`. */
	field: string;
	/** The id of the control it belongs to, or null (shown in the summary only). */
	id: string | null;
	message: string;
}

export type Problem =
	| { kind: 'invalid'; errors: FieldError[] }
	| { kind: 'conflict'; currentVersion: number | null }
	| { kind: 'unauthenticated' }
	| { kind: 'forbidden' }
	| { kind: 'notFound' }
	| { kind: 'rateLimited'; retryAfter: number | null }
	| { kind: 'network' }
	| { kind: 'timeout' }
	| { kind: 'other'; message: string };

/** The id of a form control for an input field path: `budget.currency` → `f-budget-currency`. */
export function controlId(field: string): string {
	return 'f-' + field.replace(/\[\d+\]/g, '').split('.').filter((s) => s !== '' && !/^\d+$/.test(s)).join('-');
}

/**
 * The control an API field path belongs to, among the ids on the form: the control of the
 * path itself (`body.sr` → `f-body-sr`), else the first control inside it (`title` →
 * `f-title-sr`), else the nearest enclosing one (`cover.alt.sr` → `f-cover-alt-sr`,
 * `locations.sr[2]` → `f-locations-sr`). Null when nothing on the form fits.
 */
export function fieldTarget(field: string, ids: readonly string[]): string | null {
	let id = controlId(field);
	while (id.length > 2) {
		if (ids.includes(id)) return id;
		const inside = ids.find((x) => x.startsWith(id + '-'));
		if (inside) return inside;
		const cut = id.lastIndexOf('-');
		if (cut <= 1) break;
		id = id.slice(0, cut);
	}
	return null;
}

function ext(e: { extensions?: Record<string, unknown> } | undefined, key: string): unknown {
	return e?.extensions ? e.extensions[key] : undefined;
}

/** Turns whatever a request threw into a Problem; `ids` are the form's control ids. */
export function problemOf(error: unknown, ids: readonly string[] = []): Problem {
	if (!(error instanceof ApiError)) return { kind: 'other', message: String((error as Error)?.message ?? error) };
	if (error.kind === 'network') return { kind: 'network' };
	if (error.kind === 'timeout') return { kind: 'timeout' };
	const first = error.errors[0];
	switch (error.code) {
		case 'BAD_USER_INPUT':
			return {
				kind: 'invalid',
				errors: error.errors.map((e) => {
					const field = ext(e, 'field');
					const f = typeof field === 'string' ? field : '';
					return { field: f, id: f ? fieldTarget(f, ids) : null, message: e.message };
				})
			};
		case 'CONFLICT': {
			const v = ext(first, 'currentVersion');
			return { kind: 'conflict', currentVersion: typeof v === 'number' ? v : null };
		}
		case 'UNAUTHENTICATED':
			return { kind: 'unauthenticated' };
		case 'FORBIDDEN':
			return { kind: 'forbidden' };
		case 'NOT_FOUND':
			return { kind: 'notFound' };
		case 'RATE_LIMITED': {
			const s = Number(ext(first, 'retryAfter'));
			return { kind: 'rateLimited', retryAfter: Number.isFinite(s) && s > 0 ? Math.ceil(s) : null };
		}
	}
	if (error.kind === 'http' && error.status === 401) return { kind: 'unauthenticated' };
	if (error.kind === 'http' && error.status === 403) return { kind: 'forbidden' };
	return { kind: 'other', message: error.message };
}

/** The ids of the form controls on the page (f-…), in document order: where errors can go. */
export function controlIds(root: ParentNode = document): string[] {
	return Array.from(root.querySelectorAll<HTMLElement>('input[id^="f-"], select[id^="f-"], textarea[id^="f-"]')).map((el) => el.id);
}

/** Field errors by control id, for the controls to show (the first message per control). */
export function errorsById(errors: readonly FieldError[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const e of errors) if (e.id && !(e.id in out)) out[e.id] = e.message;
	return out;
}

/** Only paths inside the editors' area are followed after signing in: never another site. */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/admin/') || next.startsWith('//') || /[\\\s]/.test(next)) return null;
	try {
		const u = new URL(next, 'http://x');
		return u.origin === 'http://x' && u.pathname.startsWith('/admin/') ? u.pathname + u.search : null;
	} catch {
		return null;
	}
}
