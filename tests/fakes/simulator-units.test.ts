// Pure parts of the simulated claude: directive syntax, scenario resolution, limit
// wordings and time formatting, argv parsing, text wrapping, key parsing.

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseArgv, listOption, UsageError} from '../../source/demo/cli/argv.js';
import {formatClock, formatReset, limitMessage} from '../../source/demo/limit-text.js';
import {demoKind, demoPlan, slugFor} from '../../source/demo/scenario/demo-plan.js';
import {resolveSteps} from '../../source/demo/scenario/resolve.js';
import {EMPTY_SCENARIO, loadScenario} from '../../source/demo/scenario/scenario-file.js';
import {parseDirectives, parseStepList} from '../../source/demo/scenario/steps.js';
import type {SessionMemory} from '../../source/demo/store/session-state.js';
import {KeyParser} from '../../source/demo/tui/keys.js';
import {stringWidth, wrapWithPrefix} from '../../source/demo/tui/text.js';

const memory = (overrides: Partial<SessionMemory> = {}): SessionMemory => ({pending: null, onFeedback: null, usedRules: [], prompts: 0, firstPrompt: null, ...overrides});

describe('directive syntax', () => {
	it.each([
		['say Hello there', [{kind: 'say', text: 'Hello there'}]],
		['say: two\\nlines', [{kind: 'say', text: 'two\nlines'}]],
		['think 1500; think 2s; busy 1.5s; think', [{kind: 'think', ms: 1500}, {kind: 'think', ms: 2000}, {kind: 'think', ms: 1500}, {kind: 'think', ms: 1000}]],
		['write notes.txt', [{kind: 'write', path: 'notes.txt', content: 'written by fake claude\n'}]],
		['write:a/b.txt hello world', [{kind: 'write', path: 'a/b.txt', content: 'hello world\n'}]],
		['bash echo a\\; echo b', [{kind: 'bash', command: 'echo a; echo b'}]],
		['done; done: Shipped it', [{kind: 'done'}, {kind: 'done', text: 'Shipped it'}]],
		['blocked:need the staging password', [{kind: 'blocked', reason: 'need the staging password'}]],
		['nudge', [{kind: 'nudge'}]],
		['limit', [{kind: 'limit', spec: {kind: 'five_hour'}}]],
		['limit 5', [{kind: 'limit', spec: {kind: 'five_hour', resetIn: 5}}]],
		['limit in=2m weekly', [{kind: 'limit', spec: {kind: 'seven_day', resetIn: 120}}]],
		['limit @1795284000 apikey', [{kind: 'limit', spec: {kind: 'five_hour', resetAt: 1795284000, wording: 'apikey'}}]],
		['limit at=1795284000 epoch', [{kind: 'limit', spec: {kind: 'five_hour', resetAt: 1795284000, wording: 'epoch'}}]],
		['warn 95; overloaded 3; api-error 529', [{kind: 'warn', percent: 95}, {kind: 'overloaded', retries: 3}, {kind: 'api-error', error: '529'}]],
		['hang; exit', [{kind: 'hang'}, {kind: 'exit'}]],
		['fix-on-feedback fixed.txt', [{kind: 'fix-on-feedback', path: 'fixed.txt', content: 'fixed after feedback\n'}]],
	])('%s', (source, steps) => {
		expect(parseStepList(source)).toEqual({steps, errors: []});
	});

	it('gives crash steps a stable key and reports mistakes', () => {
		const a = parseStepList('say x; crash-once 3');
		const b = parseStepList('say x; crash-once 3');
		expect(a.steps[1]).toMatchObject({kind: 'crash', code: 3, once: true});
		expect(a.steps[1]).toEqual(b.steps[1]);
		expect(parseStepList('dance; think soon; crash 999').errors).toEqual(['unknown step "dance"', 'think needs a duration, got "soon"', 'crash needs an exit code, got "999"']);
	});

	it('collects every [[fake: …]] block of a message', () => {
		expect(parseDirectives('first [[fake: say a]] then [[fake:done]]').steps).toEqual([{kind: 'say', text: 'a'}, {kind: 'done'}]);
	});
});

describe('step resolution', () => {
	const dir = mkdtempSync(join(tmpdir(), 'fake-scenario-'));
	const file = join(dir, 'scenario.json');
	writeFileSync(
		file,
		JSON.stringify({
			rules: [
				{match: 'MOCK_WRITE', steps: 'write mock_written.txt written by mock; done'},
				{regex: '^Stop hook feedback:', once: true, steps: ['say Fixing', {say: 'two\nlines'}, 'done']},
			],
			default: 'say default reply',
		}),
	);
	const scenario = loadScenario(file);
	rmSync(dir, {recursive: true, force: true});

	it.each([
		['directives win over pending steps', 'x [[fake: say mine]]', memory({pending: [{kind: 'done'}]}), 'directives', [{kind: 'say', text: 'mine'}]],
		['pending steps answer any other message', 'whatever', memory({pending: [{kind: 'done', text: 'later'}]}), 'pending', [{kind: 'done', text: 'later'}]],
		['scenario substring rule', 'do MOCK_WRITE now', memory(), 'rule', [{kind: 'write', path: 'mock_written.txt', content: 'written by mock\n'}, {kind: 'done'}]],
		['scenario default', 'hello', memory(), 'default', [{kind: 'say', text: 'default reply'}]],
	])('%s', (_name, message, mem, source, steps) => {
		expect(resolveSteps({message, memory: mem, scenario, demo: false, firstPrompt: true, defaultSteps: undefined})).toEqual({source, steps});
	});

	it('once-rules fire once per session', () => {
		const mem = memory();
		const first = resolveSteps({message: 'Stop hook feedback:\nbad', memory: mem, scenario, demo: false, firstPrompt: false, defaultSteps: undefined});
		expect(first.steps).toEqual([{kind: 'say', text: 'Fixing'}, {kind: 'say', text: 'two\nlines'}, {kind: 'done'}]);
		expect(resolveSteps({message: 'Stop hook feedback:\nbad', memory: mem, scenario, demo: false, firstPrompt: false, defaultSteps: undefined}).source).toBe('default');
	});

	it('falls back to a plain done without a scenario', () => {
		expect(resolveSteps({message: 'hi', memory: memory(), scenario: EMPTY_SCENARIO, demo: false, firstPrompt: true, defaultSteps: undefined}).steps).toEqual([{kind: 'done'}]);
	});

	it('derives demo plans deterministically from the prompt', () => {
		expect(slugFor('Fix the login page!')).toBe('fix-the-login-page');
		const kinds = new Set(Array.from({length: 200}, (_, i) => demoKind(`task number ${i}`)));
		expect(kinds).toEqual(new Set(['work', 'permission', 'nudge', 'blocked']));
		expect(demoPlan('Fix the login page')).toEqual(demoPlan('Fix the login page'));
		expect(demoPlan('Fix the login page').some((step) => step.kind === 'write' && step.path === 'fix-the-login-page.txt')).toBe(true);
	});
});

