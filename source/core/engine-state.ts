// The engine's state and the draft used while reducing one event. The draft copies the
// task map at most once per event, records every transition in the task's history and
// turns changes into `persist` effects that run before anything else the event caused.
import type {AgentConfig, Config} from './config.js';
import type {Effect, Severity} from './effects.js';
import {PersistentMap} from './persistent-map.js';
import {compareForStart, inStartOrder, occupiesWorker, sortKeyChanged} from './queue-index.js';
import {
	HISTORY_LIMIT,
	TASK_SCHEMA_VERSION,
	type ResumeMode,
	type TaskRecord,
	type TaskSpec,
	type TaskState,
	type TaskStatus,
} from './task.js';

export type AccountHold = {
	readonly account: string;
	readonly since: number;
	/** Epoch ms when the limit resets, when known. */
	readonly resetsAt?: number;
	/** When to resume (reset + margin) or probe next (unknown reset). */
	readonly resumeAt: number;
	readonly text: string;
	readonly source: string;
	readonly probes: number;
	/** resetsAt came from the CLI's exact epoch (not from text rounded to the minute). */
	readonly resetExact?: boolean;
	/** A probe of the account is running (unknown reset time). */
	readonly probing?: boolean;
};

export type EngineSettings = {
	readonly config: Config;
	/** templates/continue.md: the nudge typed when the agent stops without a marker. */
	readonly nudgeTemplate: string;
	/** How a failed verify is reported back to the agent. */
	readonly verifyFeedbackTemplate: string;
};

export type EngineState = {
	readonly tasks: ReadonlyMap<string, TaskRecord>;
	readonly settings: EngineSettings;
	/** False for one-shot CLI commands working directly on state/: nothing is started. */
	readonly dispatching: boolean;
	readonly queuePaused: boolean;
	readonly holds: ReadonlyMap<string, AccountHold>;
	readonly nextSeq: number;
	readonly now: number;
	/** Ids of queued and retrying tasks in start order (see queue-index.ts). */
	readonly order: readonly string[];
	/** Tasks holding a worker slot. */
	readonly activeCount: number;
	/** Tasks holding a worker slot, per account. */
	readonly activeByAccount: Readonly<Record<string, number>>;
	/** How many tasks are in each state. */
	readonly counts: Readonly<Partial<Record<TaskState, number>>>;
	/** For each id, the tasks that depend on it (rebuilt when task files change). */
	readonly dependents: ReadonlyMap<string, readonly string[]>;
};

export function createEngineState(settings: EngineSettings, options: {dispatching: boolean; now: number}): EngineState {
	return {
		tasks: PersistentMap.empty<TaskRecord>(),
		settings,
		dispatching: options.dispatching,
		queuePaused: false,
		holds: new Map(),
		nextSeq: 1,
		now: options.now,
		order: [],
		activeCount: 0,
		activeByAccount: {},
		counts: {},
		dependents: new Map(),
	};
}

export type TaskLimits = {
	readonly maxAttempts: number;
	readonly maxVerifyRounds: number;
	readonly maxNudges: number;
	readonly timeoutMinutes: number;
	readonly idleTimeoutMinutes: number;
	readonly resume: ResumeMode;
};

export function taskLimits(settings: EngineSettings, spec: TaskSpec | null): TaskLimits {
	const d = settings.config.defaults;
	return {
		maxAttempts: spec?.maxAttempts ?? d.maxAttempts,
		maxVerifyRounds: spec?.maxVerifyRounds ?? d.maxVerifyRounds,
		maxNudges: spec?.maxNudges ?? d.maxNudges,
		timeoutMinutes: spec?.timeoutMinutes ?? d.timeoutMinutes,
		idleTimeoutMinutes: spec?.idleTimeoutMinutes ?? d.idleTimeoutMinutes,
		resume: spec?.resume ?? d.resume,
	};
}

export function agentNameOf(settings: EngineSettings, spec: TaskSpec | null): string {
	return spec?.agent ?? settings.config.defaultAgent;
}

export function agentOf(settings: EngineSettings, spec: TaskSpec | null): AgentConfig | undefined {
	return settings.config.agents[agentNameOf(settings, spec)];
}

/** Interactive agents (claude, demo) finish by signals; command agents by their exit code. */
export function isInteractive(settings: EngineSettings, spec: TaskSpec | null): boolean {
	return agentOf(settings, spec)?.kind !== 'command';
}

/**
 * The account a task's sessions run on. A usage limit holds a whole account. The
 * account recorded at the task's first start wins (its conversation lives there), then
 * an explicit `account`, then the agent's config dir.
 */
export function accountOf(settings: EngineSettings, spec: TaskSpec | null, record?: TaskRecord): string {
	if (record?.account) return record.account;
	if (spec?.account) return spec.account;
	const agent = agentOf(settings, spec);
	const byDir = settings.config.accounts.find((account) => account.configDir === agent?.configDir);
	if (byDir) return byDir.name;
	return agent?.configDir ?? 'default';
}

