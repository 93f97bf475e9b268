import {describe, expect, it} from 'vitest';
import {DONE_MARKER} from '../../source/core/markers.js';
import {Engine, config, ofType, spec} from '../support/engine.js';

describe('scheduling', () => {
	it('starts the highest priorities first, FIFO among equals, up to the concurrency', () => {
		const engine = new Engine(config({concurrency: 2}));
		const effects = engine.load([
			spec('low', {priority: -100, mtimeMs: 1}),
			spec('normal-old', {priority: 0, mtimeMs: 2}),
			spec('normal-new', {priority: 0, mtimeMs: 3}),
			spec('urgent', {priority: 1000, mtimeMs: 4}),
		]);
		expect(ofType(effects, 'spawn').map((e) => e.taskId)).toEqual(['urgent', 'normal-old']);
		expect(engine.stateOf('normal-new')).toBe('queued');
		expect(engine.stateOf('low')).toBe('queued');
	});

	it('starts the next task when one finishes, and nothing while the queue is paused', () => {
		const engine = new Engine(config({concurrency: 1}));
		engine.load([spec('a', {mtimeMs: 1}), spec('b', {mtimeMs: 2})]);
		engine.started('a');
		engine.send({type: 'userCommand', at: engine.now, command: {kind: 'pause_queue'}});
		expect(ofType(engine.exited('a', 0), 'spawn')).toEqual([]);
		expect(engine.stateOf('a')).toBe('done');
		const resumed = engine.send({type: 'userCommand', at: engine.now, command: {kind: 'resume_queue'}});
		expect(ofType(resumed, 'spawn').map((e) => e.taskId)).toEqual(['b']);
	});

	it('does not start anything when not dispatching (one-shot CLI commands)', () => {
		const engine = new Engine(config(), {dispatching: false});
		expect(ofType(engine.load([spec('a')]), 'spawn')).toEqual([]);
	});

	it('persists a change before announcing it', () => {
		const engine = new Engine();
		engine.load([spec('a')]);
		const effects = engine.started('a');
		const persistIndex = effects.findIndex((e) => e.type === 'persist');
		const transitionIndex = effects.findIndex((e) => e.type === 'transition');
		expect(persistIndex).toBeGreaterThanOrEqual(0);
		expect(persistIndex).toBeLessThan(transitionIndex);
	});

	it('writes nothing for tasks that are merely queued from their files', () => {
		const engine = new Engine(config({concurrency: 1}));
		const effects = engine.load([spec('a', {mtimeMs: 1}), spec('b', {mtimeMs: 2}), spec('c', {mtimeMs: 3})]);
		expect(ofType(effects, 'persist').map((e) => e.record.id)).toEqual(['a']);
	});
});

describe('command agents', () => {
	it('exit 0 means done; a failure retries with back-off up to maxAttempts, then fails', () => {
		const engine = new Engine(config({concurrency: 1, defaults: {...config().defaults, maxAttempts: 2}}));
		engine.load([spec('a')]);
		engine.started('a');
		engine.exited('a', 3);
		const status = engine.task('a').status;
		expect(status.state).toBe('retrying');
		if (status.state !== 'retrying') return;
		expect(status.retryAt).toBeGreaterThan(engine.now);
		expect(ofType(engine.advance(1000), 'spawn')).toEqual([]);
		const effects = engine.advance(status.retryAt - engine.now);
		expect(ofType(effects, 'spawn').map((e) => e.attempt)).toEqual([2]);
		engine.started('a');
		const final = engine.exited('a', 3);
		expect(engine.task('a').status).toMatchObject({state: 'failed', result: {kind: 'exit_code', code: 3}});
		expect(ofType(final, 'alert').map((a) => a.severity)).toContain('P2');
		expect(engine.task('a').attempts).toBe(2);
	});

	it('ignores events from a launch that was already replaced', () => {
		const engine = new Engine();
		engine.load([spec('a')]);
		engine.started('a');
		const stale = engine.send({type: 'sessionExited', at: engine.now, taskId: 'a', launch: 99, exitCode: 1, signal: null});
		expect(stale).toEqual([]);
		expect(engine.stateOf('a')).toBe('running');
	});

	it('runs verify after exit 0 and retries the command when verify fails', () => {
		const engine = new Engine(config({concurrency: 1}));
		engine.load([spec('a', {verify: 'test -f ok'})]);
		engine.started('a');
		const effects = engine.exited('a', 0);
		expect(ofType(effects, 'runVerify')).toHaveLength(1);
		engine.verify('a', 1, 'missing ok');
		expect(engine.stateOf('a')).toBe('retrying');
		expect(engine.task('a').verifyRuns).toHaveLength(1);
	});

	it('runs setup before the agent and fails the attempt when setup fails', () => {
		const engine = new Engine(config({concurrency: 1}));
		const effects = engine.load([spec('a', {setup: 'npm ci'})]);
		expect(ofType(effects, 'runSetup')).toHaveLength(1);
		expect(ofType(effects, 'spawn')).toHaveLength(0);
		const after = engine.send({type: 'setupFinished', at: engine.now, taskId: 'a', launch: engine.launch('a'), exitCode: 0, outputTail: '', timedOut: false});
		expect(ofType(after, 'spawn')).toHaveLength(1);
	});

	it('treats silence as a hang and the wall clock as a timeout', () => {
		const engine = new Engine(config({concurrency: 2}));
		engine.load([spec('quiet', {mtimeMs: 1}), spec('slow', {timeoutMinutes: 1, mtimeMs: 2})]);
		engine.started('quiet');
		engine.started('slow');
		const hung = engine.send({type: 'sessionIdle', at: engine.now, taskId: 'quiet', launch: engine.launch('quiet'), idleMs: 1});
		expect(ofType(hung, 'kill').map((k) => k.taskId)).toEqual(['quiet']);
		expect(engine.task('quiet').lastResult).toMatchObject({kind: 'hung'});
		const late = engine.advance(61_000);
		expect(ofType(late, 'kill').map((k) => k.taskId)).toEqual(['slow']);
		expect(engine.task('slow').lastResult).toEqual({kind: 'timeout', minutes: 1});
	});
});

