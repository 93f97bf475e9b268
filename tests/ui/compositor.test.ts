// The compositor, read back through a terminal emulator: chrome lines land on their rows,
// panes show their sessions inside their borders, frames are synchronized updates, an
// unchanged frame writes nothing, a busy pane repaints only its changed rows, and the
// cursor shows only in a focused pane.
import xterm from '@xterm/headless';
import {afterEach, describe, expect, it} from 'vitest';
import {BEGIN_SYNC, Compositor, END_SYNC} from '../../source/ui/render/compositor.js';
import {InkSink} from '../../source/ui/render/ink-sink.js';
import {Panes} from '../../source/ui/render/panes.js';
import {plainChrome} from '../../source/ui/render/plain-chrome.js';
import {UiActions} from '../../source/ui/state/actions.js';
import {UiStore} from '../../source/ui/state/store.js';
import {FakeEngine, until} from './fake-engine.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(cols = 100, rows = 30) {
	const engine = new FakeEngine(['alpha', 'beta']);
	const writes: string[] = [];
	let now = 0;
	let compositor: Compositor | undefined;
	const panes = new Panes(engine.sessions, (id) => compositor?.markDirty(id), {resizeDelayMs: 0, now: () => now});
	const store = new UiStore({engine, size: {cols, rows}, onSession: (s) => panes.attach(s), engineIntervalMs: 0});
	compositor = new Compositor({write: (data) => writes.push(data)}, store.getSnapshot, engine.sessions, panes, {now: () => now});
	const paint = compositor;
	const actions = new UiActions(store, {paths: {root: '/', tasks: '/', templates: '/', logs: '/'}, panes, quit: () => undefined});
	const screen = new xterm.Terminal({cols, rows, allowProposedApi: true});
	cleanups.push(() => {
		paint.dispose();
		store.dispose();
		engine.dispose();
		screen.dispose();
	});
	/** Ink's part: the chrome for the current layout. */
	const chrome = (): void => {
		const snap = store.getSnapshot();
		paint.chrome(plainChrome(snap), snap.layout.key);
	};
	/** Everything written so far, as the terminal shows it. */
	const shown = async (): Promise<string[]> => {
		await new Promise<void>((resolve) => screen.write(writes.join(''), resolve));
		writes.length = 0;
		const buffer = screen.buffer.active;
		return Array.from({length: rows}, (_, y) => buffer.getLine(y)!.translateToString(true));
	};
	return {engine, store, compositor: paint, panes, writes, chrome, shown, actions, setNow: (t: number) => (now = t), screen};
}

/** alpha's session has printed a line, its pane is laid out and Ink's chrome drawn; one frame painted. */
async function helloPane({engine, store, compositor, chrome}: Pick<ReturnType<typeof setup>, 'engine' | 'store' | 'compositor' | 'chrome'>): Promise<void> {
	const {pty} = engine.startSession('alpha');
	pty.print('hello from alpha');
	await until(() => store.getSnapshot().layout.panes.length === 1);
	chrome();
	await until(() => engine.sessions.get('alpha')!.screenLines()[0]!.includes('hello'));
	compositor.frame();
}

