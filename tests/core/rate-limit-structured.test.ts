import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {
	holdUntil,
	parseHookPayload,
	parseStreamEvent,
	parseTranscriptEntry,
	type LimitSignal,
} from '../../source/core/rate-limit/index.js';

// Fixture lines are copied from claude-cli.md (§4.2, §4.4, §5.3, §7.2, Part B §2.4).
function fixture(name: string): unknown[] {
	const url = new URL(`../fixtures/rate-limit/${name}`, import.meta.url);
	return readFileSync(fileURLToPath(url), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as unknown);
}

const NOW = Date.parse('2026-11-21T15:59:03.500Z');
const CTX = {now: NOW, timeZone: 'UTC'};
const FIVE_HOUR_RESET = 1795284000 * 1000; // 2026-11-21T18:00:00Z, "6pm (UTC)"
const MSG_5H = "You've hit your 5-hour limit · resets 6pm (UTC)";

describe('parseStreamEvent: the 2.1.330 five-hour rejection (§5.3)', () => {
	const [rateLimitEvent, assistant, result] = fixture('stream-2.1.330-five-hour.jsonl');

	it('rate_limit_event rejected → usage_limit with the structured reset', () => {
		expect(parseStreamEvent(rateLimitEvent, CTX)).toMatchObject({
			kind: 'usage_limit',
			window: 'five_hour',
			resetsAt: FIVE_HOUR_RESET,
			source: 'stream',
		});
	});

	it('the synthetic assistant error → usage_limit with the exact text', () => {
		expect(parseStreamEvent(assistant, CTX)).toEqual<LimitSignal>({
			kind: 'usage_limit',
			window: 'five_hour',
			resetsAt: FIVE_HOUR_RESET,
			text: MSG_5H,
			source: 'stream',
		});
	});

	it('the error result → usage_limit from the result text', () => {
		expect(parseStreamEvent(result, CTX)).toEqual<LimitSignal>({
			kind: 'usage_limit',
			window: 'five_hour',
			resetsAt: FIVE_HOUR_RESET,
			text: MSG_5H,
			source: 'result',
		});
	});

	it('all three give the same hold', () => {
		const holds = [rateLimitEvent, assistant, result].map((e) => holdUntil(parseStreamEvent(e, CTX)!, 120_000));
		expect(new Set(holds)).toEqual(new Set([FIVE_HOUR_RESET + 120_000]));
	});
});

describe('parseStreamEvent: ordinary runs and non-limit errors give nothing', () => {
	it.each([
		'stream-2.1.330-tool-turn.jsonl',
		'stream-2.0.77-tool-turn.jsonl',
		'stream-1.0.30-tool-turn.jsonl',
		'stream-2.1.330-not-logged-in.jsonl',
	])('%s: every line → null', (name) => {
		const events = fixture(name);
		expect(events.length).toBeGreaterThan(1);
		for (const event of events) expect(parseStreamEvent(event, CTX)).toBeNull();
	});

	it('connection refused (error server_error, api_error connection_failed) → transient, never a hold', () => {
		const signals = fixture('stream-2.1.330-connection-refused.jsonl').map((e) => parseStreamEvent(e, CTX));
		expect(signals.map((s) => s?.kind)).toEqual(['transient', 'transient']);
		for (const s of signals) expect(holdUntil(s!, 0)).toBeNull();
	});
});

const synthetic = (text: string, extra: Record<string, unknown> = {}) => ({
	type: 'assistant',
	message: {id: 'x', model: '<synthetic>', role: 'assistant', type: 'message', content: [{type: 'text', text}]},
	parent_tool_use_id: null,
	session_id: 's',
	uuid: 'u',
	timestamp: '2026-11-21T15:59:03.213Z',
	...extra,
});