describe('dependencies', () => {
	it('a failed dependency fails its dependents, transitively', () => {
		const engine = new Engine(config({concurrency: 1, defaults: {...config().defaults, maxAttempts: 1}}));
		engine.load([spec('a', {mtimeMs: 1}), spec('b', {dependsOn: ['a'], mtimeMs: 2}), spec('c', {dependsOn: ['b'], mtimeMs: 3})]);
		engine.started('a');
		engine.exited('a', 1);
		expect(engine.task('b').status).toMatchObject({state: 'failed', result: {kind: 'dependency_failed', dependency: 'a'}});
		expect(engine.task('c').status).toMatchObject({state: 'failed', result: {kind: 'dependency_failed', dependency: 'b'}});
	});

	it('a dependency runs first and its dependent after it is done', () => {
		const engine = new Engine(config({concurrency: 2}));
		const effects = engine.load([spec('child', {dependsOn: ['parent'], priority: 1000}), spec('parent')]);
		expect(ofType(effects, 'spawn').map((e) => e.taskId)).toEqual(['parent']);
		engine.started('parent');
		expect(ofType(engine.exited('parent', 0), 'spawn').map((e) => e.taskId)).toEqual(['child']);
	});

	it('blocks on a dependency that does not exist, and unblocks when it appears', () => {
		const engine = new Engine();
		engine.load([spec('b', {dependsOn: ['ghost']})]);
		expect(engine.task('b').status).toMatchObject({state: 'blocked', missing: ['ghost']});
		const effects = engine.send({type: 'taskFileChanged', at: engine.now, spec: spec('ghost')});
		expect(ofType(effects, 'spawn').map((e) => e.taskId)).toEqual(['ghost']);
		expect(engine.stateOf('b')).toBe('queued');
	});

	it('rejects tasks on a dependency cycle and accepts them once it is broken', () => {
		const engine = new Engine();
		engine.load([spec('x', {dependsOn: ['y']}), spec('y', {dependsOn: ['z']}), spec('z', {dependsOn: ['x']}), spec('free')]);
		for (const id of ['x', 'y', 'z']) {
			const status = engine.task(id).status;
			expect(status.state).toBe('rejected');
			if (status.state === 'rejected') expect(status.errors[0]?.message).toMatch(/dependency cycle: .* → .* → .* → /);
		}
		expect(engine.stateOf('free')).toBe('starting');
		engine.send({type: 'taskFileChanged', at: engine.now, spec: spec('z', {dependsOn: [], hash: 'new'})});
		expect(engine.stateOf('x')).not.toBe('rejected');
		expect(engine.stateOf('y')).not.toBe('rejected');
	});
});

