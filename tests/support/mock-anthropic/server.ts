import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {
	announcedCwd,
	asRecord,
	isToolResultTurn,
	latestUserText,
	messagesOf,
	toolsOf,
	userTurnCount,
} from './conversation.js';
import {builtInReply} from './scenarios.js';
import type {
	MockAnthropic,
	MockAnthropicOptions,
	MockLimit,
	MockReply,
	MockRequestContext,
	MockScript,
	RecordedRequest,
	RequestKind,
} from './types.js';
import {errorBody, jsonMessage, limitResponse, newId, resolveBlocks, streamMessage} from './wire.js';

const DEFAULT_SIDE_TEXT = 'Mock session';
const DEFAULT_MODEL = 'claude-opus-5-5';

const pathOf = (url: string): string => url.split('?')[0] ?? url;

const parseBody = (raw: string): unknown => {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
};

/** A main turn is a streamed Messages call that offers tools; title generation and other helpers offer none. */
export const classify = (method: string, path: string, body: unknown): RequestKind => {
	if (method !== 'POST') return 'other';
	if (path === '/v1/messages/count_tokens') return 'side';
	if (path !== '/v1/messages') return 'other';
	const record = asRecord(body);
	return record.stream === true && toolsOf(record).length > 0 ? 'main' : 'side';
};

const sendJson = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
	const text = JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/json', 'request-id': newId('req'), ...headers});
	response.end(text);
};

export const startMockAnthropic = async (options: MockAnthropicOptions = {}): Promise<MockAnthropic> => {
	const requests: RecordedRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const hanging = new Set<http.ServerResponse>();
	let streaming = 0;
	let limited: MockLimit | null = null;
	let script: MockScript | null = null;
	let mainCount = 0;

	const answerMessage = (response: http.ServerResponse, reply: MockReply, model: string, stream: boolean): string => {
		switch (reply.kind) {
			case 'hang':
				hanging.add(response);
				response.on('close', () => hanging.delete(response));
				return 'hang';
			case 'error':
				sendJson(response, reply.status, reply.body ?? errorBody('api_error', 'Mock error'), reply.headers);
				return `${reply.status} error`;
			case 'limit': {
				const limit = limitResponse(reply.limit, Date.now());
				sendJson(response, limit.status, limit.body, limit.headers);
				return limit.label;
			}
			case 'message': {
				const blocks = resolveBlocks(reply.content);
				const stopReason = reply.stopReason ?? (blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn');
				const label = blocks.map((block) => (block.type === 'text' ? 'text' : `tool_use:${block.name}`)).join('+');
				if (!stream) {
					sendJson(response, 200, jsonMessage(model, blocks, stopReason));
					return label;
				}
				streaming++;
				const handle = streamMessage(response, model, blocks, stopReason, reply.streamDurationMs ?? 0, timers);
				void handle.done.then(() => {
					streaming--;
				});
				return reply.streamDurationMs ? `slow ${label}` : label;
			}
		}
	};

	const contextOf = (record: RecordedRequest, body: Record<string, unknown>): MockRequestContext => ({
		index: record.index,
		mainIndex: record.mainIndex ?? -1,
		path: record.path,
		headers: record.headers,
		body,
		model: typeof body.model === 'string' ? body.model : DEFAULT_MODEL,
		stream: body.stream === true,
		messages: messagesOf(body),
		system: body.system,
		tools: toolsOf(body),
		latestUserText: latestUserText(body),
		userTurnCount: userTurnCount(body),
		isToolResultTurn: isToolResultTurn(body),
		cwd: announcedCwd(body),
	});

	const handleMain = (record: RecordedRequest, body: Record<string, unknown>, response: http.ServerResponse): string => {
		const ctx = contextOf(record, body);
		if (limited) return answerMessage(response, {kind: 'limit', limit: limited}, ctx.model, ctx.stream);
		const active = script ?? options.respond;
		const reply = active?.(ctx) ?? builtInReply(ctx, options);
		return answerMessage(response, reply, ctx.model, ctx.stream);
	};

	const handleSide = (record: RecordedRequest, body: Record<string, unknown>, response: http.ServerResponse): string => {
		if (record.path === '/v1/messages/count_tokens') {
			sendJson(response, 200, {input_tokens: 1200});
			return 'count_tokens';
		}
		const ctx = contextOf(record, body);
		const reply = options.respondSide?.(ctx) ?? {kind: 'message', content: [{type: 'text', text: options.sideText ?? DEFAULT_SIDE_TEXT}]};
		return answerMessage(response, reply, ctx.model, ctx.stream);
	};

	const handleOther = (record: RecordedRequest, response: http.ServerResponse): string => {
		if (record.path.startsWith('/api/event_logging')) {
			sendJson(response, 200, {});
			return 'event_logging';
		}
		sendJson(response, 404, errorBody('not_found_error', `No mock route for ${record.method} ${record.path}`));
		return '404';
	};

	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('error', () => response.destroy());
		request.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const body = parseBody(rawBody);
			const url = request.url ?? '/';
			const path = pathOf(url);
			const method = request.method ?? 'GET';
			const kind = classify(method, path, body);
			const record: RecordedRequest = {
				index: requests.length,
				mainIndex: kind === 'main' ? mainCount++ : null,
				kind,
				method,
				url,
				path,
				headers: request.headers,
				body,
				rawBody,
				remoteAddress: request.socket.remoteAddress ?? '',
				localAddress: request.socket.localAddress ?? '',
				receivedAt: Date.now(),
				answer: 'pending',
			};
			requests.push(record);
			try {
				const bodyRecord = asRecord(body);
				record.answer =
					kind === 'main'
						? handleMain(record, bodyRecord, response)
						: kind === 'side'
							? handleSide(record, bodyRecord, response)
							: handleOther(record, response);
			} catch (error) {
				// A broken script must show up as a failed request in the test, not as a dead mock.
				record.answer = `500 mock failure: ${error instanceof Error ? error.message : String(error)}`;
				if (!response.headersSent) sendJson(response, 500, errorBody('api_error', record.answer));
				else response.destroy();
			}
		});
	});
	// The CLI keeps connections alive; nothing here should hold the test process open.
	server.keepAliveTimeout = 5_000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;

	const waitForRequest = (predicate: (request: RecordedRequest) => boolean, timeoutMs = 30_000) =>
		new Promise<RecordedRequest>((resolve, reject) => {
			const started = Date.now();
			const check = () => {
				const found = requests.find(predicate);
				if (found) return resolve(found);
				if (Date.now() - started > timeoutMs) {
					const seen = requests.map((r) => `${r.kind} ${r.method} ${r.path} → ${r.answer}`).join('; ');
					return reject(new Error(`mock: no matching request within ${timeoutMs} ms (seen: ${seen || 'none'})`));
				}
				const timer = setTimeout(() => {
					timers.delete(timer);
					check();
				}, 25);
				timers.add(timer);
			};
			check();
		});

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		mainRequests: () => requests.filter((request) => request.kind === 'main'),
		setLimited: (limit) => {
			limited = limit;
		},
		setScript: (next) => {
			script = next;
		},
		waitForRequest,
		openStreams: () => streaming + hanging.size,
		close: async () => {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const response of hanging) response.destroy();
			hanging.clear();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
};
