// The event loop: runtime events go through the reducer one at a time, and the effects
// it returns are executed in order (persist first). The UI and the headless reporter
// are two subscribers of the same loop.
import type {EngineSettings, EngineState} from '../core/engine-state.js';
import {createEngineState} from '../core/engine-state.js';
import type {Effect} from '../core/effects.js';
import type {EngineEvent, UserCommand} from '../core/events.js';
import {checkCommand, reduce} from '../core/reducer.js';
import type {TaskState} from '../core/task.js';
import type {Alert, Alerts} from './alerts/alerts.js';
import {EffectRunner, type RuntimePorts} from './effect-runner.js';
import type {Logger} from './logging/logger.js';
import {killOrphan} from './proc.js';
import type {TaskSource} from './queue/task-source.js';
import type {GlobalStore} from './store/global-store.js';
import type {TaskStore} from './store/task-store.js';

export type TransitionNotice = {readonly taskId: string; readonly from: TaskState | null; readonly to: TaskState; readonly reason: string; readonly at: number};

export type OrchestratorDeps = RuntimePorts & {
	readonly settings: EngineSettings;
	readonly taskStore: TaskStore;
	readonly globalStore: GlobalStore;
	readonly taskSource: TaskSource;
	readonly alerts: Alerts;
	readonly logger: Logger;
	readonly now?: () => number;
	readonly tickMs?: number;
	/** Watch tasks/ for changes after the initial scan (off for one-shot commands). */
	readonly watch?: boolean;
};

export class Orchestrator {
	private state: EngineState;
	private readonly queue: EngineEvent[] = [];
	private draining = false;
	private version = 0;
	private tickTimer: NodeJS.Timeout | undefined;
	private cacheTimer: NodeJS.Timeout | undefined;
	/** Resolves once tasks/ is being watched (tests wait for it). */
	watching: Promise<void> = Promise.resolve();
	private stopped = false;
	private readonly listeners = new Set<() => void>();
	private readonly transitionListeners = new Set<(notice: TransitionNotice) => void>();
	private readonly runner: EffectRunner;
	private readonly now: () => number;

	constructor(private readonly deps: OrchestratorDeps) {
		this.now = deps.now ?? Date.now;
		const global = deps.globalStore.data;
		this.state = {
			...createEngineState(deps.settings, {dispatching: true, now: this.now()}),
			holds: new Map(Object.entries(global.holds)),
			queuePaused: global.queuePaused,
		};
		this.runner = new EffectRunner(deps, {
			dispatch: (event) => this.dispatch(event),
			task: (id) => this.state.tasks.get(id),
		});
	}

	get snapshotVersion(): number {
		return this.version;
	}

	getState(): EngineState {
		return this.state;
	}

	get sessions() {
		return this.deps.registry;
	}

	get alerts(): Alerts {
		return this.deps.alerts;
	}

	/** Loads state, recovers interrupted tasks, scans tasks/, then starts the clock and the watcher. */
	async start(): Promise<void> {
		this.deps.taskStore.ensure();
		const {records, problems} = this.deps.taskStore.loadAll();
		for (const problem of problems) this.deps.alerts.raise({severity: 'P1', key: `state-corrupt:${problem.file}`, message: problem.message});
		for (const record of records) {
			// Processes of a previous orchestrator that was killed outright: never run a task twice at once.
			if (record.session?.live && record.session.pid && killOrphan(record.session.pid, record.session.pidStart)) {
				this.deps.logger.warn('killed a leftover agent process', {task: record.id, pid: record.session.pid});
			}
		}
		const {specs, invalid} = this.deps.taskSource.scan();
		this.dispatch({type: 'loaded', at: this.now(), records, specs, invalid});
		if (this.deps.watch !== false) {
			// Not awaited: with thousands of files the watcher takes a while to be ready, and
			// work should not wait for it; anything changed meanwhile is caught when it is.
			this.watching = this.deps.taskSource
				.watch({
					changed: (spec) => this.dispatch({type: 'taskFileChanged', at: this.now(), spec}),
					invalid: (id, errors) => this.dispatch({type: 'taskFileInvalid', at: this.now(), id, errors}),
					removed: (id) => this.dispatch({type: 'taskFileRemoved', at: this.now(), id}),
				})
				.catch((error: unknown) => {
					this.deps.alerts.raise({severity: 'P1', key: 'watch-failed', message: `cannot watch tasks/: ${(error as Error).message}`});
				});
		}
		this.tickTimer = setInterval(() => this.dispatch({type: 'tick', at: this.now()}), this.deps.tickMs ?? 1000);
		// Parse results are saved off the start-up path, then now and then as files change.
		this.cacheTimer = setInterval(() => void this.deps.taskSource.saveCache(), 30_000);
		this.cacheTimer.unref();
		setTimeout(() => void this.deps.taskSource.saveCache(), 2000).unref();
	}