describe('parseStreamEvent: rate_limit_event statuses', () => {
	const info = (rate_limit_info: unknown) => ({type: 'rate_limit_event', rate_limit_info, uuid: 'u', session_id: 's'});
	it.each<[string, unknown, Partial<LimitSignal> | null]>([
		['allowed → null', info({status: 'allowed', isUsingOverage: false}), null],
		[
			'allowed_warning (§5.3) → warning with utilization',
			info({
				status: 'allowed_warning',
				resetsAt: 1795280400,
				rateLimitType: 'five_hour',
				utilization: 0.92,
				isUsingOverage: false,
				surpassedThreshold: 0.9,
				unifiedWindows: {},
			}),
			{kind: 'warning', window: 'five_hour', resetsAt: 1795280400000, utilization: 0.92},
		],
		[
			'resetsAt in milliseconds',
			info({status: 'rejected', resetsAt: 1795284000000, rateLimitType: 'seven_day'}),
			{kind: 'usage_limit', window: 'seven_day', resetsAt: FIVE_HOUR_RESET},
		],
		[
			'seven_day_opus → opus',
			info({status: 'rejected', resetsAt: 1795284000, rateLimitType: 'seven_day_opus'}),
			{kind: 'usage_limit', window: 'opus'},
		],
		['seven_day_sonnet → sonnet', info({status: 'rejected', rateLimitType: 'seven_day_sonnet'}), {kind: 'usage_limit', window: 'sonnet'}],
		['overage → overage', info({status: 'rejected', rateLimitType: 'overage'}), {kind: 'usage_limit', window: 'overage'}],
		[
			'reset only inside unifiedWindows',
			info({status: 'rejected', rateLimitType: 'five_hour', unifiedWindows: {five_hour: {utilization: 1, resetsAt: 1795284000, status: 'rejected'}}}),
			{kind: 'usage_limit', window: 'five_hour', resetsAt: FIVE_HOUR_RESET},
		],
		['rejected without any reset → usage_limit, reset unknown', info({status: 'rejected'}), {kind: 'usage_limit', window: 'unknown'}],
		['warning utilization as a percentage', info({status: 'allowed_warning', utilization: 92}), {kind: 'warning', utilization: 0.92}],
		['unknown status → null', info({status: 'throttled'}), null],
		['missing rate_limit_info → null', {type: 'rate_limit_event'}, null],
		['rate_limit_info not an object → null', info('rejected'), null],
	])('%s', (_name, event, expected) => {
		const signal = parseStreamEvent(event, CTX);
		if (expected === null) expect(signal).toBeNull();
		else expect(signal).toMatchObject({...expected, source: 'stream'});
	});

	it('an allowed_warning is never a hold', () => {
		const s = parseStreamEvent(info({status: 'allowed_warning', resetsAt: 1795280400, rateLimitType: 'five_hour'}), CTX);
		expect(holdUntil(s!, 0)).toBeNull();
	});
});