describe('limit texts', () => {
	const now = Date.UTC(2026, 10, 21, 15, 0, 0);
	it.each([
		[Date.UTC(2026, 10, 21, 19, 0) / 1000, 'UTC', '7pm (UTC)'],
		[Date.UTC(2026, 10, 21, 18, 30) / 1000, 'UTC', '6:30pm (UTC)'],
		[Date.UTC(2026, 10, 21, 18, 0) / 1000, 'America/New_York', '1pm (America/New_York)'],
		[Date.UTC(2026, 10, 24, 18, 30) / 1000, 'UTC', 'Nov 24, 6:30pm (UTC)'],
		[Date.UTC(2027, 0, 2, 0, 50) / 1000, 'UTC', 'Jan 2, 2027, 12:50am (UTC)'],
	])('reset %i in %s → %s', (epoch, zone, text) => {
		expect(formatReset(epoch, now, zone)).toBe(text);
	});

	it.each([
		['modern', 'five_hour', "You've hit your 5-hour limit · resets 7pm (UTC)"],
		['modern', 'seven_day', "You've hit your weekly limit · resets 7pm (UTC)"],
		['modern', 'overage', "You've hit your limit · resets 7pm (UTC)"],
		['session', 'five_hour', "You've hit your session limit · resets 7pm (UTC)"],
		['v1', 'five_hour', '5-hour limit reached ∙ resets 7pm'],
		['epoch', 'five_hour', 'Claude AI usage limit reached|1795287600'],
	] as const)('%s %s', (wording, kind, text) => {
		expect(limitMessage({wording, kind, resetsAt: 1795287600, nowMs: now, timeZone: 'UTC'})).toBe(text);
	});

	it('formats the bare clock', () => {
		expect(formatClock(Date.UTC(2026, 10, 21, 0, 5) / 1000, 'UTC')).toBe('12:05am');
	});
});

describe('argv', () => {
	const parse = (argv: string[]) => parseArgv(argv, {modern: true});
	it('lets variadic options eat positionals until the next option or --', () => {
		const parsed = parse(['--allowedTools', 'Bash(git *)', 'Edit', '-p', '--disallowedTools', 'Write,Bash(rm:*)', '--', 'the prompt']);
		expect(listOption(parsed, 'allowedTools')).toEqual(['Bash(git *)', 'Edit']);
		expect(listOption(parsed, 'disallowedTools')).toEqual(['Write', 'Bash(rm:*)']);
		expect(parsed.positionals).toEqual(['the prompt']);
	});

	it.each([
		[['--model'], "error: option '--model <model>' argument missing"],
		[['-x'], "error: unknown option '-x'"],
		[['--input-format', 'yaml'], "error: option '--input-format <format>' argument 'yaml' is invalid. Allowed choices are text, stream-json."],
	])('%j fails', (argv, message) => {
		expect(() => parse(argv)).toThrow(new UsageError(message));
	});

	it('accepts --opt=value, optional values and combined short flags', () => {
		const parsed = parse(['--model=sonnet', '-r', 'abc', '-pc', 'prompt']);
		expect(parsed.options.get('model')).toBe('sonnet');
		expect(parsed.options.get('resume')).toBe('abc');
		expect(parsed.options.get('print')).toBe(true);
		expect(parsed.options.get('continue')).toBe(true);
		expect(parsed.positionals).toEqual(['prompt']);
	});
});

describe('terminal helpers', () => {
	it('wraps with a hanging indent inside the width', () => {
		const lines = wrapWithPrefix('one two three four five six seven', '● ', '  ', 12);
		expect(lines).toEqual(['● one two', '  three four', '  five six', '  seven']);
		expect(Math.max(...lines.map(stringWidth))).toBeLessThanOrEqual(12);
	});

	it('parses keys, escape sequences and bracketed paste split across reads', () => {
		const parser = new KeyParser();
		expect(parser.feed('ab\r\x1b[B\x1b\x03')).toEqual([{kind: 'text', text: 'ab'}, {kind: 'enter'}, {kind: 'down'}, {kind: 'escape'}, {kind: 'ctrl-c'}]);
		expect(parser.feed('\x1b[200~line one\r\nline')).toEqual([]);
		expect(parser.feed(' two\x1b[201~\r')).toEqual([{kind: 'paste', text: 'line one\nline two'}, {kind: 'enter'}]);
		expect(parser.feed('\x1b[I\x1b]11;rgb:0/0/0\x07x')).toEqual([{kind: 'text', text: 'x'}]);
	});
});
