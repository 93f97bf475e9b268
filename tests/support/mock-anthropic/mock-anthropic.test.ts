import {afterEach, describe, expect, it} from 'vitest';
import {
	AFTER_TOOL_TEXT,
	BASH_COMMAND,
	DEFAULT_TEXT,
	type MockAnthropic,
	type MockAnthropicOptions,
	type MockLimit,
	STOP_FEEDBACK_TEXT,
	startMockAnthropic,
	WRITTEN_CONTENT,
} from './index.js';

const mocks: MockAnthropic[] = [];
const start = async (options?: MockAnthropicOptions) => {
	const mock = await startMockAnthropic(options);
	mocks.push(mock);
	return mock;
};

afterEach(async () => {
	for (const mock of mocks.splice(0)) await mock.close();
});

const TOOLS = [{name: 'Write', input_schema: {type: 'object'}}];

type SseEvent = {event: string; data: Record<string, unknown>};

const parseSse = (text: string): SseEvent[] =>
	text
		.split('\n\n')
		.filter((frame) => frame.trim() !== '')
		.map((frame) => {
			const event = /^event: (.*)$/m.exec(frame)?.[1] ?? '';
			const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? '{}') as Record<string, unknown>;
			return {event, data};
		});

/** Reassembles a streamed message the way an SDK client would. */
const assemble = (events: SseEvent[]) => {
	const blocks: Array<{type: string; text?: string; name?: string; json?: string}> = [];
	let stopReason: unknown;
	for (const {data} of events) {
		const index = data.index as number;
		if (data.type === 'content_block_start') {
			const block = data.content_block as {type: string; name?: string};
			blocks[index] = {type: block.type, text: '', json: '', ...(block.name ? {name: block.name} : {})};
		}
		if (data.type === 'content_block_delta') {
			const delta = data.delta as {type: string; text?: string; partial_json?: string};
			const block = blocks[index];
			if (block && delta.type === 'text_delta') block.text += delta.text ?? '';
			if (block && delta.type === 'input_json_delta') block.json += delta.partial_json ?? '';
		}
		if (data.type === 'message_delta') stopReason = (data.delta as {stop_reason: unknown}).stop_reason;
	}
	return {blocks, stopReason};
};

const post = async (mock: MockAnthropic, body: unknown, path = '/v1/messages?beta=true') => {
	const response = await fetch(`${mock.url}${path}`, {
		method: 'POST',
		headers: {'content-type': 'application/json'},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return {status: response.status, headers: response.headers, text: await response.text()};
};

const mainBody = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
	model: 'claude-opus-5-5',
	stream: true,
	max_tokens: 1000,
	tools: TOOLS,
	messages,
	...extra,
});

const user = (text: string) => ({role: 'user', content: [{type: 'text', text}]});

