// The pure view-models: every line fits its width, states look as documented, times and
// countdowns read right, and the table's columns add up to the screen.
import {describe, expect, it} from 'vitest';
import type {AccountHold} from '../../source/core/engine-state.js';
import type {TaskRecord} from '../../source/core/task.js';
import type {Alert} from '../../source/runtime/alerts/alerts.js';
import {countdown, duration, priorityLabel, STATE_STYLE, taskTime} from '../../source/ui/view/format.js';
import {alertLines, alertsHeight, fitSegments, headerLines} from '../../source/ui/view/header.js';
import {helpLines} from '../../source/ui/view/overlays.js';
import {tableColumns, tableModel} from '../../source/ui/view/table.js';
import {charWidth, fit, styledWidth, textWidth, truncate, wrapText} from '../../source/ui/view/text.js';
import {Engine, spec} from '../support/engine.js';

const widthOf = (line: readonly {text: string}[]): number => line.reduce((n, s) => n + textWidth(s.text), 0);

function engineWith(states: Record<string, TaskRecord['status']>): Engine {
	const engine = new Engine();
	engine.load(Object.keys(states).map((id) => spec(id, {title: `Title of ${id}`})));
	const tasks = new Map(engine.state.tasks);
	const counts: Record<string, number> = {};
	for (const [id, status] of Object.entries(states)) {
		tasks.set(id, {...tasks.get(id)!, status});
		counts[status.state] = (counts[status.state] ?? 0) + 1;
	}
	engine.state = {...engine.state, tasks, counts};
	return engine;
}

describe('text', () => {
	it.each([
		['abc', 3],
		['日本', 4],
		['●✓○', 3],
		['e\u0301', 1],
		['', 0],
	])('width of %j is %i', (text, width) => {
		expect(textWidth(text)).toBe(width);
	});

	it('truncates and fits by cells, never splitting a wide character', () => {
		expect(truncate('hello world', 8)).toBe('hello w…');
		expect(textWidth(truncate('日本語のテキスト', 7))).toBeLessThanOrEqual(7);
		expect(fit('ab', 5)).toBe('ab   ');
		expect(fit('ab', 5, 'right')).toBe('   ab');
		expect(fit('abcdefgh', 5)).toBe('abcd…');
	});

	it('wraps words, cuts long words, keeps paragraphs', () => {
		expect(wrapText('the quick brown fox', 9)).toEqual(['the quick', 'brown fox']);
		expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wrapText('a\nb', 10)).toEqual(['a', 'b']);
	});

	it('styled width ignores escape sequences', () => {
		expect(styledWidth('\u001b[1;31mred\u001b[0m')).toBe(3);
		expect(charWidth(0x1b)).toBe(0);
	});
});

describe('format', () => {
	it.each([
		[0, '0s'],
		[42_000, '42s'],
		[185_000, '3m05s'],
		[3_720_000, '1h02m'],
		[(3 * 24 + 4) * 3_600_000, '3d04h'],
	])('duration(%i) = %s', (ms, text) => {
		expect(duration(ms)).toBe(text);
	});

	it.each([
		[3_733_000, '1h 02m 13s'],
		[249_000, '4m 09s'],
		[12_000, '12s'],
		[-5, '0s'],
	])('countdown(%i) = %s', (ms, text) => {
		expect(countdown(ms)).toBe(text);
	});

	it('priorities read as names when they are one', () => {
		expect([1000, 100, 0, -100, 7].map(priorityLabel)).toEqual(['urgent', 'high', 'normal', 'low', '7']);
	});

	it('every state has a one-cell glyph and a colour', () => {
		for (const style of Object.values(STATE_STYLE)) {
			expect(textWidth(style.glyph)).toBe(1);
			expect(style.label.length).toBeLessThanOrEqual(12);
		}
	});

	it('the time column: running since its session started, a retry counts down, an end is ago', () => {
		const now = 10_000_000;
		const base = {...engineWith({a: {state: 'queued'}}).state.tasks.get('a')!};
		expect(taskTime({...base, status: {state: 'running', attempt: 1, since: now - 65_000}}, now)).toBe('1m05s');
		expect(taskTime({...base, status: {state: 'retrying', attempt: 1, retryAt: now + 30_000, reason: 'x'}}, now)).toBe('in 30s');
		expect(taskTime({...base, status: {state: 'done', at: now - 120_000, result: {kind: 'success'}}}, now)).toBe('2m00s ago');
	});
});