describe('task files', () => {
	it('rejects an invalid file, and queues it when fixed', () => {
		const engine = new Engine();
		const effects = engine.send({type: 'taskFileInvalid', at: engine.now, id: 'bad', errors: [{file: 'tasks/bad.md', field: 'priority', line: 2, message: 'Invalid enum value'}]});
		expect(engine.stateOf('bad')).toBe('rejected');
		expect(ofType(effects, 'alert')[0]?.message).toContain('tasks/bad.md:2: priority: Invalid enum value');
		engine.send({type: 'taskFileChanged', at: engine.now, spec: spec('bad')});
		expect(['queued', 'starting']).toContain(engine.stateOf('bad'));
	});

	it('removes a queued task whose file is deleted, keeps a running one going', () => {
		const engine = new Engine(config({concurrency: 1}));
		engine.load([spec('run', {mtimeMs: 1}), spec('wait', {mtimeMs: 2})]);
		engine.started('run');
		const effects = engine.send({type: 'taskFileRemoved', at: engine.now, id: 'wait'});
		expect(engine.stateOf('wait')).toBe('absent');
		expect(ofType(effects, 'forget')).toEqual([{type: 'forget', id: 'wait'}]);
		engine.send({type: 'taskFileRemoved', at: engine.now, id: 'run'});
		expect(engine.stateOf('run')).toBe('running');
		expect(engine.task('run').fileRemoved).toBe(true);
	});

	it('runs a finished task again when its file content changes, not when it is touched', () => {
		const engine = new Engine();
		engine.load([spec('a')]);
		engine.started('a');
		engine.exited('a', 0);
		engine.send({type: 'taskFileChanged', at: engine.now, spec: {...spec('a'), mtimeMs: 5000}});
		expect(engine.stateOf('a')).toBe('done');
		engine.send({type: 'taskFileChanged', at: engine.now, spec: spec('a', {prompt: 'new', hash: 'changed'})});
		expect(engine.stateOf('a')).toBe('starting');
		expect(engine.task('a').attempts).toBe(1);
	});

	it('rejects a task naming an agent the config does not have', () => {
		const engine = new Engine();
		engine.load([spec('a', {agent: 'nope'})]);
		expect(engine.task('a').status).toMatchObject({state: 'rejected', errors: [{field: 'agent'}]});
	});
});

