// The task model: what a task file says (TaskSpec), where a task is in its life
// (TaskStatus, with the data of each state inside it) and how a run ended (TaskResult).
// Everything here is plain data so it can be persisted, diffed and table-tested.

export const PRIORITY_LEVELS = {urgent: 1000, high: 100, normal: 0, low: -100} as const;
export type PriorityName = keyof typeof PRIORITY_LEVELS;

export type ResumeMode = 'session' | 'restart' | 'none';

/** One problem found in a task file: where it is and what is wrong. */
export type ValidationIssue = {
	readonly file: string;
	readonly field?: string;
	readonly line?: number;
	readonly column?: number;
	readonly message: string;
};

/** A validated task file. Optional limits stay undefined here; config supplies defaults. */
export type TaskSpec = {
	readonly id: string;
	/** Path of the task file relative to the work folder, e.g. "tasks/fix-login.md". */
	readonly file: string;
	readonly title: string;
	readonly prompt: string;
	readonly cwd?: string;
	/** Numeric priority; names map through PRIORITY_LEVELS (higher runs first). */
	readonly priority: number;
	readonly dependsOn: readonly string[];
	readonly agent?: string;
	readonly account?: string;
	readonly model?: string;
	readonly permissionMode?: string;
	readonly allowedTools?: readonly string[];
	readonly disallowedTools?: readonly string[];
	readonly args: readonly string[];
	readonly worktree: boolean;
	readonly setup?: string;
	readonly verify?: string;
	readonly maxAttempts?: number;
	readonly maxVerifyRounds?: number;
	readonly maxNudges?: number;
	readonly timeoutMinutes?: number;
	readonly idleTimeoutMinutes?: number;
	readonly resume?: ResumeMode;
	readonly template?: string;
	readonly vars?: Readonly<Record<string, string>>;
	/** Hash of the normalized spec: a changed file with the same hash is not a change. */
	readonly hash: string;
	/** File modification time (ms); orders FIFO among equal priorities. */
	readonly mtimeMs: number;
};

export type TaskResult =
	| {readonly kind: 'success'}
	| {readonly kind: 'exit_code'; readonly code: number}
	| {readonly kind: 'signal'; readonly signal: string}
	| {readonly kind: 'timeout'; readonly minutes: number}
	| {readonly kind: 'hung'; readonly idleMinutes: number}
	| {readonly kind: 'spawn_failed'; readonly message: string}
	| {readonly kind: 'setup_failed'; readonly code: number; readonly outputTail: string}
	| {readonly kind: 'verify_failed'; readonly code: number; readonly outputTail: string}
	| {readonly kind: 'dependency_failed'; readonly dependency: string}
	| {readonly kind: 'blocked'; readonly reason: string}
	| {readonly kind: 'out_of_nudges'; readonly nudges: number}
	| {readonly kind: 'agent_error'; readonly message: string};

export type TaskStatus =
	/** `resume`: relaunch the previous session (after a restart or a hold) without counting an attempt. */
	| {readonly state: 'queued'; readonly resume?: boolean}
	/** Waiting on a dependency that does not exist (yet). */
	| {readonly state: 'blocked'; readonly reason: string; readonly missing: readonly string[]}
	| {readonly state: 'starting'; readonly attempt: number; readonly since: number}
	| {readonly state: 'running'; readonly attempt: number; readonly since: number}
	| {
			readonly state: 'waiting_input';
			readonly attempt: number;
			readonly since: number;
			readonly question: string;
			/** Keys that answer yes / no when the question is a menu. */
			readonly approveKeys?: readonly string[];
			readonly rejectKeys?: readonly string[];
			/** A person answered before the menu was on screen; sent as soon as it is. */
			readonly pendingAnswer?: string;
	  }
	| {
			readonly state: 'rate_limited';
			readonly attempt: number;
			readonly since: number;
			readonly account: string;
			readonly resetsAt?: number;
			readonly text: string;
			/** Whether the session process is still alive (auto-continue) or must be relaunched. */
			readonly sessionAlive: boolean;
			/** The live CLI will continue by itself at the reset (2.1.330's "Continuing automatically"). */
			readonly autoContinue?: boolean;
	  }
	| {readonly state: 'paused'; readonly since: number; readonly from: PausableState; readonly attempt?: number}
	| {readonly state: 'verifying'; readonly attempt: number; readonly round: number; readonly since: number}
	| {readonly state: 'retrying'; readonly attempt: number; readonly retryAt: number; readonly reason: string}
	| {readonly state: 'done'; readonly at: number; readonly result: TaskResult}
	| {readonly state: 'failed'; readonly at: number; readonly result: TaskResult}
	| {readonly state: 'needs_review'; readonly at: number; readonly reason: string}
	| {readonly state: 'cancelled'; readonly at: number; readonly reason: string}
	| {readonly state: 'rejected'; readonly errors: readonly ValidationIssue[]};

export type TaskState = TaskStatus['state'];
export type PausableState = 'queued' | 'running' | 'waiting_input' | 'retrying' | 'blocked';

export const TERMINAL_STATES: ReadonlySet<TaskState> = new Set(['done', 'failed', 'needs_review', 'cancelled']);
/** States in which a session process belongs to the task. */
export const SESSION_STATES: ReadonlySet<TaskState> = new Set(['starting', 'running', 'waiting_input', 'verifying', 'rate_limited']);
export const ALL_STATES: readonly TaskState[] = [
	'queued',
	'blocked',
	'starting',
	'running',
	'waiting_input',
	'rate_limited',
	'paused',
	'verifying',
	'retrying',
	'done',
	'failed',
	'needs_review',
	'cancelled',
	'rejected',
];

