// Usage limits hold a whole account: no new session starts on it, affected tasks wait in
// rate_limited (never counted as a failed attempt) and resume at the reset plus a margin.
// An unknown reset time is probed with back-off. Temporary API errors (429 "not your
// usage limit", 529, 5xx) are a short per-session back-off, counted apart from attempts.
import {accountOf, type AccountHold, type Draft} from '../engine-state.js';
import type {AgentSignal, EngineEvent} from '../events.js';
import {statusAttempt, type TaskRecord} from '../task.js';
import {endAttempt, launchSession, runningStatus} from './lifecycle.js';

type LimitSignal = Extract<AgentSignal, {kind: 'limit'}>;

const MINUTE = 60_000;
/** Temporary API errors in a row before the attempt counts as failed. */
const MAX_TRANSIENT = 8;

export const CONTINUE_AFTER_LIMIT = 'The usage limit has reset. Continue the task you were working on; do not repeat work that is already complete.';
export const CONTINUE_AFTER_ERROR = 'The last request failed with a temporary API error. Please continue the task where you left off.';

export function onLimitSignal(draft: Draft, record: TaskRecord, signal: LimitSignal): void {
	const s = record.status;
	const account = accountOf(draft.settings, record.spec, record);
	if (signal.limitKind === 'warning') {
		draft.alert('P3', `limit-warning:${account}:${signal.text}`, `usage warning on account ${account}: ${signal.text}`, record.id);
		return;
	}
	if (signal.limitKind === 'transient') {
		onTransient(draft, record, signal);
		return;
	}
	if (s.state !== 'running' && s.state !== 'waiting_input' && s.state !== 'starting' && s.state !== 'rate_limited') return;
	const hold = holdFor(draft, account, signal);
	if (signal.waitKeys && signal.waitKeys.length > 0) draft.emit({type: 'sendKeys', taskId: record.id, keys: signal.waitKeys});
	const alive = record.session?.live === true;
	const autoContinue = signal.autoContinue || (s.state === 'rate_limited' && s.autoContinue === true);
	if (s.state === 'rate_limited' && s.resetsAt === hold.resetsAt && s.sessionAlive === alive && s.autoContinue === autoContinue) return;
	const when = hold.resetsAt !== undefined ? `resets ${new Date(hold.resetsAt).toISOString()}` : 'reset time unknown';
	draft.transition(
		record.id,
		{state: 'rate_limited', attempt: statusAttempt(record), since: s.state === 'rate_limited' ? s.since : draft.at, account, resetsAt: hold.resetsAt, text: signal.text, sessionAlive: alive, autoContinue},
		s.state === 'rate_limited' ? `limit update: ${signal.text}${autoContinue ? ' (the CLI continues by itself)' : ''}` : `usage limit on account ${account}: ${signal.text} (${when})`,
		{transientRetryAt: undefined},
	);
}

function holdFor(draft: Draft, account: string, signal: LimitSignal): AccountHold {
	const existing = draft.holds().get(account);
	const limits = draft.settings.config.limits;
	// Sources disagree (text rounded to the minute vs the exact epoch): an exact time wins;
	// between two approximate ones the later, so the account is never resumed early.
	let resetsAt = signal.resetsAt ?? existing?.resetsAt;
	let resetExact = signal.resetsAt !== undefined ? signal.resetExact === true : existing?.resetExact === true;
	if (signal.resetsAt !== undefined && existing?.resetsAt !== undefined) {
		if (existing.resetExact && !signal.resetExact) {
			resetsAt = existing.resetsAt;
			resetExact = true;
		} else if (!existing.resetExact && !signal.resetExact) {
			resetsAt = Math.max(signal.resetsAt, existing.resetsAt);
		}
	}
	if (existing && existing.resetsAt === resetsAt) return existing;
	const resumeAt = resetsAt !== undefined ? resetsAt + limits.marginSeconds * 1000 : draft.at + probeDelay(draft, 0);
	const hold: AccountHold = {account, since: existing?.since ?? draft.at, resetsAt, resetExact, resumeAt, text: signal.text, source: signal.source, probes: existing?.probes ?? 0};
	draft.setHold(account, hold);
	const when = resetsAt !== undefined ? `resumes at ${new Date(resumeAt).toISOString()}` : `reset time unknown; checking again at ${new Date(resumeAt).toISOString()}`;
	draft.alert('P3', `hold:${account}:${resetsAt ?? 'unknown'}`, `usage limit reached on account ${account}: ${signal.text}; ${when}`);
	return hold;
}

function probeDelay(draft: Draft, probes: number): number {
	const delays = draft.settings.config.limits.probeMinutes;
	// Probing disabled: wait an hour, then simply try again.
	if (delays.length === 0) return 60 * MINUTE;
	return (delays[Math.min(probes, delays.length - 1)] ?? 60) * MINUTE;
}