describe('interactive agents', () => {
	const claude = () => new Engine(config({defaultAgent: 'claude', concurrency: 1}));

	it('is done when the agent reports completion, and its session is stopped', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		const effects = engine.signal('a', {kind: 'turn_ended', lastMessage: `All fixed.\n${DONE_MARKER}`, source: 'hook'});
		expect(engine.stateOf('a')).toBe('done');
		expect(ofType(effects, 'kill')).toHaveLength(1);
	});

	it('nudges an agent that stops without a marker, then asks for review', () => {
		const engine = new Engine(config({defaultAgent: 'claude', defaults: {...config().defaults, maxNudges: 2}}));
		engine.load([spec('a')]);
		engine.started('a');
		for (const n of [1, 2]) {
			const effects = engine.signal('a', {kind: 'turn_ended', lastMessage: 'I did some of it.', source: 'screen'});
			expect(ofType(effects, 'sendInput')[0]?.text).toContain(`nudge ${n} of 2`);
			expect(engine.stateOf('a')).toBe('running');
		}
		engine.signal('a', {kind: 'turn_ended', lastMessage: 'Still partial.', source: 'screen'});
		expect(engine.task('a').status).toMatchObject({state: 'needs_review'});
	});

	it('a blocked marker goes to review with the reason', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		engine.signal('a', {kind: 'turn_ended', lastMessage: 'AUTO-CLAUDE: BLOCKED: need the API key', source: 'hook'});
		expect(engine.task('a').status).toMatchObject({state: 'needs_review', reason: 'agent is blocked: need the API key'});
	});

	it('never marks done without verify passing; failures go back to the live agent, bounded', () => {
		const engine = new Engine(config({defaultAgent: 'claude', defaults: {...config().defaults, maxVerifyRounds: 1}}));
		engine.load([spec('a', {verify: 'npm test'})]);
		engine.started('a');
		engine.signal('a', {kind: 'turn_ended', lastMessage: DONE_MARKER, source: 'hook'});
		expect(engine.stateOf('a')).toBe('verifying');
		const fed = engine.verify('a', 1, 'FAIL test/login.test.ts');
		expect(ofType(fed, 'sendInput')[0]?.text).toContain('FAIL test/login.test.ts');
		expect(engine.stateOf('a')).toBe('running');
		engine.signal('a', {kind: 'turn_ended', lastMessage: DONE_MARKER, source: 'hook'});
		engine.verify('a', 1, 'still failing');
		expect(engine.task('a').status).toMatchObject({state: 'failed', result: {kind: 'verify_failed', code: 1}});
		expect(engine.task('a').verifyRuns.map((r) => r.round)).toEqual([1, 2]);
	});

	it('verify passing marks done', () => {
		const engine = claude();
		engine.load([spec('a', {verify: 'true'})]);
		engine.started('a');
		engine.signal('a', {kind: 'turn_ended', source: 'screen'});
		engine.verify('a', 0);
		expect(engine.stateOf('a')).toBe('done');
	});

	it('answers questions by policy and escalates the rest', () => {
		const engine = new Engine(config({defaultAgent: 'claude', concurrency: 3}));
		engine.load([spec('w', {mtimeMs: 1}), spec('r', {mtimeMs: 2}), spec('q', {mtimeMs: 3})]);
		for (const id of ['w', 'r', 'q']) engine.started(id);
		const ask = (id: string, tool: string, subject: string) =>
			engine.signal(id, {kind: 'question', question: 'Do you want to proceed?', tool, subject, approveKeys: ['1'], rejectKeys: ['3'], source: 'screen'});
		expect(ofType(ask('w', 'Create file', 'notes.txt'), 'sendKeys')[0]?.keys).toEqual(['1']);
		expect(ofType(ask('r', 'Bash command', 'rm -rf build'), 'sendKeys')[0]?.keys).toEqual(['3']);
		const escalated = ask('q', 'Bash command', 'curl example.com');
		expect(ofType(escalated, 'sendKeys')).toEqual([]);
		expect(engine.task('q').status).toMatchObject({state: 'waiting_input', question: expect.stringContaining('curl example.com')});
		expect(ofType(escalated, 'alert')[0]?.severity).toBe('P3');
		const replied = engine.send({type: 'userCommand', at: engine.now, command: {kind: 'reply', id: 'q', text: 'yes'}});
		expect(ofType(replied, 'sendKeys')[0]?.keys).toEqual(['1']);
		expect(engine.stateOf('q')).toBe('running');
	});

	it('a crash retries and resumes the same conversation', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.send({type: 'sessionAssigned', at: engine.now, taskId: 'a', launch: engine.launch('a'), agentSessionId: 'uuid-1'});
		engine.started('a');
		engine.signal('a', {kind: 'session_info', agentSessionId: 'uuid-1'});
		engine.exited('a', 1);
		const retryAt = (engine.task('a').status as {retryAt: number}).retryAt;
		const effects = engine.advance(retryAt - engine.now);
		expect(ofType(effects, 'spawn')[0]).toMatchObject({resume: true, attempt: 2});
		expect(engine.task('a').session?.agentSessionId).toBe('uuid-1');
	});

	it('pauses by stopping the process and resumes by continuing it', () => {
		const engine = claude();
		engine.load([spec('a')]);
		engine.started('a');
		const paused = engine.send({type: 'userCommand', at: engine.now, command: {kind: 'pause', id: 'a'}});
		expect(ofType(paused, 'signal')[0]?.signal).toBe('SIGSTOP');
		const resumed = engine.send({type: 'userCommand', at: engine.now, command: {kind: 'resume', id: 'a'}});
		expect(ofType(resumed, 'signal')[0]?.signal).toBe('SIGCONT');
		expect(engine.stateOf('a')).toBe('running');
	});
});

