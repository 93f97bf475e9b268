// The dialogs' contents as lines of segments: help (generated from the key table),
// details, reply and the add-task form. The component draws a frame around them.
import type {EngineState} from '../../core/engine-state.js';
import {BINDINGS, CONTEXT_TITLES, keyLabel, type Binding} from '../keys/bindings.js';
import {visibleText} from '../state/text-input.js';
import {ADD_FIELDS, PRIORITY_CHOICES, type AddField, type AddForm, type Overlay, type UiState} from '../state/ui-state.js';
import type {Line, Segment} from './header.js';
import {fit, sanitize, truncate, wrapText} from './text.js';

export type OverlayModel = {readonly title: string; readonly lines: readonly Line[]; readonly scroll?: number};

const plain = (text: string, width: number): Line => [{text: truncate(text, width)}];

export function helpLines(width: number, bindings: readonly Binding[] = BINDINGS): Line[] {
	const lines: Line[] = [];
	const seen = new Set<string>();
	for (const binding of bindings) {
		const title = CONTEXT_TITLES[binding.contexts[0]!];
		if (!seen.has(title)) {
			if (seen.size > 0) lines.push([]);
			seen.add(title);
			lines.push([{text: truncate(title, width), bold: true, tone: 'cyan'}]);
		}
		const keys = [...new Set(binding.keys.map(keyLabel))].join(' ');
		lines.push([{text: `  ${fit(keys, 16)} `, bold: true}, {text: truncate(binding.help, Math.max(0, width - 19))}]);
	}
	lines.push([]);
	lines.push(plain('While a pane is focused every key (arrows, Esc, Ctrl keys, paste) goes to the agent; only Ctrl-] is kept.', width));
	return lines;
}

function replyLines(engine: EngineState, taskId: string, input: UiState['overlay'] & {kind: 'reply'}, width: number): Line[] {
	const record = engine.tasks.get(taskId);
	const lines: Line[] = [];
	lines.push([{text: truncate(`${taskId}${record?.spec?.title ? ` — ${sanitize(record.spec.title)}` : ''}`, width), bold: true}]);
	lines.push([]);
	if (record?.status.state === 'waiting_input') {
		lines.push([{text: 'The agent asks:', tone: 'yellow', bold: true}]);
		for (const line of wrapText(record.status.question, Math.max(10, width - 2)).slice(0, 12)) lines.push([{text: `  ${line}`}]);
		lines.push([]);
		const approve = record.status.approveKeys?.length ? `y approves (${describeKeys(record.status.approveKeys)})` : undefined;
		const reject = record.status.rejectKeys?.length ? `n rejects (${describeKeys(record.status.rejectKeys)})` : undefined;
		const menu = approve || reject ? 'a digit picks that option' : undefined;
		const hint = [approve, reject, menu, 'esc sends Escape', 'anything else is typed as a message'].filter(Boolean).join(' · ');
		for (const line of wrapText(hint, width)) lines.push([{text: line, dim: true}]);
	} else {
		lines.push([{text: `${taskId} is no longer waiting (${record?.status.state ?? 'gone'}).`, tone: 'yellow'}]);
	}
	lines.push([]);
	const view = visibleText(input.input, Math.max(4, width - 3));
	lines.push([{text: '› ', tone: 'cyan', bold: true}, {text: view.before}, {text: view.at, inverse: true}, {text: view.after}]);
	return lines;
}

function describeKeys(keys: readonly string[]): string {
	return keys.map((k) => (k === '\r' ? 'Enter' : k === '\u001b' ? 'Esc' : k === '\u001b[B' ? '↓' : k === '\u001b[A' ? '↑' : sanitize(k))).join(' ');
}

const FIELD_LABEL: Record<AddField, string> = {title: 'Title', prompt: 'Prompt', priority: 'Priority', template: 'Template', verify: 'Verify'};

function addLines(form: AddForm, width: number): Line[] {
	const lines: Line[] = [];
	lines.push(plain('A new file in tasks/; the queue picks it up like any other.', width));
	lines.push([]);
	const valueWidth = Math.max(8, width - 12);
	for (const field of ADD_FIELDS) {
		const active = form.field === field;
		const label: Segment = {text: `${active ? '›' : ' '} ${FIELD_LABEL[field].padEnd(9)}`, tone: active ? 'cyan' : undefined, bold: active};
		if (field === 'priority' || field === 'template') {
			const value = field === 'priority' ? PRIORITY_CHOICES[form.priority]! : form.templates[form.template]!;
			lines.push([label, {text: truncate(active ? `‹ ${value} ›  (←/→)` : value, valueWidth), bold: active}]);
			continue;
		}
		const input = form[field];
		if (!active) {
			const hint = field === 'verify' ? '(optional command that must pass, e.g. npm test)' : field === 'prompt' ? '(defaults to the title)' : '';
			lines.push([label, input.value ? {text: truncate(sanitize(input.value.replace(/\n/g, '⏎')), valueWidth)} : {text: truncate(hint, valueWidth), dim: true}]);
			continue;
		}
		const view = visibleText(input, valueWidth);
		lines.push([label, {text: view.before}, {text: view.at, inverse: true}, {text: view.after}]);
	}
	lines.push([]);
	if (form.error) for (const line of wrapText(form.error, width)) lines.push([{text: line, tone: 'red', bold: true}]);
	return lines;
}

export function overlayModel(overlay: Overlay, engine: EngineState, width: number): OverlayModel {
	switch (overlay.kind) {
		case 'help':
			return {title: 'Keys', lines: helpLines(width), scroll: overlay.scroll};
		case 'details':
			return {title: `Details: ${overlay.taskId}`, lines: overlay.lines.map((line) => plain(line, width)), scroll: overlay.scroll};
		case 'reply':
			return {title: `Reply to ${overlay.taskId}`, lines: replyLines(engine, overlay.taskId, overlay, width)};
		case 'add':
			return {title: 'Add a task', lines: addLines(overlay.form, width)};
	}
}

/** The lines that fit, from the scroll position (clamped so the end shows at most one page). */
export function scrolled(lines: readonly Line[], scroll: number, height: number): {lines: readonly Line[]; start: number; total: number} {
	const start = Math.max(0, Math.min(scroll, lines.length - height));
	return {lines: lines.slice(start, start + height), start, total: lines.length};
}