describe('mock Anthropic API: main turns', () => {
	it('streams the default text reply as a complete SSE message', async () => {
		const mock = await start();
		const reply = await post(mock, mainBody([user('say hi')]));
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const events = parseSse(reply.text);
		expect(events.map((event) => event.event)).toEqual([
			'message_start',
			'ping',
			'content_block_start',
			'content_block_delta',
			'content_block_stop',
			'message_delta',
			'message_stop',
		]);
		for (const {event, data} of events) expect(data.type).toBe(event);
		expect(assemble(events)).toEqual({blocks: [{type: 'text', text: DEFAULT_TEXT, json: ''}], stopReason: 'end_turn'});
		expect(mock.requests[0]).toMatchObject({kind: 'main', mainIndex: 0, path: '/v1/messages', url: '/v1/messages?beta=true', answer: 'text'});
		expect(mock.requests[0]?.remoteAddress).toMatch(/127\.0\.0\.1$/);
	});

	it('answers MOCK_WRITE with a Write tool_use aimed at the announced working directory', async () => {
		const mock = await start();
		// 2.1.330 sends its environment section as a role:"system" message inside messages.
		const env = {role: 'system', content: '# Environment\n - Primary working directory: /work/here\n - Platform: linux'};
		const {blocks, stopReason} = assemble(parseSse((await post(mock, mainBody([user('MOCK_WRITE please'), env]))).text));
		expect(stopReason).toBe('tool_use');
		expect(blocks[0]).toMatchObject({type: 'text', text: 'I will write a file.'});
		expect(blocks[1]).toMatchObject({type: 'tool_use', name: 'Write'});
		expect(JSON.parse(blocks[1]?.json ?? '')).toEqual({file_path: '/work/here/mock_written.txt', content: WRITTEN_CONTENT});
	});

	it('falls back to a relative path when no working directory is announced', async () => {
		const mock = await start();
		const {blocks} = assemble(parseSse((await post(mock, mainBody([user('MOCK_WRITE')]))).text));
		expect(JSON.parse(blocks[1]?.json ?? '').file_path).toBe('mock_written.txt');
	});

	it('answers MOCK_BASHW with a Bash tool_use', async () => {
		const mock = await start();
		const {blocks} = assemble(parseSse((await post(mock, mainBody([user('MOCK_BASHW go')]))).text));
		expect(blocks[1]).toMatchObject({type: 'tool_use', name: 'Bash'});
		expect(JSON.parse(blocks[1]?.json ?? '').command).toBe(BASH_COMMAND);
	});

	it('ignores magic words inside system reminders', async () => {
		const mock = await start();
		const message = {role: 'user', content: [{type: 'text', text: '<system-reminder>MOCK_WRITE</system-reminder>'}, {type: 'text', text: 'hello'}]};
		const {blocks} = assemble(parseSse((await post(mock, mainBody([message]))).text));
		expect(blocks).toEqual([{type: 'text', text: DEFAULT_TEXT, json: ''}]);
	});

	it.each([
		{
			name: 'a tool result',
			messages: [
				user('MOCK_WRITE'),
				{role: 'assistant', content: [{type: 'tool_use', id: 't1', name: 'Write', input: {}}]},
				{role: 'user', content: [{type: 'tool_result', tool_use_id: 't1', content: 'ok'}]},
			],
			expected: `${AFTER_TOOL_TEXT}\n\nAUTO-CLAUDE: DONE`,
		},
		{
			name: 'Stop hook feedback',
			messages: [user('MOCK_WRITE'), {role: 'assistant', content: 'done'}, {role: 'user', content: 'Stop hook feedback:\nverify failed: MOCK_BASHW'}],
			expected: `${STOP_FEEDBACK_TEXT}\n\nAUTO-CLAUDE: DONE`,
		},
		{
			name: 'a later user turn',
			messages: [user('first'), {role: 'assistant', content: 'hi'}, user('continue please')],
			expected: 'Acknowledged (mock): continue please\n\nAUTO-CLAUDE: DONE',
		},
	])('replies to $name and appends the final line', async ({messages, expected}) => {
		const mock = await start({finalLine: 'AUTO-CLAUDE: DONE'});
		const {blocks} = assemble(parseSse((await post(mock, mainBody(messages))).text));
		expect(blocks).toEqual([{type: 'text', text: expected, json: ''}]);
	});

	it('spreads MOCK_SLOW over the configured duration', async () => {
		const mock = await start({slowStreamMs: 400});
		const started = Date.now();
		const reply = await post(mock, mainBody([user('MOCK_SLOW')]));
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
		expect(assemble(parseSse(reply.text)).blocks[0]?.text).toMatch(/^slow( slow)+$/);
		expect(mock.requests[0]?.answer).toBe('slow text');
	});

	it('answers stream:false requests (side) through respondSide with one JSON message', async () => {
		const mock = await start({respondSide: (ctx) => (ctx.tools.length > 0 ? {kind: 'message', content: [{type: 'text', text: 'json please'}]} : undefined)});
		const reply = await post(mock, {...mainBody([user('x')]), stream: false});
		expect(JSON.parse(reply.text)).toMatchObject({type: 'message', role: 'assistant', content: [{type: 'text', text: 'json please'}], stop_reason: 'end_turn'});
	});
});

