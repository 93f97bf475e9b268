// The turn engine: turns a user message into simulated model responses (text blocks and
// tool calls, each response with its own message id and usage), fires the lifecycle hooks,
// and loops while a Stop hook blocks. Front ends only render events and answer prompts.

import {randomBytes, randomUUID} from 'node:crypto';
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {BLOCKED_MARKER, DONE_MARKER} from '../../core/markers.js';
import type {HookOutcome} from '../hooks.js';
import {formatReset} from '../limit-text.js';
import {resolveSteps} from '../scenario/resolve.js';
import type {Step} from '../scenario/steps.js';
import type {Usage} from '../store/transcript.js';
import {apiFailure, limitTranscriptFields, resolveLimit, resetTime, warningInfo, type ResolvedLimit} from './api-errors.js';
import {hookEnv, hookPayload, payloadMode, type SessionContext} from './context.js';
import type {EngineEvent, EngineHost, MessageOrigin, ToolCall, TurnOutcome} from './events.js';
import {runToolCall} from './tools.js';

export const AUTO_CONTINUE_MESSAGE =
	'Your claude.ai usage limit has reset. Continue the task you were working on when the limit was reached; do not repeat work that is already complete.';

type Response = {id: string; requestId: string; usage: Usage; index: number};

export type RunStats = {
	numTurns: number;
	inputTokens: number;
	outputTokens: number;
	costUsd: number;
	startedAt: number;
	apiMs: number;
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Steps that need a model response to be under way (the others act between responses). */
const OPENS_RESPONSE = new Set<Step['kind']>(['think', 'say', 'done', 'blocked', 'nudge', 'write', 'bash']);

export class TurnEngine {
	private controller: AbortController | undefined;
	private promptId: string | undefined;
	private response: Response | undefined;
	private responses = 0;
	private lastText = '';
	readonly permissionDenials: Record<string, unknown>[] = [];
	stats: RunStats = TurnEngine.freshStats();
	private instructionsLoaded = false;

	constructor(
		private readonly ctx: SessionContext,
		private readonly host: EngineHost,
	) {}

	private static freshStats(): RunStats {
		return {numTurns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, startedAt: Date.now(), apiMs: 0};
	}

	get currentPromptId(): string | undefined {
		return this.promptId;
	}

	get lastAssistantText(): string {
		return this.lastText;
	}

	interrupt(): void {
		this.controller?.abort();
	}

	private emit(event: EngineEvent): void {
		this.host.emit(event);
	}

	private reportFailures = (label: string, outcome: HookOutcome): void => {
		for (const failure of outcome.failures) this.emit({type: 'hook-failure', label, stderr: failure.stderr, exitCode: failure.exitCode});
	};

	private payload(event: string, fields: Record<string, unknown>, options: {mode?: boolean; effort?: boolean} = {}) {
		return hookPayload(this.ctx, event, this.promptId, fields, options);
	}

	async sessionStart(source: 'startup' | 'resume'): Promise<void> {
		const fields: Record<string, unknown> = {source};
		if (this.ctx.interactive) fields['model'] = this.ctx.model;
		const envFile = join(this.ctx.paths.configDir, 'session-env', this.ctx.sessionId, 'sessionstart-hook-0.sh');
		const outcome = await this.ctx.hooks.run('SessionStart', hookPayload(this.ctx, 'SessionStart', undefined, fields), source, hookEnv(this.ctx, {CLAUDE_ENV_FILE: envFile}));
		this.reportFailures(`SessionStart:${source}`, outcome);
		if (this.ctx.profile.id === '2.1.197') await this.loadInstructions();
	}

	private async loadInstructions(): Promise<void> {
		const file = join(this.ctx.cwd, 'CLAUDE.md');
		if (this.instructionsLoaded || !existsSync(file)) return;
		this.instructionsLoaded = true;
		await this.ctx.hooks.run('InstructionsLoaded', this.payload('InstructionsLoaded', {file_path: file, memory_type: 'Project', load_reason: 'session_start'}), undefined, hookEnv(this.ctx));
	}

	async sessionEnd(reason: string): Promise<void> {
		await this.ctx.hooks.run('SessionEnd', this.payload('SessionEnd', {reason}), reason, hookEnv(this.ctx));
	}

	async notify(type: 'idle_prompt' | 'permission_prompt', message: string): Promise<void> {
		await this.ctx.hooks.run('Notification', this.payload('Notification', {message, notification_type: type}), type, hookEnv(this.ctx));
	}

	/** Runs one user message to its end (including Stop-hook continuations). */
	async runMessage(text: string, origin: MessageOrigin): Promise<TurnOutcome> {
		const ctx = this.ctx;
		this.controller = new AbortController();
		const signal = this.controller.signal;
		this.stats = TurnEngine.freshStats();
		this.responses = 0;
		if (origin === 'prompt' || origin === 'auto-continue' || !this.promptId) this.promptId = randomUUID();
		const submit = await ctx.hooks.run('UserPromptSubmit', this.payload('UserPromptSubmit', {prompt: text}, {mode: true}), undefined, hookEnv(ctx));
		this.reportFailures('UserPromptSubmit', submit);
		if (submit.block) {
			const reason = submit.block.viaExit2 ? submit.block.reason.trim() : submit.block.reason;
			this.emit({type: 'prompt-blocked', reason});
			return {kind: 'prompt-blocked', reason};
		}
		if (ctx.profile.id === '2.1.330') await this.loadInstructions();
		const firstPrompt = origin === 'prompt' && ctx.memory.prompts === 0;
		if (origin === 'prompt') {
			ctx.memory.prompts++;
			ctx.memory.firstPrompt ??= text;
		}
		let uuid = ctx.transcript.userPrompt(text, this.promptId, payloadMode(ctx.permissionMode), origin === 'auto-continue');
		this.emit({type: 'user-message', text, origin, uuid});
		let steps = resolveSteps({message: text, memory: ctx.memory, scenario: ctx.scenario, demo: ctx.demo, firstPrompt, defaultSteps: ctx.defaultSteps}).steps;
		let stopHookActive = false;
		for (;;) {
			const outcome = await this.execute(steps, signal);
			if (outcome.kind !== 'completed') return outcome;
			const stop = await ctx.hooks.run(
				'Stop',
				this.payload('Stop', {stop_hook_active: stopHookActive, last_assistant_message: outcome.lastText, background_tasks: [], session_crons: []}, {mode: true, effort: true}),
				undefined,
				hookEnv(ctx),
			);
			this.reportFailures('Stop', stop);
			if (!stop.block) return outcome;
			const reason = stop.block.viaExit2 ? `[${stop.block.command}]: ${stop.block.reason}` : stop.block.reason;
			this.emit({type: 'stop-hook-block', reason});
			const feedback = `Stop hook feedback:\n${reason}`;
			uuid = ctx.transcript.userPrompt(feedback, this.promptId, payloadMode(ctx.permissionMode));
			this.emit({type: 'user-message', text: feedback, origin: 'stop-feedback', uuid});
			steps = resolveSteps({message: feedback, memory: ctx.memory, scenario: ctx.scenario, demo: ctx.demo, firstPrompt: false, defaultSteps: ctx.defaultSteps}).steps;
			stopHookActive = true;
		}
	}

	private save(pending: Step[] | null): void {
		this.ctx.memory.pending = pending && pending.length > 0 ? pending : null;
		this.ctx.store.save(this.ctx.sessionId, this.ctx.memory);
	}

	private async execute(steps: Step[], signal: AbortSignal): Promise<TurnOutcome> {
		const ctx = this.ctx;
		this.response = undefined;
		let textSinceTool = false;
		for (let i = 0; i < steps.length; i++) {
			const step = steps[i] as Step;
			const rest = steps.slice(i + 1);
			this.save(steps.slice(i));
			if (OPENS_RESPONSE.has(step.kind)) {
				const gate = await this.openResponse(signal, steps.slice(i));
				if (gate) return gate;
			}
			switch (step.kind) {
				case 'think':
					if (!(await this.host.wait(step.ms / this.ctx.speed, signal))) return this.interrupted(rest, false);
					break;
				case 'say':
					await this.text(step.text, rest.length === 0);
					textSinceTool = true;
					break;
				case 'done':
					await this.text(`${step.text ?? 'All done — the task is complete.'}\n\n${DONE_MARKER}`, true);
					textSinceTool = true;
					break;
				case 'blocked':
					await this.text(`I can't finish this on my own: ${step.reason}.\n\n${BLOCKED_MARKER}: ${step.reason}`, true);
					textSinceTool = true;
					break;
				case 'nudge': {
					await this.text(step.text ?? "I've made a start and finished the first part. Shall I carry on with the rest?", true);
					return this.complete(rest);
				}
				case 'write':
				case 'bash': {
					const call = this.toolCall(step);
					const kind = await this.tool(call, signal);
					if (kind === 'interrupted') return this.interrupted(rest, true);
					textSinceTool = false;
					break;
				}
				case 'fix-on-feedback':
					ctx.memory.onFeedback = [
						{kind: 'write', path: step.path, content: step.content},
						{kind: 'done', text: `Addressed the feedback: wrote ${step.path}.`},
					];
					break;
				case 'limit':
					return this.limit(resolveLimit(ctx.profile, step.spec, Date.now()), rest);
				case 'warn': {
					const resetsAt = resetTime({}, Date.now());
					this.emit({type: 'rate-limit-event', info: warningInfo(step.percent, resetsAt)});
					this.emit({type: 'limit-warning', text: `You've used ${step.percent}% of your 5-hour limit · resets ${formatReset(resetsAt, Date.now())} · /upgrade to keep using Claude Code`});
					break;
				}
				case 'overloaded': {
					const failed = await this.retries(Math.min(step.retries, ctx.maxRetries), 529, 'overloaded_error', signal);
					if (failed) return failed;
					if (step.retries > ctx.maxRetries) return this.apiError('529', rest);
					break;
				}
				case 'api-error': {
					const failure = apiFailure(step.error, ctx.gateway);
					if (failure.retried) {
						const stopped = await this.retries(ctx.maxRetries, failure.status, 'unknown', signal);
						if (stopped) return stopped;
					}
					return this.apiError(step.error, rest);
				}
				case 'crash':
					if (step.once) {
						const key = `${ctx.cwd}\n${step.key}`;
						if (ctx.store.crashSpent(key)) break;
						ctx.store.spendCrash(key);
					}
					this.save(rest);
					return {kind: 'crash', code: step.code};
				case 'hang':
					this.save(rest);
					await this.host.wait(Number.POSITIVE_INFINITY, signal, true);
					return this.interrupted(rest, false);
				case 'exit':
					this.save(rest);
					return {kind: 'exit'};
			}
		}
		if (!textSinceTool) {
			const gate = await this.openResponse(signal, []);
			if (gate) return gate;
			await this.text('Done.', true);
		}
		return this.complete(null);
	}

	private complete(nudgeRest: Step[] | null): TurnOutcome {
		const memory = this.ctx.memory;
		let pending: Step[] | null = null;
		if (nudgeRest && nudgeRest.length > 0) pending = nudgeRest;
		else if (memory.onFeedback) {
			pending = memory.onFeedback;
			memory.onFeedback = null;
		} else if (nudgeRest) pending = [{kind: 'done'}];
		this.save(pending);
		this.response = undefined;
		return {kind: 'completed', lastText: this.lastText};
	}

	private interrupted(rest: Step[], forTool: boolean): TurnOutcome {
		if (!forTool) this.ctx.transcript.interrupted(false);
		this.save(rest);
		this.response = undefined;
		return {kind: 'interrupted', forTool};
	}

	/** Starts a new model response if none is open; applies the account limit and --max-turns. */
	private async openResponse(signal: AbortSignal, remaining: Step[]): Promise<TurnOutcome | undefined> {
		if (this.response) return undefined;
		const active = this.ctx.store.activeLimit(Date.now());
		if (active) {
			const limit = resolveLimit(this.ctx.profile, {kind: active.kind, resetAt: active.resetsAt, ...(active.wording ? {wording: active.wording} : {})}, Date.now());
			return this.limit(limit, remaining);
		}
		if (this.ctx.maxTurns !== undefined && this.responses >= this.ctx.maxTurns) {
			this.save(remaining);
			return {kind: 'max-turns', turns: this.ctx.maxTurns};
		}
		const began = Date.now();
		if (!(await this.host.wait(this.ctx.responseDelayMs, signal))) return this.interrupted(remaining, false);
		this.stats.apiMs += Date.now() - began;
		this.responses++;
		this.stats.numTurns++;
		const input = 1200 + 150 * (this.responses - 1);
		this.response = {
			id: `msg_${hex(12)}`,
			requestId: `req_${hex(12)}`,
			usage: {input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0},
			index: 0,
		};
		this.stats.inputTokens += input;
		this.chargeTokens(input, 0);
		if (!process.env['ANTHROPIC_API_KEY']) this.emit({type: 'rate-limit-event', info: {status: 'allowed', isUsingOverage: false}});
		return undefined;
	}

	private chargeTokens(input: number, output: number): void {
		const price = this.ctx.profile.costPerMTok;
		this.stats.costUsd += (input * price.input + output * price.output) / 1_000_000;
	}

	private addOutput(tokens: number): Usage {
		const response = this.response as Response;
		response.usage = {...response.usage, output_tokens: response.usage.output_tokens + tokens};
		this.stats.outputTokens += tokens;
		this.chargeTokens(0, tokens);
		return response.usage;
	}

	private async text(text: string, final: boolean): Promise<void> {
		const response = this.response as Response;
		const usage = this.addOutput(Math.ceil(text.length / 4) + 5);
		const block = {type: 'text' as const, text};
		const uuid = this.ctx.transcript.assistantBlock({id: response.id, model: this.ctx.model, block, usage, final}, response.requestId);
		this.lastText = text;
		this.emit({type: 'assistant', messageId: response.id, model: this.ctx.model, block, usage, requestId: response.requestId, uuid});
		await this.ctx.hooks.run(
			'MessageDisplay',
			this.payload('MessageDisplay', {turn_id: this.promptId, message_id: response.id, index: response.index++, final: true, delta: text}),
			undefined,
			hookEnv(this.ctx),
		);
	}

	private toolCall(step: Extract<Step, {kind: 'write' | 'bash'}>): ToolCall {
		const id = `toolu_${hex(12)}`;
		if (step.kind === 'bash') return {id, name: 'Bash', input: {command: step.command, description: 'Run a shell command'}, label: step.command};
		return {id, name: 'Write', input: {file_path: resolve(this.ctx.cwd, step.path), content: step.content}, label: step.path};
	}

	private async tool(call: ToolCall, signal: AbortSignal) {
		const response = this.response as Response;
		const usage = this.addOutput(25);
		const block = {type: 'tool_use' as const, id: call.id, name: call.name, input: call.input};
		const uuid = this.ctx.transcript.assistantBlock({id: response.id, model: this.ctx.model, block, usage, final: false}, response.requestId);
		this.emit({type: 'assistant', messageId: response.id, model: this.ctx.model, block, usage, requestId: response.requestId, uuid});
		this.emit({type: 'tool-start', call});
		this.response = undefined;
		return runToolCall(
			{ctx: this.ctx, host: this.host, promptId: this.promptId ?? '', signal, emit: (e) => this.emit(e), reportFailures: this.reportFailures, permissionDenials: this.permissionDenials},
			call,
		);
	}

	private async retries(count: number, status: number | null, error: string, signal: AbortSignal): Promise<TurnOutcome | undefined> {
		for (let attempt = 1; attempt <= count; attempt++) {
			this.emit({type: 'api-retry', attempt, maxRetries: this.ctx.maxRetries, delayMs: this.ctx.retryDelayMs, status, error});
			if (!(await this.host.wait(this.ctx.retryDelayMs, signal))) return this.interrupted([], false);
		}
		return undefined;
	}

	private async apiError(kind: '500' | '529' | '401' | 'auth' | 'refused', rest: Step[]): Promise<TurnOutcome> {
		const failure = apiFailure(kind, this.ctx.gateway);
		const uuid = this.ctx.transcript.apiError(failure.text, {
			error: failure.error,
			...(failure.apiError ? {apiError: failure.apiError} : {}),
			apiErrorStatus: failure.status,
		});
		this.emit({type: 'api-error', text: failure.text, error: failure.error, status: failure.status, apiError: failure.apiError, apiErrorType: undefined, rateLimitInfo: undefined, uuid, messageId: randomUUID()});
		this.save(rest);
		this.lastText = failure.text;
		await this.stopFailure(failure.error, failure.text);
		return {kind: 'api-error', text: failure.text};
	}

	private async limit(limit: ResolvedLimit, rest: Step[]): Promise<TurnOutcome> {
		const ctx = this.ctx;
		if (!limit.apiKeyForm) {
			ctx.store.setLimit({resetsAt: limit.resetsAt, kind: limit.kind, wording: limit.wording});
			this.emit({type: 'rate-limit-event', info: limit.info});
		}
		const uuid = ctx.transcript.apiError(limit.text, limitTranscriptFields(ctx.profile, limit));
		this.emit({
			type: 'api-error',
			text: limit.text,
			error: 'rate_limit',
			status: 429,
			apiError: limit.apiKeyForm ? undefined : 'usage_limit_reached',
			apiErrorType: 'rate_limit_error',
			rateLimitInfo: limit.apiKeyForm ? undefined : limit.info,
			uuid,
			messageId: randomUUID(),
		});
		this.save(rest);
		this.response = undefined;
		this.lastText = limit.text;
		await this.stopFailure('rate_limit', limit.text);
		return {kind: 'limit', text: limit.text, resetsAt: limit.resetsAt, limitKind: limit.kind, apiKeyForm: limit.apiKeyForm};
	}

	private async stopFailure(error: string, text: string): Promise<void> {
		const outcome = await this.ctx.hooks.run('StopFailure', this.payload('StopFailure', {error, last_assistant_message: text}, {effort: true}), error, hookEnv(this.ctx));
		this.reportFailures('StopFailure', outcome);
	}
}
