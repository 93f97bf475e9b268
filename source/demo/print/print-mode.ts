// `-p` (and piped stdin+stdout): one run, output as text, a single json result, or
// stream-json events; exit codes as in claude-cli.md §8.

import {createInterface} from 'node:readline';
import type {SessionContext} from '../engine/context.js';
import type {EngineEvent, EngineHost, TurnOutcome} from '../engine/events.js';
import {TurnEngine} from '../engine/turn.js';
import {
	apiErrorAssistantEvent,
	assistantEvent,
	initEvent,
	permissionDeniedEvent,
	rateLimitEvent,
	resultEvent,
	retryEvent,
	toolResultEvent,
	userTextEvent,
	type ResultInput,
	type StreamContext,
} from './stream-events.js';

export type PrintOptions = {
	readonly outputFormat: 'text' | 'json' | 'stream-json';
	readonly inputFormat: 'text' | 'stream-json';
	readonly replayUserMessages: boolean;
	readonly prompt: string | undefined;
	readonly source: 'startup' | 'resume';
};

export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	return new Promise((resolvePromise) => {
		if (signal?.aborted) return resolvePromise(false);
		const timer = Number.isFinite(ms) ? setTimeout(() => done(true), Math.max(0, ms)) : undefined;
		const keepAlive = timer === undefined ? setInterval(() => undefined, 1 << 30) : undefined;
		const onAbort = () => done(false);
		const done = (value: boolean) => {
			if (timer) clearTimeout(timer);
			if (keepAlive) clearInterval(keepAlive);
			signal?.removeEventListener('abort', onAbort);
			resolvePromise(value);
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

function write(line: unknown): void {
	process.stdout.write(JSON.stringify(line) + '\n');
}

class PrintHost implements EngineHost {
	constructor(
		private readonly stream: StreamContext,
		private readonly streaming: boolean,
	) {}

	emit(event: EngineEvent): void {
		if (!this.streaming) return;
		const c = this.stream;
		switch (event.type) {
			case 'assistant':
				write(assistantEvent(c, event));
				break;
			case 'tool-done':
				write(toolResultEvent(c, {toolUseId: event.call.id, content: event.run.content, isError: event.run.isError, structured: event.run.structured, uuid: event.uuid}));
				break;
			case 'tool-blocked':
				if (event.source === 'no-prompt' && c.profile.streamSchema === 'full') {
					write(permissionDeniedEvent(c, {toolName: event.call.name, toolUseId: event.call.id, message: event.reason}));
				}
				write(toolResultEvent(c, {toolUseId: event.call.id, content: event.reason, isError: true, structured: `Error: ${event.reason}`, uuid: event.uuid}));
				break;
			case 'api-retry':
				if (c.profile.streamSchema === 'full') write(retryEvent(c, event));
				break;
			case 'rate-limit-event':
				if (c.profile.streamSchema === 'full') write(rateLimitEvent(c, event.info));
				break;
			case 'api-error':
				if (c.profile.streamSchema === 'full') write(apiErrorAssistantEvent(c, event));
				else write(assistantEvent(c, {messageId: event.messageId, model: '<synthetic>', block: {type: 'text', text: event.text}, usage: {input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0}, requestId: '', uuid: event.uuid}));
				break;
			default:
				break;
		}
	}

	wait(ms: number, signal: AbortSignal): Promise<boolean> {
		return sleep(ms, signal);
	}

	async askPermission(): Promise<'no'> {
		return 'no';
	}
}

function resultFor(outcome: TurnOutcome, engine: TurnEngine, ctx: SessionContext, index: number): {input: ResultInput; rc: number; text: string} | undefined {
	const base = {stats: engine.stats, permissionDenials: engine.permissionDenials, resultIndex: index};
	switch (outcome.kind) {
		case 'completed':
			return {input: {...base, subtype: 'success', isError: false, result: outcome.lastText, terminalReason: 'completed', stopReason: 'end_turn'}, rc: 0, text: outcome.lastText + '\n'};
		case 'limit':
			return {
				input: {
					...base,
					subtype: 'success',
					isError: true,
					result: outcome.text,
					terminalReason: 'api_error',
					stopReason: 'stop_sequence',
					apiErrorStatus: 429,
					apiErrorType: 'rate_limit_error',
					...(outcome.apiKeyForm ? {} : {apiError: 'usage_limit_reached'}),
				},
				rc: 1,
				text: outcome.text + '\n',
			};
		case 'api-error':
			return {input: {...base, subtype: 'success', isError: true, result: outcome.text, terminalReason: 'api_error', stopReason: 'stop_sequence'}, rc: 1, text: outcome.text + '\n'};
		case 'prompt-blocked': {
			const text = `UserPromptSubmit operation blocked by hook:\n${outcome.reason}`;
			return {input: {...base, subtype: 'success', isError: true, result: text, terminalReason: 'hook_blocked', stopReason: null}, rc: 1, text: text + '\n'};
		}
		case 'max-turns': {
			const isError = ctx.profile.maxTurnsIsError;
			return {
				input: {...base, subtype: 'error_max_turns', isError, result: undefined, errors: isError ? [`Reached maximum number of turns (${outcome.turns})`] : [], terminalReason: 'max_turns', stopReason: null},
				rc: isError ? 1 : 0,
				text: `Error: Reached max turns (${outcome.turns})`,
			};
		}
		case 'interrupted':
			return {
				input: {...base, subtype: 'error_during_execution', isError: true, result: undefined, errors: ['[ede_diagnostic] result_type=user last_content_type=n/a stop_reason=null'], terminalReason: 'aborted_streaming', stopReason: null},
				rc: 0,
				text: '',
			};
		case 'crash':
		case 'exit':
			return undefined;
	}
}

async function* stdinMessages(): AsyncGenerator<string> {
	const lines = createInterface({input: process.stdin, crlfDelay: Infinity});
	for await (const line of lines) {
		if (!line.trim()) continue;
		let parsed: {type?: string; message?: {content?: unknown}};
		try {
			parsed = JSON.parse(line) as typeof parsed;
		} catch {
			continue;
		}
		if (parsed.type !== 'user') continue;
		const content = parsed.message?.content;
		if (typeof content === 'string') yield content;
		else if (Array.isArray(content)) {
			yield content
				.map((block: {type?: string; text?: string}) => (block.type === 'text' ? (block.text ?? '') : ''))
				.filter(Boolean)
				.join('\n');
		}
	}
}

export async function readAllStdin(): Promise<string> {
	if (process.stdin.isTTY) return '';
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function runPrintMode(ctx: SessionContext, stream: StreamContext, options: PrintOptions, exit: (code: number) => Promise<never>): Promise<never> {
	const streaming = options.outputFormat === 'stream-json';
	const host = new PrintHost(stream, streaming);
	const engine = new TurnEngine(ctx, host);
	let running = false;
	process.on('SIGINT', () => {
		if (running) engine.interrupt();
		else void exit(0);
	});
	process.on('SIGTERM', () => {
		void engine.sessionEnd('other').finally(() => exit(143));
	});

	let prompt = options.prompt;
	if (options.inputFormat === 'text' && (prompt === undefined || prompt === '')) {
		prompt = (await readAllStdin()).replace(/\n$/, '');
		if (!prompt.trim()) {
			process.stderr.write('Error: Input must be provided either through stdin or as a prompt argument when using --print\n');
			return exit(1);
		}
	}
	if (streaming) write(initEvent(stream));
	await engine.sessionStart(options.source);

	const messages: AsyncIterable<string> =
		options.inputFormat === 'stream-json'
			? stdinMessages()
			: (async function* () {
					yield prompt ?? '';
				})();
	let rc = 0;
	let index = 0;
	for await (const message of messages) {
		if (options.replayUserMessages && streaming) write(userTextEvent(stream, message));
		running = true;
		const outcome = await engine.runMessage(message, 'prompt');
		running = false;
		if (outcome.kind === 'crash') {
			return exit(outcome.code);
		}
		if (outcome.kind === 'exit') {
			await engine.sessionEnd('other');
			return exit(0);
		}
		if (outcome.kind === 'interrupted' && streaming) write(userTextEvent(stream, '[Request interrupted by user]'));
		const result = resultFor(outcome, engine, ctx, index++);
		if (!result) continue;
		if (streaming || options.outputFormat === 'json') write(resultEvent(stream, result.input));
		else process.stdout.write(result.text);
		rc = result.rc;
		if (outcome.kind === 'interrupted') break;
		if (rc !== 0 && options.inputFormat === 'text') break;
	}
	await engine.sessionEnd('other');
	return exit(rc);
}
