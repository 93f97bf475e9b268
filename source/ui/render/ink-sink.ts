// Ink renders into this stand-in for stdout (debug mode: each commit writes its whole
// frame once, with no cursor movement and no erasing), and the lines are handed to the
// compositor, which alone writes to the terminal. Ink gets a stand-in stdin too: the
// dashboard reads the real one itself, so a focused pane gets the exact bytes.
import {EventEmitter} from 'node:events';

export class InkSink extends EventEmitter {
	columns: number;
	rows: number;
	readonly isTTY = false;
	/** The layout the frame being rendered belongs to (set while React renders). */
	layoutKey = '';
	renders = 0;
	/** When React began the render whose frame comes next (set by App), for the stats. */
	renderStart = 0;
	renderMs = 0;
	renderMaxMs = 0;

	constructor(
		size: {cols: number; rows: number},
		private readonly onFrame: (lines: string[], layoutKey: string) => void,
	) {
		super();
		this.columns = size.cols;
		this.rows = size.rows;
	}

	write(data: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		// Ink only writes whole frames here; anything else (a cursor toggle) has no place on screen.
		if (text.length > 0 && !text.startsWith('\u001b[?25')) {
			this.renders++;
			if (this.renderStart > 0) {
				const ms = performance.now() - this.renderStart;
				this.renderMs += ms;
				this.renderMaxMs = Math.max(this.renderMaxMs, ms);
				this.renderStart = 0;
			}
			this.onFrame(text.split('\n'), this.layoutKey);
		}
		callback?.();
		return true;
	}

	resize(size: {cols: number; rows: number}): void {
		this.columns = size.cols;
		this.rows = size.rows;
	}
}

/** A stdin Ink never reads from. */
export class QuietInput extends EventEmitter {
	readonly isTTY = false;
	setRawMode(): this {
		return this;
	}
	setEncoding(): this {
		return this;
	}
	read(): null {
		return null;
	}
	ref(): this {
		return this;
	}
	unref(): this {
		return this;
	}
	resume(): this {
		return this;
	}
	pause(): this {
		return this;
	}
}
