// Per-task runtime state: one small JSON file per task under state/tasks/, written
// atomically (temp file, fsync, rename), so a change costs the same with 10 tasks or
// 10,000 and a crash mid-write leaves either the old or the new file, never half of one.
import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {migrateTaskRecord} from './migrate.js';
import type {TaskRecord} from '../../core/task.js';

export type LoadProblem = {readonly file: string; readonly message: string};

export class TaskStore {
	constructor(private readonly dir: string) {}

	ensure(): void {
		fs.mkdirSync(this.dir, {recursive: true});
	}

	fileFor(id: string): string {
		return path.join(this.dir, `${id}.json`);
	}

	write(record: TaskRecord): void {
		writeFileAtomic.sync(this.fileFor(record.id), `${JSON.stringify(record)}\n`, {fsync: true});
	}

	remove(id: string): void {
		fs.rmSync(this.fileFor(id), {force: true});
	}

	read(id: string): TaskRecord | undefined {
		try {
			return migrateTaskRecord(JSON.parse(fs.readFileSync(this.fileFor(id), 'utf8')));
		} catch {
			return undefined;
		}
	}

	/**
	 * Loads every record. An unreadable file is moved aside (never silently deleted) and
	 * reported, so one corrupt file cannot stop the orchestrator.
	 */
	loadAll(): {records: TaskRecord[]; problems: LoadProblem[]} {
		const records: TaskRecord[] = [];
		const problems: LoadProblem[] = [];
		let names: string[];
		try {
			names = fs.readdirSync(this.dir);
		} catch {
			return {records, problems};
		}
		for (const name of names) {
			if (!name.endsWith('.json') || name.startsWith('.')) continue;
			const file = path.join(this.dir, name);
			try {
				const record = migrateTaskRecord(JSON.parse(fs.readFileSync(file, 'utf8')));
				if (`${record.id}.json` !== name) throw new Error(`holds task "${record.id}"`);
				records.push(record);
			} catch (error) {
				const aside = `${file}.corrupt-${Date.now()}`;
				try {
					fs.renameSync(file, aside);
				} catch {
					// Leave it where it is; it is reported either way.
				}
				problems.push({file, message: `unreadable task state (${error instanceof Error ? error.message : String(error)}); moved to ${path.basename(aside)}`});
			}
		}
		return {records, problems};
	}
}