describe('recovery and shutdown', () => {
	it('resumes a task found running after a crash without counting an attempt; never reruns done', () => {
		const first = new Engine(config({defaultAgent: 'claude', concurrency: 2}));
		first.load([spec('a', {mtimeMs: 1}), spec('b', {mtimeMs: 2})]);
		first.started('a');
		first.signal('a', {kind: 'session_info', agentSessionId: 'uuid-a'});
		first.started('b');
		first.signal('b', {kind: 'turn_ended', lastMessage: DONE_MARKER, source: 'hook'});
		const records = [...first.state.tasks.values()];

		const second = new Engine(config({defaultAgent: 'claude', concurrency: 2}));
		const effects = second.load([spec('a', {mtimeMs: 1}), spec('b', {mtimeMs: 2})], records);
		expect(ofType(effects, 'spawn')).toEqual([expect.objectContaining({taskId: 'a', resume: true, attempt: 1})]);
		expect(second.task('a').attempts).toBe(1);
		expect(second.stateOf('b')).toBe('done');
	});

	it('re-runs an interrupted verify instead of trusting it', () => {
		const first = new Engine(config({defaultAgent: 'claude'}));
		first.load([spec('a', {verify: 'true'})]);
		first.started('a');
		first.signal('a', {kind: 'turn_ended', source: 'hook'});
		expect(first.stateOf('a')).toBe('verifying');
		const second = new Engine(config({defaultAgent: 'claude'}));
		second.load([spec('a', {verify: 'true'})], [...first.state.tasks.values()]);
		expect(second.stateOf('a')).toBe('starting');
	});

	it('a graceful stop kills sessions and leaves tasks resumable', () => {
		const engine = new Engine(config({defaultAgent: 'claude'}));
		engine.load([spec('a')]);
		engine.started('a');
		const effects = engine.send({type: 'shutdown', at: engine.now});
		expect(ofType(effects, 'kill')).toHaveLength(1);
		expect(engine.task('a').status).toEqual({state: 'queued', resume: true});
		expect(ofType(effects, 'spawn')).toEqual([]);
	});

	it('cancelling fails the dependents', () => {
		const engine = new Engine(config({concurrency: 1}));
		engine.load([spec('a', {mtimeMs: 1}), spec('b', {dependsOn: ['a'], mtimeMs: 2})]);
		engine.started('a');
		const effects = engine.send({type: 'userCommand', at: engine.now, command: {kind: 'cancel', id: 'a'}});
		expect(ofType(effects, 'kill')).toHaveLength(1);
		expect(engine.stateOf('a')).toBe('cancelled');
		expect(engine.task('b').status).toMatchObject({state: 'failed', result: {kind: 'dependency_failed'}});
	});
});

describe('usage limits', () => {
	it('holds the account, starts nothing on it, and resumes after the reset', () => {
		const engine = new Engine(config({defaultAgent: 'claude', concurrency: 2}));
		engine.load([spec('a', {mtimeMs: 1}), spec('b', {mtimeMs: 2}), spec('c', {mtimeMs: 3})]);
		engine.started('a');
		engine.started('b');
		const resetsAt = engine.now + 20_000;
		engine.signal('a', {kind: 'limit', limitKind: 'usage_limit', text: "You've hit your 5-hour limit · resets 7pm (UTC)", resetsAt, autoContinue: false, source: 'hook'});
		expect(engine.task('a').status).toMatchObject({state: 'rate_limited', resetsAt});
		expect(engine.task('a').attempts).toBe(1);
		engine.exited('b', null, 'SIGTERM');
		expect(engine.stateOf('c')).toBe('queued');
		const effects = engine.advance(resetsAt - engine.now + 60_000);
		expect(engine.stateOf('a')).toBe('running');
		expect(ofType(effects, 'sendInput')).toHaveLength(1);
	});

	it('a transient error never holds the account', () => {
		const engine = new Engine(config({defaultAgent: 'claude'}));
		engine.load([spec('a')]);
		engine.started('a');
		engine.signal('a', {kind: 'limit', limitKind: 'transient', text: 'API Error: Repeated 529 Overloaded errors', autoContinue: false, source: 'hook'});
		expect(engine.stateOf('a')).toBe('running');
		expect(engine.state.holds.size).toBe(0);
	});
});

describe('answers that arrive before the menu', () => {
	it('a yes to a hook question is kept until the prompt is on screen, then sent as keys', () => {
		const engine = new Engine(config({defaultAgent: 'claude'}));
		engine.load([spec('a')]);
		engine.started('a');
		engine.signal('a', {kind: 'question', question: 'Allow Bash: curl x?', tool: 'Bash', subject: 'curl x', approveKeys: [], rejectKeys: [], hookRequestId: 'h1', source: 'hook'});
		expect(engine.stateOf('a')).toBe('waiting_input');
		const early = engine.send({type: 'userCommand', at: engine.now, command: {kind: 'reply', id: 'a', text: 'yes'}});
		expect(ofType(early, 'sendKeys')).toEqual([]);
		expect(engine.task('a').status).toMatchObject({state: 'waiting_input', pendingAnswer: 'yes'});
		const shown = engine.signal('a', {kind: 'question', question: 'Do you want to proceed?', tool: 'Bash command', subject: 'curl x', approveKeys: ['1'], rejectKeys: ['3'], source: 'screen'});
		expect(ofType(shown, 'sendKeys')[0]?.keys).toEqual(['1']);
		expect(engine.stateOf('a')).toBe('running');
	});
});
