import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {reduce} from '../../source/core/reducer.js';
import {createEngineState} from '../../source/core/engine-state.js';
import {TaskStore} from '../../source/runtime/store/task-store.js';
import {GlobalStore} from '../../source/runtime/store/global-store.js';
import {Lock, LockHeldError} from '../../source/runtime/store/lock.js';
import {config} from '../support/engine.js';

const temps: string[] = [];
function temp(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-store-'));
	temps.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of temps.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

function copyFixture(name: string): string {
	const dir = temp();
	fs.cpSync(path.join(import.meta.dirname, '..', 'fixtures', name), dir, {recursive: true});
	return dir;
}

describe('task store', () => {
	it('writes atomically and reads back; a corrupt file is moved aside and reported', () => {
		const dir = temp();
		const store = new TaskStore(dir);
		store.ensure();
		const loaded = copyFixture('state-v1');
		const fixture = new TaskStore(path.join(loaded, 'tasks')).loadAll();
		store.write(fixture.records[0]!);
		expect(fs.readdirSync(dir)).toEqual(['current.json']);
		fs.writeFileSync(path.join(dir, 'broken.json'), '{"id": "broken", "status": {');
		const {records, problems} = store.loadAll();
		expect(records.map((r) => r.id)).toEqual(['current']);
		expect(problems).toEqual([expect.objectContaining({message: expect.stringContaining('unreadable task state')})]);
		expect(fs.readdirSync(dir).some((f) => f.startsWith('broken.json.corrupt-'))).toBe(true);
	});

	it('refuses state written by a newer version instead of misreading it', () => {
		const dir = temp();
		fs.writeFileSync(path.join(dir, 'future.json'), JSON.stringify({schemaVersion: 99, id: 'future', status: {state: 'queued'}}));
		const {records, problems} = new TaskStore(dir).loadAll();
		expect(records).toEqual([]);
		expect(problems[0]?.message).toMatch(/newer auto-claude/);
	});
});

describe('upgrading old state (checked-in fixtures)', () => {
	it('loads schema-0 task files and recovers them through the engine', () => {
		const dir = copyFixture('state-v0');
		const {records, problems} = new TaskStore(path.join(dir, 'tasks')).loadAll();
		expect(problems).toEqual([]);
		const byId = Object.fromEntries(records.map((r) => [r.id, r]));
		expect(byId['old-done']).toMatchObject({schemaVersion: 1, status: {state: 'done'}, attempts: 1, launches: 1});
		expect(byId['old-failed']).toMatchObject({status: {state: 'failed', result: {kind: 'agent_error', message: 'exit code 2'}}, attempts: 3});
		expect(byId['old-running']?.session).toMatchObject({agentSessionId: '7ae6c2b9-1111-2222-3333-444455556666', resumable: true, live: false});

		const state = createEngineState({config: config({defaultAgent: 'claude'}), nudgeTemplate: '', verifyFeedbackTemplate: ''}, {dispatching: true, now: 2e12});
		const specs = records.flatMap((r) => (r.spec ? [r.spec] : []));
		const result = reduce(state, {type: 'loaded', at: 2e12, records, specs, invalid: []});
		expect(result.state.tasks.get('old-done')?.status.state).toBe('done');
		// Mid-run in the old version: resumed with the same conversation, not counted as a new attempt.
		expect(result.effects).toContainEqual(expect.objectContaining({type: 'spawn', taskId: 'old-running', resume: true, attempt: 2}));
	});

	it('loads schema-0 db.json (counters were "stats")', () => {
		const dir = copyFixture('state-v0');
		const store = new GlobalStore(path.join(dir, 'db.json'));
		expect(store.data).toMatchObject({schemaVersion: 1, queuePaused: true, counters: {runs: 12}, holds: {}});
	});

	it('current schema: an interrupted verify is run again and a saved hold is kept', () => {
		const dir = copyFixture('state-v1');
		const {records} = new TaskStore(path.join(dir, 'tasks')).loadAll();
		const global = new GlobalStore(path.join(dir, 'db.json'));
		expect(global.data.holds.default?.resetsAt).toBe(1790003600000);
		const state = {
			...createEngineState({config: config({defaultAgent: 'claude'}), nudgeTemplate: '', verifyFeedbackTemplate: ''}, {dispatching: true, now: 1790000100000}),
			holds: new Map(Object.entries(global.data.holds)),
		};
		const result = reduce(state, {type: 'loaded', at: 1790000100000, records, specs: [records[0]!.spec!], invalid: []});
		// Held account: the task waits (queued to resume) instead of starting.
		expect(result.state.tasks.get('current')?.status).toEqual({state: 'queued', resume: true});
		expect(result.effects.filter((e) => e.type === 'spawn')).toEqual([]);
	});
});

describe('pid lock', () => {
	it('a second holder is refused with the owner pid; a stale lock is taken over', () => {
		const dir = temp();
		const file = path.join(dir, 'lock');
		const first = new Lock(file, 'test');
		first.acquire();
		expect(() => new Lock(file, 'test').acquire()).toThrow(LockHeldError);
		try {
			new Lock(file, 'test').acquire();
		} catch (error) {
			expect((error as LockHeldError).owner.pid).toBe(process.pid);
		}
		first.release();
		// A lock left by a process that no longer exists.
		fs.writeFileSync(file, JSON.stringify({pid: 2 ** 22 + 12345, startedAt: 1, host: os.hostname(), kind: 'dead'}));
		const next = new Lock(file, 'test');
		next.acquire();
		expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
		next.release();
		expect(fs.existsSync(file)).toBe(false);
	});
});
