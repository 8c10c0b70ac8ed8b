// See https://svelte.dev/docs/kit/types#app.d.ts
import type { ApiErrorKind } from '$lib/api';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** What failed, for a friendly, translated explanation on the error page. */
			kind?: ApiErrorKind | 'unknown';
			/** The API's `extensions.code`, when it gave one. */
			code?: string | null;
		}
		interface PageState {
			/** The URL (path and query) a page changed in place with replaceState, such as search as you type. */
			href?: string;
		}
		// interface Locals {}
		// interface PageData {}
		// interface Platform {}
	}
}

export {};
