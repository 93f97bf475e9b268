// The real terminal: alternate screen, raw keys, bracketed paste, no auto-wrap while the
// dashboard runs, and everything put back on every way out (quit, a signal, a crash:
// `restore` is synchronous so it also works from an 'exit' handler).
import fs from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import type {Size} from '../layout/layout.js';
import {KeyReader, type Key} from './keys.js';

const ENTER = [
	'\u001b[?1049h', // alternate screen
	'\u001b[?25l', // hide the cursor (the compositor shows it in a focused pane)
	'\u001b[?7l', // no auto-wrap: a full-width row never scrolls the screen
	'\u001b[?2004h', // bracketed paste: a paste reaches an agent as one paste
	'\u001b[0m\u001b[H\u001b[2J',
].join('');

const LEAVE = ['\u001b[?2026l', '\u001b[0m', '\u001b[?2004l', '\u001b[?7h', '\u001b[?25h', '\u001b[?1049l'].join('');

/** How long an unfinished escape sequence waits for the rest before it counts as typed. */
const ESCAPE_WAIT_MS = 30;

export class Tty {
	private entered = false;
	/** The terminal went away (hang-up): nothing can be drawn any more. */
	gone = false;
	private goneListener: (() => void) | undefined;
	private readonly onError = (): void => {
		if (this.gone) return;
		this.gone = true;
		this.goneListener?.();
	};
	private readonly decoder = new StringDecoder('utf8');
	private readonly reader = new KeyReader();
	private flushTimer: NodeJS.Timeout | undefined;
	private inputListener: ((chunk: Buffer) => void) | undefined;
	private resizeListener: (() => void) | undefined;

	constructor(
		private readonly stdout: NodeJS.WriteStream,
		private readonly stdin: NodeJS.ReadStream,
	) {}

	size(): Size {
		return {cols: this.stdout.columns || 80, rows: this.stdout.rows || 24};
	}

	enter(): void {
		if (this.entered) return;
		this.entered = true;
		this.stdout.on('error', this.onError);
		this.stdin.on('error', this.onError);
		this.write(ENTER);
		if (this.stdin.isTTY) this.stdin.setRawMode(true);
		this.stdin.resume();
	}

	write(data: string): void {
		if (this.gone) return;
		try {
			this.stdout.write(data);
		} catch {
			this.onError();
		}
	}

	/** Called once when the terminal stops accepting output (EIO after a hang-up). */
	onGone(listener: () => void): void {
		this.goneListener = listener;
	}

	onKeys(listener: (keys: Key[]) => void): void {
		this.inputListener = (chunk: Buffer) => {
			clearTimeout(this.flushTimer);
			const keys = this.reader.push(this.decoder.write(chunk));
			if (keys.length > 0) listener(keys);
			if (this.reader.waiting) {
				this.flushTimer = setTimeout(() => {
					const rest = this.reader.flush();
					if (rest.length > 0) listener(rest);
				}, ESCAPE_WAIT_MS);
			}
		};
		this.stdin.on('data', this.inputListener);
	}

	onResize(listener: () => void): void {
		this.resizeListener = listener;
		this.stdout.on('resize', listener);
	}

	/** Puts the terminal back as it was. Safe to call twice and from an 'exit' handler. */
	restore(): void {
		if (!this.entered) return;
		this.entered = false;
		clearTimeout(this.flushTimer);
		if (this.inputListener) this.stdin.off('data', this.inputListener);
		if (this.resizeListener) this.stdout.off('resize', this.resizeListener);
		try {
			if (this.stdin.isTTY) this.stdin.setRawMode(false);
		} catch {
			// The terminal is gone (SIGHUP): nothing to restore.
		}
		this.stdin.pause();
		if (this.gone) return;
		// Synchronously when the stream is a file descriptor: this may run in an 'exit' handler.
		const fd = (this.stdout as unknown as {fd?: number}).fd;
		try {
			if (typeof fd === 'number') fs.writeSync(fd, LEAVE);
			else this.stdout.write(LEAVE);
		} catch {
			// The terminal is gone.
		}
	}
}
