// Terminal input → keys (lossless), keys typed into a focused pane, and the text fields.
import {describe, expect, it} from 'vitest';
import {editText, textInput, visibleText, type TextInput} from '../../source/ui/state/text-input.js';
import {keyId, KeyReader, type Key} from '../../source/ui/terminal/keys.js';
import {routeFocusedKeys, type AgentModes} from '../../source/ui/terminal/passthrough.js';

const read = (...chunks: string[]): Key[] => {
	const reader = new KeyReader();
	return chunks.flatMap((chunk) => reader.push(chunk));
};
const ids = (...chunks: string[]): string[] => read(...chunks).map(keyId);

describe('KeyReader', () => {
	it.each([
		['k', ['k']],
		['R', ['R']],
		['?', ['?']],
		[' ', ['space']],
		['\r', ['enter']],
		['\t', ['tab']],
		['\u001b[Z', ['shift+tab']],
		['\u007f', ['backspace']],
		['\u0003', ['ctrl+c']],
		['\u001d', ['ctrl+]']],
		['\u001b', ['escape']],
		['\u001b[A\u001b[B\u001b[C\u001b[D', ['up', 'down', 'right', 'left']],
		['\u001bOA\u001bOB', ['up', 'down']],
		['\u001b[5~\u001b[6~', ['pageup', 'pagedown']],
		['\u001b[5;2~', ['shift+pageup']],
		['\u001b[H\u001b[F\u001b[1~\u001b[4~', ['home', 'end', 'home', 'end']],
		['\u001b[3~', ['delete']],
		['\u001b[1;5A', ['ctrl+up']],
		['\u001bx', ['meta+x']],
		['\u001b[15~\u001bOP', ['f5', 'f1']],
		['jk', ['j', 'k']],
		['é✓', ['é', '✓']],
		['😀', ['😀']],
	])('%j → %j', (input, expected) => {
		expect(ids(input)).toEqual(expected);
	});

	it('is lossless: the sequences add up to the input', () => {
		const input = 'ab\u001b[A\u001b[5;2~\u001bx\u0003\r\u001b[200~pasted\ntext\u001b[201~é\u001b';
		expect(read(input).map((k) => k.sequence).join('')).toBe(input);
	});

	it('completes a sequence split across reads', () => {
		expect(ids('\u001b[', '5~')).toEqual(['pageup']);
		expect(ids('\u001b', '[A')).toEqual(['escape', '[', 'A']);
		expect(ids('a\u001b[1;', '5A')).toEqual(['a', 'ctrl+up']);
	});

	it('reads a bracketed paste as one key, also across reads', () => {
		const keys = read('\u001b[200~line one\r', 'line two\u001b[20', '1~x');
		expect(keys.map((k) => k.name)).toEqual(['paste', 'char']);
		expect(keys[0]!.text).toBe('line one\rline two');
	});

	it('flush gives up on an unfinished sequence', () => {
		const reader = new KeyReader();
		expect(reader.push('\u001b[1;')).toEqual([]);
		expect(reader.waiting).toBe(true);
		expect(reader.flush().map((k) => k.name)).toEqual(['unknown']);
		expect(reader.waiting).toBe(false);
	});

	it('mouse reports are recognised (and ignored by the dashboard)', () => {
		expect(read('\u001b[<0;10;5M', '\u001b[M !!').map((k) => k.name)).toEqual(['mouse', 'mouse']);
	});
});

const modes = (overrides: Partial<AgentModes> = {}): AgentModes => ({applicationCursorKeys: false, bracketedPaste: false, alternateScreen: false, ...overrides});

describe('routeFocusedKeys', () => {
	it('sends everything as typed, batched', () => {
		expect(routeFocusedKeys(read('hi\u001b[A\u0003\u001b'), modes())).toEqual([{kind: 'send', data: 'hi\u001b[A\u0003\u001b'}]);
	});

	it('Ctrl-] leaves, and what follows goes to the dashboard', () => {
		const actions = routeFocusedKeys(read('ab\u001djk'), modes());
		expect(actions[0]).toEqual({kind: 'send', data: 'ab'});
		const leave = actions[1];
		expect(leave?.kind).toBe('leave');
		if (leave?.kind === 'leave') expect(leave.rest.map(keyId)).toEqual(['j', 'k']);
		expect(actions).toHaveLength(2);
	});

	it('PgUp/PgDn scroll the pane, unless the agent uses the alternate screen', () => {
		expect(routeFocusedKeys(read('\u001b[5~x\u001b[6~'), modes())).toEqual([
			{kind: 'scroll', pages: 1},
			{kind: 'send', data: 'x'},
			{kind: 'scroll', pages: -1},
		]);
		expect(routeFocusedKeys(read('\u001b[5~'), modes({alternateScreen: true}))).toEqual([{kind: 'send', data: '\u001b[5~'}]);
	});

	it('arrows follow the application cursor mode the agent asked for', () => {
		expect(routeFocusedKeys(read('\u001b[A\u001b[1;5A'), modes({applicationCursorKeys: true}))).toEqual([{kind: 'send', data: '\u001bOA\u001b[1;5A'}]);
	});

	it('a paste keeps its brackets only when the agent turned bracketed paste on', () => {
		const paste = '\u001b[200~two\rlines\u001b[201~';
		expect(routeFocusedKeys(read(paste), modes({bracketedPaste: true}))).toEqual([{kind: 'send', data: paste}]);
		expect(routeFocusedKeys(read(paste), modes())).toEqual([{kind: 'send', data: 'two\rlines'}]);
	});

	it('mouse reports are not forwarded', () => {
		expect(routeFocusedKeys(read('\u001b[<0;1;1M'), modes())).toEqual([]);
	});
});

describe('text fields', () => {
	const type = (input: TextInput, ...chunks: string[]): TextInput => read(...chunks).reduce((acc, key) => editText(acc, key) ?? acc, input);

	it.each([
		['hello', 'hello', 5],
		['hello\u007f\u007f', 'hel', 3],
		['hello\u001b[D\u001b[DX', 'helXlo', 4],
		['hello\u0001X', 'Xhello', 1],
		['hello world\u0017', 'hello ', 6],
		['hello\u001b[D\u001b[D\u000b', 'hel', 3],
		['hello\u001b[D\u001b[D\u0015', 'lo', 0],
		['ab\u001b[H\u001b[3~', 'b', 0],
	])('%j → %j (cursor %i)', (keys, value, cursor) => {
		expect(type(textInput(), keys)).toEqual({value, cursor});
	});

	it('Enter and Esc are not edits', () => {
		expect(editText(textInput('x'), read('\r')[0]!)).toBeUndefined();
		expect(editText(textInput('x'), read('\u001b')[0]!)).toBeUndefined();
	});

	it('a paste is one line, unless the field takes several', () => {
		const paste = read('\u001b[200~a\r\nb\u001b[201~')[0]!;
		expect(editText(textInput(), paste)!.value).toBe('a b');
		expect(editText(textInput(), paste, {multiline: true})!.value).toBe('a\nb');
	});

	it('shows the part of a long value around the cursor', () => {
		const long = textInput('x'.repeat(100) + 'END');
		const view = visibleText(long, 20);
		expect(view.before.endsWith('END')).toBe(true);
		expect(view.before.length + 1 + view.after.length).toBeLessThanOrEqual(20);
		const start = visibleText({value: 'abcdef', cursor: 0}, 20);
		expect(start).toEqual({before: '', at: 'a', after: 'bcdef'});
	});
});
