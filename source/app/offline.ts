// Task control without a running orchestrator: take the lock, load state/ and tasks/
// through the same reducer (nothing is started), apply the command, persist, release.
import {createEngineState, type EngineState} from '../core/engine-state.js';
import type {Effect} from '../core/effects.js';
import type {EngineEvent, UserCommand} from '../core/events.js';
import {checkCommand, reduce} from '../core/reducer.js';
import {maskSecrets} from '../core/security/mask.js';
import {killOrphan} from '../runtime/proc.js';
import {TaskSource} from '../runtime/queue/task-source.js';
import {GlobalStore} from '../runtime/store/global-store.js';
import {TaskStore} from '../runtime/store/task-store.js';
import fs from 'node:fs';
import {stateApi, type ControlApi} from './control-api.js';
import {takeLock} from './runtime.js';
import type {Workspace} from './workspace.js';

export async function withOfflineState<T>(workspace: Workspace, use: (api: ControlApi) => T | Promise<T>): Promise<T> {
	const lock = await takeLock(workspace, 'cli');
	try {
		const {paths, settings} = workspace;
		const taskStore = new TaskStore(paths.taskStates);
		const globalStore = new GlobalStore(paths.db);
		let state: EngineState = {
			...createEngineState(settings, {dispatching: false, now: Date.now()}),
			holds: new Map(Object.entries(globalStore.data.holds)),
			queuePaused: globalStore.data.queuePaused,
		};
		const apply = (event: EngineEvent): void => {
			const result = reduce(state, event);
			state = result.state;
			execute(result.effects);
		};
		const execute = (effects: readonly Effect[]): void => {
			for (const effect of effects) {
				if (effect.type === 'persist') taskStore.write(effect.record);
				else if (effect.type === 'forget') taskStore.remove(effect.id);
				else if (effect.type === 'alert') {
					try {
						fs.appendFileSync(paths.alerts, `${JSON.stringify({at: new Date().toISOString(), severity: effect.severity, key: effect.key, message: maskSecrets(effect.message), taskId: effect.taskId})}\n`);
					} catch {
						// Best effort without a running orchestrator.
					}
				}
			}
		};
		const {records} = taskStore.loadAll();
		for (const record of records) if (record.session?.live && record.session.pid) killOrphan(record.session.pid, record.session.pidStart);
		const source = new TaskSource(paths, {cacheFile: paths.specCache});
		const {specs, invalid} = source.scan();
		apply({type: 'loaded', at: Date.now(), records, specs, invalid});
		const command = (userCommand: UserCommand): string | undefined => {
			const problem = checkCommand(state, userCommand);
			if (problem) return problem;
			apply({type: 'userCommand', at: Date.now(), command: userCommand});
			if (userCommand.kind === 'pause_queue' || userCommand.kind === 'resume_queue') {
				globalStore.update((data) => {
					data.queuePaused = state.queuePaused;
				});
			}
			return undefined;
		};
		const result = await use(stateApi(() => state, {running: false, workDir: paths.root}, command));
		await source.saveCache();
		return result;
	} finally {
		lock.release();
	}
}