	dispatch(event: EngineEvent): void {
		if (this.stopped && event.type !== 'shutdown') return;
		this.queue.push(event);
		if (this.draining) return;
		this.draining = true;
		try {
			while (this.queue.length > 0) {
				const next = this.queue.shift()!;
				const before = this.state;
				let result;
				try {
					result = reduce(this.state, next);
				} catch (error) {
					this.deps.logger.error('reducer failed', {event: next.type, error: String((error as Error).stack ?? error)});
					this.deps.alerts.raise({severity: 'P1', key: 'engine-error', message: `internal error handling ${next.type}: ${(error as Error).message}`});
					continue;
				}
				this.state = result.state;
				this.persistGlobal(before, this.state);
				this.execute(result.effects);
				if (result.effects.length > 0 || before !== this.state) this.version++;
			}
		} finally {
			this.draining = false;
		}
		for (const listener of this.listeners) listener();
	}

	/** Applies a person's command; returns why it cannot apply, if it cannot. */
	command(command: UserCommand): string | undefined {
		const problem = checkCommand(this.state, command);
		if (problem) return problem;
		this.dispatch({type: 'userCommand', at: this.now(), command});
		return undefined;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	onTransition(listener: (notice: TransitionNotice) => void): () => void {
		this.transitionListeners.add(listener);
		return () => this.transitionListeners.delete(listener);
	}

	onAlert(listener: (alert: Alert) => void): () => void {
		return this.deps.alerts.subscribe(listener);
	}

	/** Graceful stop: sessions get SIGTERM (then SIGKILL) and their tasks stay resumable. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.dispatch({type: 'shutdown', at: this.now()});
		this.stopped = true;
		clearInterval(this.tickTimer);
		clearInterval(this.cacheTimer);
		this.runner.cancelAll();
		await Promise.all([this.deps.registry.stopAll(2500), this.deps.taskSource.close(), this.deps.taskSource.saveCache()]);
		for (const listener of this.listeners) listener();
	}

	private execute(effects: readonly Effect[]): void {
		for (const effect of effects) {
			if (effect.type === 'transition') {
				for (const listener of this.transitionListeners) listener(effect);
				continue;
			}
			try {
				this.runner.run(effect);
			} catch (error) {
				this.deps.logger.error('effect failed', {effect: effect.type, error: String((error as Error).stack ?? error)});
				const p1 = effect.type === 'persist' || effect.type === 'forget';
				this.deps.alerts.raise({
					severity: p1 ? 'P1' : 'P2',
					key: `effect:${effect.type}`,
					message: p1 ? `cannot save task state: ${(error as Error).message}` : `${effect.type} failed: ${(error as Error).message}`,
				});
			}
		}
	}

	private persistGlobal(before: EngineState, after: EngineState): void {
		if (before.holds === after.holds && before.queuePaused === after.queuePaused) return;
		try {
			this.deps.globalStore.update((data) => {
				data.holds = Object.fromEntries(after.holds);
				data.queuePaused = after.queuePaused;
			});
		} catch (error) {
			this.deps.alerts.raise({severity: 'P1', key: 'persist-global', message: `cannot save state/db.json: ${(error as Error).message}`});
		}
	}
}
