// How states, priorities and times look on screen. Glyphs are single-cell characters
// that every common terminal font has (no emoji, whose width varies between terminals).
import {PRIORITY_LEVELS, statusAttempt, type TaskRecord, type TaskState} from '../../core/task.js';

export type Tone = 'green' | 'red' | 'yellow' | 'blue' | 'cyan' | 'magenta' | 'gray' | 'white';

export type StateStyle = {readonly glyph: string; readonly label: string; readonly tone: Tone};

export const STATE_STYLE: Readonly<Record<TaskState, StateStyle>> = {
	queued: {glyph: '○', label: 'queued', tone: 'white'},
	blocked: {glyph: '◇', label: 'blocked', tone: 'gray'},
	starting: {glyph: '◌', label: 'starting', tone: 'cyan'},
	running: {glyph: '●', label: 'running', tone: 'green'},
	waiting_input: {glyph: '?', label: 'waiting', tone: 'yellow'},
	rate_limited: {glyph: '◷', label: 'rate limited', tone: 'magenta'},
	paused: {glyph: '‖', label: 'paused', tone: 'blue'},
	verifying: {glyph: '◎', label: 'verifying', tone: 'cyan'},
	retrying: {glyph: '↻', label: 'retrying', tone: 'yellow'},
	done: {glyph: '✓', label: 'done', tone: 'green'},
	failed: {glyph: '✗', label: 'failed', tone: 'red'},
	needs_review: {glyph: '!', label: 'review', tone: 'red'},
	cancelled: {glyph: '⊘', label: 'cancelled', tone: 'gray'},
	rejected: {glyph: '⊗', label: 'rejected', tone: 'red'},
};

/** Order of the per-state counts in the header: what needs a person first. */
export const COUNT_ORDER: readonly TaskState[] = ['waiting_input', 'needs_review', 'failed', 'rejected', 'running', 'starting', 'verifying', 'rate_limited', 'retrying', 'paused', 'queued', 'blocked', 'done', 'cancelled'];

export function priorityLabel(priority: number): string {
	for (const [name, value] of Object.entries(PRIORITY_LEVELS)) if (value === priority) return name;
	return String(priority);
}

/** 0s, 42s, 3m05s, 1h02m, 3d04h: short and exact enough to watch. */
export function duration(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s}s`;
	if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
	if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
	return `${Math.floor(s / 86_400)}d${String(Math.floor((s % 86_400) / 3600)).padStart(2, '0')}h`;
}

/** A countdown with seconds, for holds: 1h 02m 13s, 4m 09s, 12s. */
export function countdown(ms: number): string {
	const s = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const sec = s % 60;
	if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m ${String(sec).padStart(2, '0')}s`;
	if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
	return `${sec}s`;
}

export function clockTime(at: number): string {
	const d = new Date(at);
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** When the task entered its current state, for states that carry it. */
export function stateSince(record: TaskRecord): number | undefined {
	const s = record.status as {since?: number; at?: number};
	return s.since ?? s.at;
}

/**
 * The time column: how long an active task has been at it, how long a waiting one has
 * waited, how long ago a finished one ended; a retry shows its countdown.
 */
export function taskTime(record: TaskRecord, now: number): string {
	const s = record.status;
	switch (s.state) {
		case 'retrying':
			return `in ${duration(s.retryAt - now)}`;
		case 'done':
		case 'failed':
		case 'needs_review':
		case 'cancelled':
			return `${duration(now - s.at)} ago`;
		case 'queued':
		case 'blocked':
		case 'rejected':
			return duration(now - record.updatedAt);
		default: {
			const since = record.session?.live ? record.session.startedAt : stateSince(record);
			return since !== undefined ? duration(now - since) : '';
		}
	}
}

export function attemptsLabel(record: TaskRecord, maxAttempts: number): string {
	return `${Math.max(record.attempts, statusAttempt(record))}/${maxAttempts}`;
}
