// Random event sequences: whatever happens, the incremental queue indexes match a
// recomputation, no task is lost, and no task outside a session state has a live process.
import {describe, expect, it} from 'vitest';
import type {EngineEvent} from '../../source/core/events.js';
import {DONE_MARKER} from '../../source/core/markers.js';
import {Engine, config, spec} from '../support/engine.js';

function random(seed: number): () => number {
	let s = seed;
	return () => {
		s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) | 0;
		return ((s >>> 0) % 1_000_000) / 1_000_000;
	};
}

describe('random event sequences', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i keeps every index consistent', (seed) => {
		const rand = random(seed);
		const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
		const engine = new Engine(config({concurrency: 3, defaultAgent: pick(['sh', 'claude']), defaults: {...config().defaults, maxAttempts: 2, maxNudges: 1, maxVerifyRounds: 1}}));
		const ids = Array.from({length: 12}, (_, i) => `t${i}`);
		const specFor = (id: string, version: number) =>
			spec(id, {
				priority: pick([-100, 0, 0, 100, 1000]),
				dependsOn: rand() < 0.3 ? [pick(ids)].filter((d) => d !== id) : [],
				verify: rand() < 0.3 ? 'true' : undefined,
				hash: `${id}-${version}`,
				mtimeMs: version,
			});
		engine.load(ids.slice(0, 8).map((id) => specFor(id, 0)));
		const lastStart = new Map<string, number>();
		for (let step = 0; step < 400; step++) {
			const id = pick(ids);
			const record = engine.state.tasks.get(id);
			const launch = record?.launches ?? 0;
			const at = engine.now;
			const events: EngineEvent[] = [
				{type: 'taskFileChanged', at, spec: specFor(id, step)},
				{type: 'taskFileRemoved', at, id},
				{type: 'taskFileInvalid', at, id, errors: [{file: `tasks/${id}.md`, message: 'broken'}]},
				{type: 'sessionStarted', at, taskId: id, launch, pid: 100 + step},
				{type: 'sessionExited', at, taskId: id, launch, exitCode: pick([0, 1]), signal: null},
				{type: 'sessionIdle', at, taskId: id, launch, idleMs: 1},
				{type: 'agentSignal', at, taskId: id, launch, signal: {kind: 'turn_ended', lastMessage: pick([DONE_MARKER, 'partial', 'AUTO-CLAUDE: BLOCKED: no']), source: 'hook'}},
				{type: 'agentSignal', at, taskId: id, launch, signal: {kind: 'question', question: 'Do you want to proceed?', tool: 'Bash command', subject: pick(['npm test', 'curl x', 'rm -rf y']), approveKeys: ['1'], rejectKeys: ['3'], source: 'screen'}},
				{type: 'verifyFinished', at, taskId: id, round: record?.status.state === 'verifying' ? record.status.round : 1, exitCode: pick([0, 1]), durationMs: 1, outputTail: '', timedOut: false},
				{type: 'userCommand', at, command: pick([{kind: 'retry', id}, {kind: 'cancel', id}, {kind: 'pause', id}, {kind: 'resume', id}, {kind: 'reply', id, text: 'yes'}, {kind: 'pause_queue'}, {kind: 'resume_queue'}] as const)},
				{type: 'tick', at: at + 60_000},
			];
			const event = pick(events);
			if (event.type === 'tick') engine.now += 60_000;
			const before = engine.effects.length;
			engine.send(event);
			if (event.type === 'sessionStarted') lastStart.set(event.taskId, before);
			// A live process outside a session state must have been told to stop.
			for (const r of engine.state.tasks.values()) {
				if (!r.session?.live || ['starting', 'running', 'waiting_input', 'verifying', 'rate_limited', 'paused'].includes(r.status.state)) continue;
				const since = lastStart.get(r.id) ?? 0;
				const killed = engine.effects.slice(since).some((e) => e.type === 'kill' && e.taskId === r.id);
				expect(killed, `${r.id} is ${r.status.state} with a live process and no kill`).toBe(true);
			}
		}
		if (engine.state.queuePaused) engine.send({type: 'userCommand', at: engine.now, command: {kind: 'resume_queue'}});
		expect(engine.state.tasks.size).toBeGreaterThan(0);
	});
});
