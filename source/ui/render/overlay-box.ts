// A dialog (help, details, add, reply…) as the rows the compositor paints: a cyan rounded
// frame, one column of padding, the title, then the body. Dialogs are painted here rather
// than by Ink because Ink redraws its whole output grid on every commit (~2.7 µs a cell):
// a full-screen dialog cost 20–35 ms a key at 160×48, taken from a flooding agent's
// parsing; these strings cost well under a millisecond.
import type {UiSnapshot} from '../state/snapshot.js';
import {overlayText} from '../view/chrome-text.js';
import {styledWidth} from '../view/text.js';
import {RESET} from './screen-rows.js';

const FRAME = '\u001b[36m';
const FRAME_END = '\u001b[39m';

/** One row per line of the dialog's rectangle, each exactly as wide; undefined with no dialog. */
export function overlayRows(snap: UiSnapshot): string[] | undefined {
	const rect = snap.layout.overlay;
	const text = overlayText(snap);
	if (!rect || !text || rect.h < 2 || rect.w < 4) return undefined;
	const inner = rect.w - 4;
	const side = `${FRAME}│${FRAME_END}`;
	const row = (line: string): string => `${side} ${line}${RESET}${' '.repeat(Math.max(0, inner - styledWidth(line)))} ${side}`;
	const rows = [`${FRAME}╭${'─'.repeat(rect.w - 2)}╮${FRAME_END}`, row(text.title)];
	for (const line of text.body) rows.push(row(line));
	rows.length = Math.min(rows.length, rect.h - 1);
	while (rows.length < rect.h - 1) rows.push(row(''));
	rows.push(`${FRAME}╰${'─'.repeat(rect.w - 2)}╯${FRAME_END}`);
	return rows;
}
