// The store, its named actions and the key dispatcher over a fake engine (the real
// reducer, real xterm sessions on fake PTYs): what each key does, and why it does not
// when it cannot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {BINDINGS} from '../../source/ui/keys/bindings.js';
import {KeyDispatcher} from '../../source/ui/keys/dispatch.js';
import {footerLine} from '../../source/ui/keys/footer.js';
import {Panes} from '../../source/ui/render/panes.js';
import {UiActions} from '../../source/ui/state/actions.js';
import {UiStore} from '../../source/ui/state/store.js';
import {KeyReader} from '../../source/ui/terminal/keys.js';
import {FakeEngine, until} from './fake-engine.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(ids: string[] = ['alpha', 'beta', 'gamma'], size = {cols: 120, rows: 40}) {
	const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ac-ui-')));
	const paths = {root, tasks: path.join(root, 'tasks'), templates: path.join(root, 'templates'), logs: path.join(root, 'state', 'logs')};
	fs.mkdirSync(paths.tasks, {recursive: true});
	const engine = new FakeEngine(ids);
	let quits = 0;
	const dirty: string[] = [];
	const panes = new Panes(engine.sessions, (id) => dirty.push(id), {resizeDelayMs: 0});
	const store = new UiStore({engine, size, onSession: (s) => panes.attach(s), engineIntervalMs: 0});
	const actions = new UiActions(store, {paths, panes, quit: () => quits++});
	const dispatcher = new KeyDispatcher(store, actions, panes);
	const reader = new KeyReader();
	const type = (text: string): void => dispatcher.handle(reader.push(text));
	cleanups.push(() => {
		store.dispose();
		panes.dispose();
		engine.dispose();
		fs.rmSync(root, {recursive: true, force: true});
	});
	const footer = (): string => footerLine(store.getSnapshot(), size.cols).map((s) => s.text).join('');
	return {engine, store, actions, panes, type, paths, footer, dirty, quits: () => quits, snap: () => store.getSnapshot()};
}

describe('store', () => {
	it('gives the same snapshot until something changes, and coalesces engine changes', async () => {
		const {store, engine} = setup();
		const first = store.getSnapshot();
		expect(store.getSnapshot()).toBe(first);
		let calls = 0;
		store.subscribe(() => calls++);
		engine.notify();
		expect(store.getSnapshot()).toBe(first);
		engine.setStatus('alpha', {state: 'failed', at: 0, result: {kind: 'exit_code', code: 1}});
		engine.setStatus('beta', {state: 'failed', at: 0, result: {kind: 'exit_code', code: 1}});
		await until(() => calls > 0);
		expect(calls).toBe(1);
		expect(store.getSnapshot()).not.toBe(first);
	});

	it('the selection stays on its task while rows move', async () => {
		const {snap, type, engine} = setup();
		type('j');
		const selected = snap().selected!.id;
		engine.startSession('gamma');
		await until(() => snap().rows[0]!.id === 'gamma');
		expect(snap().selected!.id).toBe(selected);
	});

	it('the filter narrows the rows by id, title or state', () => {
		const {type, snap} = setup();
		type('/bet');
		expect(snap().rows.map((r) => r.id)).toEqual(['beta']);
		expect(snap().context).toBe('filter');
		type('\r');
		expect(snap().context).toBe('normal');
		expect(snap().ui.filter).toBe('bet');
		type('\u001b');
		expect(snap().rows).toHaveLength(3);
	});
});

