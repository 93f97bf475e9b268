// Alerts: P1 (state cannot be saved, disk nearly full, every worker dead), P2 (a task
// failed for good, a worker hung or crashed), P3 (limits, retries, waiting for input).
// The same key within the de-duplication window is raised once; everything written is
// masked.
import fs from 'node:fs';
import type {Severity} from '../../core/effects.js';
import {maskSecrets} from '../../core/security/mask.js';
import {readTail} from '../read-tail.js';

export type Alert = {
	readonly id: number;
	readonly at: number;
	readonly severity: Severity;
	readonly key: string;
	readonly message: string;
	readonly taskId?: string;
	acknowledged?: boolean;
};

export type AlertInput = {readonly severity: Severity; readonly key: string; readonly message: string; readonly taskId?: string};

const KEEP = 200;

export class Alerts {
	private readonly recent: Alert[] = [];
	private readonly listeners = new Set<(alert: Alert) => void>();
	private nextId = 1;

	constructor(
		private readonly file: string,
		private readonly dedupMs: number,
		private readonly dedup: {get(key: string): number | undefined; set(key: string, at: number): void},
		private readonly now: () => number = Date.now,
	) {
		this.loadRecent();
	}

	list(): readonly Alert[] {
		return this.recent;
	}

	subscribe(listener: (alert: Alert) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Returns the alert, or undefined when the same key was raised within the window. */
	raise(input: AlertInput): Alert | undefined {
		const at = this.now();
		const last = this.dedup.get(input.key);
		if (last !== undefined && at - last < this.dedupMs) return undefined;
		this.dedup.set(input.key, at);
		const alert: Alert = {id: this.nextId++, at, severity: input.severity, key: input.key, message: maskSecrets(input.message), ...(input.taskId ? {taskId: input.taskId} : {})};
		this.recent.unshift(alert);
		if (this.recent.length > KEEP) this.recent.length = KEEP;
		try {
			fs.appendFileSync(this.file, `${JSON.stringify({at: new Date(at).toISOString(), severity: alert.severity, key: alert.key, message: alert.message, taskId: alert.taskId})}\n`, {mode: 0o600});
		} catch {
			// Reported through the listeners; a failing disk raises its own P1 elsewhere.
		}
		for (const listener of this.listeners) listener(alert);
		return alert;
	}

	acknowledge(id?: number): void {
		for (const alert of this.recent) if (id === undefined || alert.id === id) alert.acknowledged = true;
	}

	/** The newest alerts survive a restart, so reopening shows the same strip. */
	private loadRecent(): void {
		const text = readTail(this.file, 64 * 1024);
		if (text === undefined) return;
		const lines = text.split('\n').filter(Boolean).slice(-50);
		for (const line of lines) {
			try {
				const raw = JSON.parse(line) as {at: string; severity: Severity; key: string; message: string; taskId?: string};
				this.recent.unshift({id: this.nextId++, at: Date.parse(raw.at), severity: raw.severity, key: raw.key, message: raw.message, taskId: raw.taskId, acknowledged: true});
			} catch {
				// A torn last line after a crash; skip it.
			}
		}
	}
}
