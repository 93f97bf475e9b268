// Events from a task's process and its agent: setup, start, exit, silence, what the
// agent is doing (signals), and the verify command's outcome.
import {agentOf, isInteractive, taskLimits, type Draft} from '../engine-state.js';
import type {AgentSignal, EngineEvent} from '../events.js';
import {decide, toolNameFromHeading} from '../policy.js';
import {VERIFY_RUNS_LIMIT, sumUsage, type TaskRecord, statusAttempt} from '../task.js';
import {agentStopped, complete, endAttempt, fail, launchSession, needsReview, prepareAndLaunch, renderVerifyFeedback, runningStatus, stopSession} from './lifecycle.js';
import {onLimitSignal, onLimitCleared} from './limits.js';
import {replyKeys} from './commands.js';

type SessionEvent = Extract<EngineEvent, {taskId: string; launch: number}>;

/** Only events from the task's current launch count; anything else is a leftover. */
function current(draft: Draft, event: SessionEvent): TaskRecord | undefined {
	const record = draft.get(event.taskId);
	return record && record.launches === event.launch ? record : undefined;
}

export function onSessionEvent(draft: Draft, event: SessionEvent): void {
	const record = current(draft, event);
	if (!record) return;
	switch (event.type) {
		case 'sessionAssigned': {
			const base = record.session ?? {startedAt: draft.at, attempt: record.attempts, launch: event.launch, live: false, resumable: false};
			draft.patch(record.id, {session: {...base, agentSessionId: event.agentSessionId}});
			return;
		}
		case 'worktreeReady': {
			if (record.status.state !== 'starting') return;
			draft.transition(record.id, record.status, `working in git worktree ${event.path} on branch ${event.branch}`, {worktree: {path: event.path, branch: event.branch, subdir: event.subdir}});
			prepareAndLaunch(draft, record.id, false);
			return;
		}
		case 'worktreeFailed':
			if (record.status.state === 'starting') fail(draft, record.id, {kind: 'spawn_failed', message: `cannot create the git worktree: ${event.message}`});
			return;
		case 'setupFinished': {
			if (record.status.state !== 'starting') return;
			if (event.exitCode === 0) {
				launchSession(draft, record.id, {resume: false});
				return;
			}
			endAttempt(draft, record.id, {kind: 'setup_failed', code: event.exitCode, outputTail: event.outputTail});
			return;
		}
		case 'sessionStarted': {
			const session = {
				...record.session,
				pid: event.pid,
				pidStart: event.pidStart,
				startedAt: draft.at,
				attempt: statusAttempt(record),
				launch: event.launch,
				live: true,
				logPath: event.logPath,
				// A conversation id given at launch can be resumed (a failed resume falls back to a fresh session).
				resumable: record.session?.resumable === true || record.session?.agentSessionId !== undefined,
			};
			if (record.status.state === 'starting') {
				draft.transition(record.id, {state: 'running', attempt: record.status.attempt, since: draft.at}, `session started (pid ${event.pid})`, {session});
				return;
			}
			// The task moved on (cancelled, paused, failed) while its process was starting.
			draft.patch(record.id, {session});
			draft.emit({type: 'kill', taskId: record.id, reason: `started after the task became ${record.status.state}`});
			return;
		}
		case 'sessionSpawnFailed': {
			draft.patch(record.id, {session: record.session ? {...record.session, live: false} : undefined});
			if (event.permanent) fail(draft, record.id, {kind: 'spawn_failed', message: event.message});
			else endAttempt(draft, record.id, {kind: 'spawn_failed', message: event.message});
			return;
		}
		case 'sessionExited':
			onExited(draft, record, event.exitCode, event.signal);
			return;
		case 'sessionIdle': {
			if (record.status.state !== 'running' && record.status.state !== 'starting') return;
			const idleMinutes = taskLimits(draft.settings, record.spec).idleTimeoutMinutes;
			endAttempt(draft, record.id, {kind: 'hung', idleMinutes});
			return;
		}
		case 'agentSignal':
			onSignal(draft, record, event.signal);
			return;
	}
}

