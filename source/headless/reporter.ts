// Line output for --no-ui: one line per event (or NDJSON with --json), written to a
// stream. Times are local wall-clock; durations are from a task's first start.
import type {Alert} from '../runtime/alerts/alerts.js';
import type {TransitionNotice} from '../runtime/orchestrator.js';
import type {TaskRecord} from '../core/task.js';
import type {QueueSummary} from '../core/summary.js';

export type ReporterOptions = {readonly json: boolean; readonly out: NodeJS.WritableStream; readonly color?: boolean};

const COLORS: Record<string, string> = {done: '32', failed: '31', needs_review: '33', rejected: '31', waiting_input: '35', rate_limited: '33', running: '36', cancelled: '90', retrying: '33'};

export class Reporter {
	constructor(private readonly options: ReporterOptions) {}

	transition(notice: TransitionNotice, record: TaskRecord | undefined): void {
		const duration = record && (notice.to === 'done' || notice.to === 'failed' || notice.to === 'needs_review') ? taskDuration(record, notice.at) : undefined;
		if (this.options.json) {
			this.write({ts: iso(notice.at), type: 'transition', task: notice.taskId, from: notice.from, to: notice.to, reason: notice.reason, ...(duration !== undefined ? {durationMs: duration} : {})});
			return;
		}
		const extra = duration !== undefined ? ` (${formatDuration(duration)})` : '';
		// Same state: something happened inside it (an answer by policy, a nudge).
		const change = notice.from === notice.to ? '·' : `${notice.from ?? 'new'} → ${this.paint(notice.to, notice.to)}`;
		this.line(`${clock(notice.at)}  ${notice.taskId}  ${change}  ${notice.reason}${extra}`);
	}

	alert(alert: Alert): void {
		if (this.options.json) {
			this.write({ts: iso(alert.at), type: 'alert', severity: alert.severity, key: alert.key, message: alert.message, task: alert.taskId});
			return;
		}
		this.line(`${clock(alert.at)}  ${this.paint(alert.severity === 'P3' ? 'rate_limited' : 'failed', `[${alert.severity}]`)} ${alert.message}`);
	}

	hold(account: string, resumeAt: number, text: string, now = Date.now()): void {
		const left = Math.max(0, Math.round((resumeAt - now) / 1000));
		if (this.options.json) {
			this.write({ts: iso(now), type: 'hold', account, resumeAt: iso(resumeAt), secondsLeft: left, text});
			return;
		}
		this.line(`${clock(now)}  usage limit on ${account}: resuming at ${clock(resumeAt)} (in ${formatDuration(left * 1000)})`);
	}

	summary(summary: QueueSummary, at = Date.now()): void {
		if (this.options.json) {
			this.write({ts: iso(at), type: 'summary', total: summary.total, counts: nonZero(summary.counts), exitCode: summary.exitCode});
			return;
		}
		const parts = Object.entries(nonZero(summary.counts)).map(([state, n]) => `${n} ${state}`);
		this.line(`${clock(at)}  ${summary.total} task${summary.total === 1 ? '' : 's'}: ${parts.join(', ') || 'none'}`);
	}

	note(message: string, at = Date.now()): void {
		if (this.options.json) this.write({ts: iso(at), type: 'note', message});
		else this.line(`${clock(at)}  ${message}`);
	}

	private paint(state: string, text: string): string {
		const code = this.options.color ? COLORS[state] : undefined;
		return code ? `\u001b[${code}m${text}\u001b[0m` : text;
	}

	private line(text: string): void {
		this.options.out.write(`${text}\n`);
	}

	private write(value: Record<string, unknown>): void {
		this.options.out.write(`${JSON.stringify(value)}\n`);
	}
}

function nonZero(counts: Readonly<Record<string, number>>): Record<string, number> {
	return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

export function taskDuration(record: TaskRecord, end: number): number | undefined {
	const start = record.history.find((h) => h.to === 'starting')?.at;
	return start !== undefined ? end - start : undefined;
}

function iso(at: number): string {
	return new Date(at).toISOString();
}

export function clock(at: number): string {
	const d = new Date(at);
	return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function formatDuration(ms: number): string {
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s}s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
	const h = Math.floor(m / 60);
	return `${h}h${String(m % 60).padStart(2, '0')}m`;
}
