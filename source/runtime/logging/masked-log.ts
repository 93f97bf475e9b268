// Appends a session's raw output to its log file with secrets masked. Output arrives in
// arbitrary chunks, so text after the last line break is held back (up to a limit) and
// masked together with what follows: a key split across two chunks is still caught.
// Writes are batched and asynchronous, so a flooding session is not slowed down by one
// synchronous write (and one masking pass) per chunk.
import fs from 'node:fs';
import path from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import {maskSecrets} from '../../core/security/mask.js';

const HOLD_LIMIT = 4096;
const BATCH_BYTES = 256 * 1024;
const BATCH_MS = 100;

export class MaskedLog {
	private readonly fd: number;
	private readonly decoder = new StringDecoder('utf8');
	private pending = '';
	private queue: string[] = [];
	private queued = 0;
	private writing = false;
	private closing = false;
	private closed = false;
	private timer: NodeJS.Timeout | undefined;
	private resolveClosed!: () => void;
	private readonly closedPromise = new Promise<void>((resolve) => {
		this.resolveClosed = resolve;
	});

	constructor(readonly file: string) {
		fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		this.fd = fs.openSync(file, 'a', 0o600);
	}

	write(chunk: Uint8Array | string): void {
		if (this.closing) return;
		this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk as Buffer);
		const cut = this.pending.lastIndexOf('\n');
		if (cut >= 0) {
			this.enqueue(this.pending.slice(0, cut + 1));
			this.pending = this.pending.slice(cut + 1);
		}
		if (this.pending.length > HOLD_LIMIT) {
			this.enqueue(this.pending);
			this.pending = '';
		}
	}

	/** Queues everything held back (the partial last line included) for writing. */
	flush(): void {
		if (this.closing) return;
		this.pending += this.decoder.end();
		if (this.pending) this.enqueue(this.pending);
		this.pending = '';
		this.drain();
	}

	/** Writes what is left, then closes the file (asynchronously, in order); resolves once it is. */
	close(): Promise<void> {
		if (!this.closing) {
			this.flush();
			this.closing = true;
			clearTimeout(this.timer);
			this.drain();
		}
		return this.closedPromise;
	}

	private enqueue(text: string): void {
		this.queue.push(text);
		this.queued += text.length;
		if (this.queued >= BATCH_BYTES) this.drain();
		else this.timer ??= setTimeout(() => this.drain(), BATCH_MS);
	}

	private drain(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (this.writing || this.closed) return;
		if (this.queue.length === 0) {
			if (this.closing) {
				this.closed = true;
				fs.close(this.fd, () => this.resolveClosed());
			}
			return;
		}
		const text = maskSecrets(this.queue.join(''));
		this.queue = [];
		this.queued = 0;
		this.writing = true;
		fs.write(this.fd, text, () => {
			// A full disk must not kill the session; the alert comes from the disk check.
			this.writing = false;
			this.drain();
		});
	}
}
