// The fast erase must leave every cell exactly as xterm's own erase does.
import xterm from '@xterm/headless';
import {afterAll, describe, expect, it} from 'vitest';
import {installFastErase, uninstallFastErase} from '../../source/runtime/pty/fast-erase.js';

const {Terminal} = xterm;
type XTerminal = InstanceType<typeof Terminal>;

const COLS = 60;
const ROWS = 8;

function write(terminal: XTerminal, data: string): Promise<void> {
	return new Promise((resolve) => terminal.write(data, resolve));
}

/** Every cell of the screen and scrollback: character, width and all attributes. */
function cells(terminal: XTerminal): string[] {
	const buffer = terminal.buffer.active;
	const out: string[] = [];
	const cell = buffer.getNullCell();
	for (let y = 0; y < buffer.length; y++) {
		const line = buffer.getLine(y)!;
		const row: string[] = [];
		for (let x = 0; x < terminal.cols; x++) {
			line.getCell(x, cell);
			row.push(
				[
					cell.getChars() || '·',
					cell.getWidth(),
					cell.getFgColorMode(),
					cell.getFgColor(),
					cell.getBgColorMode(),
					cell.getBgColor(),
					cell.isBold(),
					cell.isDim(),
					cell.isItalic(),
					cell.isUnderline(),
					cell.isInverse(),
					cell.isStrikethrough(),
					cell.isOverline(),
				].join(','),
			);
		}
		out.push(`${line.isWrapped ? 'w' : '-'} ${row.join('|')}`);
	}
	return out;
}

async function screenOf(data: string, fast: boolean): Promise<string[]> {
	const terminal = new Terminal({cols: COLS, rows: ROWS, scrollback: 20, allowProposedApi: true});
	if (fast) expect(installFastErase(terminal)).toBe(true);
	else uninstallFastErase(terminal);
	await write(terminal, data);
	const result = cells(terminal);
	terminal.dispose();
	return result;
}

const filled = `${'\u001b[38;5;114;48;5;236mabcdefghij\u001b[0m'.repeat(4)}KLMNOPQRSTUVWXYZ0123\r\n`.repeat(ROWS + 3);
const wide = `${'漢字かな'.repeat(7)}ab\r\n`.repeat(ROWS + 3);

const CASES: Record<string, string> = {
	'erase to end of line, default colours': `${filled}\u001b[3;5H\u001b[K`,
	'erase to end of line with a background colour': `${filled}\u001b[2;10H\u001b[48;5;22m\u001b[K\u001b[0m`,
	'erase with a true-colour background': `${filled}\u001b[4;3H\u001b[48;2;10;20;30m\u001b[0K`,
	'erase from start of line': `${filled}\u001b[5;30H\u001b[1K`,
	'erase whole line': `${filled}\u001b[6;30H\u001b[2K`,
	'erase below and above': `${filled}\u001b[4;20H\u001b[0J\u001b[2;7H\u001b[1J`,
	'erase whole screen': `${filled}\u001b[41m\u001b[2J`,
	'erase characters': `${filled}\u001b[3;4H\u001b[30X\u001b[5;1H\u001b[4X`,
	'erase splitting wide characters at both edges': `${wide}\u001b[3;4H\u001b[11X\u001b[4;7H\u001b[K\u001b[5;9H\u001b[1K`,
	'erase with an underline colour (extended attributes)': `${filled}\u001b[3;5H\u001b[4:3m\u001b[58;5;200m\u001b[48;5;17m\u001b[K`,
	'protected cells kept by selective erase': `${filled}\u001b[2;1H\u001b[1"qPROTECTED\u001b[0"q\u001b[2;1H\u001b[?2K\u001b[3;1H\u001b[?0J`,
	'insert and delete lines and characters': `${filled}\u001b[3;5H\u001b[2L\u001b[4;1H\u001b[3M\u001b[2;10H\u001b[5@\u001b[7P`,
	'scrolling region and reverse index': `${filled}\u001b[2;6r\u001b[6;1H\n\n\n\u001b[2;1H\u001bM\u001bM\u001b[r`,
	'Claude-like redraw: lines ended by EL, status block rewritten in place': Array.from(
		{length: 40},
		(_, i) => `\u001b[38;5;174m●\u001b[39m line ${i} of output\u001b[K\r\n\u001b[2K✻ Working… (${i}s)\r\n\u001b[2K${'─'.repeat(50)}\r\n\u001b[2K❯ \r\n\u001b[3A\r`,
	).join(''),
	'short erases below the block size': `${filled}\u001b[3;55H\u001b[K\u001b[4;1H\u001b[3X\u001b[5;58H\u001b[1;44m\u001b[K`,
};

describe('fast erase', () => {
	afterAll(() => {
		const terminal = new Terminal({cols: 10, rows: 2, allowProposedApi: true});
		installFastErase(terminal);
		terminal.dispose();
	});

	for (const [name, data] of Object.entries(CASES)) {
		it(`leaves the same cells as xterm: ${name}`, async () => {
			const reference = await screenOf(data, false);
			const fast = await screenOf(data, true);
			expect(fast).toEqual(reference);
		});
	}

	it('is on for the xterm version in use (else the flood budget is not met)', () => {
		const terminal = new Terminal({cols: 10, rows: 2, allowProposedApi: true});
		expect(installFastErase(terminal)).toBe(true);
		terminal.dispose();
	});
});
