// Everything a running session knows: who it pretends to be, where it writes, which rules
// and hooks apply. Built once by main.ts and shared by the engine and the front ends.

import type {Paths, Settings} from '../config.js';
import type {HookRunner} from '../hooks.js';
import type {Scenario} from '../scenario/scenario-file.js';
import type {Step} from '../scenario/steps.js';
import type {SessionMemory, SessionStore} from '../store/session-state.js';
import type {Transcript} from '../store/transcript.js';
import type {VersionProfile} from '../versions.js';

export type SessionContext = {
	readonly profile: VersionProfile;
	readonly paths: Paths;
	readonly cwd: string;
	readonly sessionId: string;
	readonly model: string;
	permissionMode: string;
	readonly interactive: boolean;
	readonly demo: boolean;
	readonly allowRules: string[];
	readonly denyRules: readonly string[];
	readonly settings: Settings;
	readonly hooks: HookRunner;
	readonly transcript: Transcript;
	readonly store: SessionStore;
	readonly memory: SessionMemory;
	readonly scenario: Scenario;
	readonly defaultSteps: readonly Step[] | undefined;
	/** Divides every simulated duration (think steps, latency, retries). */
	readonly speed: number;
	/** Latency of each simulated model response. */
	readonly responseDelayMs: number;
	readonly retryDelayMs: number;
	readonly maxRetries: number;
	readonly maxTurns: number | undefined;
	readonly permissionNotifyMs: number;
	readonly gateway: string | undefined;
};

/** The permission mode as hook payloads report it (`manual` is reported as `default`). */
export function payloadMode(mode: string): string {
	return mode === 'manual' ? 'default' : mode;
}

export function hookEnv(ctx: SessionContext, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		CLAUDECODE: '1',
		CLAUDE_CODE_ENTRYPOINT: ctx.interactive ? 'cli' : 'sdk-cli',
		CLAUDE_PROJECT_DIR: ctx.cwd,
		CLAUDE_CODE_SESSION_ID: ctx.sessionId,
		CLAUDE_CODE_CHILD_SESSION: '1',
		CLAUDE_CONFIG_DIR: ctx.paths.configDir,
		...extra,
	};
	if (ctx.profile.richHookEnv) {
		env['CLAUDE_PID'] = String(process.pid);
		env['CLAUDE_CODE_SESSION_ATTENDED'] = ctx.interactive ? '1' : '0';
	}
	return env;
}

/** Common payload fields in the order the real CLI writes them (claude-cli.md Part B §2.4). */
export function hookPayload(
	ctx: SessionContext,
	event: string,
	promptId: string | undefined,
	fields: Record<string, unknown>,
	options: {readonly mode?: boolean; readonly effort?: boolean} = {},
): Record<string, unknown> {
	return {
		session_id: ctx.sessionId,
		transcript_path: ctx.transcript.path,
		cwd: ctx.cwd,
		...(promptId ? {prompt_id: promptId} : {}),
		...(options.mode ? {permission_mode: payloadMode(ctx.permissionMode)} : {}),
		...(options.effort && ctx.profile.effort ? {effort: {level: ctx.profile.effort}} : {}),
		hook_event_name: event,
		...fields,
	};
}

const READ_ONLY = /^(echo|ls|pwd|cat|head|tail|wc|true|date|whoami|grep|find|test|which|env|printf)(\s|$)/;

/** Simple inspection commands run without asking, as the real CLI's read-only check does. */
export function isReadOnlyCommand(command: string): boolean {
	return READ_ONLY.test(command.trim()) && !/[>;&|`]|\$\(/.test(command);
}

function ruleMatches(rule: string, tool: string, subject: string): boolean {
	const match = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(rule.trim());
	if (!match) return false;
	const name = match[1] ?? '';
	const toolMatches = name === tool || (name === 'Edit' && tool === 'Write');
	if (!toolMatches) return false;
	const pattern = match[2];
	if (pattern === undefined || pattern === '' || pattern === '*') return true;
	const prefix = pattern.endsWith(':*') ? pattern.slice(0, -2) : undefined;
	if (prefix !== undefined) return subject === prefix || subject.startsWith(prefix);
	const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
	return regex.test(subject);
}

export type PermissionVerdict = 'allow' | 'deny' | 'ask';

/** Rules first (deny wins), then the permission mode. */
export function permissionVerdict(ctx: SessionContext, tool: string, subject: string): PermissionVerdict {
	if (ctx.denyRules.some((rule) => ruleMatches(rule, tool, subject))) return 'deny';
	if (ctx.allowRules.some((rule) => ruleMatches(rule, tool, subject))) return 'allow';
	const mode = ctx.permissionMode;
	if (mode === 'bypassPermissions' || mode === 'auto') return 'allow';
	if (tool === 'Write' && mode === 'acceptEdits') return 'allow';
	if (tool === 'Bash' && isReadOnlyCommand(subject)) return 'allow';
	if (mode === 'dontAsk') return 'deny';
	return 'ask';
}