describe('parseStreamEvent: assistant and result API errors', () => {
	it.each<[string, unknown, Partial<LimitSignal> | null]>([
		[
			'API-key 429 (error rate_limit) → transient',
			synthetic("API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later.", {
				error: 'rate_limit',
				is_api_error_message: true,
				api_error_status: 429,
				api_error_type: 'rate_limit_error',
			}),
			{kind: 'transient'},
		],
		[
			'529 overloaded → transient',
			synthetic('API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary.', {
				error: 'server_error',
				is_api_error_message: true,
				api_error_status: 529,
			}),
			{kind: 'transient'},
		],
		[
			'overloaded_error type without a known text → transient',
			synthetic('Something went wrong', {is_api_error_message: true, api_error_type: 'overloaded_error'}),
			{kind: 'transient'},
		],
		[
			'a new wording with usage_limit_reached → usage_limit with the structured reset',
			synthetic('Your plan is paused until later today', {
				error: 'rate_limit',
				is_api_error_message: true,
				api_error_status: 429,
				api_error: 'usage_limit_reached',
				api_error_params: {rate_limit_info: {status: 'rejected', resetsAt: 1795284000, rateLimitType: 'seven_day'}},
			}),
			{kind: 'usage_limit', window: 'seven_day', resetsAt: FIVE_HOUR_RESET, text: 'Your plan is paused until later today'},
		],
		[
			'the structured reset wins over the printed one',
			synthetic(MSG_5H, {
				error: 'rate_limit',
				is_api_error_message: true,
				api_error_params: {rate_limit_info: {status: 'rejected', resetsAt: 1795285800, rateLimitType: 'five_hour'}},
			}),
			{kind: 'usage_limit', window: 'five_hour', resetsAt: 1795285800000},
		],
		[
			'only is_api_error_message and the 1.0.30 text',
			synthetic('Claude AI usage limit reached|1795284000', {is_api_error_message: true}),
			{kind: 'usage_limit', window: 'usage', resetsAt: FIVE_HOUR_RESET},
		],
		[
			'a synthetic message with the 1.0.113 text, read against its own timestamp',
			synthetic('5-hour limit reached ∙ resets 7pm'),
			{kind: 'usage_limit', window: 'five_hour', resetsAt: Date.parse('2026-11-21T19:00:00Z')},
		],
		[
			'authentication_failed → null',
			synthetic('Not logged in · Please run /login', {error: 'authentication_failed', is_api_error_message: true}),
			null,
		],
	])('%s', (_name, event, expected) => {
		const signal = parseStreamEvent(event, CTX);
		if (expected === null) expect(signal).toBeNull();
		else expect(signal).toMatchObject({...expected, source: 'stream'});
	});

	const result = (fields: Record<string, unknown>) => ({type: 'result', subtype: 'success', session_id: 's', ...fields});
	it.each<[string, unknown, Partial<LimitSignal> | null]>([
		['1.0.30 error result (no api_error_status field)', result({is_error: true, result: 'Claude AI usage limit reached|1795284000'}), {kind: 'usage_limit', resetsAt: FIVE_HOUR_RESET}],
		[
			'API-key 429 result → transient',
			result({is_error: true, api_error_status: 429, result: "API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later."}),
			{kind: 'transient'},
		],
		[
			'500 result → transient',
			result({is_error: true, api_error_status: 500, result: 'API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment.'}),
			{kind: 'transient'},
		],
		[
			'429 usage_limit_reached with an unknown text → usage_limit, reset unknown',
			result({is_error: true, api_error_status: 429, api_error: 'usage_limit_reached', result: 'Limits are in effect'}),
			{kind: 'usage_limit', window: 'unknown'},
		],
		['a successful result quoting the message → null', result({is_error: false, result: MSG_5H}), null],
		['error_max_turns (no result text) → null', result({subtype: 'error_max_turns', is_error: true, errors: ['Reached maximum number of turns (1)']}), null],
	])('result: %s', (_name, event, expected) => {
		const signal = parseStreamEvent(event, CTX);
		if (expected === null) expect(signal).toBeNull();
		else expect(signal).toMatchObject({...expected, source: 'result'});
	});
});

describe('parseStreamEvent: things that are never limits', () => {
	it.each<[string, unknown]>([
		['an assistant reply quoting the message (no API-error flags)', {type: 'assistant', message: {model: 'claude-opus-5-5', content: [{type: 'text', text: MSG_5H}]}}],
		[
			'a tool_result carrying the message',
			{type: 'user', message: {role: 'user', content: [{tool_use_id: 't', type: 'tool_result', content: MSG_5H, is_error: false}]}, tool_use_result: {stdout: MSG_5H}},
		],
		['a user prompt with the message', {type: 'user', message: {role: 'user', content: MSG_5H}}],
		['a flagged assistant whose only block is a tool_use', synthetic('', {is_api_error_message: true, message: {model: '<synthetic>', content: [{type: 'tool_use', input: {command: MSG_5H}}]}})],
		['an api_retry system event', {type: 'system', subtype: 'api_retry', attempt: 1, max_retries: 10, retry_delay_ms: 624, error_status: 429, error: 'rate_limit'}],
		['the init event', {type: 'system', subtype: 'init', session_id: 's'}],
		['an unknown event type', {type: 'stream_event', event: {type: 'content_block_delta'}}],
		['null', null],
		['a string', MSG_5H],
		['a number', 429],
		['an array', [{type: 'rate_limit_event', rate_limit_info: {status: 'rejected'}}]],
	])('%s → null', (_name, event) => {
		expect(parseStreamEvent(event, CTX)).toBeNull();
	});
});

