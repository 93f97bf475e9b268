// Usage limits hold a whole account: no new session starts on it, affected tasks wait in
// rate_limited (never counted as a failed attempt) and resume at the reset + a margin.
import {accountOf, type AccountHold, type Draft} from '../engine-state.js';
import type {AgentSignal} from '../events.js';
import {statusAttempt, type TaskRecord} from '../task.js';
import {launchSession, runningStatus} from './lifecycle.js';

type LimitSignal = Extract<AgentSignal, {kind: 'limit'}>;

const MINUTE = 60_000;

export function onLimitSignal(draft: Draft, record: TaskRecord, signal: LimitSignal): void {
	const s = record.status;
	if (signal.limitKind === 'warning') {
		draft.alert('P3', `limit-warning:${accountOf(draft.settings, record.spec)}`, `usage warning: ${signal.text}`, record.id);
		return;
	}
	if (signal.limitKind === 'transient') {
		draft.alert('P3', `transient:${record.id}`, `${record.id}: temporary API error (${signal.text}); the agent retries`, record.id);
		return;
	}
	if (s.state !== 'running' && s.state !== 'waiting_input' && s.state !== 'starting' && s.state !== 'rate_limited') return;
	const account = accountOf(draft.settings, record.spec);
	const hold = holdFor(draft, account, signal);
	if (signal.waitKeys && signal.waitKeys.length > 0) draft.emit({type: 'sendKeys', taskId: record.id, keys: signal.waitKeys});
	const attempt = statusAttempt(record);
	const alive = record.session?.live === true;
	if (s.state === 'rate_limited' && s.resetsAt === hold.resetsAt && s.sessionAlive === alive) return;
	draft.transition(
		record.id,
		{state: 'rate_limited', attempt, since: draft.at, account, resetsAt: hold.resetsAt, text: signal.text, sessionAlive: alive},
		`usage limit on account ${account}: ${signal.text}`,
	);
}

function holdFor(draft: Draft, account: string, signal: LimitSignal): AccountHold {
	const existing = draft.holds().get(account);
	const limits = draft.settings.config.limits;
	const resetsAt = signal.resetsAt ?? existing?.resetsAt;
	const resumeAt = resetsAt !== undefined ? resetsAt + limits.marginSeconds * 1000 : draft.at + (limits.probeMinutes[0] ?? 5) * MINUTE;
	if (existing && existing.resetsAt === resetsAt) return existing;
	const hold: AccountHold = {account, since: existing?.since ?? draft.at, resetsAt, resumeAt, text: signal.text, source: signal.source, probes: existing?.probes ?? 0};
	draft.setHold(account, hold);
	const when = resetsAt !== undefined ? `resets at ${new Date(resetsAt).toISOString()}` : 'reset time unknown; probing';
	draft.alert('P3', `hold:${account}:${resetsAt ?? 'unknown'}`, `usage limit reached on account ${account} (${signal.text}); ${when}`);
	return hold;
}

export function onLimitCleared(draft: Draft, record: TaskRecord, reason: string): void {
	draft.transition(record.id, runningStatus(record, draft.at), reason);
}

/** At each tick: lift holds whose time has come and resume their tasks. */
export function releaseHolds(draft: Draft): void {
	for (const hold of draft.holds().values()) {
		if (hold.resumeAt > draft.at) continue;
		draft.setHold(hold.account, undefined);
		for (const record of [...draft.all()]) {
			const s = record.status;
			if (s.state !== 'rate_limited' || s.account !== hold.account) continue;
			if (s.sessionAlive && record.session?.live) {
				draft.transition(record.id, runningStatus(record, draft.at), 'usage limit reset; continuing the live session');
				draft.emit({type: 'sendInput', taskId: record.id, text: CONTINUE_AFTER_LIMIT});
			} else {
				draft.transition(record.id, {state: 'starting', attempt: s.attempt, since: draft.at}, 'usage limit reset; resuming the session');
				launchSession(draft, record.id, {resume: record.session?.resumable === true, initialInput: CONTINUE_AFTER_LIMIT});
			}
		}
	}
}

export const CONTINUE_AFTER_LIMIT = 'The usage limit has reset. Continue the task you were working on; do not repeat work that is already complete.';