/** Tasks of claude agents are spread over the configured accounts (when there are any). */
export function usesAccountPool(settings: EngineSettings, spec: TaskSpec | null): boolean {
	return settings.config.accounts.length > 0 && !spec?.account && agentOf(settings, spec)?.kind === 'claude';
}

/** Worker slots are bound to accounts round-robin: slot i belongs to account i mod n. */
export function slotsOfAccount(settings: EngineSettings, account: string): number {
	const accounts = settings.config.accounts;
	const index = accounts.findIndex((a) => a.name === account);
	if (index < 0) return settings.config.concurrency;
	const n = accounts.length;
	return Math.floor(settings.config.concurrency / n) + (index < settings.config.concurrency % n ? 1 : 0);
}

export function newRecord(id: string, spec: TaskSpec | null, status: TaskStatus, seq: number, at: number): TaskRecord {
	return {
		schemaVersion: TASK_SCHEMA_VERSION,
		id,
		spec,
		status,
		attempts: 0,
		launches: 0,
		nudges: 0,
		verifyRounds: 0,
		seq,
		createdAt: at,
		updatedAt: at,
		verifyRuns: [],
		history: [{at, from: null, to: status.state, reason: spec ? 'task file found' : 'task file invalid'}],
	};
}

export class Draft {
	readonly at: number;
	/** Records changed (or removed: undefined) during this event, applied to the base at the end. */
	private readonly overlay = new Map<string, TaskRecord | undefined>();
	private holdsDraft: Map<string, AccountHold> | undefined;
	private readonly changed = new Set<string>();
	private readonly removed = new Set<string>();
	private readonly effects: Effect[] = [];
	private seq: number;
	private orderDraft: string[] | undefined;
	private dependentsDraft: ReadonlyMap<string, readonly string[]> | undefined;
	/** Ids whose state changed during this event (their dependents may need settling). */
	readonly touched = new Set<string>();
	activeCount: number;
	private activeByAccountDraft: Record<string, number> | undefined;
	private countsDraft: Partial<Record<TaskState, number>> | undefined;
	queuePaused: boolean;

	constructor(
		readonly base: EngineState,
		at: number,
	) {
		this.at = at;
		this.seq = base.nextSeq;
		this.queuePaused = base.queuePaused;
		this.activeCount = base.activeCount;
	}

	get order(): readonly string[] {
		return this.orderDraft ?? this.base.order;
	}

	get dependents(): ReadonlyMap<string, readonly string[]> {
		return this.dependentsDraft ?? this.base.dependents;
	}

	setDependents(dependents: ReadonlyMap<string, readonly string[]>): void {
		this.dependentsDraft = dependents;
	}

	/** Keeps the indexes right for one record going from `before` to `after`. */
	private index(id: string, before: TaskRecord | undefined, after: TaskRecord | undefined): void {
		const wasBusy = occupiesWorker(before);
		const isBusy = occupiesWorker(after);
		if (wasBusy !== isBusy) this.activeCount += isBusy ? 1 : -1;
		const accountBefore = wasBusy && before ? accountOf(this.base.settings, before.spec, before) : undefined;
		const accountAfter = isBusy && after ? accountOf(this.base.settings, after.spec, after) : undefined;
		if (accountBefore !== accountAfter) {
			this.activeByAccountDraft ??= {...this.base.activeByAccount};
			if (accountBefore) this.activeByAccountDraft[accountBefore] = (this.activeByAccountDraft[accountBefore] ?? 1) - 1;
			if (accountAfter) this.activeByAccountDraft[accountAfter] = (this.activeByAccountDraft[accountAfter] ?? 0) + 1;
		}
		const wasQueued = inStartOrder(before);
		const isQueued = inStartOrder(after);
		const moved = wasQueued && isQueued && before && after && sortKeyChanged(before, after);
		if (wasQueued && (!isQueued || moved)) {
			this.orderDraft ??= [...this.base.order];
			const at = this.orderDraft.indexOf(id);
			if (at >= 0) this.orderDraft.splice(at, 1);
		}
		if (isQueued && after && (!wasQueued || moved)) {
			this.orderDraft ??= [...this.base.order];
			let low = 0;
			let high = this.orderDraft.length;
			while (low < high) {
				const mid = (low + high) >>> 1;
				const other = this.get(this.orderDraft[mid]!);
				if (other && compareForStart(other, after) <= 0) low = mid + 1;
				else high = mid;
			}
			this.orderDraft.splice(low, 0, id);
		}
		if (before?.status.state !== after?.status.state) {
			this.touched.add(id);
			this.countsDraft ??= {...this.base.counts};
			if (before) this.countsDraft[before.status.state] = (this.countsDraft[before.status.state] ?? 1) - 1;
			if (after) this.countsDraft[after.status.state] = (this.countsDraft[after.status.state] ?? 0) + 1;
		}
	}

