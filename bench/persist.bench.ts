// Per-transition cost (reduce + atomic fsync'd write of the one changed task file) with
// 1k and 10k tasks in the queue. Every write must be O(1) in the number of tasks: the
// 10k figure must stay within 2x the 1k figure.
import fs from 'node:fs';
import {defaultConfig} from '../source/core/config.js';
import {createEngineState, type EngineState} from '../source/core/engine-state.js';
import {reduce} from '../source/core/reducer.js';
import type {TaskSpec} from '../source/core/task.js';
import {TaskStore} from '../source/runtime/store/task-store.js';
import {median, tempDir, type Result} from './util.js';

function spec(i: number): TaskSpec {
	return {id: `task-${i}`, file: `tasks/task-${i}.md`, title: `Task ${i}`, prompt: `Do thing number ${i} carefully.`, priority: i % 3, dependsOn: [], args: [], worktree: false, hash: `h${i}`, mtimeMs: i};
}

function measure(count: number, transitions: number): number {
	const dir = tempDir('ac-bench-persist-');
	const store = new TaskStore(dir);
	store.ensure();
	const config = {...defaultConfig(), concurrency: 4, defaultAgent: 'sh', agents: {sh: {kind: 'command' as const, command: ['true'], env: {}, args: [], permissions: {allow: [], deny: [], otherwise: 'escalate' as const}, trustWorkspace: true, failClosed: true}}};
	let state: EngineState = createEngineState({config, nudgeTemplate: '', verifyFeedbackTemplate: ''}, {dispatching: true, now: 1});
	const specs = Array.from({length: count}, (_, i) => spec(i));
	const apply = (event: Parameters<typeof reduce>[1]): void => {
		const result = reduce(state, event);
		state = result.state;
		for (const effect of result.effects) if (effect.type === 'persist') store.write(effect.record);
	};
	apply({type: 'loaded', at: 1, records: [], specs, invalid: []});
	const times: number[] = [];
	let at = 2;
	for (let n = 0; n < transitions; n++) {
		// The oldest running task exits 0: one transition to done plus the next task starting.
		const running = [...state.tasks.values()].find((r) => r.status.state === 'starting' || r.status.state === 'running');
		if (!running) break;
		const started = performance.now();
		apply({type: 'sessionStarted', at: at++, taskId: running.id, launch: running.launches, pid: 1});
		apply({type: 'sessionExited', at: at++, taskId: running.id, launch: running.launches, exitCode: 0, signal: null});
		times.push((performance.now() - started) / 3); // started, done, next starting
	}
	fs.rmSync(dir, {recursive: true, force: true});
	return median(times);
}

export function persistBench(): Result[] {
	measure(1000, 20); // warm up
	const small = measure(1000, 150);
	const large = measure(10_000, 150);
	const ratio = large / small;
	return [
		{name: 'per-transition persist, 1k tasks', value: small, unit: 'ms'},
		{name: 'per-transition persist, 10k tasks', value: large, unit: 'ms'},
		{name: 'ratio 10k / 1k (O(1) writes)', value: ratio, unit: 'x', budget: '≤ 2', ok: ratio <= 2},
	];
}