export type HistoryEntry = {
	readonly at: number;
	readonly from: TaskState | null;
	readonly to: TaskState;
	readonly reason: string;
};

export type VerifyRun = {
	readonly round: number;
	readonly at: number;
	readonly exitCode: number;
	readonly durationMs: number;
	readonly timedOut: boolean;
	readonly outputTail: string;
};

export type Usage = {
	readonly inputTokens: number;
	readonly outputTokens: number;
	readonly cacheReadTokens: number;
	readonly cacheCreationTokens: number;
	readonly costUsd?: number;
};

export type SessionInfo = {
	/** The agent's own session id (claude --session-id), stable across resumes. */
	readonly agentSessionId?: string;
	readonly pid?: number;
	/** Process start time (clock ticks since boot) so a recycled pid is never mistaken for ours. */
	readonly pidStart?: number;
	readonly startedAt: number;
	readonly attempt: number;
	/** Which launch of this task the process belongs to (see TaskRecord.launches). */
	readonly launch: number;
	/** The process is running right now. */
	readonly live: boolean;
	readonly logPath?: string;
	readonly transcriptPath?: string;
	/** True once the agent has a conversation that `--resume` can continue. */
	readonly resumable: boolean;
};

export const TASK_SCHEMA_VERSION = 1;

/** Runtime state of one task, persisted as state/tasks/<id>.json. */
export type TaskRecord = {
	readonly schemaVersion: number;
	readonly id: string;
	readonly spec: TaskSpec | null;
	readonly status: TaskStatus;
	/** Agent runs counted against maxAttempts (a usage limit or an orchestrator restart is not one). */
	readonly attempts: number;
	/**
	 * Every process start (fresh, resumed, relaunched after a limit or a restart) gets the
	 * next launch number; session events carry it, so a late event from a replaced
	 * process is ignored.
	 */
	readonly launches: number;
	readonly nudges: number;
	readonly verifyRounds: number;
	/** Order among equal priorities (assigned when first queued). */
	readonly seq: number;
	readonly createdAt: number;
	readonly updatedAt: number;
	readonly session?: SessionInfo;
	readonly lastResult?: TaskResult;
	readonly verifyRuns: readonly VerifyRun[];
	readonly history: readonly HistoryEntry[];
	readonly usage?: Usage;
	/** Usage per transcript file, summed into `usage`. */
	readonly usageByTranscript?: Readonly<Record<string, Usage>>;
	/** A reply typed by a person while no session was live; delivered on the next start. */
	readonly pendingReply?: string;
	/** The git worktree the task runs in (`worktree: true`), created at its first start and kept. */
	readonly worktree?: {readonly path: string; readonly branch: string; readonly subdir: string};
	/** The account (config dir) the task's sessions run on, fixed at its first start. */
	readonly account?: string;
	/** After a limit reset the CLI was expected to continue by itself; if it has not by then, type "continue". */
	readonly continueCheckAt?: number;
	/** Temporary API errors (429 "not your usage limit", 529, 5xx) seen in a row; counted apart from attempts. */
	readonly transientErrors?: number;
	/** When to tell the agent to continue after a temporary API error. */
	readonly transientRetryAt?: number;
	/** The task file is gone; kept only for its history. */
	readonly fileRemoved?: boolean;
};

export const HISTORY_LIMIT = 200;
export const VERIFY_RUNS_LIMIT = 20;

export function isTerminal(status: TaskStatus): boolean {
	return TERMINAL_STATES.has(status.state);
}

export function hasSession(status: TaskStatus): boolean {
	return SESSION_STATES.has(status.state);
}

export function describeResult(result: TaskResult): string {
	switch (result.kind) {
		case 'success':
			return 'success';
		case 'exit_code':
			return `exit code ${result.code}`;
		case 'signal':
			return `killed by ${result.signal}`;
		case 'timeout':
			return `timed out after ${result.minutes} min`;
		case 'hung':
			return `no output for ${result.idleMinutes} min`;
		case 'spawn_failed':
			return `could not start: ${result.message}`;
		case 'setup_failed':
			return `setup failed (exit ${result.code})`;
		case 'verify_failed':
			return `verify failed (exit ${result.code})`;
		case 'dependency_failed':
			return `dependency ${result.dependency} did not succeed`;
		case 'blocked':
			return `agent blocked: ${result.reason}`;
		case 'out_of_nudges':
			return `stopped without finishing after ${result.nudges} nudges`;
		case 'agent_error':
			return result.message;
	}
}

/** The attempt a task's current status refers to (its last attempt when the status has none). */
export function statusAttempt(record: TaskRecord): number {
	const s = record.status as {attempt?: unknown};
	return typeof s.attempt === 'number' ? s.attempt : record.attempts;
}

export function sumUsage(parts: Iterable<Usage>): Usage {
	let inputTokens = 0;
	let outputTokens = 0;
	let cacheReadTokens = 0;
	let cacheCreationTokens = 0;
	let costUsd: number | undefined;
	for (const u of parts) {
		inputTokens += u.inputTokens;
		outputTokens += u.outputTokens;
		cacheReadTokens += u.cacheReadTokens;
		cacheCreationTokens += u.cacheCreationTokens;
		if (u.costUsd !== undefined) costUsd = (costUsd ?? 0) + u.costUsd;
	}
	return {inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, ...(costUsd !== undefined ? {costUsd} : {})};
}