describe('header', () => {
	const hold: AccountHold = {account: 'default', since: 0, resetsAt: Date.UTC(2026, 0, 1, 21, 0), resumeAt: 10_000_000 + 3_733_000, text: 'You have hit your limit', source: 'screen', probes: 0};

	it('shows workers, counts by state, a paused queue and each hold with its countdown', () => {
		const engine = engineWith({a: {state: 'running', attempt: 1, since: 0}, b: {state: 'waiting_input', attempt: 1, since: 0, question: 'ok?'}, c: {state: 'queued'}});
		const state = {...engine.state, activeCount: 2, queuePaused: true, holds: new Map([['default', hold]])};
		const lines = headerLines({engine: state, now: 10_000_000, width: 160, panesShown: 2, sessions: 3, metricsUrl: 'http://127.0.0.1:9464/metrics', unacknowledged: 2, filter: ''});
		const text = lines.map((line) => line.map((s) => s.text).join(''));
		expect(text[0]).toContain('workers 2/2');
		expect(text[0]).toContain('? 1 waiting');
		expect(text[0]).toContain('● 1 running');
		expect(text[0]).toContain('queue paused');
		expect(text[0]).toContain('2 alerts');
		expect(text[0]).toContain('panes 2/3');
		expect(text[0]).toContain('http://127.0.0.1:9464/metrics');
		expect(text[1]).toContain('default held');
		expect(text[1]).toContain('resumes in 1h 02m 13s');
	});

	it.each([40, 80, 120, 250])('fits in %i columns', (width) => {
		const engine = engineWith({a: {state: 'running', attempt: 1, since: 0}, b: {state: 'failed', at: 0, result: {kind: 'exit_code', code: 1}}, c: {state: 'queued'}});
		const state = {...engine.state, holds: new Map([['default', hold]])};
		for (const line of headerLines({engine: state, now: 0, width, panesShown: 1, sessions: 1, metricsUrl: 'http://127.0.0.1:9464/metrics', unacknowledged: 1, filter: ''})) expect(widthOf(line)).toBeLessThanOrEqual(width);
	});

	it('fitSegments drops the least important first and cuts a flexible message', () => {
		const items = [
			{segment: {text: 'AAAA'}, priority: 100},
			{segment: {text: 'bbbb'}, priority: 10},
			{segment: {text: 'a long message that does not fit'}, priority: 90, flex: true},
		];
		const fitted = fitSegments(items, 20);
		expect(fitted.map((s) => s.text).join('')).toBe('AAAAa long message …');
		const roomy = fitSegments(items, 40);
		expect(roomy.map((s) => s.text).join('')).toBe('AAAAbbbba long message that does not fit');
	});
});

describe('alerts strip', () => {
	const alert = (id: number, severity: Alert['severity'], acknowledged = false): Alert => ({id, at: 0, severity, key: `k${id}`, message: `problem number ${id} with a long explanation`, taskId: `t${id}`, acknowledged});

	it('newest first, acknowledged ones dimmed, and a count of the rest', () => {
		const alerts = [alert(3, 'P1'), alert(2, 'P2'), alert(1, 'P3', true)];
		const lines = alertLines(alerts, 2, 120);
		expect(lines[0]![0]).toMatchObject({text: ' P1 ', tone: 'red', inverse: true});
		expect(lines.map((l) => l.map((s) => s.text).join(''))[1]).toContain('(+1 older · A acknowledges)');
		expect(alertLines([alert(1, 'P3', true)], 1, 80)[0]![0]).toMatchObject({tone: 'gray'});
	});

	it('more lines on taller screens, none without alerts', () => {
		const many = [1, 2, 3, 4].map((i) => alert(i, 'P3'));
		expect([alertsHeight([], 80), alertsHeight(many, 24), alertsHeight(many, 48), alertsHeight(many, 80)]).toEqual([0, 1, 2, 3]);
	});

	it.each([30, 80, 200])('fits in %i columns', (width) => {
		for (const line of alertLines([alert(1, 'P1'), alert(2, 'P2')], 2, width)) expect(widthOf(line)).toBeLessThanOrEqual(width);
	});
});

describe('task table', () => {
	it.each([80, 100, 160, 250])('the columns add up to %i', (width) => {
		const columns = tableColumns(width);
		expect(columns.reduce((n, c) => n + c.width, 0) + (columns.length - 1) + 2).toBe(width);
	});

	it('narrow screens drop priority and tries before the title gets too short', () => {
		expect(tableColumns(60).map((c) => c.key)).not.toContain('priority');
		expect(tableColumns(160).map((c) => c.key)).toEqual(['state', 'id', 'title', 'priority', 'tries', 'time']);
	});

	it('rows carry state glyph and colour, the reason of a stuck task, and the selection', () => {
		const engine = engineWith({a: {state: 'failed', at: 0, result: {kind: 'exit_code', code: 3}}, b: {state: 'running', attempt: 1, since: 0}});
		const rows = [...engine.state.tasks.values()];
		const model = tableModel({rows, total: 2, selectedId: 'b', top: 0, height: 5, width: 120, now: 60_000, settings: engine.state.settings, filter: ''});
		expect(model.rows).toHaveLength(2);
		const failed = model.rows.find((r) => r.id === 'a')!;
		expect(failed.cells[0]).toContain('✗ failed');
		expect(failed.tone).toBe('red');
		expect(failed.cells.join(' ')).toContain('exit code 3');
		expect(model.rows.find((r) => r.id === 'b')!.selected).toBe(true);
		for (const row of model.rows) expect(textWidth(row.cells.join(' ')) + 2).toBe(120);
	});

	it('says what to do when empty or filtered to nothing', () => {
		const engine = new Engine();
		const settings = engine.state.settings;
		expect(tableModel({rows: [], total: 0, top: 0, height: 3, width: 80, now: 0, settings, filter: ''}).empty).toContain('press a');
		expect(tableModel({rows: [], total: 5, top: 0, height: 3, width: 80, now: 0, settings, filter: 'zzz'}).empty).toContain('"zzz"');
	});
});

describe('help', () => {
	it('is generated from the key table and fits', () => {
		const lines = helpLines(100).map((line) => line.map((s) => s.text).join(''));
		expect(lines).toContain('Dashboard');
		expect(lines.some((line) => line.includes('Ctrl-]') && line.includes('Leave the pane'))).toBe(true);
		expect(lines.some((line) => line.includes('R ') && line.includes('question'))).toBe(true);
		for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(100);
	});
});
