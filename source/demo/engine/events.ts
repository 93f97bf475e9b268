// The vocabulary between the turn engine and its two front ends (print mode and the TUI).

import type {LimitKind} from '../scenario/steps.js';
import type {Usage} from '../store/transcript.js';

export type ToolName = 'Bash' | 'Write';

export type ToolCall = {
	readonly id: string;
	readonly name: ToolName;
	readonly input: Record<string, string>;
	/** `touch x` for Bash, the relative file name for Write. */
	readonly label: string;
};

export type TextBlock = {readonly type: 'text'; readonly text: string};
export type ToolUseBlock = {readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: Record<string, string>};

export type ToolRun = {
	readonly content: string;
	readonly isError: boolean;
	/** `toolUseResult` / `tool_use_result`. */
	readonly structured: Record<string, unknown>;
	/** Lines shown under the tool in the TUI (without the `⎿` gutter). */
	readonly display: readonly string[];
	/** Set when a hook or rule, not a person, approved the call. */
	readonly note?: string;
};

export type RateLimitInfo = Record<string, unknown>;

export type ApiErrorEvent = {
	readonly type: 'api-error';
	readonly text: string;
	readonly error: 'rate_limit' | 'server_error' | 'authentication_failed';
	readonly status: number | null;
	readonly apiError: string | undefined;
	readonly apiErrorType: string | undefined;
	readonly rateLimitInfo: RateLimitInfo | undefined;
	readonly uuid: string;
	readonly messageId: string;
};

export type EngineEvent =
	| {readonly type: 'user-message'; readonly text: string; readonly origin: MessageOrigin; readonly uuid: string}
	| {
			readonly type: 'assistant';
			readonly messageId: string;
			readonly model: string;
			readonly block: TextBlock | ToolUseBlock;
			readonly usage: Usage;
			readonly requestId: string;
			readonly uuid: string;
	  }
	| {readonly type: 'tool-start'; readonly call: ToolCall}
	| {readonly type: 'tool-done'; readonly call: ToolCall; readonly run: ToolRun; readonly uuid: string}
	| {readonly type: 'tool-blocked'; readonly call: ToolCall; readonly reason: string; readonly source: 'pre-hook' | 'permission-hook' | 'rule' | 'no-prompt'; readonly uuid: string}
	| {readonly type: 'tool-rejected'; readonly call: ToolCall; readonly uuid: string}
	| {readonly type: 'hook-failure'; readonly label: string; readonly stderr: string; readonly exitCode: number | null}
	| {readonly type: 'stop-hook-block'; readonly reason: string}
	| {readonly type: 'prompt-blocked'; readonly reason: string}
	| {readonly type: 'api-retry'; readonly attempt: number; readonly maxRetries: number; readonly delayMs: number; readonly status: number | null; readonly error: string}
	| {readonly type: 'rate-limit-event'; readonly info: RateLimitInfo}
	| {readonly type: 'limit-warning'; readonly text: string}
	| ApiErrorEvent;

export type MessageOrigin = 'prompt' | 'stop-feedback' | 'auto-continue';

export type TurnOutcome =
	| {readonly kind: 'completed'; readonly lastText: string}
	| {readonly kind: 'limit'; readonly text: string; readonly resetsAt: number; readonly limitKind: LimitKind; readonly apiKeyForm: boolean}
	| {readonly kind: 'api-error'; readonly text: string}
	| {readonly kind: 'interrupted'; readonly forTool: boolean}
	| {readonly kind: 'crash'; readonly code: number}
	| {readonly kind: 'exit'}
	| {readonly kind: 'max-turns'; readonly turns: number}
	| {readonly kind: 'prompt-blocked'; readonly reason: string};

export type PermissionAnswer = 'yes' | 'always' | 'no';

export interface EngineHost {
	emit(event: EngineEvent): void;
	/**
	 * Waits `ms` (Infinity = until interrupted) while showing progress; `silent` freezes the
	 * screen (a hung stream prints nothing). Resolves false when the turn was interrupted.
	 */
	wait(ms: number, signal: AbortSignal, silent?: boolean): Promise<boolean>;
	/** Interactive only: shows the permission dialog and blocks until a key answers it. */
	askPermission(call: ToolCall, signal: AbortSignal): Promise<PermissionAnswer>;
}
