// Structured channels: stream-json events, transcript lines, StopFailure hook payloads.
// Only the CLI's own error objects count (rate_limit_event, assistant messages flagged as API
// errors, error results, StopFailure). A tool result, a user message or an ordinary assistant
// reply never does, whatever its text says. Structured reset times beat the printed ones.

import {normalizeEpoch} from './reset-time.js';
import {parseLimitText, retryAfterFromText} from './text.js';
import type {LimitSignal, LimitSource, StructuredContext} from './types.js';
import {windowFromClaim} from './wordings.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);

/** What an API-error object says, whichever channel's field names it used. */
type ApiErrorFacts = {
	text?: string;
	/** `error` (assistant event, transcript, StopFailure): rate_limit, server_error, overloaded, … */
	error?: string;
	/** `api_error` / `apiError`: usage_limit_reached, connection_failed. */
	apiError?: string;
	/** `api_error_type` / `apiErrorType`: rate_limit_error, overloaded_error, api_error. */
	apiErrorType?: string;
	status?: number;
	rateLimitInfo?: Obj;
	/** When the message was written; reset times without a date count from here. */
	writtenAt?: number;
};

/** Stream-json: `rate_limit_event`, assistant API-error events, error `result` events. */
export function parseStreamEvent(event: unknown, ctx: StructuredContext): LimitSignal | null {
	if (!isObj(event)) return null;
	switch (event.type) {
		case 'rate_limit_event':
			return fromRateLimitInfo(event.rate_limit_info, 'stream');
		case 'assistant': {
			const message = obj(event.message);
			const flagged =
				event.is_api_error_message === true ||
				typeof event.error === 'string' ||
				event.api_error === 'usage_limit_reached' ||
				message?.model === '<synthetic>';
			if (!flagged) return null;
			return classifyApiError(
				{
					text: messageText(message),
					error: str(event.error),
					apiError: str(event.api_error),
					apiErrorType: str(event.api_error_type),
					status: num(event.api_error_status),
					rateLimitInfo: obj(obj(event.api_error_params)?.rate_limit_info),
					writtenAt: timestamp(event.timestamp, ctx.now),
				},
				ctx,
				'stream',
			);
		}
		case 'result': {
			// API errors come back as subtype "success" with is_error:true; the result text is then
			// the CLI's own error message, never the agent's reply.
			if (event.is_error !== true || typeof event.result !== 'string') return null;
			return classifyApiError(
				{
					text: event.result,
					apiError: str(event.api_error),
					apiErrorType: str(event.api_error_type),
					status: num(event.api_error_status),
				},
				ctx,
				'result',
			);
		}
		default:
			return null;
	}
}

/** One parsed line of `~/.claude/projects/…/<session>.jsonl`. */
export function parseTranscriptEntry(entry: unknown, ctx: StructuredContext): LimitSignal | null {
	if (!isObj(entry) || entry.type !== 'assistant') return null;
	// 1.0.x wrote only isApiErrorMessage plus the text; 2.1.x adds apiError, apiErrorParams, …
	const flagged = entry.isApiErrorMessage === true || entry.apiError === 'usage_limit_reached';
	if (!flagged) return null;
	return classifyApiError(
		{
			text: messageText(obj(entry.message)),
			error: str(entry.error),
			apiError: str(entry.apiError),
			apiErrorType: str(entry.apiErrorType),
			status: num(entry.apiErrorStatus),
			rateLimitInfo: obj(obj(entry.apiErrorParams)?.rate_limit_info),
			writtenAt: timestamp(entry.timestamp, ctx.now),
		},
		ctx,
		'transcript',
	);
}

/** A StopFailure hook payload: `{hook_event_name:"StopFailure", error, last_assistant_message}`. */
export function parseHookPayload(payload: unknown, ctx: StructuredContext): LimitSignal | null {
	if (!isObj(payload)) return null;
	const event = payload.hook_event_name;
	if (event !== undefined && event !== 'StopFailure') return null;
	if (typeof payload.error !== 'string') return null;
	const signal = classifyApiError({text: str(payload.last_assistant_message), error: payload.error}, ctx, 'hook');
	if (signal?.kind === 'transient' && signal.retryAfterMs === undefined) {
		const details = payload.error_details;
		const retry = typeof details === 'string' ? retryAfterFromText(details) : null;
		if (retry !== null) signal.retryAfterMs = retry;
	}
	return signal;
}

