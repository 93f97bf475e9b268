// Read models shared by the CLI (`task list`, `status`, `worker list`) and the control
// socket, so a running orchestrator and a direct read of state/ answer identically.
import type {EngineState} from '../core/engine-state.js';
import {summarize, type QueueSummary} from '../core/summary.js';
import {describeResult, statusAttempt, type TaskRecord, type TaskState} from '../core/task.js';

export type TaskRow = {
	readonly id: string;
	readonly title: string;
	readonly state: TaskState;
	readonly priority: number;
	readonly attempts: number;
	readonly reason?: string;
	readonly file?: string;
	readonly updatedAt: number;
	readonly createdAt: number;
	readonly dependsOn: readonly string[];
};

export function reasonOf(record: TaskRecord): string | undefined {
	const s = record.status;
	switch (s.state) {
		case 'rejected':
			return s.errors.map((e) => `${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${e.field ? `${e.field}: ` : ''}${e.message}`).join('; ');
		case 'blocked':
			return s.reason;
		case 'failed':
			return describeResult(s.result);
		case 'needs_review':
			return s.reason;
		case 'cancelled':
			return s.reason;
		case 'waiting_input':
			return s.question;
		case 'retrying':
			return `${s.reason}; next try at ${new Date(s.retryAt).toISOString()}`;
		case 'rate_limited':
			return `${s.text}${s.resetsAt ? ` (resets ${new Date(s.resetsAt).toISOString()})` : ''}`;
		case 'paused':
			return `paused (was ${s.from})`;
		default:
			return undefined;
	}
}

export function taskRow(record: TaskRecord): TaskRow {
	return {
		id: record.id,
		title: record.spec?.title ?? record.id,
		state: record.status.state,
		priority: record.spec?.priority ?? 0,
		attempts: record.attempts,
		reason: reasonOf(record),
		file: record.spec?.file ?? (record.status.state === 'rejected' ? record.status.errors[0]?.file : undefined),
		updatedAt: record.updatedAt,
		createdAt: record.createdAt,
		dependsOn: record.spec?.dependsOn ?? [],
	};
}

export function listTasks(state: EngineState, states?: readonly string[]): TaskRow[] {
	const wanted = states && states.length > 0 ? new Set(states) : undefined;
	return [...state.tasks.values()]
		.filter((record) => !wanted || wanted.has(record.status.state))
		.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1))
		.map(taskRow);
}

export type WorkerRow = {readonly slot: number; readonly taskId?: string; readonly state?: TaskState; readonly pid?: number; readonly attempt?: number; readonly since?: number; readonly lastOutputAgeMs?: number};

export type StatusReport = {
	readonly running: boolean;
	readonly pid?: number;
	readonly workDir: string;
	readonly concurrency: number;
	readonly queuePaused: boolean;
	readonly summary: QueueSummary;
	readonly holds: readonly {account: string; resetsAt?: number; resumeAt: number; text: string; secondsLeft: number; source: string; probing: boolean}[];
	/** Every known account: free, held (with its countdown) or being probed. */
	readonly accounts: readonly {name: string; status: 'free' | 'held' | 'probing'; running: number; resetsAt?: number; secondsLeft?: number; text?: string}[];
	readonly workers: readonly WorkerRow[];
};

export function workerRows(state: EngineState, lastOutput?: (taskId: string) => number | undefined, now = Date.now()): WorkerRow[] {
	const busy = [...state.tasks.values()]
		.filter((r) => ['starting', 'running', 'waiting_input', 'verifying', 'rate_limited'].includes(r.status.state) || (r.status.state === 'paused' && r.session?.live))
		.sort((a, b) => (a.session?.startedAt ?? 0) - (b.session?.startedAt ?? 0));
	const rows: WorkerRow[] = [];
	const slots = Math.max(state.settings.config.concurrency, busy.length);
	for (let slot = 1; slot <= slots; slot++) {
		const record = busy[slot - 1];
		if (!record) {
			rows.push({slot});
			continue;
		}
		const last = lastOutput?.(record.id);
		rows.push({
			slot,
			taskId: record.id,
			state: record.status.state,
			pid: record.session?.live ? record.session.pid : undefined,
			attempt: statusAttempt(record),
			since: record.session?.startedAt,
			lastOutputAgeMs: last !== undefined ? now - last : undefined,
		});
	}
	return rows;
}

export function statusReport(state: EngineState, info: {running: boolean; pid?: number; workDir: string; lastOutput?: (taskId: string) => number | undefined}, now = Date.now()): StatusReport {
	return {
		running: info.running,
		pid: info.pid,
		workDir: info.workDir,
		concurrency: state.settings.config.concurrency,
		queuePaused: state.queuePaused,
		summary: summarize(state),
		holds: [...state.holds.values()].map((hold) => ({
			account: hold.account,
			resetsAt: hold.resetsAt,
			resumeAt: hold.resumeAt,
			text: hold.text,
			secondsLeft: Math.max(0, Math.round((hold.resumeAt - now) / 1000)),
			source: hold.source,
			probing: hold.probing === true,
		})),
		accounts: accountRows(state, now),
		workers: info.running ? workerRows(state, info.lastOutput, now) : [],
	};
}

function accountRows(state: EngineState, now: number): StatusReport['accounts'] {
	const names = new Set<string>([...state.settings.config.accounts.map((a) => a.name), ...state.holds.keys(), ...Object.keys(state.activeByAccount)]);
	if (names.size === 0) names.add('default');
	return [...names].map((name) => {
		const hold = state.holds.get(name);
		return {
			name,
			status: hold ? (hold.probing ? 'probing' : 'held') : 'free',
			running: state.activeByAccount[name] ?? 0,
			...(hold ? {resetsAt: hold.resetsAt, secondsLeft: Math.max(0, Math.round((hold.resumeAt - now) / 1000)), text: hold.text} : {}),
		};
	});
}
