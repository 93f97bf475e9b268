// The table's row order: what is happening now first, then what comes next (in the order
// it will start), then what needs a person, then what is finished (newest first). Sorted
// once per change of the task map, not per frame, so 10k tasks cost nothing while idle.
import type {EngineState} from '../../core/engine-state.js';
import type {TaskRecord, TaskState} from '../../core/task.js';
import {STATE_STYLE, stateSince} from '../view/format.js';
import {matchesFilter} from './ui-state.js';

const GROUP: Readonly<Record<TaskState, number>> = {
	waiting_input: 0,
	starting: 0,
	running: 0,
	verifying: 0,
	rate_limited: 0,
	paused: 1,
	retrying: 1,
	queued: 1,
	blocked: 1,
	needs_review: 2,
	failed: 2,
	rejected: 2,
	done: 3,
	cancelled: 3,
};

function endedAt(record: TaskRecord): number {
	const s = record.status as {at?: number};
	return s.at ?? record.updatedAt;
}

export function orderTasks(state: EngineState): TaskRecord[] {
	const startOrder = new Map<string, number>();
	state.order.forEach((id, index) => startOrder.set(id, index));
	const keyed = [...state.tasks.values()].map((record) => {
		const group = GROUP[record.status.state];
		let k1: number;
		if (group === 0) k1 = record.session?.startedAt ?? stateSince(record) ?? record.updatedAt;
		else if (group === 1) k1 = startOrder.get(record.id) ?? state.order.length + record.seq;
		else k1 = -endedAt(record);
		return {record, group, k1};
	});
	keyed.sort((a, b) => a.group - b.group || a.k1 - b.k1 || a.record.seq - b.record.seq || (a.record.id < b.record.id ? -1 : 1));
	return keyed.map((k) => k.record);
}

export function filterTasks(records: readonly TaskRecord[], filter: string): readonly TaskRecord[] {
	if (!filter.trim()) return records;
	return records.filter((r) => matchesFilter(filter, [r.id, r.spec?.title ?? '', r.status.state, STATE_STYLE[r.status.state].label]));
}

/** Memoizes the order on the task map's identity and the filter. */
export class TaskOrder {
	private tasks: EngineState['tasks'] | undefined;
	private order: TaskRecord[] = [];
	private filter = '';
	private filtered: readonly TaskRecord[] = [];

	rows(state: EngineState, filter: string): readonly TaskRecord[] {
		if (state.tasks !== this.tasks) {
			this.tasks = state.tasks;
			this.order = orderTasks(state);
			this.filter = '\u0000';
		}
		if (filter !== this.filter) {
			this.filter = filter;
			this.filtered = filterTasks(this.order, filter);
		}
		return this.filtered;
	}
}
