// The last bytes of a file (append-only logs and transcripts grow without bound; only
// their end is ever needed). Undefined when the file cannot be read.
import fs from 'node:fs';

export function readTail(file: string, maxBytes: number): string | undefined {
	let fd: number | undefined;
	try {
		const size = fs.statSync(file).size;
		const length = Math.min(size, maxBytes);
		const buffer = Buffer.alloc(length);
		fd = fs.openSync(file, 'r');
		fs.readSync(fd, buffer, 0, length, size - length);
		return buffer.toString('utf8');
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}
