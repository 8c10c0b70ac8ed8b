// Writes a brotli (.br, max quality) and a gzip (.gz, level 9) copy beside every text file
// larger than 1 KB in out/site, for the Go server to send to browsers that accept them.
// node:zlib only.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, extname, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = new URL('../out/site/', import.meta.url).pathname;
const EXTENSIONS = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest']);
const MIN_BYTES = 1024;

async function* walk(dir) {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* walk(path);
		else if (entry.isFile()) yield path;
	}
}

let files = 0;
let before = 0;
let afterBr = 0;
let afterGz = 0;
for await (const path of walk(ROOT)) {
	if (!EXTENSIONS.has(extname(path))) continue;
	if ((await stat(path)).size <= MIN_BYTES) continue;
	const data = await readFile(path);
	const br = brotliCompressSync(data, {
		params: {
			[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
			[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
			[constants.BROTLI_PARAM_SIZE_HINT]: data.length
		}
	});
	const gz = gzipSync(data, { level: 9 });
	await writeFile(`${path}.br`, br);
	await writeFile(`${path}.gz`, gz);
	files++;
	before += data.length;
	afterBr += br.length;
	afterGz += gz.length;
	if (process.env.VERBOSE) console.log(relative(ROOT, path), data.length, gz.length, br.length);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`compress: ${files} files, ${kb(before)} → gzip ${kb(afterGz)}, brotli ${kb(afterBr)}`);