	get activeByAccount(): Readonly<Record<string, number>> {
		return this.activeByAccountDraft ?? this.base.activeByAccount;
	}

	get counts(): Readonly<Partial<Record<TaskState, number>>> {
		return this.countsDraft ?? this.base.counts;
	}

	get settings(): EngineSettings {
		return this.base.settings;
	}

	get(id: string): TaskRecord | undefined {
		return this.overlay.has(id) ? this.overlay.get(id) : this.base.tasks.get(id);
	}

	/** Every current record; safe to iterate while records are being changed. */
	*all(): Iterable<TaskRecord> {
		if (this.overlay.size === 0) {
			yield* this.base.tasks.values();
			return;
		}
		const overlay = new Map(this.overlay);
		for (const [id, record] of this.base.tasks) {
			if (!overlay.has(id)) yield record;
			else {
				const current = this.get(id);
				if (current) yield current;
			}
		}
		for (const id of overlay.keys()) {
			if (this.base.tasks.has(id)) continue;
			const current = this.get(id);
			if (current) yield current;
		}
	}

	holds(): ReadonlyMap<string, AccountHold> {
		return this.holdsDraft ?? this.base.holds;
	}

	setHold(account: string, hold: AccountHold | undefined): void {
		this.holdsDraft ??= new Map(this.base.holds);
		if (hold) this.holdsDraft.set(account, hold);
		else this.holdsDraft.delete(account);
	}

	takeSeq(): number {
		return this.seq++;
	}

	/** Keeps new sequence numbers above those of records loaded from disk. */
	seqAbove(seq: number): void {
		if (this.seq <= seq) this.seq = seq + 1;
	}

	/**
	 * Stores a record as is (no history entry); it is persisted at the end of the event.
	 * `persist: false` is for records that can be rebuilt from their task file alone (a
	 * freshly queued task), so a start-up over thousands of files writes nothing.
	 */
	put(record: TaskRecord, options: {persist?: boolean} = {}): void {
		const before = this.get(record.id);
		this.overlay.set(record.id, record);
		this.index(record.id, before, record);
		if (options.persist !== false) this.changed.add(record.id);
		this.removed.delete(record.id);
	}

	remove(id: string): void {
		const before = this.get(id);
		if (!before) return;
		this.overlay.set(id, undefined);
		this.index(id, before, undefined);
		this.removed.add(id);
		this.changed.delete(id);
	}

	patch(id: string, patch: Partial<TaskRecord>): TaskRecord | undefined {
		const record = this.get(id);
		if (!record) return undefined;
		const next = {...record, ...patch, updatedAt: this.at};
		this.put(next);
		return next;
	}

	/** Moves a task to a new status, with a history entry and a transition notice. */
	transition(id: string, status: TaskStatus, reason: string, patch: Partial<TaskRecord> = {}): TaskRecord | undefined {
		const record = this.get(id);
		if (!record) return undefined;
		const from = record.status.state;
		const history = [...record.history, {at: this.at, from, to: status.state, reason}];
		if (history.length > HISTORY_LIMIT) history.splice(1, history.length - HISTORY_LIMIT);
		const next: TaskRecord = {...record, ...patch, status, history, updatedAt: this.at};
		this.put(next);
		this.effects.push({type: 'transition', taskId: id, from, to: status.state, reason, at: this.at});
		return next;
	}

	emit(effect: Effect): void {
		this.effects.push(effect);
	}

	alert(severity: Severity, key: string, message: string, taskId?: string): void {
		this.effects.push({type: 'alert', severity, key, message, ...(taskId ? {taskId} : {})});
	}

	finish(): {state: EngineState; effects: Effect[]} {
		const persists: Effect[] = [];
		for (const id of this.removed) persists.push({type: 'forget', id});
		const base = this.base.tasks instanceof PersistentMap ? this.base.tasks : PersistentMap.from(this.base.tasks);
		const tasks = this.overlay.size > 0 ? base.update(this.overlay) : this.base.tasks;
		for (const id of this.changed) {
			const record = tasks.get(id);
			if (record) persists.push({type: 'persist', record});
		}
		const state: EngineState = {
			...this.base,
			tasks,
			holds: this.holdsDraft ?? this.base.holds,
			nextSeq: this.seq,
			queuePaused: this.queuePaused,
			order: this.orderDraft ?? this.base.order,
			activeCount: this.activeCount,
			activeByAccount: this.activeByAccountDraft ?? this.base.activeByAccount,
			counts: this.countsDraft ?? this.base.counts,
			dependents: this.dependentsDraft ?? this.base.dependents,
			now: Math.max(this.base.now, this.at),
		};
		return {state, effects: [...persists, ...this.effects]};
	}
}