function onExited(draft: Draft, record: TaskRecord, exitCode: number | null, signal: string | null): void {
	const session = record.session ? {...record.session, live: false, pid: undefined} : undefined;
	const s = record.status;
	if (s.state === 'rate_limited') {
		draft.transition(record.id, {...s, sessionAlive: false}, 'session ended while held; it resumes when the limit resets', {session});
		return;
	}
	if (s.state === 'verifying') {
		draft.patch(record.id, {session});
		return;
	}
	const paused = s.state === 'paused' && (s.from === 'running' || s.from === 'waiting_input');
	if (s.state !== 'running' && s.state !== 'starting' && s.state !== 'waiting_input' && !paused) {
		if (session !== record.session) draft.patch(record.id, {session});
		return;
	}
	draft.patch(record.id, {session});
	if (!isInteractive(draft.settings, record.spec) && exitCode === 0 && !paused) {
		agentStopped(draft, record.id, undefined);
		return;
	}
	const result = signal ? {kind: 'signal' as const, signal} : {kind: 'exit_code' as const, code: exitCode ?? -1};
	endAttempt(draft, record.id, result);
}

function onSignal(draft: Draft, record: TaskRecord, signal: AgentSignal): void {
	const s = record.status;
	switch (signal.kind) {
		case 'session_info': {
			const base = record.session ?? {startedAt: draft.at, attempt: record.attempts, launch: record.launches, live: true, resumable: false};
			draft.patch(record.id, {
				session: {
					...base,
					agentSessionId: signal.agentSessionId ?? base.agentSessionId,
					transcriptPath: signal.transcriptPath ?? base.transcriptPath,
					resumable: true,
				},
			});
			return;
		}
		case 'usage': {
			const usageByTranscript = {...record.usageByTranscript, [signal.transcript]: signal.usage};
			draft.patch(record.id, {usageByTranscript, usage: sumUsage(Object.values(usageByTranscript))});
			return;
		}
		case 'busy':
			if (s.state === 'waiting_input') draft.transition(record.id, runningStatus(record, draft.at), 'agent is working again');
			else if (s.state === 'rate_limited' && s.sessionAlive) onLimitCleared(draft, record, `the agent is working again (the limit has reset; seen by ${signal.source ?? 'the agent'})`);
			else if (record.continueCheckAt !== undefined || record.transientErrors) draft.patch(record.id, {continueCheckAt: undefined, transientErrors: 0});
			return;
		case 'turn_ended':
			if (s.state === 'running' || s.state === 'waiting_input') agentStopped(draft, record.id, signal.lastMessage);
			else if (s.state === 'rate_limited' && s.sessionAlive) {
				onLimitCleared(draft, record, 'agent finished its turn after the limit');
				agentStopped(draft, record.id, signal.lastMessage);
			}
			return;
		case 'question':
			if (s.state === 'running') onQuestion(draft, record, signal);
			else if (s.state === 'waiting_input' && !s.approveKeys?.length && signal.approveKeys.length > 0) {
				// The question came first from a hook (no keys); the prompt on screen now says which keys answer it.
				const updated = draft.patch(record.id, {status: {...s, approveKeys: signal.approveKeys, rejectKeys: signal.rejectKeys, pendingAnswer: undefined}});
				if (s.pendingAnswer && updated) {
					const keys = replyKeys(updated, s.pendingAnswer).keys;
					if (keys) {
						draft.emit({type: 'sendKeys', taskId: record.id, keys});
						draft.transition(record.id, runningStatus(record, draft.at), `answered by a person: ${s.pendingAnswer}`);
					}
				}
			}
			return;
		case 'trust_dialog': {
			if (s.state !== 'running' && s.state !== 'starting') return;
			if (agentOf(draft.settings, record.spec)?.trustWorkspace !== false) {
				draft.emit({type: 'sendKeys', taskId: record.id, keys: signal.trustKeys});
				return;
			}
			toWaiting(draft, record, 'The agent asks whether to trust this folder (trustWorkspace is off in the config).', signal.trustKeys, signal.exitKeys);
			return;
		}
		case 'needs_login':
			needsReview(draft, record.id, signal.text, {kind: 'agent_error', message: signal.text});
			return;
		case 'config_error':
			fail(draft, record.id, {kind: 'spawn_failed', message: signal.message});
			return;
		case 'resume_failed':
			// The conversation cannot be continued: start a fresh one with a recap, not counted as an attempt.
			if (record.session) draft.patch(record.id, {session: {...record.session, resumable: false, agentSessionId: undefined, live: false}});
			draft.transition(record.id, {state: 'starting', attempt: statusAttempt(record), since: draft.at}, `${signal.message}; starting a fresh session with a recap`);
			launchSession(draft, record.id, {resume: false, recapOf: record.session?.agentSessionId});
			return;
		case 'note':
			draft.transition(record.id, record.status, signal.text);
			return;
		case 'denied':
			draft.transition(record.id, record.status, `refused before it ran: ${signal.tool}${signal.subject ? `: ${signal.subject}` : ''} (${signal.reason})`);
			draft.alert('P3', `denied:${record.id}:${signal.tool}:${signal.subject ?? ''}`, `${record.id}: ${signal.tool}${signal.subject ? ` "${signal.subject}"` : ''} refused by policy (${signal.reason})`, record.id);
			return;
		case 'dialog':
			if (s.state === 'running') toWaiting(draft, record, `The agent shows a dialog: ${signal.title}`, [], []);
			return;
		case 'limit':
			onLimitSignal(draft, record, signal);
			return;
	}
}

