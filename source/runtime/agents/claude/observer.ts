// What a claude session is doing, from three sources in order of trust: hooks (forwarded
// by `auto-claude hook`), the CLI's live status file (<config dir>/sessions/<pid>.json),
// then the screen. Hooks give the exact last message and answer permission requests
// without keystrokes; the screen covers dialogs, trust, login, and versions without hooks.
import fs from 'node:fs';
import path from 'node:path';
import {detectClaudeScreen} from '../../../core/detect/claude.js';
import type {AgentSignal} from '../../../core/events.js';
import {decide} from '../../../core/policy.js';
import {parseHookPayload, parseTranscriptEntry, type LimitSignal} from '../../../core/rate-limit/index.js';
import type {Session} from '../../pty/session.js';
import type {HookBroker, HookCall, HookReply} from '../hook-broker.js';
import {endOfMinute, machineTimeZone, screenLimitSignal} from '../screen-limit.js';
import {ScreenObserver} from '../screen-observer.js';
import type {AgentObserver, ObserverContext} from '../types.js';
import {readTail} from '../../read-tail.js';
import {escapeProjectDir, transcriptPath, transcriptUsage} from './transcript.js';

const STATUS_POLL_MS = 1000;
/** How long the screen waits for the Stop hook before reporting a turn end itself. */
const HOOK_GRACE_MS = 2500;
/** After a limit is reported, screen frames showing work are ignored this long. */
const STALE_BUSY_MS = 3000;

export class ClaudeObserver implements AgentObserver {
	private readonly screen: ScreenObserver;
	private readonly unregister: () => void;
	private readonly statusTimer: NodeJS.Timeout;
	private hooksSeen = false;
	private transcript: string | undefined;
	private lastStatus: string | undefined;
	/** When a hook last ended a turn or stopped it for a question (Stop, StopFailure, PermissionRequest). */
	private lastHookAt = 0;
	/** When a limit was last reported, and the prompt of the turn it ended. */
	private limitAt = 0;
	private limitPromptId: unknown;
	private exactFound = false;
	private readonly timers: NodeJS.Timeout[] = [];
	private resumeFailed = false;
	private readonly startedAt = Date.now() - 1000;
	private readonly emit: (signal: AgentSignal) => void;

	constructor(
		private readonly session: Session,
		private readonly context: ObserverContext,
		broker: HookBroker,
		private readonly configDir: string,
	) {
		this.emit = (signal) => this.filter(signal, context.emit);
		const previous = context.launch.task.session?.agentSessionId;
		const sessionId = context.plan.agentSessionId ?? (context.launch.resume ? previous : undefined);
		if (sessionId) this.transcript = transcriptPath(configDir, context.launch.cwd, sessionId);
		this.screen = new ScreenObserver(session, {
			detector: detectClaudeScreen,
			emit: this.emit,
			initialInput: context.initialInput ?? (context.launch.resume && context.plan.agentSessionId === undefined ? 'Continue the task where you left off.' : undefined),
			limitSignal: (observation) => screenLimitSignal(observation),
			loginMessage: () => `claude is not logged in for config dir ${configDir}: run \`claude\` once by hand${configDir.endsWith('/.claude') ? '' : ` with CLAUDE_CONFIG_DIR=${configDir}`} and finish the login`,
			turnEndDelayMs: () => (this.hooksSeen ? HOOK_GRACE_MS : 0),
			inspect: (lines) => this.inspect(lines),
		});
		this.unregister = broker.register(context.launch.task.id, context.launch.launch, (call) => this.onHook(call, broker));
		this.statusTimer = setInterval(() => this.pollStatus(), STATUS_POLL_MS);
		this.statusTimer.unref();
	}

	inputSent(): void {
		this.screen.inputSent();
	}

	dispose(): void {
		for (const timer of this.timers) clearTimeout(timer);
		// The CLI may print its last words and exit before the screen settles.
		this.inspect(this.session.screenLines());
		this.screen.dispose();
		this.unregister();
		clearInterval(this.statusTimer);
		this.reportUsage();
	}

