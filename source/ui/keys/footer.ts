// The footer line: what is going on (a question, the filter being typed, the focused
// pane, the last message) and the keys that apply right now, from the key table.
import type {UiSnapshot} from '../state/snapshot.js';
import {visibleText} from '../state/text-input.js';
import {fitSegments, type Item, type Line} from '../view/header.js';
import {BINDINGS, type Binding} from './bindings.js';

export function keyHints(snap: UiSnapshot, bindings: readonly Binding[] = BINDINGS): Item[] {
	const items: Item[] = [];
	const shown = bindings
		.filter((b) => b.footer !== undefined && b.contexts.includes(snap.context) && !b.when?.(snap))
		.sort((a, b) => a.footer! - b.footer!);
	shown.forEach((binding, index) => {
		const priority = 50 - index;
		items.push({segment: {text: `  ${binding.display}`, tone: 'cyan', bold: true}, priority});
		items.push({segment: {text: ` ${binding.label}`}, priority});
	});
	return items;
}

const HELP_HINT: Item = {segment: {text: '  ? help', dim: true}, priority: 45};

export function footerLine(snap: UiSnapshot, width: number, bindings: readonly Binding[] = BINDINGS): Line {
	const ui = snap.ui;
	const items: Item[] = [];
	if (ui.stopping) {
		const n = snap.sessions.length;
		items.push({segment: {text: ` Stopping${n > 0 ? ` ${n} session${n === 1 ? '' : 's'}` : ''}… tasks resume on the next start `, tone: 'yellow', bold: true}, priority: 100});
		items.push(...keyHints(snap, bindings));
		return fitSegments(items, width);
	}
	if (ui.prompt?.kind === 'confirm') {
		items.push({segment: {text: ` ${ui.prompt.message} `, tone: 'yellow', bold: true}, priority: 100, flex: true});
		items.push({segment: {text: '[y/N]', bold: true}, priority: 99});
		return fitSegments(items, width);
	}
	if (ui.prompt?.kind === 'filter') {
		const label = ' filter: ';
		const hints = keyHints(snap, bindings);
		const room = Math.max(10, width - label.length - 30);
		const view = visibleText(ui.prompt.input, room);
		items.push({segment: {text: label, tone: 'cyan', bold: true}, priority: 100});
		items.push({segment: {text: view.before}, priority: 99});
		items.push({segment: {text: view.at, inverse: true}, priority: 99});
		items.push({segment: {text: view.after}, priority: 99});
		items.push({segment: {text: ' '.repeat(Math.max(0, room - view.before.length - 1 - view.after.length))}, priority: 10});
		items.push(...hints);
		return fitSegments(items, width);
	}
	if (ui.flash) {
		const tone = ui.flash.tone === 'error' ? 'red' : ui.flash.tone === 'warn' ? 'yellow' : 'green';
		items.push({segment: {text: ` ${ui.flash.text} `, tone, bold: true}, priority: 100});
	}
	if (snap.context === 'focus' && ui.focusId) {
		items.push({segment: {text: ` FOCUS ${ui.focusId} `, tone: 'green', bold: true, inverse: true}, priority: 98});
		items.push({segment: {text: ' keys go to the agent', tone: 'green'}, priority: 97});
	}
	items.push(...keyHints(snap, bindings));
	if (snap.context === 'normal' && !items.some((i) => i.segment.text.includes('help'))) items.push(HELP_HINT);
	return fitSegments(items, width);
}