describe('parseTranscriptEntry', () => {
	it('2.1.330: only the isApiErrorMessage line counts (not the tool result or the quoting reply)', () => {
		const signals = fixture('transcript-2.1.330-five-hour.jsonl').map((e) => parseTranscriptEntry(e, CTX));
		expect(signals.filter((s) => s !== null)).toEqual<LimitSignal[]>([
			{kind: 'usage_limit', window: 'five_hour', resetsAt: FIVE_HOUR_RESET, text: MSG_5H, source: 'transcript'},
		]);
		expect(signals[4]).not.toBeNull();
	});

	it('1.0.30: isApiErrorMessage plus the epoch text', () => {
		const signals = fixture('transcript-1.0.30-epoch.jsonl').map((e) => parseTranscriptEntry(e, CTX));
		expect(signals).toEqual([null, {kind: 'usage_limit', window: 'usage', resetsAt: FIVE_HOUR_RESET, text: 'Claude AI usage limit reached|1795284000', source: 'transcript'}]);
	});

	it('1.0.113: a zone-less time is read in the machine zone, from the line timestamp (not from now)', () => {
		const later = {now: Date.parse('2026-11-23T12:00:00Z'), timeZone: 'America/New_York'};
		const signals = fixture('transcript-1.0.113-five-hour.jsonl').map((e) => parseTranscriptEntry(e, later));
		// Written 10:59 EST on Nov 21 → 7pm EST that day, which is already in the past (no hold left).
		expect(signals[1]).toMatchObject({kind: 'usage_limit', window: 'five_hour', resetsAt: Date.parse('2026-11-22T00:00:00Z')});
		expect(signals[0]).toBeNull();
	});

	it.each<[string, unknown, Partial<LimitSignal> | null]>([
		[
			'a 500 API error line → transient',
			{type: 'assistant', isApiErrorMessage: true, error: 'server_error', apiErrorStatus: 500, message: {model: '<synthetic>', content: [{type: 'text', text: 'API Error: 500 Internal server error.'}]}},
			{kind: 'transient'},
		],
		[
			'not logged in → null',
			{type: 'assistant', isApiErrorMessage: true, error: 'authentication_failed', message: {model: '<synthetic>', content: [{type: 'text', text: 'Not logged in · Please run /login'}]}},
			null,
		],
		['an assistant line quoting the message without the flag → null', {type: 'assistant', message: {model: 'claude-opus-5-5', content: [{type: 'text', text: MSG_5H}]}}, null],
		[
			'a user tool_result line → null (even flagged)',
			{type: 'user', isApiErrorMessage: true, message: {role: 'user', content: [{type: 'tool_result', content: MSG_5H}]}, toolUseResult: {stdout: MSG_5H}},
			null,
		],
		['a system line mentioning the limit → null', {type: 'system', subtype: 'local_command', content: MSG_5H}, null],
		['a queue-operation carrying the text → null', {type: 'queue-operation', operation: 'enqueue', content: MSG_5H}, null],
		['not an object → null', 'isApiErrorMessage', null],
		['null → null', null, null],
	])('%s', (_name, entry, expected) => {
		const signal = parseTranscriptEntry(entry, CTX);
		if (expected === null) expect(signal).toBeNull();
		else expect(signal).toMatchObject({...expected, source: 'transcript'});
	});
});