describe('mock Anthropic API: limits and errors', () => {
	const reset = 1_795_284_000;
	it.each<{limit: MockLimit; status: number; headers: Record<string, string | null>; errorType: string}>([
		{
			limit: {type: 'usage', resetsAt: reset},
			status: 429,
			headers: {
				'anthropic-ratelimit-unified-status': 'rejected',
				'anthropic-ratelimit-unified-reset': String(reset),
				'anthropic-ratelimit-unified-representative-claim': 'five_hour',
				'anthropic-ratelimit-unified-overage-status': 'rejected',
				'anthropic-ratelimit-unified-5h-status': 'rejected',
			},
			errorType: 'rate_limit_error',
		},
		{
			limit: {type: 'usage', claim: 'seven_day', resetsAt: reset},
			status: 429,
			headers: {'anthropic-ratelimit-unified-representative-claim': 'seven_day', 'anthropic-ratelimit-unified-7d-status': 'rejected'},
			errorType: 'rate_limit_error',
		},
		{
			limit: {type: 'rate_limit', retryAfterSeconds: 3},
			status: 429,
			headers: {'retry-after': '3', 'anthropic-ratelimit-unified-status': null},
			errorType: 'rate_limit_error',
		},
		{limit: {type: 'overloaded'}, status: 529, headers: {}, errorType: 'overloaded_error'},
	])('setLimited($limit.type) answers main turns with $status', async ({limit, status, headers, errorType}) => {
		const mock = await start();
		mock.setLimited(limit);
		const reply = await post(mock, mainBody([user('work')]));
		expect(reply.status).toBe(status);
		for (const [name, value] of Object.entries(headers)) expect(reply.headers.get(name)).toBe(value);
		expect(JSON.parse(reply.text)).toMatchObject({type: 'error', error: {type: errorType}});
		// Side requests keep working while limited.
		expect((await post(mock, {model: 'm', max_tokens: 10, messages: [user('title')]})).status).toBe(200);
		mock.setLimited(null);
		expect((await post(mock, mainBody([user('work')]))).status).toBe(200);
	});

	it('answers MOCK_RL5H with a one-off usage limit', async () => {
		const mock = await start();
		const reply = await post(mock, mainBody([user('MOCK_RL5H now')]));
		expect(reply.status).toBe(429);
		expect(reply.headers.get('anthropic-ratelimit-unified-representative-claim')).toBe('five_hour');
		expect((await post(mock, mainBody([user('again')]))).status).toBe(200);
	});

	it('lets setScript override options.respond and restores it with null', async () => {
		const mock = await start({respond: () => ({kind: 'error', status: 500, body: {type: 'error', error: {type: 'api_error', message: 'boom'}}})});
		expect((await post(mock, mainBody([user('a')]))).status).toBe(500);
		mock.setScript((ctx) => (ctx.latestUserText === 'b' ? {kind: 'error', status: 401, headers: {'x-extra': '1'}} : undefined));
		const scripted = await post(mock, mainBody([user('b')]));
		expect(scripted.status).toBe(401);
		expect(scripted.headers.get('x-extra')).toBe('1');
		// undefined falls through to the magic words.
		expect((await post(mock, mainBody([user('c')]))).status).toBe(200);
		mock.setScript(null);
		expect((await post(mock, mainBody([user('d')]))).status).toBe(500);
	});

	it('passes the parsed request to the script', async () => {
		const seen: unknown[] = [];
		const mock = await start({
			respond: (ctx) => {
				seen.push({text: ctx.latestUserText, tools: ctx.tools.length, stream: ctx.stream, model: ctx.model, index: ctx.mainIndex, toolResult: ctx.isToolResultTurn});
				return undefined;
			},
		});
		await post(mock, mainBody([user('hello there')]));
		expect(seen).toEqual([{text: 'hello there', tools: 1, stream: true, model: 'claude-opus-5-5', index: 0, toolResult: false}]);
	});

	it('survives a throwing script with a 500 and keeps serving', async () => {
		const mock = await start({
			respond: () => {
				throw new Error('script bug');
			},
		});
		const reply = await post(mock, mainBody([user('x')]));
		expect(reply.status).toBe(500);
		expect(mock.requests[0]?.answer).toContain('script bug');
	});

	it('holds a hanging request open until close()', async () => {
		const mock = await start({respond: () => ({kind: 'hang'})});
		const pending = fetch(`${mock.url}/v1/messages`, {method: 'POST', body: JSON.stringify(mainBody([user('x')]))}).catch(() => 'closed');
		await mock.waitForRequest((request) => request.kind === 'main', 5_000);
		expect(mock.openStreams()).toBe(1);
		mocks.splice(mocks.indexOf(mock), 1);
		await mock.close();
		expect(await pending).toBe('closed');
	});
});

describe('mock Anthropic API: side and other requests', () => {
	it.each([
		{name: 'title generation without tools', path: '/v1/messages?beta=true', body: {model: 'm', stream: true, max_tokens: 50, messages: [user('title?')]}, kind: 'side'},
		{name: 'a stream:false call', path: '/v1/messages', body: {...mainBody([user('x')]), stream: false}, kind: 'side'},
		{name: 'count_tokens', path: '/v1/messages/count_tokens?beta=true', body: {model: 'm', messages: [user('x')]}, kind: 'side'},
		{name: 'event logging', path: '/api/event_logging/batch', body: {events: []}, kind: 'other'},
		{name: 'an unparseable body', path: '/v1/messages', body: '{not json', kind: 'side'},
	])('answers $name quickly and records it as $kind', async ({path, body, kind}) => {
		const mock = await start();
		const reply = await post(mock, body, path);
		expect(reply.status).toBe(200);
		expect(reply.text.length).toBeGreaterThan(0);
		expect(mock.requests[0]?.kind).toBe(kind);
		expect(mock.requests[0]?.mainIndex).toBeNull();
		expect(mock.mainRequests()).toEqual([]);
	});

	it('gives side messages a valid reply in both stream modes', async () => {
		const mock = await start({sideText: 'Fix login'});
		const streamed = assemble(parseSse((await post(mock, {model: 'm', stream: true, messages: [user('t')]})).text));
		expect(streamed.blocks[0]?.text).toBe('Fix login');
		const json = JSON.parse((await post(mock, {model: 'm', stream: false, messages: [user('t')]})).text);
		expect(json.content).toEqual([{type: 'text', text: 'Fix login'}]);
		expect(JSON.parse((await post(mock, {}, '/v1/messages/count_tokens')).text)).toEqual({input_tokens: 1200});
	});

	it('answers unknown routes with a JSON 404 and records them', async () => {
		const mock = await start();
		const response = await fetch(`${mock.url}/api/oauth/profile`);
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({type: 'error', error: {type: 'not_found_error'}});
		expect(mock.requests[0]).toMatchObject({kind: 'other', method: 'GET', path: '/api/oauth/profile', body: undefined});
	});
});
