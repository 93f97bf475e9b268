// Row helpers shared by the claude screen detectors. The screen arrives as one string per
// terminal row; trailing spaces may or may not have been trimmed, and the bottom rows may be
// blank, so everything works on a normalised copy.

export type Rows = readonly string[];

/**
 * Trims every row's right edge and drops the blank rows under the last drawn one. The CLI pads
 * with no-break spaces in places (`⎿\u00a0 text`, the 1.0.x `│\u00a0>\u00a0` prompt), so they
 * become plain spaces and every pattern can assume ASCII spacing.
 */
export function normalizeRows(lines: readonly string[]): string[] {
	const rows: string[] = [];
	let lastDrawn = -1;
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i] ?? '';
		const row = (raw.includes('\u00a0') ? raw.replaceAll('\u00a0', ' ') : raw).trimEnd();
		rows.push(row);
		if (row.length > 0) lastDrawn = i;
	}
	rows.length = lastDrawn + 1;
	return rows;
}

export function indentOf(row: string): number {
	let i = 0;
	while (i < row.length && row.charCodeAt(i) === 32) i++;
	return i;
}

/** Widest drawn row: trimmed rows never exceed the terminal width, and a full-width rule reaches it. */
export function screenWidth(rows: Rows): number {
	let width = 0;
	for (const row of rows) if (row.length > width) width = row.length;
	return width;
}

/**
 * A full-width `─` rule drawn by the CLI at column 0 (prompt box edges, the top of a modal).
 * The agent's own text is always indented, so it cannot produce one.
 */
export function isRule(row: string, width: number): boolean {
	if (row.length < 20 || row.length < width * 0.8 || row.charCodeAt(0) !== 0x2500) return false;
	for (let i = 1; i < row.length; i++) if (row.charCodeAt(i) !== 0x2500) return false;
	return true;
}

/** The dashed `╌` separator that frames a command or file preview inside 2.1.x prompts. */
export function isDashedSeparator(row: string): boolean {
	return /^\s*╌{8,}$/u.test(row);
}

const BOX_TOP = /^╭.*╮$/u;
const BOX_BOTTOM = /^╰─{18,}╯$/u;
const BOX_ROW = /^│ ?(.*?)\s*│$/u;

export function isBoxTop(row: string): boolean {
	return BOX_TOP.test(row);
}

export function isBoxBottom(row: string): boolean {
	return BOX_BOTTOM.test(row);
}

/** Strips the `│ … │` frame of a 1.0.x boxed row, keeping the inner indentation. */
export function unbox(row: string): string {
	const match = BOX_ROW.exec(row);
	return match ? (match[1] ?? '') : row;
}

/** Non-blank rows from `from` on, trimmed, joined by newlines (the text a person would read). */
export function textFrom(rows: Rows, from: number, to = rows.length): string {
	const out: string[] = [];
	for (let i = from; i < to; i++) {
		const row = rows[i]?.trim() ?? '';
		// Frame-only rows (an empty input box) carry nothing to read.
		if (row.length > 0 && !/^[╭╮╰╯│─\s]+$/u.test(row)) out.push(row);
	}
	return out.join('\n');
}

/** Index of the first row (indented at most `maxIndent`) whose trimmed text matches. */
export function findRow(rows: Rows, pattern: RegExp, maxIndent: number, from = 0): number {
	for (let i = from; i < rows.length; i++) {
		const row = rows[i] ?? '';
		if (row.length === 0 || indentOf(row) > maxIndent) continue;
		if (pattern.test(row.trim())) return i;
	}
	return -1;
}

export function firstDrawn(rows: Rows, from = 0, to = rows.length): number {
	for (let i = from; i < to; i++) if ((rows[i] ?? '').length > 0) return i;
	return -1;
}