export function onLimitCleared(draft: Draft, record: TaskRecord, reason: string): void {
	draft.transition(record.id, runningStatus(record, draft.at), reason, {continueCheckAt: undefined});
}

function onTransient(draft: Draft, record: TaskRecord, signal: LimitSignal): void {
	if (record.status.state !== 'running') return;
	const errors = (record.transientErrors ?? 0) + 1;
	if (errors > MAX_TRANSIENT) {
		draft.patch(record.id, {transientErrors: 0, transientRetryAt: undefined});
		endAttempt(draft, record.id, {kind: 'agent_error', message: `${MAX_TRANSIENT} temporary API errors in a row (${signal.text})`});
		return;
	}
	const base = draft.settings.config.limits.transientBackoffSeconds * 1000;
	const delay = Math.max(signal.retryAfterMs ?? 0, Math.min(base * 2 ** (errors - 1), 10 * MINUTE));
	draft.transition(record.id, record.status, `temporary API error (${signal.text}); continuing in ${Math.round(delay / 1000)}s (${errors} in a row, not an attempt)`, {
		transientErrors: errors,
		transientRetryAt: draft.at + delay,
	});
	draft.alert('P3', `transient:${record.id}:${errors}`, `${record.id}: temporary API error: ${signal.text}`, record.id);
}

/** At each tick: lift or probe holds whose time has come; nudge sessions that should have continued. */
export function onLimitTick(draft: Draft): void {
	for (const hold of draft.holds().values()) {
		if (hold.resumeAt > draft.at || hold.probing) continue;
		if (hold.resetsAt === undefined && draft.settings.config.limits.probeMinutes.length > 0) {
			draft.setHold(hold.account, {...hold, probing: true});
			draft.emit({type: 'probe', account: hold.account});
			continue;
		}
		release(draft, hold);
	}
	for (const record of draft.all()) {
		if (record.status.state !== 'running' || !record.session?.live) continue;
		if (record.continueCheckAt !== undefined && record.continueCheckAt <= draft.at) {
			draft.patch(record.id, {continueCheckAt: undefined});
			draft.transition(record.id, record.status, 'the CLI did not continue by itself after the reset; typing "continue"');
			draft.emit({type: 'sendInput', taskId: record.id, text: CONTINUE_AFTER_LIMIT});
		}
		if (record.transientRetryAt !== undefined && record.transientRetryAt <= draft.at) {
			draft.patch(record.id, {transientRetryAt: undefined});
			draft.emit({type: 'sendInput', taskId: record.id, text: CONTINUE_AFTER_ERROR});
		}
	}
}

export function onProbeFinished(draft: Draft, event: Extract<EngineEvent, {type: 'probeFinished'}>): void {
	const hold = draft.holds().get(event.account);
	if (!hold) return;
	if (!event.limited) {
		release(draft, hold, event.error ? `probe could not run (${event.error}); trying the sessions again` : 'probe found the account free again');
		return;
	}
	const probes = hold.probes + 1;
	const resetsAt = event.resetsAt;
	const resumeAt = resetsAt !== undefined ? resetsAt + draft.settings.config.limits.marginSeconds * 1000 : draft.at + probeDelay(draft, probes);
	draft.setHold(event.account, {...hold, probes, probing: false, resetsAt, resumeAt, text: event.text ?? hold.text});
	draft.alert('P3', `probe:${event.account}:${probes}`, `account ${event.account} is still limited${event.text ? ` (${event.text})` : ''}; next check ${new Date(resumeAt).toISOString()}`);
}

function release(draft: Draft, hold: AccountHold, why = 'usage limit reset'): void {
	draft.setHold(hold.account, undefined);
	for (const record of [...draft.all()]) {
		const s = record.status;
		if (s.state !== 'rate_limited' || s.account !== hold.account) continue;
		if (s.sessionAlive && record.session?.live) {
			if (s.autoContinue) {
				// The CLI continues by itself at the reset; a second "continue" would only queue a duplicate turn.
				draft.transition(record.id, runningStatus(record, draft.at), `${why}; the CLI continues by itself`, {continueCheckAt: draft.at + draft.settings.config.limits.autoContinueGraceSeconds * 1000});
			} else {
				draft.transition(record.id, runningStatus(record, draft.at), `${why}; continuing the live session`);
				draft.emit({type: 'sendInput', taskId: record.id, text: CONTINUE_AFTER_LIMIT});
			}
		} else {
			draft.transition(record.id, {state: 'starting', attempt: s.attempt, since: draft.at}, `${why}; resuming the session`);
			launchSession(draft, record.id, {resume: record.session?.resumable === true, initialInput: CONTINUE_AFTER_LIMIT});
		}
	}
	draft.alert('P3', `released:${hold.account}:${hold.since}`, `account ${hold.account}: ${why}; held tasks resume`);
}
