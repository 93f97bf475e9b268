// Which waiting tasks start now: dependencies, capacity, account holds, then order by
// (resumed work first, priority high → low, FIFO). Also settles tasks whose
// dependencies failed (dependency_failed) or do not exist (blocked).
import {accountOf, taskLimits, type Draft} from './engine-state.js';
import type {TaskRecord, TaskStatus} from './task.js';
import {hasSession} from './task.js';

type DependencyState = {readonly kind: 'ready'} | {readonly kind: 'waiting'} | {readonly kind: 'missing'; readonly ids: string[]} | {readonly kind: 'failed'; readonly id: string};

export function dependencyState(draft: Draft, record: TaskRecord): DependencyState {
	const missing: string[] = [];
	let waiting = false;
	for (const id of record.spec?.dependsOn ?? []) {
		const dep = draft.get(id);
		if (!dep || (dep.fileRemoved && dep.status.state !== 'done')) {
			missing.push(id);
			continue;
		}
		const state = dep.status.state;
		if (state === 'failed' || state === 'cancelled') return {kind: 'failed', id};
		if (state !== 'done') waiting = true;
	}
	if (missing.length > 0) return {kind: 'missing', ids: missing};
	return waiting ? {kind: 'waiting'} : {kind: 'ready'};
}

/** Tasks that occupy a worker: a live (or starting) session, or a running verify. */
export function countActive(draft: Draft): number {
	let active = 0;
	for (const record of draft.all()) {
		if (hasSession(record.status) || (record.status.state === 'paused' && record.status.from !== 'queued' && record.status.from !== 'blocked' && record.status.from !== 'retrying')) active++;
	}
	return active;
}

function isCandidate(record: TaskRecord, now: number): boolean {
	const s = record.status;
	return s.state === 'queued' || s.state === 'blocked' || (s.state === 'retrying' && s.retryAt <= now);
}

/**
 * Settles dependency outcomes for waiting tasks and starts as many runnable tasks as
 * capacity allows. `start` performs the actual transition (kept in the reducer so the
 * scheduler stays a pure ordering policy).
 */
export function schedule(draft: Draft, start: (record: TaskRecord) => void): void {
	const runnable: TaskRecord[] = [];
	// Failing a dependent can fail its own dependents, so settle until nothing changes.
	for (let pass = 0; pass < 50; pass++) {
		let changed = false;
		runnable.length = 0;
		for (const record of draft.all()) {
			if (!isCandidate(record, draft.at)) continue;
			const deps = dependencyState(draft, record);
			if (deps.kind === 'failed') {
				draft.transition(record.id, {state: 'failed', at: draft.at, result: {kind: 'dependency_failed', dependency: deps.id}}, `dependency ${deps.id} did not succeed`, {
					lastResult: {kind: 'dependency_failed', dependency: deps.id},
				});
				draft.alert('P2', `task-failed:${record.id}`, `${record.id} failed: dependency ${deps.id} did not succeed`, record.id);
				changed = true;
				continue;
			}
			if (deps.kind === 'missing') {
				const reason = `waiting for ${deps.ids.map((id) => `"${id}"`).join(', ')}: no such task`;
				if (record.status.state !== 'blocked' || record.status.reason !== reason) {
					draft.transition(record.id, {state: 'blocked', reason, missing: deps.ids}, reason);
				}
				continue;
			}
			if (record.status.state === 'blocked') {
				draft.transition(record.id, {state: 'queued'}, 'dependency now exists');
				changed = true;
			}
			if (deps.kind === 'ready') runnable.push(draft.get(record.id)!);
		}
		if (!changed) break;
	}
	if (!draft.base.dispatching || draft.queuePaused) return;

	let capacity = draft.settings.config.concurrency - countActive(draft);
	if (capacity <= 0 || runnable.length === 0) return;
	runnable.sort(compareForStart);
	const holds = draft.holds();
	for (const record of runnable) {
		if (capacity <= 0) break;
		if (holds.size > 0 && holds.has(accountOf(draft.settings, record.spec))) continue;
		start(record);
		capacity--;
	}
}

function resumeRank(status: TaskStatus): number {
	return status.state === 'queued' && status.resume ? 0 : 1;
}

export function compareForStart(a: TaskRecord, b: TaskRecord): number {
	return resumeRank(a.status) - resumeRank(b.status) || (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0) || a.seq - b.seq || (a.id < b.id ? -1 : 1);
}

export function nextAttempt(record: TaskRecord): {attempt: number; counted: boolean} {
	const resumed = record.status.state === 'queued' && record.status.resume === true && record.attempts > 0;
	return resumed ? {attempt: record.attempts, counted: false} : {attempt: record.attempts + 1, counted: true};
}

export {taskLimits};
