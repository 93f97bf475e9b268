// The Ink components, rendered with ink-testing-library (100 columns): the chrome shows
// the header, the table and the footer at the layout's heights; dialogs (painted by the
// compositor) get a frame;
// lines never exceed the width; the root follows the store.
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/components/App.js';
import {Chrome} from '../../source/ui/components/Chrome.js';
import {Lines} from '../../source/ui/components/Lines.js';
import {overlayRows} from '../../source/ui/render/overlay-box.js';
import {UiActions} from '../../source/ui/state/actions.js';
import {UiStore} from '../../source/ui/state/store.js';
import {styledWidth} from '../../source/ui/view/text.js';
import {FakeEngine, until} from './fake-engine.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(rows = 20) {
	const engine = new FakeEngine(['alpha', 'beta', 'gamma']);
	const store = new UiStore({engine, size: {cols: 100, rows}, engineIntervalMs: 0});
	const actions = new UiActions(store, {paths: {root: '/', tasks: '/', templates: '/', logs: '/'}, quit: () => undefined});
	cleanups.push(() => {
		store.dispose();
		engine.dispose();
	});
	return {engine, store, actions};
}

// eslint-disable-next-line no-control-regex
const strip = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
const frameLines = (frame: string | undefined): string[] => strip(frame ?? '').split('\n');

describe('Chrome', () => {
	it('draws the header, the table and the footer, each as tall as the layout says', () => {
		const {store} = setup();
		const snap = store.getSnapshot();
		const {lastFrame, unmount} = render(<Chrome snap={snap} />);
		const lines = frameLines(lastFrame());
		expect(lines).toHaveLength(snap.layout.chromeRows.length);
		expect(lines[0]).toContain('auto-claude');
		expect(lines[0]).toContain('○ 3 queued');
		expect(lines[1]).toMatch(/STATE\s+ID\s+TITLE/);
		expect(lines[2]).toMatch(/› ○ queued\s+alpha\s+Title of alpha/);
		expect(lines[lines.length - 1]).toContain('? help');
		for (const line of lines) expect(styledWidth(line)).toBeLessThanOrEqual(100);
		unmount();
	});

	it('leaves an open dialog to the compositor: Ink draws header, alerts and footer only', () => {
		const {store, actions} = setup(16);
		actions.openHelp();
		const snap = store.getSnapshot();
		const lines = frameLines(render(<Chrome snap={snap} />).lastFrame());
		expect(lines).toHaveLength(snap.layout.chromeRows.length);
		expect(lines[0]).toContain('auto-claude');
		expect(lines[lines.length - 1]).toContain('Esc/q close');
	});
});

describe('dialogs (painted by the compositor)', () => {
	const rowsOf = (store: UiStore): string[] => (overlayRows(store.getSnapshot()) ?? []).map(strip);

	it('draws a dialog in a frame with its title and where the view is, exactly as tall and wide as its place', () => {
		const {store, actions} = setup(16);
		actions.openHelp();
		const rect = store.getSnapshot().layout.overlay!;
		const rows = rowsOf(store);
		expect(rows).toHaveLength(rect.h);
		expect(rows[0]).toMatch(/^╭─+╮$/);
		expect(rows[1]).toMatch(/│ Keys\s+1–11 of \d+ │/);
		expect(rows[2]).toContain('Dashboard');
		expect(rows[rows.length - 1]).toMatch(/^╰─+╯$/);
		for (const row of overlayRows(store.getSnapshot())!) expect(styledWidth(row)).toBe(rect.w);
	});

	it('draws the reply dialog with the question and the keys it takes', () => {
		const {store, actions, engine} = setup();
		engine.setStatus('alpha', {state: 'waiting_input', attempt: 1, since: 0, question: 'Do you want to run npm test?', approveKeys: ['1'], rejectKeys: ['3']});
		actions.openReply();
		const frame = rowsOf(store).join('\n');
		expect(frame).toContain('Reply to alpha');
		expect(frame).toContain('Do you want to run npm test?');
		expect(frame).toContain('y approves (1)');
	});

	it('draws the add form with every field', () => {
		const {store, actions} = setup();
		actions.openAdd();
		const frame = rowsOf(store).join('\n');
		for (const field of ['Title', 'Prompt', 'Priority', 'Template', 'Verify']) expect(frame).toContain(field);
		expect(frame).toContain('normal');
	});

	it('has no rows when no dialog is open', () => {
		const {store} = setup();
		expect(overlayRows(store.getSnapshot())).toBeUndefined();
	});
});

describe('Lines', () => {
	it('puts styled lines in a blank block of the given size', () => {
		const {lastFrame} = render(<Lines lines={['\u001b[31mred\u001b[0m', 'plain']} width={10} height={3} />);
		expect(lastFrame()).toContain('\u001b[31mred');
		expect(frameLines(lastFrame())).toEqual(['red', 'plain', '']);
	});
});

describe('App', () => {
	it('follows the store', async () => {
		const {store, actions} = setup();
		const {lastFrame, unmount} = render(<App store={store} />);
		expect(strip(lastFrame() ?? '')).toMatch(/› ○ queued\s+alpha/);
		actions.moveSelection(1);
		await until(() => /› ○ queued\s+beta/.test(strip(lastFrame() ?? '')));
		unmount();
	});
});
