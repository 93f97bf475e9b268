// Screen fixtures for the claude detectors: one file per screen under tests/fixtures/screens/.
import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/screens/', import.meta.url));

export function screen(name: string): string[] {
	return readFileSync(`${DIR}claude-${name}.txt`, 'utf8').split('\n');
}

export function allScreenNames(): string[] {
	return readdirSync(DIR)
		.filter((file) => file.startsWith('claude-') && file.endsWith('.txt'))
		.map((file) => file.slice('claude-'.length, -'.txt'.length))
		.sort();
}

export const ESC = '\u001b';
export const DOWN = '\u001b[B';
export const ENTER = '\r';

export const opt = (key: string, label: string, selected = false) => ({key, label, selected});

/** The same screen as an xterm of `width` columns would hand it over: rules drawn full width, rows padded, blank rows below. */
export function asTerminal(lines: readonly string[], width: number, extraRows = 8): string[] {
	const rows = lines.map((line) => {
		if (/^─{20,}$/u.test(line)) return '─'.repeat(width);
		if (/^╌{20,}$/u.test(line)) return '╌'.repeat(width);
		return line;
	});
	const padded = rows.map((row) => (row.length < width ? row + ' '.repeat(width - row.length) : row));
	return [...padded, ...Array.from({length: extraRows}, () => ' '.repeat(width))];
}
