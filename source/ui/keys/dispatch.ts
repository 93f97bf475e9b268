// Routes keys: to the focused agent byte for byte, or through the key table to a named
// action. A key whose action cannot apply leaves its reason in the footer.
import type {UiActions} from '../state/actions.js';
import type {UiStore} from '../state/store.js';
import {keyId, type Key} from '../terminal/keys.js';
import {routeFocusedKeys, type AgentModes} from '../terminal/passthrough.js';
import {BINDINGS, findBinding, type Binding} from './bindings.js';

export type FocusTarget = {
	/** Writes typed bytes to a task's agent. */
	write(taskId: string, data: string): void;
	modes(taskId: string): AgentModes;
	/** A keystroke went to this pane: it returns to the live screen and its echo is painted without waiting. */
	typed?(taskId: string): void;
};

const TEXT_CONTEXTS = new Set(['filter', 'reply', 'add']);

export class KeyDispatcher {
	constructor(
		private readonly store: UiStore,
		private readonly actions: UiActions,
		private readonly target: FocusTarget,
		private readonly bindings: readonly Binding[] = BINDINGS,
	) {}

	handle(keys: readonly Key[]): void {
		let rest = keys;
		while (rest.length > 0) {
			const snap = this.store.getSnapshot();
			const focusId = snap.ui.focusId;
			if (snap.context === 'focus' && focusId) {
				rest = this.focused(focusId, rest);
				continue;
			}
			this.one(rest[0]!);
			rest = rest.slice(1);
		}
	}

	/** Keys for a focused pane; returns the keys left after Ctrl-] (for the dashboard). */
	private focused(taskId: string, keys: readonly Key[]): readonly Key[] {
		for (const action of routeFocusedKeys(keys, this.target.modes(taskId))) {
			if (action.kind === 'send') {
				this.target.write(taskId, action.data);
				this.target.typed?.(taskId);
			} else if (action.kind === 'scroll') {
				this.run('focus', action.pages > 0 ? 'pageup' : 'pagedown', {name: action.pages > 0 ? 'pageup' : 'pagedown', sequence: ''});
			} else {
				this.run('focus', 'ctrl+]', {name: 'char', text: ']', ctrl: true, sequence: '\u001d'});
				return action.rest;
			}
		}
		return [];
	}

	private run(context: Parameters<typeof findBinding>[0], id: string, key: Key): boolean {
		const binding = findBinding(context, id, this.bindings);
		if (!binding) return false;
		const reason = binding.when?.(this.store.getSnapshot());
		if (reason) this.store.flash(reason);
		else binding.run(this.actions, key);
		return true;
	}

	private one(key: Key): void {
		const context = this.store.getSnapshot().context;
		if (key.name === 'mouse') return;
		if (this.run(context, keyId(key), key)) return;
		// No Alt bindings here: ESC and a key that arrived in one read were two key presses.
		if (key.meta && key.name !== 'escape') {
			this.one({name: 'escape', sequence: '\u001b'});
			this.one({...key, meta: false, sequence: key.sequence.slice(1)});
			return;
		}
		if (TEXT_CONTEXTS.has(context)) {
			this.actions.edit(key);
			return;
		}
		// Anything but "yes" answers no.
		if (context === 'confirm') this.actions.confirm(false);
	}
}
