// Uploading a picture: POST /media with the file as the body (same origin, the session
// cookie), then the server's description of the stored image. Checked here first so that
// a wrong file gets an answer at once.

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export interface UploadedImage {
	name: string;
	type: string;
	width: number;
	height: number;
	url: string;
	variants: { url: string; width: number; height: number }[];
}

export type UploadProblem = 'type' | 'size' | 'empty' | 'unauthenticated' | 'forbidden' | 'rejected' | 'network';

export class UploadError extends Error {
	override readonly name = 'UploadError';
	constructor(
		readonly problem: UploadProblem,
		message: string = problem
	) {
		super(message);
	}
}

/** What is wrong with a file before it is sent, or null. */
export function checkImage(file: { type: string; size: number }): UploadProblem | null {
	if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return 'type';
	if (file.size === 0) return 'empty';
	if (file.size > MAX_IMAGE_BYTES) return 'size';
	return null;
}

/** Uploads an image; throws an UploadError. */
export async function uploadImage(file: File, doFetch: typeof fetch = globalThis.fetch): Promise<UploadedImage> {
	const wrong = checkImage(file);
	if (wrong) throw new UploadError(wrong);
	let res: Response;
	try {
		res = await doFetch('/media', {
			method: 'POST',
			body: file,
			headers: { 'Content-Type': file.type },
			credentials: 'same-origin'
		});
	} catch {
		throw new UploadError('network');
	}
	let body: unknown = null;
	try {
		body = await res.json();
	} catch {
		// not JSON: judged by the status below
	}
	const b = (body ?? {}) as { image?: UploadedImage; errors?: { message?: string; extensions?: { code?: string } }[] };
	if (res.ok && b.image && typeof b.image.name === 'string') return b.image;
	const first = b.errors?.[0];
	if (res.status === 401 || first?.extensions?.code === 'UNAUTHENTICATED') throw new UploadError('unauthenticated');
	if (res.status === 403 || first?.extensions?.code === 'FORBIDDEN') throw new UploadError('forbidden');
	if (res.status === 413) throw new UploadError('size', first?.message);
	throw new UploadError('rejected', first?.message ?? `HTTP ${res.status}`);
}