describe('keys', () => {
	it('every binding explains itself, and no key means two things in one context', () => {
		const seen = new Set<string>();
		for (const binding of BINDINGS) {
			expect(binding.help.length).toBeGreaterThan(5);
			for (const context of binding.contexts)
				for (const key of binding.keys) {
					expect(seen.has(`${context}:${key}`), `${context}:${key}`).toBe(false);
					seen.add(`${context}:${key}`);
				}
		}
	});

	it('a key that cannot apply says why in the footer', () => {
		const {type, footer, engine} = setup();
		type('r');
		expect(footer()).toContain('only failed, cancelled, done, needs_review or retrying tasks can be retried');
		expect(engine.commands).toEqual([]);
		type('\r');
		expect(footer()).toContain('has no live session');
		type('R');
		expect(footer()).toContain('not waiting for input');
	});

	it('the footer lists only the keys that apply now', () => {
		const {footer, engine, type} = setup();
		expect(footer()).not.toContain('retry');
		engine.setStatus('alpha', {state: 'failed', at: 0, result: {kind: 'exit_code', code: 1}});
		type('g');
		expect(footer()).toContain('r retry');
	});

	it('r retries, p pauses and resumes, P pauses the queue', () => {
		const {type, engine, snap} = setup();
		engine.setStatus('alpha', {state: 'failed', at: 0, result: {kind: 'exit_code', code: 1}});
		type('G');
		expect(snap().selected!.id).toBe('alpha');
		type('r');
		expect(engine.commands).toEqual([{kind: 'retry', id: 'alpha'}]);
		type('p');
		expect(engine.commands[1]).toEqual({kind: 'pause', id: 'alpha'});
		type('p');
		expect(engine.commands[2]).toEqual({kind: 'resume', id: 'alpha'});
		type('P');
		expect(engine.commands[3]).toEqual({kind: 'pause_queue'});
		expect(snap().engine.queuePaused).toBe(true);
	});

	it('c asks first; only y cancels', () => {
		const {type, engine, snap, footer} = setup();
		type('c');
		expect(snap().context).toBe('confirm');
		expect(footer()).toContain('Cancel alpha');
		type('x');
		expect(engine.commands).toEqual([]);
		type('cy');
		expect(engine.commands).toEqual([{kind: 'cancel', id: 'alpha'}]);
	});

	it('q quits at once without sessions, and asks while one runs', () => {
		const first = setup();
		first.type('q');
		expect(first.quits()).toBe(1);
		const second = setup();
		second.engine.startSession('beta');
		second.type('q');
		expect(second.quits()).toBe(0);
		expect(second.footer()).toContain('1 session is stopped now and resumes on the next start');
		second.type('y');
		expect(second.quits()).toBe(1);
		expect(second.snap().ui.stopping).toBe(true);
	});

	it('R shows the question and sends the answer', () => {
		const {type, engine, snap} = setup();
		engine.startSession('alpha');
		engine.setStatus('alpha', {state: 'waiting_input', attempt: 1, since: 0, question: 'Do you want to create README.md?', approveKeys: ['1'], rejectKeys: ['3']});
		type('R');
		expect(snap().ui.overlay?.kind).toBe('reply');
		type('yes\r');
		expect(engine.commands).toEqual([{kind: 'reply', id: 'alpha', text: 'yes'}]);
		expect(snap().ui.overlay).toBeUndefined();
	});

	it('a writes a task file from the form (title, prompt, priority, template, verify)', () => {
		const {type, paths, snap} = setup();
		fs.mkdirSync(paths.templates);
		fs.writeFileSync(path.join(paths.templates, 'bugfix.md'), '---\nverify: npm test\n---\nFix: {{prompt}}\n');
		type('a');
		expect(snap().ui.overlay?.kind).toBe('add');
		type('Fix the login\tUsers cannot log in\t\u001b[D\t\u001b[C\tnpm test\r');
		const text = fs.readFileSync(path.join(paths.tasks, 'fix-the-login.md'), 'utf8');
		expect(text).toContain('title: Fix the login');
		expect(text).toContain('priority: high');
		expect(text).toContain('template: bugfix');
		expect(text).toContain('verify: npm test');
		expect(text).toContain('Users cannot log in');
		expect(snap().ui.overlay).toBeUndefined();
	});

	it('the form keeps a bad value and says what is wrong', () => {
		const {type, snap} = setup();
		type('a\r');
		const overlay = snap().ui.overlay;
		expect(overlay?.kind === 'add' && overlay.form.error).toBe('a title is needed');
	});

	it('Enter focuses the pane: keys go to the agent byte for byte until Ctrl-]', () => {
		const {type, engine, snap, footer} = setup();
		const {pty} = engine.startSession('alpha');
		type('\r');
		expect(snap().context).toBe('focus');
		expect(footer()).toContain('FOCUS alpha');
		type('hello\u001b[A\u0003\u001b[200~pasted\u001b[201~q');
		expect(pty.written.join('')).toBe('hello\u001b[A\u0003pastedq');
		type('\u001dj');
		expect(snap().context).toBe('normal');
		expect(snap().selected!.id).not.toBe('alpha');
	});

	it('focus ends when the session does', async () => {
		const {type, engine, snap, footer} = setup();
		engine.startSession('alpha');
		type('\r');
		engine.endSession('alpha');
		await until(() => snap().context === 'normal');
		expect(footer()).toContain('the session ended');
	});

	it('z zooms the selected pane and back; v cycles the grid size', () => {
		const {type, engine, snap} = setup(['a', 'b', 'c', 'd', 'e'], {cols: 160, rows: 48});
		for (const id of ['a', 'b', 'c', 'd', 'e']) engine.startSession(id);
		expect(snap().layout.panes).toHaveLength(5);
		type('z');
		expect(snap().layout.panes.map((p) => p.taskId)).toEqual([snap().selected!.id]);
		type('z');
		type('vvv');
		expect(snap().layout.panes).toHaveLength(4);
	});

	it('PgUp scrolls the pane back without writing to the agent; typing returns to live', async () => {
		const {type, engine, snap, panes} = setup(['alpha'], {cols: 120, rows: 40});
		const {session, pty} = engine.startSession('alpha');
		pty.print(Array.from({length: 200}, (_, i) => `line ${i}`).join('\n'));
		await until(() => session.terminal.buffer.active.baseY > 100);
		await until(() => snap().layout.panes.length === 1);
		panes.fit(snap().layout.panes);
		type('\u001b[5~');
		expect(panes.scrolledTop(session)).toBeDefined();
		expect(pty.written).toEqual([]);
		type('\u001b[6~\u001b[6~\u001b[6~\u001b[6~\u001b[6~\u001b[6~');
		expect(panes.scrolledTop(session)).toBeUndefined();
		type('\r\u001b[5~');
		expect(snap().context).toBe('focus');
		expect(panes.scrolledTop(session)).toBeDefined();
		expect(pty.written).toEqual([]);
		type('x');
		expect(pty.written).toEqual(['x']);
		expect(panes.scrolledTop(session)).toBeUndefined();
	});

	it('A acknowledges the alerts', () => {
		const {type, engine, snap, footer} = setup();
		engine.raise({at: 0, severity: 'P2', key: 'k', message: 'task failed'});
		expect(snap().unacknowledged).toBe(1);
		type('A');
		expect(snap().unacknowledged).toBe(0);
		expect(footer()).toContain('1 alert acknowledged');
	});

	it('? opens the help and Esc closes it; d shows the details', async () => {
		const {type, snap} = setup();
		type('?');
		expect(snap().ui.overlay?.kind).toBe('help');
		type('\u001b');
		expect(snap().ui.overlay).toBeUndefined();
		type('d');
		const overlay = snap().ui.overlay;
		expect(overlay?.kind).toBe('details');
		await until(() => {
			const o = snap().ui.overlay;
			return o?.kind === 'details' && o.lines.some((l) => l.includes('no output yet'));
		});
	});
});

describe('Escape and a key in one read', () => {
	it('are two key presses (the dashboard has no Alt bindings)', () => {
		const {type, snap} = setup();
		type('?');
		expect(snap().ui.overlay?.kind).toBe('help');
		type('\u001ba');
		expect(snap().ui.overlay?.kind).toBe('add');
	});
});

describe('dialogs scroll', () => {
	it('within their text: End goes to the last page, and up moves from there', () => {
		const {type, snap} = setup(['alpha'], {cols: 100, rows: 20});
		type('?G');
		const bottom = snap().ui.overlay;
		expect(bottom?.kind === 'help' && bottom.scroll).toBeGreaterThan(0);
		type('k');
		const up = snap().ui.overlay;
		expect(up?.kind === 'help' && bottom?.kind === 'help' && up.scroll).toBe(bottom?.kind === 'help' ? bottom.scroll - 1 : -1);
		type('g');
		const top = snap().ui.overlay;
		expect(top?.kind === 'help' && top.scroll).toBe(0);
	});
});
