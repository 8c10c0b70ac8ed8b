import { describe, expect, it, vi } from 'vitest';
import { checkImage, MAX_IMAGE_BYTES, uploadImage, UploadError } from './upload';

const image = {
	name: '3f9ac2e1b07d4a55',
	type: 'image/jpeg',
	width: 800,
	height: 600,
	url: '/media/3f9ac2e1b07d4a55.jpg',
	variants: [{ url: '/media/3f9ac2e1b07d4a55-480.jpg', width: 480, height: 360 }]
};

function file(type = 'image/jpeg', size = 10): File {
	return new File([new Uint8Array(size)], 'a.jpg', { type });
}

async function failure(p: Promise<unknown>): Promise<UploadError> {
	try {
		await p;
	} catch (e) {
		expect(e).toBeInstanceOf(UploadError);
		return e as UploadError;
	}
	throw new Error('expected a failure');
}

describe('checkImage', () => {
	it('accepts JPEG, PNG, WebP and GIF up to 10 MiB', () => {
		for (const t of ['image/jpeg', 'image/png', 'image/webp', 'image/gif']) expect(checkImage({ type: t, size: 1 })).toBeNull();
		expect(checkImage({ type: 'image/svg+xml', size: 1 })).toBe('type');
		expect(checkImage({ type: '', size: 1 })).toBe('type');
		expect(checkImage({ type: 'image/png', size: 0 })).toBe('empty');
		expect(checkImage({ type: 'image/png', size: MAX_IMAGE_BYTES })).toBeNull();
		expect(checkImage({ type: 'image/png', size: MAX_IMAGE_BYTES + 1 })).toBe('size');
	});
});

describe('uploadImage', () => {
	it('POSTs the file itself to /media with its type, same-origin', async () => {
		const fetch = vi.fn(async () => new Response(JSON.stringify({ image }), { status: 201 }));
		const f = file();
		expect(await uploadImage(f, fetch)).toEqual(image);
		const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(url).toBe('/media');
		expect(init.method).toBe('POST');
		expect(init.body).toBe(f);
		expect(init.credentials).toBe('same-origin');
		expect((init.headers as Record<string, string>)['Content-Type']).toBe('image/jpeg');
	});

	it('does not send a wrong file', async () => {
		const fetch = vi.fn();
		expect((await failure(uploadImage(file('application/pdf'), fetch))).problem).toBe('type');
		expect(fetch).not.toHaveBeenCalled();
	});

	it('reports what the server refused', async () => {
		const err = (status: number, code: string, message = 'no') =>
			vi.fn(async () => new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status }));
		expect((await failure(uploadImage(file(), err(401, 'UNAUTHENTICATED')))).problem).toBe('unauthenticated');
		expect((await failure(uploadImage(file(), err(403, 'FORBIDDEN')))).problem).toBe('forbidden');
		expect((await failure(uploadImage(file(), err(413, 'BAD_USER_INPUT')))).problem).toBe('size');
		const bad = await failure(uploadImage(file(), err(400, 'BAD_USER_INPUT', 'not an image')));
		expect([bad.problem, bad.message]).toEqual(['rejected', 'not an image']);
		expect((await failure(uploadImage(file(), vi.fn(async () => new Response('oops', { status: 502 }))))).problem).toBe('rejected');
		expect((await failure(uploadImage(file(), vi.fn(async () => Promise.reject(new TypeError('offline')))))).problem).toBe('network');
	});
});
