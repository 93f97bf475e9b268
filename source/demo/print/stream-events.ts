// NDJSON event shapes of `-p --output-format stream-json` per schema generation
// (claude-cli.md §4.2–4.4, §5.3).

import {randomUUID} from 'node:crypto';
import type {ApiErrorEvent, RateLimitInfo} from '../engine/events.js';
import type {RunStats} from '../engine/turn.js';
import type {VersionProfile} from '../versions.js';

export type StreamContext = {
	readonly profile: VersionProfile;
	readonly sessionId: string;
	readonly cwd: string;
	readonly model: string;
	readonly permissionMode: string;
	readonly apiKeySource: string;
	readonly additionalDirectories: readonly string[];
	readonly configDir: string;
};

const TOOLS_330 = [
	'Task', 'Bash', 'CronCreate', 'CronDelete', 'CronList', 'DesignSync', 'Edit', 'EnterWorktree', 'ExitWorktree', 'ListAgents',
	'Monitor', 'NotebookEdit', 'Read', 'ReportFindings', 'ScheduleWakeup', 'SendMessage', 'Skill', 'TaskStop', 'ToolSearch',
	'WebFetch', 'WebSearch', 'Workflow', 'Write',
];
const TOOLS_2077 = [
	'Task', 'TaskOutput', 'Bash', 'Glob', 'Grep', 'ExitPlanMode', 'Read', 'Edit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite',
	'WebSearch', 'KillShell', 'AskUserQuestion', 'Skill', 'EnterPlanMode', 'LSP',
];
const TOOLS_1030 = [
	'Task', 'Bash', 'Glob', 'Grep', 'LS', 'exit_plan_mode', 'Read', 'Edit', 'MultiEdit', 'Write', 'NotebookRead', 'NotebookEdit',
	'WebFetch', 'TodoRead', 'TodoWrite', 'WebSearch',
];

const ZERO_USAGE = {
	output_tokens_details: null,
	input_tokens: 0,
	output_tokens: 0,
	cache_creation_input_tokens: 0,
	cache_read_input_tokens: 0,
	server_tool_use: {web_search_requests: 0, web_fetch_requests: 0},
	service_tier: null,
	cache_creation: {ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0},
	inference_geo: null,
	iterations: null,
	speed: null,
	fallback_credit: null,
};

export function initEvent(c: StreamContext): Record<string, unknown> {
	const schema = c.profile.streamSchema;
	const base = {type: 'system', subtype: 'init', cwd: c.cwd, session_id: c.sessionId};
	if (schema === 'v1') {
		return {...base, tools: TOOLS_1030, mcp_servers: [], model: c.model, permissionMode: c.permissionMode, apiKeySource: c.apiKeySource};
	}
	const common = {
		...base,
		tools: schema === 'full' ? TOOLS_330 : TOOLS_2077,
		mcp_servers: [],
		model: c.model,
		permissionMode: c.permissionMode,
		slash_commands: schema === 'full' ? ['clear', 'compact', 'config', 'context', 'init', 'model', 'review', 'security-review'] : ['compact', 'context', 'cost', 'init', 'pr-comments', 'release-notes', 'review', 'security-review'],
		apiKeySource: c.apiKeySource,
		claude_code_version: c.profile.id,
		output_style: 'default',
		agents: schema === 'full' ? ['claude', 'Explore', 'general-purpose', 'Plan', 'statusline-setup'] : ['Bash', 'general-purpose', 'statusline-setup', 'Explore', 'Plan'],
		skills: [],
		plugins: [],
	};
	if (schema === 'v2') return {...common, uuid: randomUUID()};
	return {
		...common,
		analytics_disabled: false,
		product_feedback_disabled: false,
		served_by_anthropic: c.apiKeySource === 'none',
		uuid: randomUUID(),
		memory_paths: {auto: `${c.configDir}/projects/${c.cwd.replace(/[^A-Za-z0-9]/g, '-')}/memory/`},
		original_cwd: c.cwd,
		additional_directories: c.additionalDirectories,
		fast_mode_state: 'off',
		view_mode: 'default',
	};
}

function envelope(c: StreamContext, uuid: string): Record<string, unknown> {
	const fields: Record<string, unknown> = {parent_tool_use_id: null, session_id: c.sessionId};
	if (c.profile.streamSchema !== 'v1') fields['uuid'] = uuid;
	if (c.profile.streamSchema === 'full') fields['timestamp'] = new Date().toISOString();
	return fields;
}

export function assistantEvent(
	c: StreamContext,
	e: {messageId: string; model: string; block: unknown; usage: Record<string, number>; requestId: string; uuid: string},
): Record<string, unknown> {
	const message: Record<string, unknown> = {
		id: e.messageId,
		type: 'message',
		role: 'assistant',
		model: e.model,
		content: [e.block],
		stop_reason: null,
		stop_sequence: null,
		usage: e.usage,
	};
	if (c.profile.streamSchema !== 'v1') message['context_management'] = null;
	return {
		type: 'assistant',
		message,
		...envelope(c, e.uuid),
		...(c.profile.streamSchema === 'full' ? {request_id: e.requestId} : {}),
	};
}

export function toolResultEvent(c: StreamContext, e: {toolUseId: string; content: string; isError: boolean; structured: unknown; uuid: string}): Record<string, unknown> {
	return {
		type: 'user',
		message: {role: 'user', content: [{tool_use_id: e.toolUseId, type: 'tool_result', content: e.content, is_error: e.isError}]},
		...envelope(c, e.uuid),
		...(c.profile.streamSchema !== 'v1' ? {tool_use_result: e.structured} : {}),
	};
}

