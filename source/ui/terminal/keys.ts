// Terminal input → keys. The reader is lossless: every byte ends up in exactly one key's
// `sequence`, so a focused pane can forward exactly what was typed while the dashboard
// reads the same stream as named keys. Sequences split across reads are completed by the
// next read; bracketed pastes arrive as one `paste` key.

export type KeyName =
	| 'char'
	| 'paste'
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'home'
	| 'end'
	| 'pageup'
	| 'pagedown'
	| 'insert'
	| 'delete'
	| 'enter'
	| 'tab'
	| 'backspace'
	| 'escape'
	| 'f'
	| 'mouse'
	| 'unknown';

export type Key = {
	readonly name: KeyName;
	/** The character for `char` keys (a letter with ctrl is lower case), the text for `paste`, the number for `f`. */
	readonly text?: string;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly shift?: boolean;
	/** The bytes exactly as they came. */
	readonly sequence: string;
};

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

const CSI_FINAL: Record<string, KeyName> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end'};
const TILDE: Record<string, KeyName> = {'1': 'home', '7': 'home', '4': 'end', '8': 'end', '2': 'insert', '3': 'delete', '5': 'pageup', '6': 'pagedown'};
const F_TILDE: Record<string, number> = {'11': 1, '12': 2, '13': 3, '14': 4, '15': 5, '17': 6, '18': 7, '19': 8, '20': 9, '21': 10, '23': 11, '24': 12};

function modifiers(param: string | undefined): {shift?: boolean; meta?: boolean; ctrl?: boolean} {
	const n = Number(param ?? '1') - 1;
	if (!Number.isFinite(n) || n <= 0) return {};
	return {...(n & 1 ? {shift: true} : {}), ...(n & 2 ? {meta: true} : {}), ...(n & 4 ? {ctrl: true} : {})};
}

function controlKey(ch: string): Key {
	const code = ch.charCodeAt(0);
	if (ch === '\r' || ch === '\n') return {name: 'enter', sequence: ch};
	if (ch === '\t') return {name: 'tab', sequence: ch};
	if (code === 0x7f || code === 0x08) return {name: 'backspace', sequence: ch};
	if (code === 0) return {name: 'char', text: ' ', ctrl: true, sequence: ch};
	if (code >= 1 && code <= 26) return {name: 'char', text: String.fromCharCode(code + 96), ctrl: true, sequence: ch};
	// 0x1c–0x1f: Ctrl with \ ] ^ _
	return {name: 'char', text: String.fromCharCode(code + 64), ctrl: true, sequence: ch};
}

function plainKey(text: string): Key {
	const code = text.charCodeAt(0);
	if (code < 0x20 || code === 0x7f) return controlKey(text);
	return {name: 'char', text, sequence: text};
}

/** Parses one CSI sequence body (after ESC [) into a key. */
function csiKey(body: string, sequence: string): Key {
	const final = body[body.length - 1]!;
	const params = body.slice(0, -1);
	if (params.startsWith('<') || final === 'M' || final === 'm') return {name: 'mouse', sequence};
	const parts = params.split(';');
	if (final === '~') {
		const name = TILDE[parts[0] ?? ''];
		if (name) return {name, ...modifiers(parts[1]), sequence};
		const f = F_TILDE[parts[0] ?? ''];
		if (f) return {name: 'f', text: String(f), ...modifiers(parts[1]), sequence};
		return {name: 'unknown', sequence};
	}
	if (final === 'Z') return {name: 'tab', shift: true, sequence};
	const name = CSI_FINAL[final];
	if (name) return {name, ...modifiers(parts[1]), sequence};
	if (final >= 'P' && final <= 'S' && params.length > 0) return {name: 'f', text: String(final.charCodeAt(0) - 79), ...modifiers(parts[1]), sequence};
	return {name: 'unknown', sequence};
}

export class KeyReader {
	private pending = '';
	private paste: string | undefined;

	/** Keys completed by this chunk; an unfinished escape sequence waits for the next one. */
	push(chunk: string): Key[] {
		const keys: Key[] = [];
		const s = this.pending + chunk;
		this.pending = '';
		let i = 0;
		while (i < s.length) {
			if (this.paste !== undefined) {
				const end = s.indexOf(PASTE_END, i);
				if (end < 0) {
					// Keep a possible partial end marker for the next chunk.
					const keep = partialSuffix(s.slice(i), PASTE_END);
					this.paste += s.slice(i, s.length - keep);
					this.pending = s.slice(s.length - keep);
					return keys;
				}
				const text = this.paste + s.slice(i, end);
				keys.push({name: 'paste', text, sequence: PASTE_START + text + PASTE_END});
				this.paste = undefined;
				i = end + PASTE_END.length;
				continue;
			}
			const ch = s[i]!;
			if (ch === '\u001b') {
				const consumed = this.escape(s, i, keys);
				if (consumed < 0) {
					this.pending = s.slice(i);
					return keys;
				}
				i += consumed;
				continue;
			}
			const key = plainKey(String.fromCodePoint(s.codePointAt(i)!));
			keys.push(key);
			i += key.sequence.length;
		}
		return keys;
	}