	private async onHook(call: HookCall, broker: HookBroker): Promise<HookReply | undefined> {
		this.hooksSeen = true;
		// Events after which the agent is not working until something changes again: a status
		// file "busy" older than these is stale.
		if (call.event === 'Stop' || call.event === 'StopFailure' || call.event === 'PermissionRequest') this.lastHookAt = Date.now();
		const p = call.payload;
		switch (call.event) {
			case 'SessionStart': {
				if (typeof p.transcript_path === 'string') this.transcript = p.transcript_path;
				this.emit({kind: 'session_info', agentSessionId: typeof p.session_id === 'string' ? p.session_id : undefined, transcriptPath: this.transcript});
				return undefined;
			}
			case 'UserPromptSubmit':
				// Hook processes report independently; the prompt of the turn that just hit a limit
				// can arrive after the limit itself. Only a new prompt means the agent works again.
				if (this.limitAt > 0 && p.prompt_id !== undefined && p.prompt_id === this.limitPromptId) return undefined;
				this.emit({kind: 'busy', source: 'hook'});
				return undefined;
			case 'Stop': {
				this.screen.markTurnReported();
				this.reportUsage();
				this.emit({kind: 'turn_ended', lastMessage: typeof p.last_assistant_message === 'string' ? p.last_assistant_message : undefined, source: 'hook'});
				return undefined;
			}
			case 'StopFailure': {
				this.limitPromptId = p.prompt_id;
				this.exactFound = false;
				this.screen.markTurnReported();
				this.reportUsage();
				const text = typeof p.last_assistant_message === 'string' ? p.last_assistant_message : String(p.error ?? 'API error');
				if (p.error === 'authentication_failed' || p.error === 'billing_error' || p.error === 'account_on_hold') {
					this.emit({kind: 'needs_login', text: `claude cannot work with the account in ${this.configDir}: ${text}`});
					return undefined;
				}
				const context = {now: Date.now(), timeZone: machineTimeZone()};
				const fromHook = parseHookPayload(p, context);
				// The transcript's API-error line carries the exact reset epoch; the hook only the
				// text, rounded to the minute.
				const fromTranscript = fromHook?.kind === 'usage_limit' && this.transcript ? lastTranscriptLimit(this.transcript, context) : undefined;
				const exact = fromTranscript?.resetsAt !== undefined;
				const limit = exact ? {...fromHook!, resetsAt: fromTranscript!.resetsAt} : fromHook ? {...fromHook, resetsAt: endOfMinute(fromHook.resetsAt)} : undefined;
				this.emit({
					kind: 'limit',
					limitKind: limit?.kind ?? 'transient',
					text: limit?.text ?? text,
					resetsAt: limit?.resetsAt,
					resetExact: exact,
					retryAfterMs: limit?.retryAfterMs,
					// 2.1.330 waits for the reset by itself; older versions open a dialog the screen reports.
					autoContinue: false,
					source: 'hook',
				});
				// The CLI may write its API-error line just after the hook fires: look again.
				if (limit && limit.kind === 'usage_limit' && !exact) this.lookForExactReset(limit.text);
				return undefined;
			}
			case 'PreToolUse': {
				// The policy gate: deny rules stop a tool before it runs in any permission mode.
				const tool = String(p.tool_name ?? '');
				const subject = subjectOf(p.tool_input, this.context.launch.cwd);
				const rules = this.context.launch.agent.permissions;
				if (rules.deny.length > 0 && decide({...rules, allow: [], otherwise: 'allow'}, {tool, subject}) === 'deny') {
					const reason = `denied by auto-claude policy (${rules.deny.join(', ')})`;
					this.emit({kind: 'denied', tool, subject, reason});
					return {output: {hookSpecificOutput: {hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: `${reason}. Do not retry this; find another way or report AUTO-CLAUDE: BLOCKED.`}}};
				}
				return undefined;
			}
			case 'PermissionRequest': {
				const tool = String(p.tool_name ?? '');
				const subject = subjectOf(p.tool_input, this.context.launch.cwd);
				const {requestId, decision} = broker.waitForDecision();
				this.emit({
					kind: 'question',
					question: `Allow ${tool}${subject ? `: ${subject}` : ''}?`,
					tool,
					subject,
					approveKeys: [],
					rejectKeys: [],
					hookRequestId: requestId,
					source: 'hook',
				});
				const answer = await decision;
				if (answer.decision === 'allow') return {output: {hookSpecificOutput: {hookEventName: 'PermissionRequest', decision: {behavior: 'allow'}}}};
				if (answer.decision === 'deny') {
					return {output: {hookSpecificOutput: {hookEventName: 'PermissionRequest', decision: {behavior: 'deny', message: `${answer.reason ?? 'denied by auto-claude policy'}. Do not retry this; find another way.`}}}};
				}
				return undefined;
			}
			default:
				return undefined;
		}
	}

	/** Re-reads the transcript a few times for the exact reset epoch of a limit just reported. */
	private lookForExactReset(text: string): void {
		const transcript = this.transcript;
		if (!transcript) return;
		for (const delay of [300, 1000, 3000, 8000]) {
			const timer = setTimeout(() => {
				if (this.exactFound) return;
				const found = lastTranscriptLimit(transcript, {now: Date.now(), timeZone: machineTimeZone()});
				if (found?.kind !== 'usage_limit' || found.resetsAt === undefined) return;
				this.exactFound = true;
				this.emit({kind: 'limit', limitKind: 'usage_limit', text, resetsAt: found.resetsAt, resetExact: true, autoContinue: false, source: 'transcript'});
			}, delay);
			timer.unref();
			this.timers.push(timer);
		}
	}

