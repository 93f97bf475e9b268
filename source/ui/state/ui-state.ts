// The dashboard's own state (selection, focus, dialogs, the filter) as plain data. The
// engine's state stays in the orchestrator; the store combines the two into snapshots.
import type {Size} from '../layout/layout.js';
import {textInput, type TextInput} from './text-input.js';

export type AddField = 'title' | 'prompt' | 'priority' | 'template' | 'verify';
export const ADD_FIELDS: readonly AddField[] = ['title', 'prompt', 'priority', 'template', 'verify'];
export const PRIORITY_CHOICES = ['urgent', 'high', 'normal', 'low'] as const;

export type AddForm = {
	readonly title: TextInput;
	readonly prompt: TextInput;
	readonly verify: TextInput;
	readonly priority: number;
	/** Index into `templates`; 0 is "none". */
	readonly template: number;
	readonly templates: readonly string[];
	readonly field: AddField;
	readonly error?: string;
};

export type Overlay =
	| {readonly kind: 'help'; readonly scroll: number}
	| {readonly kind: 'details'; readonly taskId: string; readonly scroll: number; readonly lines: readonly string[]}
	| {readonly kind: 'reply'; readonly taskId: string; readonly input: TextInput}
	| {readonly kind: 'add'; readonly form: AddForm};

export type Prompt =
	| {readonly kind: 'filter'; readonly input: TextInput; readonly previous: string}
	| {readonly kind: 'confirm'; readonly action: 'cancel' | 'quit'; readonly taskId?: string; readonly message: string};

export type Flash = {readonly text: string; readonly tone: 'info' | 'warn' | 'error'; readonly until: number};

export type UiState = {
	readonly size: Size;
	readonly selectedId?: string;
	/** First table row shown. */
	readonly tableTop: number;
	readonly filter: string;
	/** The pane keys go to. */
	readonly focusId?: string;
	readonly zoom: boolean;
	/** Most panes in the grid (0: as many as fit). */
	readonly gridMax: number;
	readonly overlay?: Overlay;
	readonly prompt?: Prompt;
	readonly flash?: Flash;
	/** Quitting: sessions are being stopped. */
	readonly stopping: boolean;
};

/** Which set of keys applies now. */
export type KeyContext = 'normal' | 'focus' | 'filter' | 'confirm' | 'help' | 'details' | 'reply' | 'add' | 'stopping';

export function contextOf(ui: UiState): KeyContext {
	if (ui.stopping) return 'stopping';
	if (ui.prompt) return ui.prompt.kind;
	if (ui.overlay) return ui.overlay.kind;
	if (ui.focusId) return 'focus';
	return 'normal';
}

export function initialUi(size: Size): UiState {
	return {size, tableTop: 0, filter: '', zoom: false, gridMax: 0, stopping: false};
}

export function newAddForm(templates: readonly string[]): AddForm {
	return {title: textInput(), prompt: textInput(), verify: textInput(), priority: 2, template: 0, templates: ['(none)', ...templates], field: 'title'};
}

/** The first row to show so the selected row stays visible, moving as little as possible. */
export function windowStart(top: number, selected: number, count: number, height: number): number {
	if (height <= 0 || count <= height) return 0;
	let start = Math.min(Math.max(0, top), count - height);
	if (selected >= 0) {
		if (selected < start) start = selected;
		else if (selected >= start + height) start = selected - height + 1;
	}
	return start;
}

export function matchesFilter(filter: string, fields: readonly string[]): boolean {
	if (!filter) return true;
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	const haystack = fields.join(' ').toLowerCase();
	return words.every((word) => haystack.includes(word));
}
