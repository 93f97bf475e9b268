// A faster erase for @xterm/headless. Agents end almost every line with "erase to end of
// line" (Ink's log-update, Claude Code's renderer): about a million erases and 130 million
// cells per 50 MB of output, which xterm fills one cell at a time (a third of its parse
// time, measured). When the fill cell is a plain one (no combined character, no extended
// attributes, protection ignored) the same words can be copied in one block instead.
// Anything else goes to xterm's own code, and the patch stays off unless the buffer line
// has exactly the shape it was written against (tests compare both, cell by cell).
import type xterm from '@xterm/headless';

type Terminal = InstanceType<typeof xterm.Terminal>;

type FillCell = {content: number; fg: number; bg: number};

type BufferLineProto = {
	replaceCells(start: number, end: number, fill: FillCell, respectProtect?: boolean): void;
	getWidth(index: number): number;
	setCellFromCodepoint(index: number, codepoint: number, width: number, attrs: FillCell): void;
	[installed]?: (start: number, end: number, fill: FillCell, respectProtect?: boolean) => void;
};

type BufferLine = BufferLineProto & {readonly length: number; _data: Uint32Array};

// Cell layout of xterm 5–6's BufferLine: three 32-bit words a cell (content, fg, bg).
const WORDS = 3;
const HAS_COMBINED = 0x200000;
const HAS_EXTENDED = 0x10000000;
/** Below this many cells xterm's loop is as fast as a block copy. */
const MIN_CELLS = 8;

const installed = Symbol('auto-claude fast erase');
let template = new Uint32Array(0);
let templateCells = 0;
let last: FillCell = {content: -1, fg: -1, bg: -1};
/** Views of the template by length: an erase must not allocate (a million a flood). */
let views: (Uint32Array | undefined)[] = [];

function block(fill: FillCell, cells: number): Uint32Array {
	if (fill.content !== last.content || fill.fg !== last.fg || fill.bg !== last.bg || cells > templateCells) {
		templateCells = Math.max(cells, templateCells, 256);
		if (template.length < templateCells * WORDS) template = new Uint32Array(templateCells * WORDS);
		for (let i = 0; i < templateCells * WORDS; i += WORDS) {
			template[i] = fill.content;
			template[i + 1] = fill.fg;
			template[i + 2] = fill.bg;
		}
		last = {content: fill.content, fg: fill.fg, bg: fill.bg};
		views = [];
	}
	return (views[cells] ??= template.subarray(0, cells * WORDS));
}

function lineOf(terminal: Terminal): BufferLine | undefined {
	const core = (terminal as unknown as {_core?: {buffer?: {lines?: {get(i: number): unknown}}}})._core;
	return core?.buffer?.lines?.get(0) as BufferLine | undefined;
}

function shapeMatches(line: BufferLine | undefined): line is BufferLine {
	return (
		line !== undefined &&
		line._data instanceof Uint32Array &&
		line._data.length >= line.length * WORDS &&
		typeof line.replaceCells === 'function' &&
		line.replaceCells.length >= 3 &&
		typeof line.getWidth === 'function' &&
		typeof line.setCellFromCodepoint === 'function'
	);
}

/** Installs the fast path on the terminal's buffer-line class (once per process). Returns whether it is on. */
export function installFastErase(terminal: Terminal): boolean {
	const line = lineOf(terminal);
	if (!shapeMatches(line)) return false;
	const proto = Object.getPrototypeOf(line) as BufferLineProto;
	if (proto[installed]) return true;
	const original = proto.replaceCells;
	proto[installed] = original;
	proto.replaceCells = function (this: BufferLine, start: number, end: number, fill: FillCell, respectProtect = false): void {
		if (respectProtect || end - start < MIN_CELLS || (fill.content & HAS_COMBINED) !== 0 || (fill.bg & HAS_EXTENDED) !== 0) {
			original.call(this, start, end, fill, respectProtect);
			return;
		}
		// A wide character cut in half at either edge becomes a blank, as in xterm's version.
		if (start > 0 && this.getWidth(start - 1) === 2) this.setCellFromCodepoint(start - 1, 0, 1, fill);
		if (end < this.length && this.getWidth(end - 1) === 2) this.setCellFromCodepoint(end, 0, 1, fill);
		const stop = Math.min(end, this.length);
		if (stop <= start) return;
		this._data.set(block(fill, stop - start), start * WORDS);
	};
	return true;
}

/** Puts xterm's own erase back (tests compare the two). */
export function uninstallFastErase(terminal: Terminal): void {
	const line = lineOf(terminal);
	if (!line) return;
	const proto = Object.getPrototypeOf(line) as BufferLineProto;
	const original = proto[installed];
	if (!original) return;
	proto.replaceCells = original;
	delete proto[installed];
}
