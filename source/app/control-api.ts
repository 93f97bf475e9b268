// One API for task control, answered by a running orchestrator (over the socket) or,
// when none runs, directly from state/ under the lock.
import type {EngineState} from '../core/engine-state.js';
import type {UserCommand} from '../core/events.js';
import type {TaskRecord} from '../core/task.js';
import {listTasks, statusReport, workerRows, type StatusReport, type TaskRow, type WorkerRow} from './views.js';

export type ControlApi = {
	status(): StatusReport;
	list(states?: readonly string[]): TaskRow[];
	show(id: string): TaskRecord | undefined;
	/** Returns the reason the command cannot apply, or undefined on success. */
	command(command: UserCommand): string | undefined;
	workers(): WorkerRow[];
};

export function stateApi(
	getState: () => EngineState,
	info: {running: boolean; pid?: number; workDir: string; lastOutput?: (taskId: string) => number | undefined},
	command: (command: UserCommand) => string | undefined,
): ControlApi {
	return {
		status: () => statusReport(getState(), info),
		list: (states) => listTasks(getState(), states),
		show: (id) => getState().tasks.get(id),
		command,
		workers: () => (info.running ? workerRows(getState(), info.lastOutput) : []),
	};
}

/** Socket method table over a ControlApi. */
export function controlHandler(api: ControlApi, extra: Record<string, (params: unknown) => unknown> = {}) {
	return (method: string, params: unknown): unknown => {
		const p = (params ?? {}) as Record<string, unknown>;
		switch (method) {
			case 'status':
				return api.status();
			case 'task.list':
				return api.list(Array.isArray(p.states) ? (p.states as string[]) : undefined);
			case 'task.show':
				return api.show(String(p.id)) ?? null;
			case 'task.command': {
				const error = api.command(p.command as UserCommand);
				if (error) throw new Error(error);
				return {ok: true};
			}
			case 'worker.list':
				return api.workers();
			default: {
				const handler = extra[method];
				if (handler) return handler(params);
				throw new Error(`unknown method ${method}`);
			}
		}
	};
}