describe('parseHookPayload', () => {
	const payloads = fixture('hooks-2.1.330.jsonl') as Array<Record<string, unknown>>;

	it('only the StopFailure payloads of Part B §2.4 are signals', () => {
		const hits = payloads.flatMap((p) => {
			const s = parseHookPayload(p, CTX);
			return s ? [{event: p.hook_event_name, kind: s.kind, window: s.window, resetsAt: s.resetsAt}] : [];
		});
		expect(hits).toEqual([
			{event: 'StopFailure', kind: 'usage_limit', window: 'five_hour', resetsAt: Date.parse('2026-11-21T19:00:00Z')},
			{event: 'StopFailure', kind: 'usage_limit', window: 'five_hour', resetsAt: Date.parse('2026-11-21T19:00:00Z')},
			{event: 'StopFailure', kind: 'transient', window: undefined, resetsAt: undefined},
		]);
		expect(payloads.length).toBeGreaterThan(20);
	});

	const stopFailure = (error: string, last_assistant_message?: string, extra: Record<string, unknown> = {}) => ({
		session_id: 's',
		transcript_path: '/t.jsonl',
		cwd: '/w',
		hook_event_name: 'StopFailure',
		error,
		...(last_assistant_message === undefined ? {} : {last_assistant_message}),
		...extra,
	});

	it.each<[string, unknown, Partial<LimitSignal> | null]>([
		['rate_limit with the 2.1.330 text', stopFailure('rate_limit', "You've hit your 5-hour limit · resets 7pm (UTC)"), {kind: 'usage_limit', window: 'five_hour', text: "You've hit your 5-hour limit · resets 7pm (UTC)"}],
		[
			'rate_limit from an API key → transient',
			stopFailure('rate_limit', "API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later."),
			{kind: 'transient'},
		],
		['rate_limit with an unknown wording → usage_limit, reset unknown (probe)', stopFailure('rate_limit', 'Limits apply until later'), {kind: 'usage_limit', window: 'unknown'}],
		['rate_limit without a message', stopFailure('rate_limit'), {kind: 'usage_limit', text: 'rate_limit'}],
		['overloaded → transient', stopFailure('overloaded', 'API Error: Repeated 529 Overloaded errors.'), {kind: 'transient'}],
		['server_error without a message → transient', stopFailure('server_error'), {kind: 'transient'}],
		['a retry hint in error_details', stopFailure('server_error', 'Upstream failure', {error_details: 'retry after 20 seconds'}), {kind: 'transient', retryAfterMs: 20_000}],
		['no hook_event_name but an error field', {error: 'rate_limit', last_assistant_message: "You've hit your weekly limit · resets Nov 24, 6:30pm (UTC)"}, {kind: 'usage_limit', window: 'seven_day', resetsAt: Date.parse('2026-11-24T18:30:00Z')}],
		['authentication_failed → null', stopFailure('authentication_failed', 'Invalid API key · Fix external API key'), null],
		['max_output_tokens → null', stopFailure('max_output_tokens', 'Response exceeded the output token maximum'), null],
		['a Stop hook whose last message quotes the limit → null', {hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: MSG_5H}, null],
		['a SubagentStop quoting the limit → null', {hook_event_name: 'SubagentStop', error: 'rate_limit', last_assistant_message: MSG_5H}, null],
		['a PostToolUse whose output is the message → null', {hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_response: {stdout: MSG_5H}}, null],
		['StopFailure with a non-string error → null', {hook_event_name: 'StopFailure', error: 429, last_assistant_message: MSG_5H}, null],
		['null → null', null, null],
		['a string → null', 'StopFailure', null],
	])('%s', (_name, payload, expected) => {
		const signal = parseHookPayload(payload, CTX);
		if (expected === null) expect(signal).toBeNull();
		else expect(signal).toMatchObject({...expected, source: 'hook'});
	});
});
