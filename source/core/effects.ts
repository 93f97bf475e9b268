// Every side effect the engine can ask for, as plain data. The orchestrator executes
// them in order; `persist` effects always run before anything a user can see.
import type {TaskRecord, TaskState} from './task.js';

export type Severity = 'P1' | 'P2' | 'P3';

export type Effect =
	| {readonly type: 'persist'; readonly record: TaskRecord}
	| {readonly type: 'forget'; readonly id: string}
	| {readonly type: 'runSetup'; readonly taskId: string; readonly launch: number; readonly command: string; readonly cwd: string | undefined; readonly timeoutMs: number}
	| {
			readonly type: 'spawn';
			readonly taskId: string;
			readonly launch: number;
			readonly attempt: number;
			/** Continue the agent's previous conversation instead of starting a new one. */
			readonly resume: boolean;
			/** Text to submit once the agent is ready (a stored reply, a recap). */
			readonly initialInput?: string;
			/** The previous conversation could not be resumed: start fresh with a recap of it. */
			readonly recapOf?: string;
	  }
	| {readonly type: 'sendInput'; readonly taskId: string; readonly text: string}
	| {readonly type: 'sendKeys'; readonly taskId: string; readonly keys: readonly string[]}
	/** Answers a hook that waits for a decision; 'ask' lets the agent show its own prompt to a person. */
	| {readonly type: 'answerHook'; readonly taskId: string; readonly requestId: string; readonly decision: 'allow' | 'deny' | 'ask'; readonly reason?: string}
	| {readonly type: 'kill'; readonly taskId: string; readonly reason: string}
	| {readonly type: 'signal'; readonly taskId: string; readonly signal: 'SIGSTOP' | 'SIGCONT'}
	| {readonly type: 'runVerify'; readonly taskId: string; readonly round: number; readonly command: string; readonly cwd: string | undefined; readonly timeoutMs: number}
	| {readonly type: 'cancelCommand'; readonly taskId: string}
	/** Creates (or reuses) the task's git worktree on branch auto-claude/<id>. */
	| {readonly type: 'createWorktree'; readonly taskId: string; readonly launch: number; readonly cwd: string | undefined}
	/** Asks the account whether its limit has lifted (one short agent turn), when the reset time is unknown. */
	| {readonly type: 'probe'; readonly account: string}
	| {readonly type: 'alert'; readonly severity: Severity; readonly key: string; readonly message: string; readonly taskId?: string}
	| {readonly type: 'transition'; readonly taskId: string; readonly from: TaskState | null; readonly to: TaskState; readonly reason: string; readonly at: number};
