// What a person asks for (retry, cancel, pause, resume, reply), the clock (timeouts,
// retries, holds) and a graceful stop of the orchestrator.
import {taskLimits, type Draft, type EngineState} from '../engine-state.js';
import type {UserCommand} from '../events.js';
import {hasSession, isTerminal, type TaskRecord} from '../task.js';
import {endAttempt, runningStatus, stopSession} from './lifecycle.js';
import {onLimitTick} from './limits.js';

const MINUTE = 60_000;

/** Why a command cannot apply, or undefined when it can; checked before it is dispatched. */
export function checkCommand(state: EngineState, command: UserCommand): string | undefined {
	if (command.kind === 'pause_queue' || command.kind === 'resume_queue') return undefined;
	const record = state.tasks.get(command.id);
	if (!record) return `no task "${command.id}"`;
	const s = record.status.state;
	switch (command.kind) {
		case 'retry':
			if (s === 'rejected') return `${command.id} is rejected: fix its task file (${record.status.state === 'rejected' ? (record.status.errors[0]?.message ?? '') : ''})`;
			if (s === 'retrying' || s === 'blocked' || isTerminal(record.status)) return undefined;
			return `${command.id} is ${s}; only failed, cancelled, done, needs_review or retrying tasks can be retried`;
		case 'cancel':
			if (isTerminal(record.status)) return `${command.id} is already ${s}`;
			return undefined;
		case 'pause':
			if (s === 'queued' || s === 'blocked' || s === 'retrying' || s === 'running' || s === 'waiting_input') return undefined;
			return `${command.id} is ${s}; only queued, retrying, running or waiting tasks can be paused`;
		case 'resume':
			return s === 'paused' ? undefined : `${command.id} is ${s}, not paused`;
		case 'reply':
			if (s === 'waiting_input') return undefined;
			return `${command.id} is ${s}; it is not waiting for input`;
	}
}

export function onUserCommand(draft: Draft, command: UserCommand): void {
	if (command.kind === 'pause_queue') {
		draft.queuePaused = true;
		return;
	}
	if (command.kind === 'resume_queue') {
		draft.queuePaused = false;
		return;
	}
	const record = draft.get(command.id);
	if (!record || checkCommand({...draft.base, tasks: new Map([[record.id, record]])}, command)) return;
	switch (command.kind) {
		case 'retry':
			retry(draft, record);
			return;
		case 'cancel':
			stopSession(draft, record, 'cancelled');
			if (record.status.state === 'paused' && record.session?.live) draft.emit({type: 'signal', taskId: record.id, signal: 'SIGCONT'});
			draft.transition(record.id, {state: 'cancelled', at: draft.at, reason: command.reason ?? 'cancelled by a person'}, command.reason ?? 'cancelled by a person');
			return;
		case 'pause':
			pause(draft, record);
			return;
		case 'resume':
			resume(draft, record);
			return;
		case 'reply':
			reply(draft, record, command.text);
			return;
	}
}

function retry(draft: Draft, record: TaskRecord): void {
	if (record.status.state === 'retrying') {
		draft.transition(record.id, {...record.status, retryAt: draft.at}, 'retry now (asked by a person)');
		return;
	}
	draft.transition(record.id, {state: 'queued', resume: false}, `retry asked by a person (was ${record.status.state})`, {
		attempts: 0,
		nudges: 0,
		verifyRounds: 0,
		seq: draft.takeSeq(),
	});
}

function pause(draft: Draft, record: TaskRecord): void {
	const s = record.status;
	if (s.state === 'running' || s.state === 'waiting_input') {
		if (record.session?.live) draft.emit({type: 'signal', taskId: record.id, signal: 'SIGSTOP'});
		draft.transition(record.id, {state: 'paused', since: draft.at, from: s.state, attempt: s.attempt}, 'paused by a person (process stopped)');
		return;
	}
	if (s.state === 'queued' || s.state === 'blocked' || s.state === 'retrying') {
		draft.transition(record.id, {state: 'paused', since: draft.at, from: s.state}, 'paused by a person');
	}
}