	/**
	 * Drops "busy" that is older than a limit just reported: a frame of the spinner drawn
	 * before the limit text, settling a moment later, is not the agent working again.
	 */
	private filter(signal: AgentSignal, emit: (signal: AgentSignal) => void): void {
		if (signal.kind === 'limit' && signal.limitKind === 'usage_limit') this.limitAt = Date.now();
		if (signal.kind === 'busy' && signal.source === 'screen' && Date.now() - this.limitAt < STALE_BUSY_MS) return;
		emit(signal);
	}

	/** Errors the CLI prints before its TUI starts (they are the last lines, never quoted). */
	private inspect(lines: readonly string[]): void {
		if (this.resumeFailed) return;
		const tail = lines.filter((line) => line.trim()).slice(-4).join('\n');
		const match = /No conversation found with session ID: ?([\w-]+)?/.exec(tail);
		if (match && this.context.launch.resume) {
			this.resumeFailed = true;
			this.emit({kind: 'resume_failed', message: `claude could not resume conversation ${match[1] ?? ''}`.trim()});
		}
	}

	/** Without --session-id (1.x) the conversation is the transcript file this launch created. */
	private discoverTranscript(): void {
		if (this.transcript || this.hooksSeen) return;
		const dir = path.join(this.configDir, 'projects', escapeProjectDir(this.context.launch.cwd));
		let newest: {file: string; mtime: number} | undefined;
		try {
			for (const name of fs.readdirSync(dir)) {
				if (!name.endsWith('.jsonl')) continue;
				const mtime = fs.statSync(path.join(dir, name)).mtimeMs;
				if (mtime >= this.startedAt && (!newest || mtime > newest.mtime)) newest = {file: path.join(dir, name), mtime};
			}
		} catch {
			return;
		}
		if (!newest) return;
		this.transcript = newest.file;
		this.emit({kind: 'session_info', agentSessionId: path.basename(newest.file, '.jsonl'), transcriptPath: newest.file});
	}

	private pollStatus(): void {
		if (!this.session.alive) return;
		this.discoverTranscript();
		let status: string | undefined;
		let changedAt: number | undefined;
		try {
			const data = JSON.parse(fs.readFileSync(path.join(this.configDir, 'sessions', `${this.session.pid}.json`), 'utf8')) as {status?: string; statusUpdatedAt?: number};
			status = data.status;
			changedAt = data.statusUpdatedAt;
		} catch {
			return;
		}
		if (status === this.lastStatus) return;
		this.lastStatus = status;
		// A "busy" read after a hook ended the turn may be from before it ended: only a status
		// that changed after the last hook says the agent is working again.
		const stale = changedAt === undefined ? this.lastHookAt > 0 : changedAt <= this.lastHookAt;
		if (status === 'busy' && !stale) {
			this.emit({kind: 'busy', source: 'status'});
			// If the screen still shows a question or a dialog, say so again.
			this.screen.reobserve();
		}
	}

	private reportUsage(): void {
		if (!this.transcript) return;
		const usage = transcriptUsage(this.transcript);
		if (usage) this.emit({kind: 'usage', transcript: this.transcript, usage});
	}
}

/** The command, file or URL a tool call is about; files inside the task folder are shown relative to it, as Claude Code's own rules are written. */
function subjectOf(input: unknown, cwd: string): string | undefined {
	if (!input || typeof input !== 'object') return undefined;
	const value = input as Record<string, unknown>;
	const file = value.file_path ?? value.notebook_path ?? value.path;
	if (typeof file === 'string') {
		const relative = path.relative(cwd, file);
		return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
	}
	const subject = value.command ?? value.url ?? value.pattern;
	return typeof subject === 'string' ? subject : undefined;
}

/** The newest API-error line of a transcript, read as a limit. */
function lastTranscriptLimit(file: string, context: {now: number; timeZone: string}): LimitSignal | undefined {
	const text = readTail(file, 256 * 1024);
	if (text === undefined) return undefined;
	const lines = text.split('\n').reverse();
	for (const line of lines) {
		if (!line.includes('isApiErrorMessage')) continue;
		try {
			const parsed = parseTranscriptEntry(JSON.parse(line), context);
			if (parsed) return parsed;
		} catch {
			// The first line may be cut by the tail read.
		}
	}
	return undefined;
}
