// The composition root: the only place that constructs real adapters (node-pty, the
// file system stores, the watcher, the control socket) and wires them to the engine.
import fs from 'node:fs';
import path from 'node:path';
import type {UserCommand} from '../core/events.js';
import {Alerts} from '../runtime/alerts/alerts.js';
import {commandAgent} from '../runtime/agents/command.js';
import {demoAgent} from '../runtime/agents/demo.js';
import {createClaudeAgent} from '../runtime/agents/claude/index.js';
import {probeAccount} from '../runtime/agents/claude/probe.js';
import {packageRoot} from '../runtime/agents/locate.js';
import {HookBroker, type HookCall} from '../runtime/agents/hook-broker.js';
import type {AgentAdapter} from '../runtime/agents/types.js';
import {ShellRunner} from '../runtime/commands/shell-runner.js';
import {ControlServer} from '../runtime/control/server.js';
import {controlSocketPath} from '../runtime/control/socket-path.js';
import {fileLogger} from '../runtime/logging/logger.js';
import {Orchestrator} from '../runtime/orchestrator.js';
import {NodePtyFactory} from '../runtime/pty/node-pty-adapter.js';
import type {PtyFactory} from '../runtime/pty/pty-port.js';
import {WorkerPtyFactory} from '../runtime/pty/worker-pty-factory.js';
import {SessionRegistry} from '../runtime/pty/registry.js';
import {TaskSource} from '../runtime/queue/task-source.js';
import {GlobalStore} from '../runtime/store/global-store.js';
import {Lock, LockHeldError} from '../runtime/store/lock.js';
import {TaskStore} from '../runtime/store/task-store.js';
import {controlHandler, stateApi, type ControlApi} from './control-api.js';
import {FatalError} from './errors.js';
import {ensureStateDirs, type Workspace} from './workspace.js';
import {VERSION} from '../version.js';

export type RunningApp = {
	readonly orchestrator: Orchestrator;
	readonly api: ControlApi;
	readonly socketPath: string;
	/** Stops sessions (left resumable), the socket and the lock. Safe to call twice. */
	stop(): Promise<void>;
	/** Loads the queue and starts work (done by startApp unless `deferStart`). Safe to call twice. */
	begin(): Promise<void>;
};

export type StartOptions = {
	readonly terminalSize?: () => {cols: number; rows: number};
	readonly stabilityMs?: number;
	/** Called before the first event, so a view sees every transition from the start. */
	readonly beforeStart?: (orchestrator: Orchestrator) => void;
	/** Leave starting work to the caller's `begin()` (the dashboard first gets its views ready). */
	readonly deferStart?: boolean;
};

/**
 * The command agent hooks run (the event name is appended): the small dist/hook.js
 * bundle when it is there (it starts in about half the time), else this CLI's `hook`.
 */
export function hookCommand(): string[] {
	const hook = path.join(packageRoot(), 'dist', 'hook.js');
	if (fs.existsSync(hook)) return [process.execPath, hook];
	const script = process.argv[1] ? path.resolve(process.argv[1]) : '';
	return [process.execPath, ...process.execArgv.filter((arg) => !arg.startsWith('--inspect')), script, 'hook'];
}

/**
 * node-pty on its own thread when running from the build (dist/pty-worker.js), so a
 * flooding agent is read while the main thread parses and paints; in process when
 * running from source or with AUTO_CLAUDE_PTY_THREAD=0.
 */
export function ptyFactory(onError: (error: Error) => void): PtyFactory {
	const script = process.env.AUTO_CLAUDE_PTY_THREAD === '0' ? undefined : WorkerPtyFactory.scriptBeside(import.meta.url);
	if (!script) return new NodePtyFactory();
	const factory = new WorkerPtyFactory(script, onError);
	factory.warm();
	return factory;
}

export function adapters(broker: HookBroker): Record<string, AgentAdapter> {
	return {command: commandAgent, demo: demoAgent, claude: createClaudeAgent(broker)};
}

/** How long to wait for a one-shot command (`task list`, `status`…) to release the lock. */
const CLI_LOCK_WAIT_MS = 10_000;