function toWaiting(draft: Draft, record: TaskRecord, question: string, approveKeys: readonly string[], rejectKeys: readonly string[]): void {
	const attempt = statusAttempt(record);
	draft.transition(record.id, {state: 'waiting_input', attempt, since: draft.at, question, approveKeys, rejectKeys}, `waiting for a person: ${question.split('\n')[0]}`);
	draft.alert('P3', `waiting:${record.id}:${question}`, `${record.id} is waiting for input: ${question.split('\n')[0]}`, record.id);
}

function onQuestion(draft: Draft, record: TaskRecord, signal: Extract<AgentSignal, {kind: 'question'}>): void {
	const agent = agentOf(draft.settings, record.spec);
	const tool = toolNameFromHeading(signal.tool) ?? signal.tool;
	const decision = agent ? decide(agent.permissions, {tool, subject: signal.subject}) : 'escalate';
	const what = [tool, signal.subject].filter(Boolean).join(': ') || signal.question;
	if (decision === 'escalate') {
		const question = [signal.question, signal.tool && `${signal.tool}${signal.subject ? `: ${signal.subject}` : ''}`].filter(Boolean).join('\n');
		// The agent shows its own prompt; a person answers it (task reply, or in the pane).
		if (signal.hookRequestId) draft.emit({type: 'answerHook', taskId: record.id, requestId: signal.hookRequestId, decision: 'ask'});
		toWaiting(draft, record, question, signal.approveKeys, signal.rejectKeys);
		return;
	}
	const approve = decision === 'allow';
	if (signal.hookRequestId) {
		draft.emit({type: 'answerHook', taskId: record.id, requestId: signal.hookRequestId, decision: approve ? 'allow' : 'deny', reason: `auto-claude policy: ${decision}`});
	} else {
		draft.emit({type: 'sendKeys', taskId: record.id, keys: approve ? signal.approveKeys : signal.rejectKeys});
	}
	draft.transition(record.id, runningStatus(record, draft.at), `${approve ? 'approved' : 'denied'} by policy: ${what}`);
}

export function onVerifyFinished(draft: Draft, event: Extract<EngineEvent, {type: 'verifyFinished'}>): void {
	const record = draft.get(event.taskId);
	if (!record || record.status.state !== 'verifying' || record.status.round !== event.round) return;
	const run = {round: event.round, at: draft.at, exitCode: event.exitCode, durationMs: event.durationMs, timedOut: event.timedOut, outputTail: event.outputTail};
	const verifyRuns = [...record.verifyRuns, run].slice(-VERIFY_RUNS_LIMIT);
	draft.patch(record.id, {verifyRuns});
	if (event.exitCode === 0 && !event.timedOut) {
		complete(draft, record.id, `verify passed (round ${event.round})`);
		return;
	}
	const limits = taskLimits(draft.settings, record.spec);
	const failure = {kind: 'verify_failed' as const, code: event.exitCode, outputTail: event.outputTail};
	const what = event.timedOut ? 'verify timed out' : `verify failed (exit ${event.exitCode})`;
	if (!isInteractive(draft.settings, record.spec)) {
		endAttempt(draft, record.id, failure);
		return;
	}
	if (event.round > limits.maxVerifyRounds) {
		fail(draft, record.id, failure);
		return;
	}
	const feedback = renderVerifyFeedback(draft, {
		command: record.spec?.verify ?? '',
		exitCode: event.timedOut ? 'timeout' : String(event.exitCode),
		round: String(event.round),
		maxRounds: String(limits.maxVerifyRounds),
		output: event.outputTail.trimEnd() || '(no output)',
	});
	const attempt = record.status.attempt;
	if (record.session?.live) {
		draft.transition(record.id, {state: 'running', attempt, since: draft.at}, `${what}; fed back to the agent (round ${event.round}/${limits.maxVerifyRounds})`);
		draft.emit({type: 'sendInput', taskId: record.id, text: feedback});
		return;
	}
	draft.transition(record.id, {state: 'starting', attempt, since: draft.at}, `${what}; resuming the agent with the failure (round ${event.round}/${limits.maxVerifyRounds})`);
	launchSession(draft, record.id, {resume: record.session?.resumable === true, initialInput: feedback});
}

export {stopSession};
