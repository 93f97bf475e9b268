// xterm screen → the strings that paint a pane. One row is built by walking its cells
// once (about 30 ns a cell) and emitting an SGR sequence only where the attributes
// change, cut or padded to the pane's width (a wide character that would straddle the
// edge becomes a space), so nothing written can wrap.
import type xterm from '@xterm/headless';

type Terminal = InstanceType<typeof xterm.Terminal>;
type Buffer = Terminal['buffer']['active'];
type Cell = NonNullable<ReturnType<Buffer['getNullCell']>>;

export const RESET = '\u001b[0m';

const BOLD = 1;
const DIM = 2;
const ITALIC = 4;
const UNDERLINE = 8;
const BLINK = 16;
const INVERSE = 32;
const INVISIBLE = 64;
const STRIKE = 128;
const OVERLINE = 256;

function flagsOf(cell: Cell): number {
	return (
		(cell.isBold() ? BOLD : 0) |
		(cell.isDim() ? DIM : 0) |
		(cell.isItalic() ? ITALIC : 0) |
		(cell.isUnderline() ? UNDERLINE : 0) |
		(cell.isBlink() ? BLINK : 0) |
		(cell.isInverse() ? INVERSE : 0) |
		(cell.isInvisible() ? INVISIBLE : 0) |
		(cell.isStrikethrough() ? STRIKE : 0) |
		(cell.isOverline() ? OVERLINE : 0)
	);
}

/** -1 default, 0–255 palette, 0x1000000 + rgb for true colour. */
function fgOf(cell: Cell): number {
	if (cell.isFgDefault()) return -1;
	return cell.isFgRGB() ? 0x1000000 + cell.getFgColor() : cell.getFgColor();
}

function bgOf(cell: Cell): number {
	if (cell.isBgDefault()) return -1;
	return cell.isBgRGB() ? 0x1000000 + cell.getBgColor() : cell.getBgColor();
}

function colorParams(color: number, base: number): string {
	if (color < 0) return '';
	if (color >= 0x1000000) {
		const rgb = color - 0x1000000;
		return `;${base + 8};2;${(rgb >> 16) & 255};${(rgb >> 8) & 255};${rgb & 255}`;
	}
	if (color < 8) return `;${base + color}`;
	if (color < 16) return `;${base + 60 + color - 8}`;
	return `;${base + 8};5;${color}`;
}

export function sgr(fg: number, bg: number, flags: number): string {
	let params = '0';
	if (flags & BOLD) params += ';1';
	if (flags & DIM) params += ';2';
	if (flags & ITALIC) params += ';3';
	if (flags & UNDERLINE) params += ';4';
	if (flags & BLINK) params += ';5';
	if (flags & INVERSE) params += ';7';
	if (flags & INVISIBLE) params += ';8';
	if (flags & STRIKE) params += ';9';
	if (flags & OVERLINE) params += ';53';
	return `\u001b[${params}${colorParams(fg, 30)}${colorParams(bg, 40)}m`;
}

/**
 * One screen line as exactly `width` cells. `cursorX` (or -1) draws the cursor as an
 * inverted cell. The string starts and ends with a reset, so it can be placed anywhere.
 */
export function renderLine(buffer: Buffer, lineIndex: number, width: number, cell: Cell, cursorX = -1): string {
	const line = lineIndex >= 0 ? buffer.getLine(lineIndex) : undefined;
	if (!line) {
		if (cursorX < 0 || cursorX >= width) return `${RESET}${' '.repeat(width)}`;
		return `${RESET}${' '.repeat(cursorX)}\u001b[7m \u001b[27m${' '.repeat(width - cursorX - 1)}`;
	}
	let out = RESET;
	let curFg = -1;
	let curBg = -1;
	let curFlags = 0;
	let x = 0;
	const cols = Math.min(width, line.length);
	while (x < cols) {
		line.getCell(x, cell);
		const w = cell.getWidth();
		if (w === 0) {
			x++;
			continue;
		}
		let flags = flagsOf(cell);
		if (x === cursorX) flags ^= INVERSE;
		const fg = fgOf(cell);
		const bg = bgOf(cell);
		if (fg !== curFg || bg !== curBg || flags !== curFlags) {
			out += sgr(fg, bg, flags);
			curFg = fg;
			curBg = bg;
			curFlags = flags;
		}
		if (w === 2 && x + 1 >= width) {
			out += ' ';
			x++;
			continue;
		}
		const chars = flags & INVISIBLE ? '' : cell.getChars();
		out += chars === '' ? ' '.repeat(w) : chars;
		x += w;
	}
	if (x < width) {
		if (curFg !== -1 || curBg !== -1 || curFlags !== 0) out += RESET;
		if (cursorX >= x && cursorX < width) out += `${' '.repeat(cursorX - x)}\u001b[7m \u001b[27m${' '.repeat(width - cursorX - 1)}`;
		else out += ' '.repeat(width - x);
	} else if (curFg !== -1 || curBg !== -1 || curFlags !== 0) {
		out += RESET;
	}
	return out;
}

export type Viewport = {
	/** Absolute buffer line of the pane's first row. */
	readonly top: number;
	/** Cursor position inside the pane, when it shows. */
	readonly cursor?: {readonly x: number; readonly y: number};
};

/**
 * Which lines a pane of `height` rows shows. Live: the whole screen when it fits, else
 * the part that ends at the cursor or the bottom (agents keep their prompt there).
 * Scrolled back: from the given line.
 */
export function viewport(terminal: Terminal, height: number, scrolledTop: number | undefined, cursorVisible: boolean): Viewport {
	const buffer = terminal.buffer.active;
	const rows = terminal.rows;
	if (scrolledTop !== undefined) {
		const maxTop = Math.max(0, buffer.baseY + rows - height);
		return {top: Math.max(0, Math.min(scrolledTop, maxTop))};
	}
	let first = 0;
	if (height < rows) {
		first = rows - height;
		// A program that has only written the top of its screen so far: show the top.
		if (buffer.cursorY < first) first = Math.max(0, buffer.cursorY + 1 - height);
	}
	const cursorRow = buffer.cursorY - first;
	const cursor = cursorVisible && cursorRow >= 0 && cursorRow < height ? {x: buffer.cursorX, y: cursorRow} : undefined;
	return {top: buffer.baseY + first, cursor};
}

/** The pane's rows as strings of exactly `width` cells. */
export function renderViewport(terminal: Terminal, view: Viewport, width: number, height: number, drawCursor: boolean): string[] {
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	const rows: string[] = [];
	const last = buffer.baseY + terminal.rows;
	for (let y = 0; y < height; y++) {
		const index = view.top + y;
		const cursorX = drawCursor && view.cursor?.y === y ? view.cursor.x : -1;
		rows.push(renderLine(buffer, index < last ? index : -1, width, cell, cursorX));
	}
	return rows;
}
