// Whether a queued task can still run in this session of the orchestrator, following
// its dependency chain: used to decide that a headless run is finished even though
// some tasks wait on others that need a person.
import {accountOf, type EngineState} from './engine-state.js';
import type {TaskRecord} from './task.js';

export type DependencyOutlook = 'ready' | 'waiting-active' | 'waiting-held' | 'stuck' | 'failed';

export function dependencyStateOf(state: EngineState, record: TaskRecord, memo = new Map<string, DependencyOutlook>()): DependencyOutlook {
	const cached = memo.get(record.id);
	if (cached) return cached;
	memo.set(record.id, 'stuck'); // cycle guard
	let outlook: DependencyOutlook = 'ready';
	for (const id of record.spec?.dependsOn ?? []) {
		const dep = state.tasks.get(id);
		const next = outlookOf(state, dep, memo);
		if (next === 'failed') {
			outlook = 'failed';
			break;
		}
		if (rank(next) > rank(outlook)) outlook = next;
	}
	memo.set(record.id, outlook);
	return outlook;
}

function outlookOf(state: EngineState, dep: TaskRecord | undefined, memo: Map<string, DependencyOutlook>): DependencyOutlook {
	if (!dep) return 'stuck';
	const s = dep.status.state;
	if (s === 'done') return 'ready';
	if (s === 'failed' || s === 'cancelled') return 'failed';
	if (s === 'starting' || s === 'running' || s === 'verifying' || s === 'retrying') return 'waiting-active';
	if (s === 'rate_limited') return 'waiting-held';
	if (s === 'queued') {
		const own = dependencyStateOf(state, dep, memo);
		if (own === 'failed' || own === 'stuck') return own;
		if (state.holds.has(accountOf(state.settings, dep.spec))) return 'waiting-held';
		if (own === 'waiting-held') return own;
		return state.queuePaused ? 'stuck' : 'waiting-active';
	}
	return 'stuck';
}

function rank(outlook: DependencyOutlook): number {
	return {ready: 0, 'waiting-active': 1, 'waiting-held': 2, stuck: 3, failed: 4}[outlook];
}
