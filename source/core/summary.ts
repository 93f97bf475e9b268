// Counting the queue and deciding when a headless run is finished, and with what exit
// code: 0 everything done, 1 something failed or needs a person, 75 stopped by a usage
// limit (cron retries later).
import {accountOf, type EngineState} from './engine-state.js';
import {dependencyStateOf} from './scheduler-view.js';
import {ALL_STATES, type TaskState} from './task.js';

export type QueueSummary = {
	readonly counts: Readonly<Record<TaskState, number>>;
	readonly total: number;
	/** Tasks with a live session or a command running, or retrying soon. */
	readonly active: number;
	/** Queued tasks that could start now or once running ones finish. */
	readonly runnable: number;
	/** Tasks waiting only for an account hold to lift. */
	readonly held: number;
	readonly drained: boolean;
	readonly exitCode: 0 | 1 | 75;
	/** Earliest time a hold lifts, when one does. */
	readonly nextResumeAt?: number;
};

const ACTIVE: ReadonlySet<TaskState> = new Set(['starting', 'running', 'verifying', 'retrying']);

export function summarize(state: EngineState): QueueSummary {
	const counts = Object.fromEntries(ALL_STATES.map((s) => [s, state.counts[s] ?? 0])) as Record<TaskState, number>;
	let active = 0;
	for (const s of ACTIVE) active += counts[s];
	let runnable = 0;
	let held = counts.rate_limited;
	// Only waiting tasks can still change the outcome: walk the start order, not the whole queue.
	const memo = new Map();
	for (const id of state.order) {
		const record = state.tasks.get(id);
		if (!record || record.status.state !== 'queued') continue;
		const deps = dependencyStateOf(state, record, memo);
		if (deps === 'failed' || deps === 'stuck') continue;
		if (state.holds.has(accountOf(state.settings, record.spec)) || deps === 'waiting-held') held++;
		else if (!state.queuePaused) runnable++;
		// While anything runs, one runnable task is enough to know the queue is not drained.
		if (active > 0 && runnable > 0) break;
	}
	const total = state.tasks.size;
	const drained = active === 0 && runnable === 0;
	let nextResumeAt: number | undefined;
	for (const hold of state.holds.values()) nextResumeAt = nextResumeAt === undefined ? hold.resumeAt : Math.min(nextResumeAt, hold.resumeAt);
	const settled = counts.done + counts.cancelled;
	const exitCode: 0 | 1 | 75 = held > 0 ? 75 : settled === total ? 0 : 1;
	return {counts, total, active, runnable, held, drained, exitCode, nextResumeAt};
}
