import type { HandleClientError } from '@sveltejs/kit';
import { isApiError } from '$lib/api';

// Unexpected errors in load functions (the API unreachable, a timeout, an INTERNAL error)
// reach the error page with what it needs to explain them and offer a retry.
export const handleError: HandleClientError = ({ error, status }) => {
	if (isApiError(error)) {
		return { message: error.message, kind: error.kind, code: error.code };
	}
	if (status !== 404) console.error(error);
	return { message: 'Unexpected error', kind: 'unknown' };
};
