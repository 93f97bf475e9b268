// The engine's state and the draft used while reducing one event. The draft copies the
// task map at most once per event, records every transition in the task's history and
// turns changes into `persist` effects that run before anything else the event caused.
import type {AgentConfig, Config} from './config.js';
import type {Effect, Severity} from './effects.js';
import {
	HISTORY_LIMIT,
	TASK_SCHEMA_VERSION,
	type ResumeMode,
	type TaskRecord,
	type TaskSpec,
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
};

export function createEngineState(settings: EngineSettings, options: {dispatching: boolean; now: number}): EngineState {
	return {tasks: new Map(), settings, dispatching: options.dispatching, queuePaused: false, holds: new Map(), nextSeq: 1, now: options.now};
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
 * The account a task's sessions run on. A usage limit holds a whole account.
 * Explicit `account` wins; otherwise the agent's config dir names it.
 */
export function accountOf(settings: EngineSettings, spec: TaskSpec | null): string {
	if (spec?.account) return spec.account;
	const agent = agentOf(settings, spec);
	const byDir = settings.config.accounts.find((account) => account.configDir === agent?.configDir);
	if (byDir) return byDir.name;
	return agent?.configDir ?? 'default';
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
	private tasks: Map<string, TaskRecord> | undefined;
	private holdsDraft: Map<string, AccountHold> | undefined;
	private readonly changed = new Set<string>();
	private readonly removed = new Set<string>();
	private readonly effects: Effect[] = [];
	private seq: number;
	queuePaused: boolean;

	constructor(
		readonly base: EngineState,
		at: number,
	) {
		this.at = at;
		this.seq = base.nextSeq;
		this.queuePaused = base.queuePaused;
	}

	get settings(): EngineSettings {
		return this.base.settings;
	}

	get(id: string): TaskRecord | undefined {
		return (this.tasks ?? this.base.tasks).get(id);
	}

	all(): Iterable<TaskRecord> {
		return (this.tasks ?? this.base.tasks).values();
	}

	get size(): number {
		return (this.tasks ?? this.base.tasks).size;
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
		this.tasks ??= new Map(this.base.tasks);
		this.tasks.set(record.id, record);
		if (options.persist !== false) this.changed.add(record.id);
		this.removed.delete(record.id);
	}

	remove(id: string): void {
		this.tasks ??= new Map(this.base.tasks);
		if (this.tasks.delete(id)) {
			this.removed.add(id);
			this.changed.delete(id);
		}
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
		const tasks = this.tasks ?? this.base.tasks;
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
			now: Math.max(this.base.now, this.at),
		};
		return {state, effects: [...persists, ...this.effects]};
	}
}
