// What happens to keys while a pane is focused: they go to the agent byte for byte,
// except the reserved chord (Ctrl-]) and PgUp/PgDn, which scroll the pane's scrollback
// when the agent has one (a full-screen program in the alternate screen gets them). Keys
// are adjusted to the modes the agent asked for, as a terminal would: application cursor
// keys, and bracketed paste only when the agent turned it on.
import type {Key} from './keys.js';

export const LEAVE_CHORD = 'ctrl+]';

export type AgentModes = {
	readonly applicationCursorKeys: boolean;
	readonly bracketedPaste: boolean;
	/** The agent uses the alternate screen (no scrollback of its own to scroll). */
	readonly alternateScreen: boolean;
};

export type FocusAction = {readonly kind: 'send'; readonly data: string} | {readonly kind: 'scroll'; readonly pages: number} | {readonly kind: 'leave'; readonly rest: readonly Key[]};

const APP_CURSOR: Partial<Record<Key['name'], string>> = {up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F'};

function isLeave(key: Key): boolean {
	return key.name === 'char' && key.ctrl === true && key.text === ']' && !key.meta;
}

function bytesFor(key: Key, modes: AgentModes): string {
	if (key.name === 'paste') return modes.bracketedPaste ? key.sequence : (key.text ?? '');
	if (key.name === 'mouse') return '';
	const letter = APP_CURSOR[key.name];
	if (letter && modes.applicationCursorKeys && !key.ctrl && !key.meta && !key.shift && key.sequence.startsWith('\u001b[')) return `\u001bO${letter}`;
	return key.sequence;
}

/** Turns keys typed while focused into actions, in order; consecutive bytes are batched. */
export function routeFocusedKeys(keys: readonly Key[], modes: AgentModes): FocusAction[] {
	const actions: FocusAction[] = [];
	let pending = '';
	const flush = (): void => {
		if (pending) actions.push({kind: 'send', data: pending});
		pending = '';
	};
	for (let i = 0; i < keys.length; i++) {
		const key = keys[i]!;
		if (isLeave(key)) {
			flush();
			actions.push({kind: 'leave', rest: keys.slice(i + 1)});
			return actions;
		}
		if ((key.name === 'pageup' || key.name === 'pagedown') && !modes.alternateScreen && !key.ctrl && !key.meta) {
			flush();
			actions.push({kind: 'scroll', pages: key.name === 'pageup' ? 1 : -1});
			continue;
		}
		pending += bytesFor(key, modes);
	}
	flush();
	return actions;
}