export function userTextEvent(c: StreamContext, text: string): Record<string, unknown> {
	return {type: 'user', message: {role: 'user', content: [{type: 'text', text}]}, ...envelope(c, randomUUID())};
}

export function permissionDeniedEvent(c: StreamContext, e: {toolName: string; toolUseId: string; message: string}): Record<string, unknown> {
	return {
		type: 'system',
		subtype: 'permission_denied',
		tool_name: e.toolName,
		tool_use_id: e.toolUseId,
		decision_reason_type: 'mode',
		decision_reason: `Permission required in ${c.permissionMode} mode`,
		message: e.message,
		uuid: randomUUID(),
		session_id: c.sessionId,
	};
}

export function retryEvent(c: StreamContext, e: {attempt: number; maxRetries: number; delayMs: number; status: number | null; error: string}): Record<string, unknown> {
	return {
		type: 'system',
		subtype: 'api_retry',
		attempt: e.attempt,
		max_retries: e.maxRetries,
		retry_delay_ms: e.delayMs,
		error_status: e.status,
		error: e.error,
		uuid: randomUUID(),
		session_id: c.sessionId,
	};
}

export function rateLimitEvent(c: StreamContext, info: RateLimitInfo): Record<string, unknown> {
	return {type: 'rate_limit_event', rate_limit_info: info, uuid: randomUUID(), session_id: c.sessionId};
}

export function apiErrorAssistantEvent(c: StreamContext, e: ApiErrorEvent): Record<string, unknown> {
	const message = {
		diagnostics: null,
		id: e.messageId,
		container: null,
		model: '<synthetic>',
		role: 'assistant',
		stop_details: null,
		stop_reason: 'stop_sequence',
		stop_sequence: '',
		type: 'message',
		usage: ZERO_USAGE,
		content: [{type: 'text', text: e.text}],
		context_management: null,
	};
	const event: Record<string, unknown> = {type: 'assistant', message, parent_tool_use_id: null, session_id: c.sessionId, uuid: e.uuid, timestamp: new Date().toISOString(), error: e.error};
	if (e.error === 'rate_limit') event['request_id'] = `req_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
	event['is_api_error_message'] = true;
	if (e.status !== null || e.error === 'rate_limit') event['api_error_status'] = e.status;
	if (e.apiError) event['api_error'] = e.apiError;
	if (e.rateLimitInfo) {
		const {unifiedWindows: _windows, ...info} = e.rateLimitInfo as {unifiedWindows?: unknown};
		event['api_error_params'] = {rate_limit_info: info};
	}
	if (e.apiErrorType) event['api_error_type'] = e.apiErrorType;
	return event;
}

export type ResultInput = {
	readonly subtype: 'success' | 'error_max_turns' | 'error_during_execution';
	readonly isError: boolean;
	readonly result: string | undefined;
	readonly errors?: readonly string[];
	readonly terminalReason: string;
	readonly stopReason: string | null;
	readonly apiErrorStatus?: number | null;
	readonly apiError?: string;
	readonly apiErrorType?: string;
	readonly stats: RunStats;
	readonly permissionDenials: readonly Record<string, unknown>[];
	readonly resultIndex: number;
};

export function resultEvent(c: StreamContext, r: ResultInput): Record<string, unknown> {
	const apiError = r.terminalReason === 'api_error';
	const usage = {
		input_tokens: apiError ? 0 : r.stats.inputTokens,
		cache_creation_input_tokens: 0,
		cache_read_input_tokens: 0,
		output_tokens: apiError ? 0 : r.stats.outputTokens,
		server_tool_use: {web_search_requests: 0, web_fetch_requests: 0},
		service_tier: 'standard',
		cache_creation: {ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0},
	};
	const cost = apiError ? 0 : Number(r.stats.costUsd.toFixed(6));
	const head = {
		type: 'result',
		subtype: r.subtype,
		is_error: r.isError,
		duration_ms: Date.now() - r.stats.startedAt,
		duration_api_ms: r.stats.apiMs,
		num_turns: Math.max(1, r.stats.numTurns),
		...(r.result !== undefined ? {result: r.result} : {}),
		session_id: c.sessionId,
		total_cost_usd: cost,
	};
	if (c.profile.streamSchema === 'v1') return {...head, usage: {input_tokens: usage.input_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: usage.output_tokens, server_tool_use: {web_search_requests: 0}}};
	const modelUsage = apiError
		? {}
		: {
				[c.model]: {
					inputTokens: r.stats.inputTokens,
					outputTokens: r.stats.outputTokens,
					cacheReadInputTokens: 0,
					cacheCreationInputTokens: 0,
					webSearchRequests: 0,
					costUSD: cost,
					contextWindow: c.profile.contextWindow,
				},
			};
	const common = {...head, usage, modelUsage, permission_denials: r.permissionDenials, ...(r.errors ? {errors: r.errors} : {})};
	if (c.profile.streamSchema === 'v2') return {...common, uuid: randomUUID()};
	return {
		...common,
		stop_reason: r.stopReason,
		terminal_reason: r.terminalReason,
		...(r.apiErrorStatus !== undefined ? {api_error_status: r.apiErrorStatus} : {api_error_status: null}),
		...(r.apiErrorType ? {api_error_type: r.apiErrorType} : {}),
		...(r.apiError ? {api_error: r.apiError} : {}),
		fast_mode_state: 'off',
		safety_stops: 0,
		uuid: randomUUID(),
		queued_turn_count: 0,
		result_index: r.resultIndex,
	};
}