function resume(draft: Draft, record: TaskRecord): void {
	const s = record.status;
	if (s.state !== 'paused') return;
	if ((s.from === 'running' || s.from === 'waiting_input') && record.session?.live) {
		draft.emit({type: 'signal', taskId: record.id, signal: 'SIGCONT'});
		draft.transition(record.id, {state: 'running', attempt: s.attempt ?? record.attempts, since: draft.at}, 'resumed by a person');
		return;
	}
	if (s.from === 'retrying') {
		draft.transition(record.id, {state: 'retrying', attempt: record.attempts, retryAt: draft.at, reason: 'resumed by a person'}, 'resumed by a person');
		return;
	}
	draft.transition(record.id, {state: 'queued', resume: record.session?.resumable === true && record.attempts > 0}, 'resumed by a person');
}

/** Maps a typed reply to keys for menu questions; anything else is typed as text. */
export function replyKeys(record: TaskRecord, text: string): {keys?: readonly string[]; text?: string} {
	const s = record.status;
	const trimmed = text.trim();
	if (s.state === 'waiting_input') {
		if (/^(y|yes|approve|allow|ok)$/i.test(trimmed) && s.approveKeys && s.approveKeys.length > 0) return {keys: s.approveKeys};
		if (/^(n|no|deny|reject)$/i.test(trimmed) && s.rejectKeys && s.rejectKeys.length > 0) return {keys: s.rejectKeys};
		if (/^\d$/.test(trimmed) && (s.approveKeys?.length || s.rejectKeys?.length)) return {keys: [trimmed]};
		if (/^(esc|escape)$/i.test(trimmed)) return {keys: ['\u001b']};
	}
	return {text};
}

/** yes / no / a menu digit: an answer for a menu, not text for the agent. */
export function isMenuAnswer(text: string): boolean {
	return /^(y|yes|approve|allow|ok|n|no|deny|reject|\d)$/i.test(text.trim());
}

function reply(draft: Draft, record: TaskRecord, text: string): void {
	const answer = replyKeys(record, text);
	const s = record.status;
	if (s.state === 'waiting_input' && !answer.keys && isMenuAnswer(text) && record.session?.live) {
		// The question came from a hook; its menu is not on screen yet. Answer it when it is.
		draft.transition(record.id, {...s, pendingAnswer: text.trim()}, `answer "${text.trim()}" noted; it is sent when the prompt appears`);
		return;
	}
	if (record.session?.live) {
		if (answer.keys) draft.emit({type: 'sendKeys', taskId: record.id, keys: answer.keys});
		else draft.emit({type: 'sendInput', taskId: record.id, text: answer.text ?? text});
		draft.transition(record.id, runningStatus(record, draft.at), `answered by a person: ${text.split('\n')[0]}`);
		return;
	}
	// No live session (for example after a restart): deliver the reply when it resumes.
	draft.transition(record.id, {state: 'queued', resume: record.session?.resumable === true}, `reply stored for the next session: ${text.split('\n')[0]}`, {
		pendingReply: answer.text ?? text,
	});
}

export function onTick(draft: Draft): void {
	onLimitTick(draft);
	for (const record of draft.all()) {
		const s = record.status;
		if ((s.state === 'running' || s.state === 'waiting_input' || s.state === 'starting') && record.session?.live) {
			const limit = taskLimits(draft.settings, record.spec).timeoutMinutes;
			if (draft.at - record.session.startedAt > limit * MINUTE) endAttempt(draft, record.id, {kind: 'timeout', minutes: limit});
		}
	}
}

/** Stopping: every session is killed and its task left to resume on the next start. */
export function onShutdown(draft: Draft): void {
	for (const record of [...draft.all()]) {
		const s = record.status;
		if (s.state === 'verifying') {
			stopSession(draft, record, 'orchestrator stopping');
			continue;
		}
		if (s.state === 'paused' && (s.from === 'running' || s.from === 'waiting_input')) {
			if (record.session?.live) {
				draft.emit({type: 'signal', taskId: record.id, signal: 'SIGCONT'});
				draft.emit({type: 'kill', taskId: record.id, reason: 'orchestrator stopping'});
			}
			draft.transition(record.id, {state: 'paused', since: s.since, from: 'queued'}, 'orchestrator stopped; the session resumes when unpaused');
			continue;
		}
		if (s.state === 'rate_limited') {
			if (record.session?.live) draft.emit({type: 'kill', taskId: record.id, reason: 'orchestrator stopping'});
			continue;
		}
		if (hasSession(s)) {
			stopSession(draft, record, 'orchestrator stopping');
			draft.transition(record.id, {state: 'queued', resume: true}, 'orchestrator stopped; the session resumes on the next start');
		}
	}
}
