// The interactive session in a terminal: start-up screens (onboarding, settings warning,
// trust), the prompt box, turns with spinner and permission prompts, usage-limit
// auto-wait or dialog, exit paths and signals. Keeps the live status file in step.

import {appendFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {idleNotificationMs, readClaudeJson} from '../config.js';
import type {Setup} from '../cli/setup.js';
import type {EngineEvent, EngineHost, PermissionAnswer, ToolCall, TurnOutcome} from '../engine/events.js';
import {TurnEngine} from '../engine/turn.js';
import {StatusFile} from '../store/status-file.js';
import {readHistory} from '../store/transcript.js';
import {blocksForEvent, INTERRUPTED} from './event-blocks.js';
import {permissionChoices, permissionLines, type Choice, type PermissionAction} from './dialogs.js';
import {KeyParser, type Key} from './keys.js';
import {LimitFlow} from './limit-flow.js';
import {PromptInput} from './prompt-input.js';
import {Screen} from './screen.js';
import {StartupScreens} from './startup.js';
import {
	assistantBlock,
	bannerBlock,
	cyclePermissionMode,
	DONE_VERBS,
	doneLine,
	footerLines,
	gutterBlock,
	plainBlock,
	promptBox,
	promptEchoBlock,
	SPINNER_WORDS,
	spinnerLine,
	TITLE_FRAMES,
} from './views.js';

export type InteractiveOptions = {readonly prompt: string | undefined; readonly demo: boolean};
export type ProcessControl = {readonly exit: (code: number) => Promise<never>; readonly onExit: (cleanup: () => void) => void};

type Phase = 'startup' | 'main' | 'exiting';
type PermissionState = {call: ToolCall; choices: Choice<PermissionAction>[]; cursor: number; resolve: (answer: PermissionAnswer) => void};

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

export function runInteractive(setup: Setup, options: InteractiveOptions, control: ProcessControl): Promise<never> {
	return new InteractiveApp(setup, options, control).start();
}

export class InteractiveApp implements EngineHost {
	private phase: Phase = 'startup';
	readonly screen: Screen;
	readonly engine: TurnEngine;
	readonly status: StatusFile | undefined;
	readonly limits: LimitFlow;
	private readonly keys = new KeyParser();
	private readonly input = new PromptInput(() => this.screen.schedule());
	busy = false;
	private turnStarted = 0;
	private frame = 0;
	private spinnerWord = 'Perusing';
	private spinnerTimer: NodeJS.Timeout | undefined;
	private outputTokens = 0;
	private retryNote: string | undefined;
	private toolInFlight: ToolCall | undefined;
	private permission: PermissionState | undefined;
	footerNote: string | undefined;
	private warningLine: string | undefined;
	private idleTimer: NodeJS.Timeout | undefined;
	private readonly claudeJson: Record<string, unknown>;
	private readonly startup: StartupScreens;

	constructor(
		readonly setup: Setup,
		private readonly options: InteractiveOptions,
		readonly control: ProcessControl,
	) {
		const ctx = setup.ctx;
		this.screen = new Screen(process.stdout, (width, rows) => this.dynamic(width, rows));
		this.engine = new TurnEngine(ctx, this);
		this.claudeJson = readClaudeJson(ctx.paths);
		this.status = ctx.profile.statusFile
			? new StatusFile({sessionsDir: ctx.paths.sessionsDir, sessionId: ctx.sessionId, cwd: ctx.cwd, version: ctx.profile.id, kind: 'interactive', entrypoint: 'cli', richFields: ctx.profile.richHookEnv})
			: undefined;
		this.limits = new LimitFlow(this);
		this.startup = new StartupScreens({
			ctx,
			claudeJson: this.claudeJson,
			demo: options.demo,
			status: this.status,
			schedule: () => this.screen.schedule(),
			exit: (code) => void this.control.exit(code),
			done: () => void this.enterMain(),
		});
	}

	get ctx() {
		return this.setup.ctx;
	}

	start(): Promise<never> {
		const stdin = process.stdin;
		stdin.setRawMode(true);
		stdin.setEncoding('utf8');
		stdin.on('data', (data: string) => this.onData(data));
		stdin.resume();
		process.stdout.on('error', () => undefined);
		process.stdout.on('resize', () => this.screen.redrawAll());
		process.on('SIGTERM', () => void this.shutdown('other', 143));
		process.on('SIGHUP', () => void this.shutdown('other', 129));
		process.on('SIGINT', () => void this.shutdown('other', 0));
		this.control.onExit(() => {
			this.status?.remove();
			this.screen.stop();
			try {
				process.stdin.setRawMode(false);
			} catch {
				// The terminal is already gone.
			}
		});
		this.screen.start();
		this.screen.setTitle('✳ Claude Code');
		this.startup.begin();
		return new Promise<never>(() => undefined);
	}

	private async enterMain(): Promise<void> {
		this.phase = 'main';
		const ctx = this.ctx;
		this.screen.commit(bannerBlock(ctx.profile, ctx.cwd, process.env['ANTHROPIC_API_KEY'] ? 'API Usage Billing' : 'Claude Max'));
		if (this.setup.resumedFrom) {
			for (const entry of readHistory(this.setup.resumedFrom)) {
				this.screen.commit(entry.role === 'user' ? promptEchoBlock(ctx.profile, entry.text) : assistantBlock(entry.text));
			}
		}
		this.status?.set('idle');
		await this.engine.sessionStart(this.setup.source);
		if (this.options.prompt !== undefined && this.options.prompt.trim() !== '') await this.submit(this.options.prompt);
	}

	// ── rendering ──────────────────────────────────────────────────────────────

	private dynamic(width: number, rows: number): string[] {
		void rows;
		if (this.phase === 'startup') return this.startup.lines(width) ?? [''];
		if (this.phase === 'exiting') return [''];
		const profile = this.ctx.profile;
		if (this.permission) {
			return ['', ...permissionLines(profile, this.permission.call, this.permission.choices, this.permission.cursor, width, this.autoModeOffered())];
		}
		const dialog = this.limits.dialogLines(width);
		if (dialog) return dialog;
		const lines: string[] = [];
		if (this.busy) {
			if (this.toolInFlight) lines.push('', `● ${this.toolInFlight.name}(${this.toolInFlight.label})`, '  ⎿  Running…');
			const elapsed = Date.now() - this.turnStarted;
			lines.push('', this.retryNote ?? spinnerLine(profile, this.frame, this.spinnerWord, elapsed, this.outputTokens + Math.floor(elapsed / 120)));
		}
		lines.push('', ...promptBox(profile, this.input.text, width));
		if (this.input.hint) lines.push(`  ${this.input.hint}`);
		else {
			lines.push(...this.limits.footerLines());
			if (this.warningLine) lines.push(`  ${this.warningLine}`);
			lines.push(...footerLines(profile, this.ctx.permissionMode, this.busy, width, this.footerNote ?? this.limits.note()));
		}
		return lines;
	}

	private autoModeOffered(): boolean {
		return this.ctx.profile.id === '2.1.330' && !this.ctx.settings.disableAutoMode;
	}

	// ── EngineHost ─────────────────────────────────────────────────────────────

	emit(event: EngineEvent): void {
		if (event.type === 'tool-start') this.toolInFlight = event.call;
		if (event.type === 'tool-done' || event.type === 'tool-blocked' || event.type === 'tool-rejected') this.toolInFlight = undefined;
		if (event.type === 'api-retry') {
			const what = event.status === 529 ? '529 Overloaded' : event.status === null ? 'ConnectionRefused' : String(event.status);
			this.retryNote = `✻ API Error (${what}) · Retrying in ${Math.max(1, Math.ceil(event.delayMs / 1000))}s · attempt ${event.attempt}/${event.maxRetries}`;
		}
		if (event.type === 'assistant') {
			this.retryNote = undefined;
			this.outputTokens = event.usage.output_tokens;
		}
		if (event.type === 'limit-warning') this.warningLine = event.text;
		const {blocks, note} = blocksForEvent(this.ctx.profile, event);
		for (const block of blocks) this.screen.commit(block);
		if (note) this.footerNote = note;
		this.screen.schedule();
	}

	async wait(ms: number, signal: AbortSignal, silent = false): Promise<boolean> {
		if (signal.aborted) return false;
		if (silent) {
			// Draw what is already committed, then go quiet like a stalled stream.
			this.screen.render();
			this.screen.setFrozen(true);
		}
		const ok = await new Promise<boolean>((resolvePromise) => {
			const timer = Number.isFinite(ms) ? setTimeout(() => finish(true), ms) : undefined;
			const onAbort = () => finish(false);
			const finish = (value: boolean) => {
				if (timer) clearTimeout(timer);
				signal.removeEventListener('abort', onAbort);
				resolvePromise(value);
			};
			signal.addEventListener('abort', onAbort, {once: true});
		});
		if (silent && this.phase !== 'exiting') this.screen.setFrozen(false);
		return ok;
	}

	askPermission(call: ToolCall, signal: AbortSignal): Promise<PermissionAnswer> {
		return new Promise((resolvePromise) => {
			const finish = (answer: PermissionAnswer) => {
				signal.removeEventListener('abort', onAbort);
				this.permission = undefined;
				if (this.phase === 'main') this.status?.set('busy');
				this.screen.schedule();
				resolvePromise(answer);
			};
			const onAbort = () => finish('no');
			signal.addEventListener('abort', onAbort, {once: true});
			this.permission = {call, choices: permissionChoices(this.ctx.profile, call, this.ctx.cwd, this.autoModeOffered()), cursor: 0, resolve: finish};
			this.status?.set('waiting', 'permission prompt');
			this.screen.setTitle('✳ Claude Code');
			this.screen.schedule();
		});
	}

	// ── turns ──────────────────────────────────────────────────────────────────

	async submit(text: string): Promise<void> {
		const trimmed = text.trim();
		this.screen.commit(promptEchoBlock(this.ctx.profile, trimmed));
		if (trimmed === '/exit' || trimmed === '/quit') return this.shutdown('prompt_input_exit', 0);
		if (trimmed === '/rate-limit-options' && this.limits.reopen()) return;
		this.appendHistory(trimmed);
		await this.runTurn(text, 'prompt');
	}

	async runTurn(text: string, origin: 'prompt' | 'auto-continue'): Promise<void> {
		clearTimeout(this.idleTimer);
		this.limits.clear();
		this.footerNote = undefined;
		this.busy = true;
		this.turnStarted = Date.now();
		this.outputTokens = 0;
		this.spinnerWord = pick(SPINNER_WORDS);
		this.status?.set('busy');
		this.screen.setTitle(`${TITLE_FRAMES[0]} Claude Code`);
		this.spinnerTimer = setInterval(() => {
			this.frame++;
			if (this.frame % 2 === 0 && !this.permission) this.screen.setTitle(`${TITLE_FRAMES[(this.frame / 2) % TITLE_FRAMES.length]} Claude Code`);
			this.screen.schedule();
		}, 120);
		this.screen.schedule();
		const outcome = await this.engine.runMessage(text, origin);
		clearInterval(this.spinnerTimer);
		this.busy = false;
		this.toolInFlight = undefined;
		this.retryNote = undefined;
		if (this.phase === 'exiting') return;
		this.screen.setTitle('✳ Claude Code');
		await this.afterTurn(outcome);
		const queued = this.phase === 'main' && !this.busy && !this.limits.blocking() ? this.input.takeQueued() : undefined;
		if (queued) await this.submit(queued);
	}

	private async afterTurn(outcome: TurnOutcome): Promise<void> {
		const profile = this.ctx.profile;
		switch (outcome.kind) {
			case 'completed': {
				const line = doneLine(profile, pick(DONE_VERBS), Date.now() - this.turnStarted, Date.now());
				if (line) this.screen.commit(plainBlock([line]));
				this.toIdle(true);
				return;
			}
			case 'interrupted':
				if (!outcome.forTool) this.screen.commit(gutterBlock([INTERRUPTED]));
				this.toIdle(false);
				return;
			case 'limit':
				this.limits.onLimit(outcome, Date.now() - this.turnStarted);
				return;
			case 'crash':
				// Whatever was shown before the crash stays on the terminal.
				this.screen.render();
				await this.control.exit(outcome.code);
				return;
			case 'exit':
				await this.shutdown('prompt_input_exit', 0);
				return;
			case 'max-turns':
				this.screen.commit(gutterBlock([`Reached max turns (${outcome.turns})`]));
				this.toIdle(false);
				return;
			case 'api-error':
			case 'prompt-blocked':
				this.toIdle(false);
				return;
		}
	}

	toIdle(notifyLater: boolean): void {
		this.status?.set('idle');
		this.screen.schedule();
		if (!notifyLater) return;
		clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(() => {
			if (this.phase === 'main' && !this.busy && !this.permission && !this.limits.blocking()) {
				void this.engine.notify('idle_prompt', 'Claude is waiting for your input');
			}
		}, idleNotificationMs(this.claudeJson));
	}

	private appendHistory(text: string): void {
		try {
			mkdirSync(this.ctx.paths.configDir, {recursive: true});
			const line = {display: text, pastedContents: {}, timestamp: Date.now(), project: this.ctx.cwd, sessionId: this.ctx.sessionId};
			appendFileSync(join(this.ctx.paths.configDir, 'history.jsonl'), JSON.stringify(line) + '\n');
		} catch {
			// Prompt history is a convenience; never fail a turn over it.
		}
	}

	async shutdown(reason: string, code: number): Promise<void> {
		if (this.phase === 'exiting') return;
		const started = this.phase === 'main';
		this.phase = 'exiting';
		clearInterval(this.spinnerTimer);
		clearTimeout(this.idleTimer);
		this.limits.clear();
		this.input.dispose();
		this.permission?.resolve('no');
		this.engine.interrupt();
		if (started) {
			await Promise.race([this.engine.sessionEnd(reason), new Promise((r) => setTimeout(r, 10_000))]);
			this.screen.finish(['', 'Resume this session with:', `claude --resume ${this.ctx.sessionId}`]);
		} else {
			this.screen.finish(['']);
		}
		await this.control.exit(code);
	}

	// ── input ──────────────────────────────────────────────────────────────────

	private onData(data: string): void {
		for (const key of this.keys.feed(data)) this.onKey(key);
		this.screen.schedule();
	}

	private onKey(key: Key): void {
		if (this.phase === 'startup') this.startup.onKey(key);
		else if (this.phase === 'main') this.onMainKey(key);
	}

	private onMainKey(key: Key): void {
		const permission = this.permission;
		if (permission) {
			const answer = (index: number) => {
				const action = permission.choices[index]?.value ?? 'no';
				if (action === 'auto') this.ctx.permissionMode = 'auto';
				if (action === 'accept-edits') this.ctx.permissionMode = 'acceptEdits';
				permission.resolve(action === 'no' ? 'no' : action === 'always' ? 'always' : 'yes');
			};
			if (key.kind === 'escape' || key.kind === 'ctrl-c') permission.resolve('no');
			else if (key.kind === 'up') permission.cursor = (permission.cursor + permission.choices.length - 1) % permission.choices.length;
			else if (key.kind === 'down') permission.cursor = (permission.cursor + 1) % permission.choices.length;
			else if (key.kind === 'enter') answer(permission.cursor);
			else if (key.kind === 'text' && /^[1-9]$/.test(key.text[0] ?? '') && Number(key.text[0]) <= permission.choices.length) answer(Number(key.text[0]) - 1);
			return;
		}
		if (this.limits.onKey(key)) return;
		for (const action of this.input.handle(key, this.busy)) {
			if (action.kind === 'submit') void this.submit(action.text);
			else if (action.kind === 'interrupt') this.engine.interrupt();
			else if (action.kind === 'exit') void this.shutdown('prompt_input_exit', 0);
			else if (action.kind === 'cycle-mode') this.ctx.permissionMode = cyclePermissionMode(this.ctx.profile, this.ctx.permissionMode);
		}
	}
}
