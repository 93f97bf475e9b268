// The transitions shared by several events: starting a task, launching its session,
// ending an attempt (retry or fail), finishing, and what happens when the agent stops.
import {isInteractive, taskLimits, agentNameOf, type Draft} from '../engine-state.js';
import {findMarker} from '../markers.js';
import {retryDelayMs} from '../retry.js';
import {nextAttempt} from '../scheduler.js';
import {renderTemplate} from '../template.js';
import {describeResult, type TaskRecord, type TaskResult, type TaskStatus, statusAttempt} from '../task.js';

const MINUTE = 60_000;

export function startTask(draft: Draft, record: TaskRecord, account?: string): void {
	const {attempt, counted} = nextAttempt(record);
	const resume = record.status.state === 'queued' ? record.status.resume === true : record.status.state === 'retrying';
	const resumeSession = resume && canResume(draft, record);
	const reason = counted ? `attempt ${attempt}${resumeSession ? ' (resuming the session)' : ''}` : 'resuming after a restart';
	const onAccount = account && draft.settings.config.accounts.length > 0 && account !== record.account ? ` on account ${account}` : '';
	const started = draft.transition(record.id, {state: 'starting', attempt, since: draft.at}, `${reason}${onAccount}`, {
		attempts: counted ? attempt : record.attempts,
		...(account ? {account} : {}),
	});
	if (!started) return;
	if (record.spec?.worktree && !record.worktree) {
		const launch = record.launches + 1;
		draft.patch(record.id, {launches: launch});
		draft.emit({type: 'createWorktree', taskId: record.id, launch, cwd: record.spec.cwd});
		return;
	}
	prepareAndLaunch(draft, record.id, resumeSession);
}

/** Runs the task's setup command (fresh sessions only), then starts the agent. */
export function prepareAndLaunch(draft: Draft, id: string, resumeSession: boolean): void {
	const record = draft.get(id);
	if (!record) return;
	if (record.spec?.setup && !resumeSession) {
		const launch = record.launches + 1;
		draft.patch(record.id, {launches: launch});
		draft.emit({
			type: 'runSetup',
			taskId: record.id,
			launch,
			command: record.spec.setup,
			cwd: record.spec.cwd,
			timeoutMs: draft.settings.config.defaults.setupTimeoutMinutes * MINUTE,
		});
		return;
	}
	launchSession(draft, record.id, {resume: resumeSession});
}

export function canResume(draft: Draft, record: TaskRecord): boolean {
	return taskLimits(draft.settings, record.spec).resume === 'session' && record.session?.resumable === true && isInteractive(draft.settings, record.spec);
}

/** Starts (or restarts) the task's process; the launch number makes stale events harmless. */
export function launchSession(draft: Draft, id: string, options: {resume: boolean; initialInput?: string; recapOf?: string}): void {
	const record = draft.get(id);
	if (!record) return;
	const launch = record.launches + 1;
	const pending = record.pendingReply;
	const initialInput = [options.initialInput, pending].filter(Boolean).join('\n\n') || undefined;
	draft.patch(id, {launches: launch, pendingReply: undefined});
	const attempt = statusAttempt(record);
	draft.emit({type: 'spawn', taskId: id, launch, attempt, resume: options.resume, ...(initialInput ? {initialInput} : {}), ...(options.recapOf ? {recapOf: options.recapOf} : {})});
}

/** Stops the task's process if one runs; its conversation stays resumable. */
export function stopSession(draft: Draft, record: TaskRecord, reason: string): void {
	if (record.session?.live) draft.emit({type: 'kill', taskId: record.id, reason});
	if (record.status.state === 'verifying' || record.status.state === 'starting') draft.emit({type: 'cancelCommand', taskId: record.id});
}

/** An attempt failed: retry after a back-off while attempts remain, else fail for good. */
export function endAttempt(draft: Draft, id: string, result: TaskResult, options: {retryable?: boolean} = {}): void {
	const record = draft.get(id);
	if (!record) return;
	stopSession(draft, record, describeResult(result));
	const limits = taskLimits(draft.settings, record.spec);
	if (options.retryable !== false && record.attempts < limits.maxAttempts) {
		const retryAt = draft.at + retryDelayMs(draft.settings.config.retry, record.attempts, id);
		const reason = `${describeResult(result)}; retry ${record.attempts + 1}/${limits.maxAttempts} in ${Math.round((retryAt - draft.at) / 1000)}s`;
		draft.transition(id, {state: 'retrying', attempt: record.attempts, retryAt, reason: describeResult(result)}, reason, {lastResult: result});
		draft.alert('P3', `retry:${id}:${record.attempts}`, `${id}: ${reason}`, id);
		return;
	}
	fail(draft, id, result);
}

