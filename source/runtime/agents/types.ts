// What the orchestrator needs from an agent kind: how to launch it for a task, and how
// to read its state while it runs.
import type {AgentConfig} from '../../core/config.js';
import type {AgentSignal} from '../../core/events.js';
import type {TaskRecord} from '../../core/task.js';
import type {Session} from '../pty/session.js';
import type {WorkPaths} from '../store/paths.js';

export type LaunchContext = {
	readonly task: TaskRecord;
	readonly agentName: string;
	readonly agent: AgentConfig;
	/** Absolute working directory of the task. */
	readonly cwd: string;
	readonly resume: boolean;
	readonly attempt: number;
	readonly launch: number;
	readonly paths: WorkPaths;
	readonly cols: number;
	readonly rows: number;
	/** argv prefix that runs `auto-claude hook` (the event name is appended). */
	readonly selfCommand: readonly string[];
	/** The environment auto-claude itself runs with. */
	readonly baseEnv: Readonly<Record<string, string | undefined>>;
	/** Set when a conversation that could not be resumed is replaced by a fresh one. */
	readonly recapOf?: string;
	/** The config dir of the account the task runs on (accounts pool). */
	readonly accountConfigDir?: string;
	/** Where agent hooks reach this orchestrator. */
	readonly controlSocket?: string;
};

export type LaunchPlan = {
	readonly file: string;
	readonly args: readonly string[];
	readonly env: Record<string, string>;
	readonly cwd: string;
	/** A new conversation id chosen for this launch, stored before the process starts. */
	readonly agentSessionId?: string;
	/** Recorded in the task's history when the session starts (why it was launched this way). */
	readonly note?: string;
};

/** A launch that cannot work, explained in one line (permanent: retrying will not help). */
export class LaunchError extends Error {
	constructor(
		message: string,
		readonly permanent: boolean,
	) {
		super(message);
	}
}

export type ObserverContext = {
	readonly launch: LaunchContext;
	readonly plan: LaunchPlan;
	readonly emit: (signal: AgentSignal) => void;
	/** Text to submit once the agent is ready (stored reply, verify feedback, recap). */
	readonly initialInput?: string;
};

export interface AgentObserver {
	/** Text was typed into the session by auto-claude (a nudge, feedback, a reply). */
	inputSent(): void;
	dispose(): void;
}

export interface AgentAdapter {
	readonly kind: AgentConfig['kind'];
	/** Interactive agents are told when to stop; command agents end by exiting. */
	readonly interactive: boolean;
	prepare(context: LaunchContext): LaunchPlan | Promise<LaunchPlan>;
	observe(session: Session, context: ObserverContext): AgentObserver;
}