describe('compositor', () => {
	it('puts the chrome on its rows and each pane in its border, in one synchronized update', async () => {
		const {engine, store, compositor, writes, chrome, shown} = setup();
		await helloPane({engine, store, compositor, chrome});
		for (const write of writes) {
			expect(write.startsWith(BEGIN_SYNC)).toBe(true);
			expect(write.endsWith(END_SYNC)).toBe(true);
		}
		const lines = await shown();
		const layout = store.getSnapshot().layout;
		expect(lines[0]).toContain('auto-claude');
		expect(lines[layout.table!.y + 1]).toContain('alpha');
		const pane = layout.panes[0]!;
		expect(lines[pane.rect.y]).toMatch(/^╭─ ● alpha running/);
		expect(lines[pane.rect.y + 1]).toBe(`│hello from alpha${' '.repeat(pane.rect.w - 18)}│`);
		expect(lines[pane.rect.y + pane.rect.h - 1]).toMatch(/^╰─+╯$/);
		expect(lines[29]).toContain('focus');
	});

	it('writes nothing when nothing changed, and only changed rows when a pane did', async () => {
		const {engine, store, compositor, writes, chrome} = setup();
		const {pty, session} = engine.startSession('alpha');
		await until(() => store.getSnapshot().layout.panes.length === 1);
		chrome();
		compositor.frame();
		writes.length = 0;
		compositor.frame();
		expect(writes).toEqual([]);
		expect(compositor.stats.skipped).toBeGreaterThan(0);
		pty.print('one line');
		await until(() => session.screenLines()[0] === 'one line');
		compositor.frame();
		// One content row changed: one cursor move, plus none for the unchanged border.
		expect(writes).toHaveLength(1);
		expect(writes[0]!.match(/\u001b\[\d+;\d+H/g)).toHaveLength(1);
	});

	it('waits for Ink to draw a new layout before painting it', async () => {
		const {engine, store, compositor, writes, chrome} = setup();
		chrome();
		compositor.frame();
		writes.length = 0;
		engine.startSession('alpha');
		await until(() => store.getSnapshot().layout.panes.length === 1);
		compositor.frame();
		expect(writes).toEqual([]);
		chrome();
		compositor.frame();
		expect(writes).toHaveLength(1);
		// A new layout repaints everything from a clear screen.
		expect(writes[0]).toContain('\u001b[2J');
	});

	it('paints an open dialog over the middle, repaints only its changed rows, and brings the panes back when it closes', async () => {
		const {engine, store, compositor, writes, chrome, shown, actions} = setup();
		await helloPane({engine, store, compositor, chrome});
		await shown();
		actions.openHelp();
		chrome();
		compositor.frame();
		const rect = store.getSnapshot().layout.overlay!;
		let lines = await shown();
		expect(lines[rect.y]).toMatch(/^╭─+╮$/);
		expect(lines[rect.y + 1]).toMatch(/^│ Keys/);
		expect(lines[rect.y + rect.h - 1]).toMatch(/^╰─+╯$/);
		expect(lines.join('\n')).not.toContain('hello from alpha');
		expect(lines[29]).toContain('Esc/q close');
		// Scrolling the dialog rewrites its body rows, not its frame.
		actions.scrollOverlay(1);
		compositor.frame();
		const rows = writes.join('').match(/\u001b\[(\d+);1H/g)!.map((move) => Number(/\[(\d+);/.exec(move)![1]) - 1);
		expect(rows).not.toContain(rect.y);
		expect(rows).not.toContain(rect.y + rect.h - 1);
		await shown();
		actions.closeOverlay();
		chrome();
		compositor.frame();
		lines = await shown();
		expect(lines.join('\n')).toContain('hello from alpha');
		expect(lines.join('\n')).not.toContain('Keys');
	});

	it('shows the terminal cursor only in a focused pane, where the agent has it', async () => {
		const {engine, store, compositor, panes, writes, chrome, actions} = setup();
		const {pty, session} = engine.startSession('alpha');
		await until(() => store.getSnapshot().layout.panes.length === 1);
		pty.print('prompt> ');
		await until(() => session.screenLines()[0]!.trimEnd() === 'prompt>');
		chrome();
		compositor.frame();
		expect(writes.join('')).not.toContain('\u001b[?25h');
		actions.focus();
		chrome();
		compositor.frame();
		const pane = store.getSnapshot().layout.panes[0]!;
		expect(writes.join('')).toContain(`\u001b[${pane.rect.y + 2};${pane.rect.x + 2 + 8}H\u001b[?25h`);
		// A program that hides its cursor (as Claude Code does) has none shown.
		writes.length = 0;
		pty.print('\u001b[?25l');
		await until(() => !panes.cursorVisible(session));
		compositor.frame();
		expect(writes.join('')).toContain('\u001b[?25l');
	});

	it('paints background panes at half the rate of the selected one', async () => {
		const {engine, store, compositor, writes, chrome, setNow} = setup(160, 48);
		const a = engine.startSession('alpha');
		const b = engine.startSession('beta');
		await until(() => store.getSnapshot().layout.panes.length === 2);
		chrome();
		compositor.frame();
		const selected = store.getSnapshot().selected!.id;
		const background = selected === 'alpha' ? b : a;
		const foreground = selected === 'alpha' ? a : b;
		let fgPaints = 0;
		let bgPaints = 0;
		for (let t = 1; t <= 6; t++) {
			writes.length = 0;
			setNow(t * 34);
			foreground.pty.print(`fg ${t}\n`);
			background.pty.print(`bg ${t}\n`);
			await until(() => foreground.session.screenLines().some((l) => l === `fg ${t}`) && background.session.screenLines().some((l) => l === `bg ${t}`));
			compositor.frame();
			const out = writes.join('');
			if (out.includes(`fg ${t}`)) fgPaints++;
			// A background repaint shows whatever its screen had at that moment.
			if (out.includes('bg ')) bgPaints++;
		}
		expect(fgPaints).toBe(6);
		expect(bgPaints).toBe(3);
	});

	it('nothing written ever wraps: no row is longer than the screen', async () => {
		const {engine, store, compositor, writes, chrome, screen} = setup(80, 24);
		for (const id of ['alpha', 'beta']) engine.startSession(id).pty.print('x'.repeat(300));
		await until(() => store.getSnapshot().layout.panes.length === 2);
		chrome();
		compositor.frame();
		await new Promise<void>((resolve) => screen.write(writes.join(''), resolve));
		// With auto-wrap on in this emulator, an overlong row would have scrolled the screen.
		expect(screen.buffer.active.baseY).toBe(0);
		expect(screen.buffer.active.getLine(0)!.translateToString(true)).toContain('auto-claude');
	});
});

describe('InkSink', () => {
	it('hands whole frames to the compositor with the layout they were drawn for', () => {
		const frames: [string[], string][] = [];
		const sink = new InkSink({cols: 80, rows: 24}, (lines, key) => frames.push([lines, key]));
		sink.layoutKey = 'k1';
		sink.write('a\nb');
		sink.write('\u001b[?25l');
		expect(frames).toEqual([[['a', 'b'], 'k1']]);
		sink.resize({cols: 100, rows: 30});
		expect([sink.columns, sink.rows]).toEqual([100, 30]);
	});
});
