// The queue's indexes, kept up to date on every change instead of recomputed per event:
// how many tasks occupy a worker, the waiting tasks in start order, and who depends on
// whom. They keep an event's cost independent of how many tasks wait.
import {hasSession, type TaskRecord, type TaskStatus} from './task.js';

/** A task that holds a worker slot: a live session, a running check, or a stopped process. */
export function occupiesWorker(record: TaskRecord | undefined): boolean {
	if (!record) return false;
	const s = record.status;
	return hasSession(s) || (s.state === 'paused' && s.from !== 'queued' && s.from !== 'blocked' && s.from !== 'retrying');
}

/** Tasks that belong in the start order: waiting to start now or after a back-off. */
export function inStartOrder(record: TaskRecord | undefined): boolean {
	const state = record?.status.state;
	return state === 'queued' || state === 'retrying';
}

function resumeRank(status: TaskStatus): number {
	return status.state === 'queued' && status.resume ? 0 : 1;
}

/** Resumed work first, then priority (high → low), then FIFO, then id. */
export function compareForStart(a: TaskRecord, b: TaskRecord): number {
	return resumeRank(a.status) - resumeRank(b.status) || (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0) || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortKeyChanged(before: TaskRecord, after: TaskRecord): boolean {
	return resumeRank(before.status) !== resumeRank(after.status) || before.spec?.priority !== after.spec?.priority || before.seq !== after.seq;
}

/** Reverse dependency index: for each id, the tasks that depend on it. */
export function buildDependents(records: Iterable<TaskRecord>): Map<string, string[]> {
	const dependents = new Map<string, string[]>();
	for (const record of records) {
		for (const dep of record.spec?.dependsOn ?? []) {
			const list = dependents.get(dep);
			if (list) list.push(record.id);
			else dependents.set(dep, [record.id]);
		}
	}
	return dependents;
}
