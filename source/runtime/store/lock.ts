// One orchestrator per work folder. The lock file holds the owner's pid and process
// start time; a lock whose process is gone (or whose pid now belongs to another process)
// is stale and taken over.
import fs from 'node:fs';
import os from 'node:os';
import {processStartTime, processAlive} from '../proc.js';

export type LockOwner = {readonly pid: number; readonly pidStart?: number; readonly startedAt: number; readonly host: string; readonly kind: string};

export class LockHeldError extends Error {
	constructor(readonly owner: LockOwner) {
		super(`already running (pid ${owner.pid})`);
	}
}

export function readLock(file: string): LockOwner | undefined {
	try {
		const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
		return typeof owner.pid === 'number' ? owner : undefined;
	} catch {
		return undefined;
	}
}

export function ownerAlive(owner: LockOwner): boolean {
	if (owner.host !== os.hostname()) return true; // another machine on a shared disk: assume alive
	if (!processAlive(owner.pid)) return false;
	const start = processStartTime(owner.pid);
	return owner.pidStart === undefined || start === undefined || start === owner.pidStart;
}

export class Lock {
	private held = false;

	constructor(
		readonly file: string,
		private readonly kind: string,
	) {}

	/** Takes the lock or throws LockHeldError naming the live owner. */
	acquire(): void {
		const me: LockOwner = {pid: process.pid, pidStart: processStartTime(process.pid), startedAt: Date.now(), host: os.hostname(), kind: this.kind};
		const tmp = `${this.file}.${process.pid}.tmp`;
		fs.writeFileSync(tmp, JSON.stringify(me));
		try {
			for (let tries = 0; tries < 5; tries++) {
				try {
					// link() fails if the lock exists: an atomic "create if absent" with full content.
					fs.linkSync(tmp, this.file);
					this.held = true;
					return;
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				}
				const owner = readLock(this.file);
				if (owner && ownerAlive(owner)) throw new LockHeldError(owner);
				// Stale: move it away atomically; if another process did that first, loop again.
				try {
					fs.renameSync(this.file, `${this.file}.stale.${process.pid}`);
					fs.rmSync(`${this.file}.stale.${process.pid}`, {force: true});
				} catch {
					// Someone else took it over; retry.
				}
			}
			const owner = readLock(this.file);
			throw owner ? new LockHeldError(owner) : new Error(`could not take the lock ${this.file}`);
		} finally {
			fs.rmSync(tmp, {force: true});
		}
	}

	release(): void {
		if (!this.held) return;
		this.held = false;
		const owner = readLock(this.file);
		if (owner?.pid === process.pid) fs.rmSync(this.file, {force: true});
	}
}
