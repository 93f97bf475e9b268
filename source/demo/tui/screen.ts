// Inline renderer in the style of the real TUI (no alternate screen): finished blocks are
// printed once and scroll up like normal output; the bottom region (spinner, prompt box,
// footer or a dialog) is redrawn in place by moving the cursor back to its first line.
// A resize reprints everything at the new width.

import {truncate} from './text.js';

export type Block = {
	/** Blank line before the block (blocks are separated by one, `⎿` follow-ups are not). */
	readonly gap: boolean;
	readonly render: (width: number) => string[];
};

export type DynamicRegion = (width: number, rows: number) => string[];

export class Screen {
	private readonly history: Block[] = [];
	private flushed = 0;
	private dynamicHeight = 0;
	private scheduled = false;
	private frozen = false;
	private title = '';
	private lastRegion: string | undefined;
	private lastWidth = 0;

	constructor(
		private readonly out: NodeJS.WriteStream,
		private readonly dynamic: DynamicRegion,
	) {}

	get width(): number {
		return Math.max(20, this.out.columns || 80);
	}

	get rows(): number {
		return Math.max(5, this.out.rows || 24);
	}

	private write(data: string): void {
		try {
			this.out.write(data);
		} catch {
			// The terminal went away (SIGHUP); nothing left to draw on.
		}
	}

	start(): void {
		// Bracketed paste and focus reporting on, cursor hidden (the box draws its own).
		this.write('\x1b[?2004h\x1b[?1004h\x1b[?25l');
	}

	stop(): void {
		this.write('\x1b[?2004l\x1b[?1004l\x1b[?25h');
	}

	commit(block: Block): void {
		this.history.push(block);
		this.schedule();
	}

	setTitle(title: string): void {
		if (title === this.title) return;
		this.title = title;
		this.write(`\x1b]0;${title}\x07`);
	}

	/** A hung stream prints nothing: while frozen no frame is drawn. */
	setFrozen(frozen: boolean): void {
		this.frozen = frozen;
		if (!frozen) this.schedule();
	}

	schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			this.render();
		});
	}

	render(): void {
		if (this.frozen) return;
		const width = this.width;
		let region = this.dynamic(width, this.rows);
		if (region.length === 0) region = [''];
		if (region.length > this.rows - 1) region = region.slice(region.length - (this.rows - 1));
		const key = region.join('\n');
		// An unchanged frame is not rewritten: a screen that waits for a key stays silent.
		if (this.history.length === this.flushed && key === this.lastRegion && this.lastWidth === width) return;
		this.lastRegion = key;
		this.lastWidth = width;
		let data = '';
		if (this.dynamicHeight > 0) data += '\r' + (this.dynamicHeight > 1 ? `\x1b[${this.dynamicHeight - 1}A` : '') + '\x1b[J';
		const lines: string[] = [];
		for (const block of this.history.slice(this.flushed)) {
			if (block.gap && (this.flushed > 0 || lines.length > 0)) lines.push('');
			lines.push(...block.render(width));
		}
		this.flushed = this.history.length;
		lines.push(...region);
		data += lines.map((line) => truncate(line, width)).join('\r\n');
		this.dynamicHeight = region.length;
		this.write(data);
	}

	/** Clears the terminal and reprints the whole conversation (after a resize). */
	redrawAll(): void {
		this.write('\x1b[2J\x1b[3J\x1b[H');
		this.lastRegion = undefined;
		this.flushed = 0;
		this.dynamicHeight = 0;
		this.render();
	}

	/** Replaces the bottom region with final text (the exit banner) and leaves it there. */
	finish(lines: readonly string[]): void {
		this.frozen = false;
		let data = '';
		if (this.dynamicHeight > 0) data += '\r' + (this.dynamicHeight > 1 ? `\x1b[${this.dynamicHeight - 1}A` : '') + '\x1b[J';
		data += lines.join('\r\n') + '\r\n';
		this.dynamicHeight = 0;
		this.frozen = true;
		this.write(data);
	}
}
