// The prompt box's editor: typed and pasted text, Enter (submit now, or once the running
// turn ends), and the two-press Ctrl-C / Ctrl-D exit with its footer hint.

import type {Key} from './keys.js';

export type InputAction =
	| {readonly kind: 'none'}
	| {readonly kind: 'submit'; readonly text: string}
	| {readonly kind: 'interrupt'}
	| {readonly kind: 'exit'}
	| {readonly kind: 'cycle-mode'};

const NONE: InputAction = {kind: 'none'};

export class PromptInput {
	text = '';
	private queued = false;
	private armed: {label: string; timer: NodeJS.Timeout} | undefined;

	constructor(private readonly changed: () => void) {}

	/** `Press Ctrl-C again to exit` while the first press is fresh. */
	get hint(): string | undefined {
		return this.armed?.label;
	}

	/** Text typed and submitted while a turn was running, released once it ends. */
	takeQueued(): string | undefined {
		if (!this.queued || !this.text.trim()) return undefined;
		const text = this.text;
		this.text = '';
		this.queued = false;
		return text;
	}

	handle(key: Key, busy: boolean): InputAction[] {
		switch (key.kind) {
			case 'text':
			case 'paste':
				this.text += key.text;
				return [NONE];
			case 'newline':
				this.text += '\n';
				return [NONE];
			case 'backspace':
				this.text = [...this.text].slice(0, -1).join('');
				return [NONE];
			case 'ctrl-u':
				this.text = '';
				return [NONE];
			case 'shift-tab':
				return [{kind: 'cycle-mode'}];
			case 'escape':
				return busy ? [{kind: 'interrupt'}] : [NONE];
			case 'enter': {
				if (!this.text.trim()) return [NONE];
				if (busy) {
					this.queued = true;
					return [NONE];
				}
				const text = this.text;
				this.text = '';
				return [{kind: 'submit', text}];
			}
			case 'ctrl-c':
			case 'ctrl-d': {
				const actions: InputAction[] = [];
				if (busy && key.kind === 'ctrl-c') actions.push({kind: 'interrupt'});
				else if (this.text !== '' && key.kind === 'ctrl-c') {
					this.text = '';
					return [NONE];
				}
				const label = key.kind === 'ctrl-c' ? 'Press Ctrl-C again to exit' : 'Press Ctrl-D again to exit';
				if (this.armed?.label === label) return [...actions, {kind: 'exit'}];
				if (this.armed) clearTimeout(this.armed.timer);
				this.armed = {
					label,
					timer: setTimeout(() => {
						this.armed = undefined;
						this.changed();
					}, 2000),
				};
				return actions;
			}
			default:
				return [NONE];
		}
	}

	dispose(): void {
		if (this.armed) clearTimeout(this.armed.timer);
	}
}