export function fail(draft: Draft, id: string, result: TaskResult): void {
	const record = draft.get(id);
	if (!record) return;
	stopSession(draft, record, 'task failed');
	const attempts = record.attempts > 0 ? ` after ${record.attempts} attempt${record.attempts === 1 ? '' : 's'}` : '';
	draft.transition(id, {state: 'failed', at: draft.at, result}, `${describeResult(result)}${attempts}`, {lastResult: result});
	draft.alert('P2', `task-failed:${id}`, `${id} failed: ${describeResult(result)}${attempts}`, id);
}

export function needsReview(draft: Draft, id: string, reason: string, result?: TaskResult): void {
	const record = draft.get(id);
	if (!record) return;
	stopSession(draft, record, 'needs review');
	draft.transition(id, {state: 'needs_review', at: draft.at, reason}, reason, result ? {lastResult: result} : {});
	draft.alert('P2', `needs-review:${id}`, `${id} needs review: ${reason}`, id);
}

export function complete(draft: Draft, id: string, reason: string): void {
	const record = draft.get(id);
	if (!record) return;
	stopSession(draft, record, 'task done');
	draft.transition(id, {state: 'done', at: draft.at, result: {kind: 'success'}}, reason, {lastResult: {kind: 'success'}});
}

export function startVerify(draft: Draft, id: string): void {
	const record = draft.get(id);
	if (!record?.spec?.verify) return;
	const round = record.verifyRounds + 1;
	const attempt = statusAttempt(record);
	draft.transition(id, {state: 'verifying', attempt, round, since: draft.at}, `running verify (round ${round})`, {verifyRounds: round});
	draft.emit({
		type: 'runVerify',
		taskId: id,
		round,
		command: record.spec.verify,
		cwd: record.spec.cwd,
		timeoutMs: draft.settings.config.defaults.verifyTimeoutMinutes * MINUTE,
	});
}

/** The agent ended its turn (interactive) or its process exited 0 (command agent). */
export function agentStopped(draft: Draft, id: string, lastMessage: string | undefined): void {
	const record = draft.get(id);
	if (!record) return;
	const marker = findMarker(lastMessage);
	if (marker?.kind === 'blocked') {
		needsReview(draft, id, `agent is blocked: ${marker.reason}`, {kind: 'blocked', reason: marker.reason});
		return;
	}
	if (record.spec?.verify) {
		startVerify(draft, id);
		return;
	}
	if (marker?.kind === 'done' || !isInteractive(draft.settings, record.spec)) {
		complete(draft, id, marker ? 'agent reported completion' : 'command exited 0');
		return;
	}
	const limits = taskLimits(draft.settings, record.spec);
	if (record.nudges < limits.maxNudges) {
		const nudges = record.nudges + 1;
		draft.patch(id, {nudges});
		const text = renderNudge(draft, record, nudges, limits.maxNudges);
		draft.emit({type: 'sendInput', taskId: id, text});
		draft.transition(id, runningStatus(record, draft.at), `agent stopped without finishing; nudge ${nudges}/${limits.maxNudges}`);
		return;
	}
	needsReview(draft, id, `agent stopped ${limits.maxNudges + 1} times without reporting completion`, {kind: 'out_of_nudges', nudges: record.nudges});
}

export function runningStatus(record: TaskRecord, at: number): TaskStatus {
	const attempt = statusAttempt(record);
	return {state: 'running', attempt, since: record.status.state === 'running' ? record.status.since : at};
}

export const DEFAULT_NUDGE = [
	'You stopped, but the task is not reported as finished. Continue working on it (nudge {{nudge}} of {{maxNudges}}).',
	'If it is finished, check your work and end your message with the line AUTO-CLAUDE: DONE.',
	'If you cannot continue without a person, end with AUTO-CLAUDE: BLOCKED: <reason>.',
].join('\n');

export const DEFAULT_VERIFY_FEEDBACK = [
	'The verification command `{{command}}` failed with exit code {{exitCode}} (round {{round}} of {{maxRounds}}).',
	'Fix the cause, then finish. The last lines of its output:',
	'',
	'{{output}}',
].join('\n');

function renderNudge(draft: Draft, record: TaskRecord, nudge: number, maxNudges: number): string {
	const vars = {nudge: String(nudge), maxNudges: String(maxNudges), id: record.id, title: record.spec?.title ?? record.id, agent: agentNameOf(draft.settings, record.spec)};
	const rendered = renderTemplate(draft.settings.nudgeTemplate || DEFAULT_NUDGE, vars);
	return rendered.ok ? rendered.body.trim() : (renderTemplate(DEFAULT_NUDGE, vars) as {body: string}).body.trim();
}

export function renderVerifyFeedback(draft: Draft, vars: Record<string, string>): string {
	const rendered = renderTemplate(draft.settings.verifyFeedbackTemplate || DEFAULT_VERIFY_FEEDBACK, vars);
	return rendered.ok ? rendered.body.trim() : (renderTemplate(DEFAULT_VERIFY_FEEDBACK, vars) as {body: string}).body.trim();
}