	/** Handles an ESC at s[i]; returns bytes consumed, or -1 when the sequence is incomplete. */
	private escape(s: string, i: number, keys: Key[]): number {
		const next = s[i + 1];
		if (next === undefined) {
			// A lone ESC at the end of a read is the Escape key: terminals send whole sequences at once.
			keys.push({name: 'escape', sequence: '\u001b'});
			return 1;
		}
		if (next === '[') {
			let j = i + 2;
			while (j < s.length && !(s.charCodeAt(j) >= 0x40 && s.charCodeAt(j) <= 0x7e)) j++;
			// Old-style mouse reports carry three raw bytes after ESC [ M.
			if (j < s.length && s[j] === 'M' && j === i + 2) {
				if (s.length < j + 4) return -1;
				keys.push({name: 'mouse', sequence: s.slice(i, j + 4)});
				return j + 4 - i;
			}
			if (j >= s.length) return s.length - i > 32 ? this.unknown(s, i, keys) : -1;
			const sequence = s.slice(i, j + 1);
			if (sequence === PASTE_START) {
				this.paste = '';
				return sequence.length;
			}
			keys.push(csiKey(s.slice(i + 2, j + 1), sequence));
			return sequence.length;
		}
		if (next === 'O') {
			const final = s[i + 2];
			if (final === undefined) return -1;
			const sequence = s.slice(i, i + 3);
			const name = CSI_FINAL[final];
			if (name) keys.push({name, sequence});
			else if (final >= 'P' && final <= 'S') keys.push({name: 'f', text: String(final.charCodeAt(0) - 79), sequence});
			else keys.push({name: 'unknown', sequence});
			return 3;
		}
		if (next === '\u001b') {
			keys.push({name: 'escape', sequence: '\u001b'});
			return 1;
		}
		// Alt/Meta + key.
		const inner = plainKey(String.fromCodePoint(s.codePointAt(i + 1)!));
		keys.push({...inner, meta: true, sequence: `\u001b${inner.sequence}`});
		return 1 + inner.sequence.length;
	}

	/** Whether an unfinished escape sequence or paste is waiting for more input. */
	get waiting(): boolean {
		return this.pending.length > 0 || this.paste !== undefined;
	}

	/** Gives up waiting: what is pending becomes keys as it stands (called after a short quiet time). */
	flush(): Key[] {
		const keys: Key[] = [];
		if (this.paste !== undefined) {
			const text = this.paste + this.pending;
			keys.push({name: 'paste', text, sequence: PASTE_START + text});
			this.paste = undefined;
		} else if (this.pending) {
			keys.push(this.pending === '\u001b' ? {name: 'escape', sequence: this.pending} : {name: 'unknown', sequence: this.pending});
		}
		this.pending = '';
		return keys;
	}

	private unknown(s: string, i: number, keys: Key[]): number {
		keys.push({name: 'unknown', sequence: s.slice(i)});
		return s.length - i;
	}
}

/** Length of the longest suffix of `text` that is a prefix of `marker`. */
function partialSuffix(text: string, marker: string): number {
	for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) if (marker.startsWith(text.slice(text.length - n))) return n;
	return 0;
}

/** The name bindings use: `k`, `R`, `?`, `space`, `ctrl+c`, `ctrl+]`, `up`, `shift+tab`, `pageup`. */
export function keyId(key: Key): string {
	const mods = `${key.ctrl && key.name !== 'char' ? 'ctrl+' : ''}${key.meta ? 'meta+' : ''}${key.shift && key.name !== 'char' ? 'shift+' : ''}`;
	if (key.name === 'char') {
		const text = key.text === ' ' ? 'space' : (key.text ?? '');
		return `${key.ctrl ? 'ctrl+' : ''}${key.meta ? 'meta+' : ''}${text}`;
	}
	if (key.name === 'f') return `${mods}f${key.text ?? ''}`;
	return `${mods}${key.name}`;
}