/**
 * Takes the work folder's lock. A one-shot CLI command holds it for a moment only, so
 * its lock is waited for; an orchestrator's is not (a second one is refused).
 */
export async function takeLock(workspace: Workspace, kind: string): Promise<Lock> {
	ensureStateDirs(workspace.paths);
	const lock = new Lock(workspace.paths.lock, kind);
	const deadline = Date.now() + CLI_LOCK_WAIT_MS;
	for (;;) {
		try {
			lock.acquire();
			return lock;
		} catch (error) {
			if (!(error instanceof LockHeldError)) throw error;
			if (error.owner.kind === 'cli' && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 50));
				continue;
			}
			if (error.owner.kind === 'cli') throw new FatalError(`another auto-claude command (pid ${error.owner.pid}) holds ${workspace.paths.root}; try again`, 2);
			throw new FatalError(`auto-claude is already running on ${workspace.paths.root} (pid ${error.owner.pid})`, 2);
		}
	}
}

export async function startApp(workspace: Workspace, options: StartOptions = {}): Promise<RunningApp> {
	const lock = await takeLock(workspace, 'orchestrator');
	const {paths, settings} = workspace;
	const globalStore = new GlobalStore(paths.db);
	const logger = fileLogger(paths.orchestratorLog);
	const alerts = new Alerts(paths.alerts, settings.config.alerts.dedupMinutes * 60_000, {
		get: (key) => globalStore.data.alertDedup[key],
		set: (key, at) => {
			try {
				globalStore.update((data) => {
					data.alertDedup[key] = at;
					// Old keys would grow the file forever; keep the recent ones.
					const keys = Object.keys(data.alertDedup);
					if (keys.length > 2000) for (const old of keys.slice(0, keys.length - 1000)) delete data.alertDedup[old];
				});
			} catch {
				// De-duplication is best effort.
			}
		},
	});
	const registry = new SessionRegistry();
	const taskStore = new TaskStore(paths.taskStates);
	const broker = new HookBroker();
	const socketPath = controlSocketPath(paths.state);
	const orchestrator = new Orchestrator({
		paths,
		settings,
		ptyFactory: ptyFactory((error) => logger.error('PTY thread failed', {error: error.message})),
		registry,
		shell: new ShellRunner(),
		adapters: adapters(broker),
		hooks: broker,
		controlSocket: socketPath,
		probe: (account) => probeAccount(settings.config, account, paths.root),
		selfCommand: hookCommand(),
		baseEnv: process.env,
		taskStore,
		globalStore,
		taskSource: new TaskSource(paths, {stabilityMs: options.stabilityMs, cacheFile: paths.specCache}),
		alerts,
		logger,
		terminalSize: options.terminalSize,
	});
	const api = stateApi(
		() => orchestrator.getState(),
		{running: true, pid: process.pid, workDir: paths.root, lastOutput: (id) => registry.get(id)?.lastOutput},
		(command: UserCommand) => orchestrator.command(command),
	);
	const server = new ControlServer(
		socketPath,
		controlHandler(api, {
			hook: (params) => broker.handle(params as HookCall),
		}),
	);
	let stopped: Promise<void> | undefined;
	const stop = (): Promise<void> => {
		stopped ??= (async () => {
			await orchestrator.stop();
			await server.close().catch(() => undefined);
			globalStore.update((data) => {
				data.orchestrator = undefined;
			});
			lock.release();
		})();
		return stopped;
	};
	try {
		await server.listen();
		globalStore.update((data) => {
			data.orchestrator = {pid: process.pid, startedAt: Date.now(), version: VERSION};
		});
		logger.info('orchestrator starting', {pid: process.pid, workDir: paths.root, concurrency: settings.config.concurrency});
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
	let begun: Promise<void> | undefined;
	const begin = (): Promise<void> => {
		begun ??= (async () => {
			if (stopped) return;
			try {
				options.beforeStart?.(orchestrator);
				await orchestrator.start();
			} catch (error) {
				await stop().catch(() => undefined);
				throw error;
			}
		})();
		return begun;
	};
	if (!options.deferStart) await begin();
	return {orchestrator, api, socketPath, stop, begin};
}


