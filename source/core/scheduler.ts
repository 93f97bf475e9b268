// Which waiting tasks start now: dependencies, capacity, account holds, then order by
// (resumed work first, priority high → low, FIFO). Also settles tasks whose
// dependencies failed (dependency_failed) or do not exist (blocked).
import {accountOf, slotsOfAccount, taskLimits, usesAccountPool, type Draft} from './engine-state.js';
import type {TaskRecord} from './task.js';

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

/**
 * Settles dependency outcomes for waiting tasks, then starts as many runnable tasks as
 * capacity allows. `start` performs the actual transition (kept in the reducer so the
 * scheduler stays a pure ordering policy).
 *
 * `full` re-examines every task with dependencies (after task files change); otherwise
 * only the dependents of tasks whose state changed in this event are looked at, and the
 * start order is an index kept up to date on every change, so an event costs about the
 * same whether ten or ten thousand tasks wait.
 */
export function schedule(draft: Draft, start: (record: TaskRecord, account: string) => void, options: {full: boolean}): void {
	settle(draft, options.full);
	if (!draft.base.dispatching || draft.queuePaused) return;
	let capacity = draft.settings.config.concurrency - draft.activeCount;
	if (capacity <= 0) return;
	const holds = draft.holds();
	for (const id of [...draft.order]) {
		if (capacity <= 0) break;
		const record = draft.get(id);
		if (!record) continue;
		const s = record.status;
		if (s.state === 'retrying' ? s.retryAt > draft.at : s.state !== 'queued') continue;
		if (record.spec && record.spec.dependsOn.length > 0 && dependencyState(draft, record).kind !== 'ready') continue;
		const account = chooseAccount(draft, record, holds);
		if (account === undefined) continue;
		start(record, account);
		capacity--;
	}
}

/**
 * Where a task starts. A task keeps the account its conversation lives on; a new one in
 * an account pool takes the first account that is not held and has a free slot.
 */
function chooseAccount(draft: Draft, record: TaskRecord, holds: ReadonlyMap<string, unknown>): string | undefined {
	const settings = draft.settings;
	const pinned = record.account !== undefined && record.session?.resumable === true;
	if (!usesAccountPool(settings, record.spec) || pinned) {
		const account = accountOf(settings, record.spec, record);
		if (holds.has(account)) return undefined;
		if (settings.config.accounts.length > 0 && (draft.activeByAccount[account] ?? 0) >= slotsOfAccount(settings, account)) return undefined;
		return account;
	}
	for (const candidate of settings.config.accounts) {
		if (holds.has(candidate.name)) continue;
		if ((draft.activeByAccount[candidate.name] ?? 0) < slotsOfAccount(settings, candidate.name)) return candidate.name;
	}
	return undefined;
}

function settle(draft: Draft, full: boolean): void {
	const pending: string[] = [];
	if (full) {
		for (const record of draft.all()) if ((record.spec && record.spec.dependsOn.length > 0) || record.status.state === 'blocked') pending.push(record.id);
	}
	const seen = new Set<string>();
	const enqueueDependents = (): void => {
		for (const id of draft.touched) {
			if (seen.has(`t:${id}`)) continue;
			seen.add(`t:${id}`);
			for (const dependent of draft.dependents.get(id) ?? []) pending.push(dependent);
		}
	};
	enqueueDependents();
	for (let i = 0; i < pending.length; i++) {
		const record = draft.get(pending[i]!);
		if (!record) continue;
		const s = record.status.state;
		if (s !== 'queued' && s !== 'blocked' && s !== 'retrying') continue;
		if (!record.spec || record.spec.dependsOn.length === 0) {
			if (s === 'blocked') draft.transition(record.id, {state: 'queued'}, 'dependency no longer needed');
			continue;
		}
		const deps = dependencyState(draft, record);
		if (deps.kind === 'failed') {
			draft.transition(record.id, {state: 'failed', at: draft.at, result: {kind: 'dependency_failed', dependency: deps.id}}, `dependency ${deps.id} did not succeed`, {
				lastResult: {kind: 'dependency_failed', dependency: deps.id},
			});
			draft.alert('P2', `task-failed:${record.id}`, `${record.id} failed: dependency ${deps.id} did not succeed`, record.id);
			enqueueDependents();
		} else if (deps.kind === 'missing') {
			const reason = `waiting for ${deps.ids.map((id) => `"${id}"`).join(', ')}: no such task`;
			if (s !== 'blocked' || (record.status.state === 'blocked' && record.status.reason !== reason)) draft.transition(record.id, {state: 'blocked', reason, missing: deps.ids}, reason);
		} else if (s === 'blocked') {
			draft.transition(record.id, {state: 'queued'}, 'dependency now exists');
		}
	}
}

export function nextAttempt(record: TaskRecord): {attempt: number; counted: boolean} {
	const resumed = record.status.state === 'queued' && record.status.resume === true && record.attempts > 0;
	return resumed ? {attempt: record.attempts, counted: false} : {attempt: record.attempts + 1, counted: true};
}

export {taskLimits};
