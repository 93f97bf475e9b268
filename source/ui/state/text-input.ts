// A one-line text field (filter, reply, the add-task form) as plain data and pure edits,
// with the readline keys people expect: arrows, Home/End, Ctrl-A/E/U/K/W, paste.
import type {Key} from '../terminal/keys.js';

export type TextInput = {readonly value: string; readonly cursor: number};

export function textInput(value = ''): TextInput {
	return {value, cursor: value.length};
}

const insert = (input: TextInput, text: string): TextInput => ({
	value: input.value.slice(0, input.cursor) + text + input.value.slice(input.cursor),
	cursor: input.cursor + text.length,
});

/** Start of the word before the cursor (Ctrl-W). */
function wordStart(value: string, cursor: number): number {
	let i = cursor;
	while (i > 0 && /\s/.test(value[i - 1]!)) i--;
	while (i > 0 && !/\s/.test(value[i - 1]!)) i--;
	return i;
}

/** Applies an editing key; undefined when the key is not an edit (Enter, Esc, Tab…). */
export function editText(input: TextInput, key: Key, options: {multiline?: boolean} = {}): TextInput | undefined {
	const {value, cursor} = input;
	if (key.name === 'paste') {
		const text = options.multiline ? (key.text ?? '').replace(/\r\n?/g, '\n') : (key.text ?? '').replace(/\s*[\r\n]+\s*/g, ' ');
		return insert(input, text);
	}
	if (key.name === 'char' && !key.ctrl && !key.meta) return insert(input, key.text ?? '');
	if (key.name === 'char' && key.ctrl) {
		switch (key.text) {
			case 'a':
				return {value, cursor: 0};
			case 'e':
				return {value, cursor: value.length};
			case 'u':
				return {value: value.slice(cursor), cursor: 0};
			case 'k':
				return {value: value.slice(0, cursor), cursor};
			case 'w': {
				const start = wordStart(value, cursor);
				return {value: value.slice(0, start) + value.slice(cursor), cursor: start};
			}
			case 'b':
				return {value, cursor: Math.max(0, cursor - 1)};
			case 'f':
				return {value, cursor: Math.min(value.length, cursor + 1)};
			case 'd':
				return {value: value.slice(0, cursor) + value.slice(cursor + 1), cursor};
			default:
				return undefined;
		}
	}
	switch (key.name) {
		case 'backspace':
			if (cursor === 0) return input;
			if (key.meta) {
				const start = wordStart(value, cursor);
				return {value: value.slice(0, start) + value.slice(cursor), cursor: start};
			}
			return {value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1};
		case 'delete':
			return {value: value.slice(0, cursor) + value.slice(cursor + 1), cursor};
		case 'left':
			return {value, cursor: Math.max(0, cursor - 1)};
		case 'right':
			return {value, cursor: Math.min(value.length, cursor + 1)};
		case 'home':
			return {value, cursor: 0};
		case 'end':
			return {value, cursor: value.length};
		default:
			return undefined;
	}
}

/** The part of the field that fits in `width` cells, scrolled so the cursor shows. */
export function visibleText(input: TextInput, width: number): {before: string; at: string; after: string} {
	const shown = input.value.replace(/\n/g, '⏎');
	const room = Math.max(1, width - 1);
	const start = Math.max(0, Math.min(input.cursor - Math.floor(room * 0.8), shown.length - room));
	const begin = Math.max(0, Math.min(start, input.cursor));
	const end = begin + room;
	return {before: shown.slice(begin, input.cursor), at: shown[input.cursor] ?? ' ', after: shown.slice(input.cursor + 1, end)};
}