function fromRateLimitInfo(info: unknown, source: LimitSource): LimitSignal | null {
	if (!isObj(info)) return null;
	const status = info.status;
	if (status !== 'rejected' && status !== 'allowed_warning') return null;
	const claim = str(info.rateLimitType);
	const windowInfo = claim ? obj(obj(info.unifiedWindows)?.[claim]) : undefined;
	const resetsAt = normalizeEpoch(info.resetsAt) ?? normalizeEpoch(windowInfo?.resetsAt);
	const parts = [`rate_limit_event status=${status}`];
	if (claim) parts.push(`rateLimitType=${claim}`);
	if (info.resetsAt !== undefined) parts.push(`resetsAt=${String(info.resetsAt)}`);
	const signal: LimitSignal = {
		kind: status === 'rejected' ? 'usage_limit' : 'warning',
		window: windowFromClaim(claim),
		text: parts.join(' '),
		source,
	};
	if (resetsAt !== null) signal.resetsAt = resetsAt;
	if (status === 'allowed_warning') {
		const utilization = fraction(info.utilization) ?? fraction(windowInfo?.utilization);
		if (utilization !== undefined) signal.utilization = utilization;
	}
	return signal;
}

/**
 * Text first (it knows the wording: usage limit, warning or API-key 429), then the structured
 * fields refine it (reset instant, window) or stand in for it when the wording is new.
 */
function classifyApiError(facts: ApiErrorFacts, ctx: StructuredContext, source: LimitSource): LimitSignal | null {
	const text = facts.text?.trim() ?? '';
	const info = facts.rateLimitInfo;
	const structuredReset = normalizeEpoch(info?.resetsAt);
	const claim = str(info?.rateLimitType);
	const structuredWindow = claim ? windowFromClaim(claim) : undefined;

	const parsed = text ? parseLimitText(text, {now: facts.writtenAt ?? ctx.now, timeZone: ctx.timeZone, source}) : null;
	if (parsed) {
		if (parsed.kind === 'usage_limit') {
			if (structuredReset !== null) parsed.resetsAt = structuredReset;
			if (structuredWindow && structuredWindow !== 'unknown') parsed.window = structuredWindow;
		}
		return parsed;
	}

	const describe = text || [facts.error, facts.apiError, facts.status].filter((x) => x !== undefined).join(' ');
	const usageByCode = facts.apiError === 'usage_limit_reached' || info?.status === 'rejected';
	const rateByCode = facts.error === 'rate_limit' || facts.status === 429 || facts.apiErrorType === 'rate_limit_error';
	const transientByCode =
		facts.error === 'server_error' ||
		facts.error === 'overloaded' ||
		facts.apiError === 'connection_failed' ||
		facts.apiErrorType === 'overloaded_error' ||
		(facts.status !== undefined && facts.status >= 500 && facts.status <= 599);

	// An API-key 429 ("API Error: …", "(not your usage limit)") is throttling, not a quota.
	const looksTransient = /^API Error\b/i.test(text) || /not your usage limit/i.test(text);
	if (usageByCode || (rateByCode && !looksTransient)) {
		// A rate-limit error whose wording is unknown (a newer CLI): hold, with the structured
		// reset when there is one, so the orchestrator probes rather than hammering the API.
		const signal: LimitSignal = {kind: 'usage_limit', window: structuredWindow ?? 'unknown', text: describe, source};
		if (structuredReset !== null) signal.resetsAt = structuredReset;
		return signal;
	}
	if (rateByCode || transientByCode) {
		const signal: LimitSignal = {kind: 'transient', text: describe, source};
		const retry = retryAfterFromText(text);
		if (retry !== null) signal.retryAfterMs = retry;
		return signal;
	}
	return null;
}

/** The text blocks of a message (string content or `[{type:"text",text}]`); tool blocks never count. */
function messageText(message: Obj | undefined): string | undefined {
	const content = message?.content;
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return undefined;
	const texts = content.flatMap((block) => (isObj(block) && block.type === 'text' && typeof block.text === 'string' ? [block.text] : []));
	return texts.length > 0 ? texts.join('\n') : undefined;
}

/** An ISO timestamp no later than `now` (clock skew must not push resets forward). */
function timestamp(value: unknown, now: number): number | undefined {
	if (typeof value !== 'string') return undefined;
	const t = Date.parse(value);
	return Number.isFinite(t) ? Math.min(t, now) : undefined;
}

/** 0..1; percentages (0.92 vs 92) are both seen in the wild. */
function fraction(value: unknown): number | undefined {
	const n = num(value);
	if (n === undefined || n < 0) return undefined;
	if (n <= 1) return n;
	return n <= 100 ? n / 100 : undefined;
}
