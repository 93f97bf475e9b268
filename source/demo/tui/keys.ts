// Raw terminal input → key events. Handles bracketed paste (which may span reads), CSI and
// SS3 sequences, a lone ESC, and control characters. Terminal replies (focus events, colour
// and device reports) are swallowed.

export type Key =
	| {readonly kind: 'text'; readonly text: string}
	| {readonly kind: 'paste'; readonly text: string}
	| {
			readonly kind: 'enter' | 'newline' | 'escape' | 'backspace' | 'tab' | 'shift-tab' | 'up' | 'down' | 'left' | 'right' | 'ctrl-c' | 'ctrl-d' | 'ctrl-u' | 'ctrl-o';
	  };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export class KeyParser {
	private paste: string | undefined;

	feed(data: string): Key[] {
		const keys: Key[] = [];
		let i = 0;
		const pushText = (text: string) => {
			const last = keys[keys.length - 1];
			if (last?.kind === 'text') keys[keys.length - 1] = {kind: 'text', text: last.text + text};
			else keys.push({kind: 'text', text});
		};
		while (i < data.length) {
			if (this.paste !== undefined) {
				const end = data.indexOf(PASTE_END, i);
				if (end < 0) {
					this.paste += data.slice(i);
					return keys;
				}
				this.paste += data.slice(i, end);
				keys.push({kind: 'paste', text: this.paste.replace(/\r\n?/g, '\n')});
				this.paste = undefined;
				i = end + PASTE_END.length;
				continue;
			}
			if (data.startsWith(PASTE_START, i)) {
				this.paste = '';
				i += PASTE_START.length;
				continue;
			}
			const char = data[i] ?? '';
			if (char === '\x1b') {
				const next = data[i + 1];
				if (next === undefined || next === '\x1b') {
					keys.push({kind: 'escape'});
					i++;
					continue;
				}
				if (next === '[' || next === 'O') {
					let j = i + 2;
					while (j < data.length && !/[\x40-\x7e]/.test(data[j] ?? '')) j++;
					const body = data.slice(i + 2, j);
					const final = data[j] ?? '';
					i = j + 1;
					const mapped = csiKey(body, final);
					if (mapped) keys.push(mapped);
					continue;
				}
				if (next === ']' || next === 'P' || next === '_') {
					// OSC / DCS / APC reply: skip to BEL or ST.
					let j = i + 2;
					while (j < data.length && data[j] !== '\x07' && !(data[j] === '\x1b' && data[j + 1] === '\\')) j++;
					i = data[j] === '\x07' ? j + 1 : j + 2;
					continue;
				}
				keys.push({kind: 'escape'});
				i++;
				continue;
			}
			i++;
			switch (char) {
				case '\r':
					keys.push({kind: 'enter'});
					break;
				case '\n':
					keys.push({kind: 'newline'});
					break;
				case '\x7f':
				case '\b':
					keys.push({kind: 'backspace'});
					break;
				case '\t':
					keys.push({kind: 'tab'});
					break;
				case '\x03':
					keys.push({kind: 'ctrl-c'});
					break;
				case '\x04':
					keys.push({kind: 'ctrl-d'});
					break;
				case '\x15':
					keys.push({kind: 'ctrl-u'});
					break;
				case '\x0f':
					keys.push({kind: 'ctrl-o'});
					break;
				default:
					if (char >= ' ') pushText(char);
			}
		}
		return keys;
	}
}

function csiKey(body: string, final: string): Key | undefined {
	if (body === '' || body === '1') {
		if (final === 'A') return {kind: 'up'};
		if (final === 'B') return {kind: 'down'};
		if (final === 'C') return {kind: 'right'};
		if (final === 'D') return {kind: 'left'};
		if (final === 'Z') return {kind: 'shift-tab'};
	}
	if (final === 'Z') return {kind: 'shift-tab'};
	return undefined;
}
