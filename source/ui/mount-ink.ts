// Ink, React and Yoga are the heaviest modules the dashboard loads; run-tui imports this
// file only after the first frame is on screen.
import {render, renderToString} from 'ink';
import React from 'react';
import {App} from './components/App.js';
import {Chrome} from './components/Chrome.js';
import {overlayRows} from './render/overlay-box.js';
import {buildSnapshot} from './state/snapshot.js';
import {newAddForm, type Overlay} from './state/ui-state.js';
import {QuietInput, type InkSink} from './render/ink-sink.js';
import type {UiStore} from './state/store.js';

export function mountChrome(store: UiStore, sink: InkSink): {unmount(): void} {
	const ink = render(React.createElement(App, {store, tag: sink}), {
		stdout: sink as unknown as NodeJS.WriteStream,
		stdin: new QuietInput() as unknown as NodeJS.ReadStream,
		stderr: sink as unknown as NodeJS.WriteStream,
		// Debug mode writes each frame whole, once per commit, with no cursor movement:
		// the compositor places the lines.
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {unmount: () => ink.unmount()};
}

/**
 * Draws each dialog (its rows and the chrome around it) twice, off screen, before work
 * starts: the first run of a code path is several times slower (the JIT has not compiled
 * it yet), and the first `?` pressed while an agent floods its terminal should still
 * answer at once. 20–50 ms at 160×48, spent before any agent runs rather than while the
 * first ones write.
 */
export function warmUp(store: UiStore): void {
	const overlays: Overlay[] = [{kind: 'help', scroll: 0}, {kind: 'add', form: newAddForm([])}, {kind: 'details', taskId: '', scroll: 0, lines: ['']}];
	for (const overlay of [...overlays, ...overlays]) {
		const snap = store.getSnapshot();
		const warm = buildSnapshot({version: -1, engine: snap.engine, ui: {...snap.ui, overlay}, now: snap.now, alerts: snap.alerts, rows: snap.rows, sessions: snap.sessions, previousTop: snap.tableTop, previousIndex: snap.selectedIndex, metricsUrl: snap.metricsUrl});
		renderToString(React.createElement(Chrome, {snap: warm}), {columns: snap.layout.size.cols});
		overlayRows(warm);
	}
}
