// Appends a session's raw output to its log file with secrets masked. Output arrives in
// arbitrary chunks, so text after the last line break is held back (up to a limit) and
// masked together with what follows, so a key split across two chunks is still caught.
import fs from 'node:fs';
import path from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import {maskSecrets} from '../../core/security/mask.js';

const HOLD_LIMIT = 4096;

export class MaskedLog {
	private readonly fd: number;
	private readonly decoder = new StringDecoder('utf8');
	private pending = '';
	private closed = false;

	constructor(readonly file: string) {
		fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		this.fd = fs.openSync(file, 'a', 0o600);
	}

	write(chunk: Uint8Array | string): void {
		if (this.closed) return;
		this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk as Buffer);
		const cut = this.pending.lastIndexOf('\n');
		if (cut >= 0) {
			this.emit(this.pending.slice(0, cut + 1));
			this.pending = this.pending.slice(cut + 1);
		}
		if (this.pending.length > HOLD_LIMIT) {
			this.emit(this.pending);
			this.pending = '';
		}
	}

	flush(): void {
		if (this.closed) return;
		this.pending += this.decoder.end();
		if (this.pending) this.emit(this.pending);
		this.pending = '';
	}

	close(): void {
		if (this.closed) return;
		this.flush();
		this.closed = true;
		fs.closeSync(this.fd);
	}

	private emit(text: string): void {
		try {
			fs.writeSync(this.fd, maskSecrets(text));
		} catch {
			// A full disk must not kill the session; the alert comes from the disk check.
		}
	}
}
