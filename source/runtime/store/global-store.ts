// Global state in state/db.json (lowdb): counters, account holds, queue pause, alert
// de-duplication. Nothing per task lives here: lowdb rewrites the whole file on every
// write, which is fine for a few keys and wrong for thousands of tasks.
import fs from 'node:fs';
import {LowSync} from 'lowdb';
import {JSONFileSync} from 'lowdb/node';
import type {AccountHold} from '../../core/engine-state.js';

export const GLOBAL_SCHEMA_VERSION = 1;

export type GlobalData = {
	schemaVersion: number;
	queuePaused: boolean;
	holds: Record<string, AccountHold>;
	alertDedup: Record<string, number>;
	counters: Record<string, number>;
	orchestrator?: {pid: number; startedAt: number; version: string};
};

function emptyData(): GlobalData {
	return {schemaVersion: GLOBAL_SCHEMA_VERSION, queuePaused: false, holds: {}, alertDedup: {}, counters: {}};
}

export function migrateGlobal(raw: unknown): GlobalData {
	const base = emptyData();
	if (!raw || typeof raw !== 'object') return base;
	const data = raw as Partial<GlobalData> & Record<string, unknown>;
	const version = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
	if (version > GLOBAL_SCHEMA_VERSION) throw new Error(`state/db.json was written by a newer auto-claude (schema ${version})`);
	return {
		schemaVersion: GLOBAL_SCHEMA_VERSION,
		queuePaused: data.queuePaused === true,
		holds: data.holds && typeof data.holds === 'object' ? data.holds : {},
		alertDedup: data.alertDedup && typeof data.alertDedup === 'object' ? data.alertDedup : {},
		// Schema 0 kept counters under "stats".
		counters: (data.counters ?? (data.stats as Record<string, number> | undefined) ?? {}) as Record<string, number>,
		orchestrator: data.orchestrator,
	};
}

export class GlobalStore {
	private readonly db: LowSync<GlobalData>;

	constructor(file: string) {
		this.db = new LowSync<GlobalData>(new JSONFileSync<GlobalData>(file), emptyData());
		try {
			this.db.read();
			this.db.data = migrateGlobal(this.db.data);
		} catch (error) {
			if (error instanceof SyntaxError) {
				// A corrupt db.json holds only derived or re-creatable data; keep a copy and start clean.
				try {
					fs.renameSync(file, `${file}.corrupt-${Date.now()}`);
				} catch {
					// Nothing to move.
				}
				this.db.data = emptyData();
			} else {
				throw error;
			}
		}
	}

	get data(): Readonly<GlobalData> {
		return this.db.data;
	}

	update(change: (data: GlobalData) => void): void {
		change(this.db.data);
		this.db.write();
	}
}
