// Usage limits and temporary errors in the engine: holds, auto-continue, dialogs,
// probing an unknown reset, back-off for temporary errors, and an account pool.
import {describe, expect, it} from 'vitest';
import {DONE_MARKER} from '../../source/core/markers.js';
import {CONTINUE_AFTER_ERROR, CONTINUE_AFTER_LIMIT} from '../../source/core/reducer/limits.js';
import {Engine, config, ofType, spec} from '../support/engine.js';

const claude = (extra = {}) => new Engine(config({defaultAgent: 'claude', concurrency: 2, limits: {...config().limits, marginSeconds: 5, probeMinutes: [5, 10, 20], transientBackoffSeconds: 30}, ...extra}));
const limit = (resetsAt: number | undefined, extra = {}) => ({kind: 'limit' as const, limitKind: 'usage_limit' as const, text: "You've hit your 5-hour limit · resets 7pm (UTC)", resetsAt, autoContinue: false, source: 'hook' as const, ...extra});

describe('usage limits', () => {
	it('a live session that continues by itself is not sent a second "continue"; it is nudged only if it stays idle', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		const resetsAt = engine.now + 60_000;
		engine.signal('a', limit(resetsAt));
		engine.signal('a', {...limit(resetsAt), source: 'screen', autoContinue: true});
		expect(engine.task('a').status).toMatchObject({state: 'rate_limited', autoContinue: true});
		const released = engine.advance(65_000);
		expect(engine.stateOf('a')).toBe('running');
		expect(ofType(released, 'sendInput')).toEqual([]);
		// It did not continue within the grace period: type it.
		const nudged = engine.advance(121_000);
		expect(ofType(nudged, 'sendInput').map((e) => e.text)).toEqual([CONTINUE_AFTER_LIMIT]);
	});

	it('a CLI that continues on its own clears the limit as soon as it works again', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		engine.signal('a', limit(engine.now + 60_000, {autoContinue: true}));
		engine.advance(30_000);
		engine.signal('a', {kind: 'busy'});
		expect(engine.stateOf('a')).toBe('running');
		engine.signal('a', {kind: 'turn_ended', lastMessage: DONE_MARKER, source: 'hook'});
		expect(engine.stateOf('a')).toBe('done');
		expect(engine.task('a').attempts).toBe(1);
	});

	it('chooses "wait" in the limit dialog, then types continue at the reset', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		const effects = engine.signal('a', limit(engine.now + 10_000, {source: 'screen', waitKeys: ['1']}));
		expect(ofType(effects, 'sendKeys')[0]?.keys).toEqual(['1']);
		const released = engine.advance(16_000);
		expect(ofType(released, 'sendInput').map((e) => e.text)).toEqual([CONTINUE_AFTER_LIMIT]);
	});

	it('relaunches a dead held session with --resume at the reset', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		engine.signal('a', {kind: 'session_info', agentSessionId: 'uuid-a'});
		engine.signal('a', limit(engine.now + 10_000));
		engine.exited('a', 1);
		expect(engine.task('a').status).toMatchObject({state: 'rate_limited', sessionAlive: false});
		const released = engine.advance(16_000);
		expect(ofType(released, 'spawn')[0]).toMatchObject({taskId: 'a', resume: true, initialInput: CONTINUE_AFTER_LIMIT});
		expect(engine.task('a').attempts).toBe(1);
	});

	it('probes an unknown reset with back-off (5, 10, 20 min) and releases when the account is free', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		engine.signal('a', limit(undefined));
		expect(engine.state.holds.get('default')?.resumeAt).toBe(engine.now + 5 * 60_000);
		const first = engine.advance(5 * 60_000);
		expect(ofType(first, 'probe')).toEqual([{type: 'probe', account: 'default'}]);
		expect(ofType(engine.advance(1000), 'probe')).toEqual([]);
		engine.send({type: 'probeFinished', at: engine.now, account: 'default', limited: true});
		expect(engine.state.holds.get('default')?.resumeAt).toBe(engine.now + 10 * 60_000);
		engine.advance(10 * 60_000);
		engine.send({type: 'probeFinished', at: engine.now, account: 'default', limited: false});
		expect(engine.state.holds.size).toBe(0);
		expect(engine.stateOf('a')).toBe('running');
	});

	it('temporary errors back off and continue, apart from attempts; too many in a row end the attempt', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		const transient = {kind: 'limit' as const, limitKind: 'transient' as const, text: 'API Error: Repeated 529 Overloaded errors', autoContinue: false, source: 'hook' as const};
		engine.signal('a', transient);
		expect(engine.state.holds.size).toBe(0);
		expect(engine.task('a').transientRetryAt).toBe(engine.now + 30_000);
		expect(ofType(engine.advance(30_000), 'sendInput').map((e) => e.text)).toEqual([CONTINUE_AFTER_ERROR]);
		engine.signal('a', transient);
		expect(engine.task('a').transientRetryAt).toBe(engine.now + 60_000);
		engine.signal('a', {kind: 'busy'});
		expect(engine.task('a').transientErrors).toBe(0);
		for (let i = 0; i < 9; i++) engine.signal('a', transient);
		expect(engine.stateOf('a')).toBe('retrying');
		expect(engine.task('a').lastResult).toMatchObject({kind: 'agent_error'});
	});

	it('with two accounts, queued tasks keep flowing on the free one while the other is held', () => {
		const engine = new Engine(
			config({
				defaultAgent: 'claude',
				concurrency: 2,
				accounts: [
					{name: 'work', configDir: '/cfg/work'},
					{name: 'personal', configDir: '/cfg/personal'},
				],
				limits: {...config().limits, marginSeconds: 5, probeMinutes: [5], transientBackoffSeconds: 30},
			}),
		);
		const first = engine.load([spec('a', {mtimeMs: 1}), spec('b', {mtimeMs: 2}), spec('c', {mtimeMs: 3}), spec('d', {mtimeMs: 4})]);
		expect(ofType(first, 'spawn').map((e) => e.taskId)).toEqual(['a', 'b']);
		expect(engine.task('a').account).toBe('work');
		expect(engine.task('b').account).toBe('personal');
		engine.started('a');
		engine.started('b');
		engine.signal('a', limit(engine.now + 600_000));
		expect(engine.state.holds.has('work')).toBe(true);
		// b finishes: its slot (personal) takes the next task; the held account's slot stays empty.
		const next = engine.signal('b', {kind: 'turn_ended', lastMessage: DONE_MARKER, source: 'hook'});
		expect(ofType(next, 'spawn').map((e) => e.taskId)).toEqual(['c']);
		expect(engine.task('c').account).toBe('personal');
		engine.started('c');
		engine.signal('c', {kind: 'turn_ended', lastMessage: DONE_MARKER, source: 'hook'});
		expect(engine.task('d').account).toBe('personal');
		// The held task stays on its own account (its conversation lives there).
		expect(engine.task('a').account).toBe('work');
	});
});
