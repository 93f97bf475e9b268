// The Messages API wire format: SSE events for `stream:true`, one JSON message otherwise, error bodies and the
// unified rate-limit headers. Kept apart from the server so the shapes can be checked in one place.
import {randomUUID} from 'node:crypto';
import type {ServerResponse} from 'node:http';
import type {MockContentBlock, MockLimit} from './types.js';

export const newId = (prefix: string): string => `${prefix}_mock_${randomUUID().replaceAll('-', '').slice(0, 24)}`;

type ResolvedBlock = {type: 'text'; text: string} | {type: 'tool_use'; id: string; name: string; input: Record<string, unknown>};

export const resolveBlocks = (content: MockContentBlock[]): ResolvedBlock[] =>
	content.map((block) =>
		block.type === 'text'
			? {type: 'text', text: block.text}
			: {type: 'tool_use', id: block.id ?? newId('toolu'), name: block.name, input: block.input},
	);

const usage = (outputTokens: number) => ({
	input_tokens: 1200,
	output_tokens: outputTokens,
	cache_creation_input_tokens: 0,
	cache_read_input_tokens: 0,
});

export const jsonMessage = (model: string, blocks: ResolvedBlock[], stopReason: string) => ({
	id: newId('msg'),
	type: 'message',
	role: 'assistant',
	model,
	content: blocks,
	stop_reason: stopReason,
	stop_sequence: null,
	usage: usage(25),
});

const sseFrame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Splits text into small deltas so a slow stream has something to spread out. */
const chunks = (text: string, size: number): string[] => {
	const parts: string[] = [];
	for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
	return parts.length > 0 ? parts : [''];
};

export type StreamHandle = {
	/** Resolves when the stream has been fully written or the socket closed. */
	done: Promise<void>;
};

/**
 * Writes one assistant message as SSE. With durationMs > 0 the text deltas are spread over that time (a
 * slow model); tool_use input always goes out as a couple of input_json_delta events.
 */
export const streamMessage = (
	response: ServerResponse,
	model: string,
	blocks: ResolvedBlock[],
	stopReason: string,
	durationMs: number,
	timers: Set<NodeJS.Timeout>,
): StreamHandle => {
	const frames: string[] = [];
	const messageId = newId('msg');
	frames.push(
		sseFrame('message_start', {
			type: 'message_start',
			message: {id: messageId, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: usage(1)},
		}),
	);
	frames.push(sseFrame('ping', {type: 'ping'}));
	// Delta frames carry the time budget; structural frames go out immediately around them.
	const deltaFrameIndexes = new Set<number>();
	blocks.forEach((block, index) => {
		if (block.type === 'text') {
			frames.push(sseFrame('content_block_start', {type: 'content_block_start', index, content_block: {type: 'text', text: ''}}));
			for (const part of chunks(block.text, durationMs > 0 ? 5 : 64)) {
				deltaFrameIndexes.add(frames.length);
				frames.push(sseFrame('content_block_delta', {type: 'content_block_delta', index, delta: {type: 'text_delta', text: part}}));
			}
		} else {
			frames.push(
				sseFrame('content_block_start', {type: 'content_block_start', index, content_block: {type: 'tool_use', id: block.id, name: block.name, input: {}}}),
			);
			for (const part of chunks(JSON.stringify(block.input), 40)) {
				frames.push(sseFrame('content_block_delta', {type: 'content_block_delta', index, delta: {type: 'input_json_delta', partial_json: part}}));
			}
		}
		frames.push(sseFrame('content_block_stop', {type: 'content_block_stop', index}));
	});
	frames.push(
		sseFrame('message_delta', {type: 'message_delta', delta: {stop_reason: stopReason, stop_sequence: null}, usage: {output_tokens: 25}}),
	);
	frames.push(sseFrame('message_stop', {type: 'message_stop'}));

	response.writeHead(200, {
		'content-type': 'text/event-stream; charset=utf-8',
		'cache-control': 'no-cache',
		'request-id': newId('req'),
	});

	if (durationMs <= 0 || deltaFrameIndexes.size === 0) {
		response.end(frames.join(''));
		return {done: Promise.resolve()};
	}

	const gap = durationMs / deltaFrameIndexes.size;
	const done = new Promise<void>((resolve) => {
		let next = 0;
		const writeUntilDelta = () => {
			if (response.destroyed) return resolve();
			// Write structural frames up to and including the next delta, then wait.
			while (next < frames.length) {
				const isDelta = deltaFrameIndexes.has(next);
				response.write(frames[next]);
				next++;
				if (isDelta && next < frames.length) break;
			}
			if (next >= frames.length) {
				response.end();
				return resolve();
			}
			const timer = setTimeout(() => {
				timers.delete(timer);
				writeUntilDelta();
			}, gap);
			timers.add(timer);
		};
		response.on('close', () => resolve());
		writeUntilDelta();
	});
	return {done};
};

export const errorBody = (type: string, message: string) => ({type: 'error', error: {type, message}});

const RATE_LIMIT_MESSAGE = "This request would exceed your account's rate limit. Please try again later.";

/** Default reset: the next full hour that is at least an hour away, so the wording is stable within a test. */
export const defaultResetEpoch = (nowMs: number): number => Math.ceil(nowMs / 1000 / 3600) * 3600 + 3600;

export const limitResponse = (
	limit: MockLimit,
	nowMs: number,
): {status: number; headers: Record<string, string>; body: unknown; label: string} => {
	if (limit.type === 'overloaded') {
		return {status: 529, headers: {'x-should-retry': 'true'}, body: errorBody('overloaded_error', 'Overloaded'), label: '529 overloaded'};
	}
	if (limit.type === 'rate_limit') {
		return {
			status: 429,
			headers: {'retry-after': String(limit.retryAfterSeconds ?? 1)},
			body: errorBody('rate_limit_error', RATE_LIMIT_MESSAGE),
			label: '429 rate-limit',
		};
	}
	const reset = limit.resetsAt ?? defaultResetEpoch(nowMs);
	const claim = limit.claim ?? 'five_hour';
	const weekReset = reset + 2 * 86_400;
	const fiveHourRejected = claim === 'five_hour';
	const headers: Record<string, string> = {
		'anthropic-ratelimit-unified-status': 'rejected',
		'anthropic-ratelimit-unified-reset': String(reset),
		'anthropic-ratelimit-unified-representative-claim': claim,
		'anthropic-ratelimit-unified-overage-status': limit.overageStatus ?? 'rejected',
		'anthropic-ratelimit-unified-overage-disabled-reason': 'org_level_disabled',
		'anthropic-ratelimit-unified-5h-status': fiveHourRejected ? 'rejected' : 'allowed',
		'anthropic-ratelimit-unified-5h-reset': String(fiveHourRejected ? reset : Math.ceil(nowMs / 1000) + 3600),
		'anthropic-ratelimit-unified-5h-utilization': fiveHourRejected ? '1' : '0.3',
		'anthropic-ratelimit-unified-7d-status': fiveHourRejected ? 'allowed' : 'rejected',
		'anthropic-ratelimit-unified-7d-reset': String(fiveHourRejected ? weekReset : reset),
		'anthropic-ratelimit-unified-7d-utilization': fiveHourRejected ? '0.5' : '1',
		'request-id': newId('req'),
	};
	return {status: 429, headers, body: errorBody('rate_limit_error', RATE_LIMIT_MESSAGE), label: `429 usage-limit ${claim}`};
};
