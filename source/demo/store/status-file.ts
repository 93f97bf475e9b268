// The live-process registry `<config>/sessions/<pid>.json` (claude-cli.md §7.1): present only
// while the process runs, rewritten on every state change.

import {mkdirSync, rmSync, writeFileSync, renameSync} from 'node:fs';
import {basename, join} from 'node:path';

export type LiveStatus = 'idle' | 'busy' | 'waiting';
export type WaitingFor = 'permission prompt' | 'dialog open';

export type StatusBase = {
	readonly sessionsDir: string;
	readonly sessionId: string;
	readonly cwd: string;
	readonly version: string;
	readonly kind: 'interactive';
	readonly entrypoint: 'cli' | 'sdk-cli';
	readonly richFields: boolean;
};

export class StatusFile {
	readonly path: string;
	private readonly startedAt = Date.now();
	private sessionId: string;
	private status: LiveStatus = 'idle';
	private waitingFor: WaitingFor | undefined;
	private statusUpdatedAt = Date.now();
	private removed = false;

	constructor(private readonly base: StatusBase) {
		this.path = join(base.sessionsDir, `${process.pid}.json`);
		this.sessionId = base.sessionId;
	}

	setSessionId(id: string): void {
		this.sessionId = id;
		this.write();
	}

	set(status: LiveStatus, waitingFor?: WaitingFor): void {
		if (status === this.status && waitingFor === this.waitingFor && !this.removed) {
			this.write();
			return;
		}
		this.status = status;
		this.waitingFor = status === 'waiting' ? waitingFor : undefined;
		this.statusUpdatedAt = Date.now();
		this.write();
	}

	current(): {status: LiveStatus; waitingFor: WaitingFor | undefined} {
		return {status: this.status, waitingFor: this.waitingFor};
	}

	write(): void {
		if (this.removed) return;
		const now = Date.now();
		const body = {
			pid: process.pid,
			sessionId: this.sessionId,
			cwd: this.base.cwd,
			startedAt: this.startedAt,
			version: this.base.version,
			kind: this.base.kind,
			entrypoint: this.base.entrypoint,
			...(this.base.richFields ? {messagingSocketPath: `/tmp/cc-socks/${process.pid}.sock`} : {}),
			name: `${basename(this.base.cwd)}-${this.sessionId.slice(0, 2)}`,
			status: this.status,
			...(this.waitingFor ? {waitingFor: this.waitingFor} : {}),
			updatedAt: now,
			statusUpdatedAt: this.statusUpdatedAt,
		};
		try {
			mkdirSync(this.base.sessionsDir, {recursive: true});
			const temp = `${this.path}.tmp`;
			writeFileSync(temp, JSON.stringify(body));
			renameSync(temp, this.path);
		} catch {
			// The registry is advisory; a full disk must not take the session down.
		}
	}

	remove(): void {
		this.removed = true;
		rmSync(this.path, {force: true});
	}
}
