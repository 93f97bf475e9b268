// Every event the engine reacts to. Events carry their time (`at`, epoch ms) and, for
// anything about a session, the launch it belongs to, so late events from a session
// that was already replaced are recognised and ignored.
import type {TaskRecord, TaskSpec, Usage, ValidationIssue} from './task.js';

export type InvalidTaskFile = {readonly id: string; readonly errors: readonly ValidationIssue[]};

/** What an agent adapter learned about its session (hooks first, status file, then screen). */
export type AgentSignal =
	| {readonly kind: 'busy'; readonly source?: SignalSource}
	/** The agent ended its turn and waits for the next user message. */
	| {readonly kind: 'turn_ended'; readonly lastMessage?: string; readonly source: SignalSource}
	| {
			readonly kind: 'question';
			readonly question: string;
			readonly tool?: string;
			readonly subject?: string;
			readonly approveKeys: readonly string[];
			readonly rejectKeys: readonly string[];
			/** Set when a hook waits for the answer instead of the screen. */
			readonly hookRequestId?: string;
			readonly source: SignalSource;
	  }
	| {readonly kind: 'trust_dialog'; readonly trustKeys: readonly string[]; readonly exitKeys: readonly string[]}
	| {readonly kind: 'needs_login'; readonly text: string}
	| {readonly kind: 'dialog'; readonly title: string}
	| {
			readonly kind: 'limit';
			readonly limitKind: 'usage_limit' | 'transient' | 'warning';
			readonly text: string;
			readonly resetsAt?: number;
			/** resetsAt is the CLI's exact epoch, not a time read off text rounded to the minute. */
			readonly resetExact?: boolean;
			readonly retryAfterMs?: number;
			/** The live CLI will continue by itself at the reset (2.1.330 auto-wait). */
			readonly autoContinue: boolean;
			/** Keys that choose "wait" in an open limit dialog. */
			readonly waitKeys?: readonly string[];
			readonly source: SignalSource;
	  }
	| {readonly kind: 'session_info'; readonly agentSessionId?: string; readonly transcriptPath?: string}
	/** Token and cost totals of one transcript (a task may span several conversations). */
	| {readonly kind: 'usage'; readonly transcript: string; readonly usage: Usage}
	| {readonly kind: 'resume_failed'; readonly message: string}
	/** Something worth keeping in the task's history that changes nothing else. */
	| {readonly kind: 'note'; readonly text: string}
	/** A tool call was refused by the policy gate before it ran (PreToolUse). */
	| {readonly kind: 'denied'; readonly tool: string; readonly subject?: string; readonly reason: string}
	| {readonly kind: 'config_error'; readonly message: string};

export type SignalSource = 'hook' | 'status' | 'transcript' | 'screen' | 'exit';

export type UserCommand =
	| {readonly kind: 'retry'; readonly id: string}
	| {readonly kind: 'cancel'; readonly id: string; readonly reason?: string}
	| {readonly kind: 'pause'; readonly id: string}
	| {readonly kind: 'resume'; readonly id: string}
	| {readonly kind: 'reply'; readonly id: string; readonly text: string}
	| {readonly kind: 'pause_queue'}
	| {readonly kind: 'resume_queue'};

export type EngineEvent =
	/** Start-up: persisted records, then the task files as found on disk. */
	| {readonly type: 'loaded'; readonly at: number; readonly records: readonly TaskRecord[]; readonly specs: readonly TaskSpec[]; readonly invalid: readonly InvalidTaskFile[]}
	| {readonly type: 'taskFileChanged'; readonly at: number; readonly spec: TaskSpec}
	| {readonly type: 'taskFileInvalid'; readonly at: number; readonly id: string; readonly errors: readonly ValidationIssue[]}
	| {readonly type: 'taskFileRemoved'; readonly at: number; readonly id: string}
	| {readonly type: 'sessionAssigned'; readonly at: number; readonly taskId: string; readonly launch: number; readonly agentSessionId: string}
	| {readonly type: 'worktreeReady'; readonly at: number; readonly taskId: string; readonly launch: number; readonly path: string; readonly branch: string; readonly subdir: string}
	| {readonly type: 'worktreeFailed'; readonly at: number; readonly taskId: string; readonly launch: number; readonly message: string}
	| {readonly type: 'setupFinished'; readonly at: number; readonly taskId: string; readonly launch: number; readonly exitCode: number; readonly outputTail: string; readonly timedOut: boolean}
	| {
			readonly type: 'sessionStarted';
			readonly at: number;
			readonly taskId: string;
			readonly launch: number;
			readonly pid: number;
			readonly pidStart?: number;
			readonly logPath?: string;
	  }
	| {readonly type: 'sessionSpawnFailed'; readonly at: number; readonly taskId: string; readonly launch: number; readonly message: string; readonly permanent: boolean}
	| {readonly type: 'sessionExited'; readonly at: number; readonly taskId: string; readonly launch: number; readonly exitCode: number | null; readonly signal: string | null}
	/** No output for the task's idle timeout while it was supposed to be working. */
	| {readonly type: 'sessionIdle'; readonly at: number; readonly taskId: string; readonly launch: number; readonly idleMs: number}
	| {readonly type: 'agentSignal'; readonly at: number; readonly taskId: string; readonly launch: number; readonly signal: AgentSignal}
	| {
			readonly type: 'verifyFinished';
			readonly at: number;
			readonly taskId: string;
			readonly round: number;
			readonly exitCode: number;
			readonly durationMs: number;
			readonly outputTail: string;
			readonly timedOut: boolean;
	  }
	| {readonly type: 'userCommand'; readonly at: number; readonly command: UserCommand}
	/** Outcome of a probe: still limited (with what the agent said) or free again. */
	| {
			readonly type: 'probeFinished';
			readonly at: number;
			readonly account: string;
			readonly limited: boolean;
			readonly resetsAt?: number;
			readonly text?: string;
			readonly error?: string;
	  }
	| {readonly type: 'tick'; readonly at: number}
	/** The orchestrator is stopping: sessions are killed and left resumable. */
	| {readonly type: 'shutdown'; readonly at: number};
