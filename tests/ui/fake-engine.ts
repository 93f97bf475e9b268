// An engine for dashboard tests: the real reducer (through the test Engine driver), real
// sessions (xterm screens) over fake PTYs, and an alerts list, behind the same small
// interface the store reads the orchestrator through.
import type {UserCommand} from '../../source/core/events.js';
import {checkCommand, reduce} from '../../source/core/reducer.js';
import type {TaskRecord, TaskSpec} from '../../source/core/task.js';
import type {Alert} from '../../source/runtime/alerts/alerts.js';
import {Session} from '../../source/runtime/pty/session.js';
import type {EngineLike} from '../../source/ui/state/store.js';
import {Engine, spec} from '../support/engine.js';
import {FakePty} from '../support/fake-pty.js';

export class FakeEngine implements EngineLike {
	// Nothing starts by itself: tests put tasks in the states they need.
	readonly driver = new Engine(undefined, {dispatching: false});
	readonly commands: UserCommand[] = [];
	readonly ptys = new Map<string, FakePty>();
	private readonly listeners = new Set<() => void>();
	private readonly alertListeners = new Set<(alert: Alert) => void>();
	private readonly alertList: Alert[] = [];
	private readonly live = new Map<string, Session>();
	private pid = 70_000;

	readonly alerts = {
		list: (): readonly Alert[] => this.alertList,
		acknowledge: (id?: number): void => {
			for (const alert of this.alertList) if (id === undefined || alert.id === id) alert.acknowledged = true;
		},
		subscribe: (listener: (alert: Alert) => void): (() => void) => {
			this.alertListeners.add(listener);
			return () => this.alertListeners.delete(listener);
		},
	};

	readonly sessions = {
		all: (): Session[] => [...this.live.values()],
		get: (taskId: string): Session | undefined => this.live.get(taskId),
	};

	constructor(ids: readonly (string | TaskSpec)[] = []) {
		this.driver.load(ids.map((id) => (typeof id === 'string' ? spec(id, {title: `Title of ${id}`}) : id)));
	}

	getState() {
		return this.driver.state;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	command(command: UserCommand): string | undefined {
		const problem = checkCommand(this.driver.state, command);
		if (problem) return problem;
		this.commands.push(command);
		// The reducer itself (the test driver would also check indexes this fake bends).
		this.driver.state = reduce(this.driver.state, {type: 'userCommand', at: this.driver.now, command}).state;
		this.notify();
		return undefined;
	}

	/** Puts a task in a state directly (counts follow). */
	setStatus(id: string, status: TaskRecord['status'], extra: Partial<TaskRecord> = {}): void {
		const state = this.driver.state;
		const tasks = state.tasks as unknown as {set(id: string, record: TaskRecord): typeof state.tasks};
		const next = tasks.set(id, {...state.tasks.get(id)!, ...extra, status});
		const counts: Record<string, number> = {};
		for (const record of next.values()) counts[record.status.state] = (counts[record.status.state] ?? 0) + 1;
		this.driver.state = {...state, tasks: next, counts};
		this.notify();
	}

	/** A live session for a task, printing through a fake PTY. */
	startSession(id: string, size = {cols: 60, rows: 24}): {session: Session; pty: FakePty} {
		const pty = new FakePty({file: 'agent', args: [], cwd: '/', env: {}, cols: size.cols, rows: size.rows}, this.pid++);
		const session = new Session({taskId: id, launch: 1, pty, cols: size.cols, rows: size.rows, scrollback: 500, idleTimeoutMs: 3_600_000});
		this.live.set(id, session);
		this.ptys.set(id, pty);
		this.setStatus(id, {state: 'running', attempt: 1, since: this.driver.now}, {session: {startedAt: this.driver.now, attempt: 1, launch: 1, live: true, resumable: true, pid: pty.pid}});
		return {session, pty};
	}

	endSession(id: string): void {
		const session = this.live.get(id);
		this.live.delete(id);
		this.ptys.get(id)?.exit(0);
		session?.dispose();
		this.notify();
	}

	raise(alert: Omit<Alert, 'id'>): void {
		const full = {...alert, id: this.alertList.length + 1};
		this.alertList.unshift(full);
		for (const listener of this.alertListeners) listener(full);
	}

	notify(): void {
		for (const listener of this.listeners) listener();
	}

	dispose(): void {
		for (const id of [...this.live.keys()]) this.endSession(id);
	}
}

/** Waits until a condition holds (polling; tests never sleep for a fixed time). */
export async function until(check: () => boolean, timeout = 3000): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
