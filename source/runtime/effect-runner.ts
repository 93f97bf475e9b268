// Executes the reducer's effects against the real world: state files, PTY sessions,
// shell commands, alerts. Everything that finishes later comes back as an event.
import fs from 'node:fs';
import path from 'node:path';
import {agentNameOf, taskLimits, type EngineSettings} from '../core/engine-state.js';
import type {Effect} from '../core/effects.js';
import type {EngineEvent} from '../core/events.js';
import type {TaskRecord} from '../core/task.js';
import type {Alerts} from './alerts/alerts.js';
import {LaunchError, type AgentAdapter, type AgentObserver, type LaunchContext} from './agents/types.js';
import type {ShellRunner} from './commands/shell-runner.js';
import type {Logger} from './logging/logger.js';
import {processStartTime} from './proc.js';
import type {PtyFactory} from './pty/pty-port.js';
import type {SessionRegistry} from './pty/registry.js';
import {Session} from './pty/session.js';
import type {WorkPaths} from './store/paths.js';
import type {TaskStore} from './store/task-store.js';
import {findExecutable} from './which.js';
import {createWorktree} from './git/worktree.js';

export type HookAnswerer = {answer(requestId: string, decision: 'allow' | 'deny' | 'ask', reason?: string): void};

export type RuntimePorts = {
	readonly paths: WorkPaths;
	readonly settings: EngineSettings;
	readonly ptyFactory: PtyFactory;
	readonly registry: SessionRegistry;
	readonly shell: ShellRunner;
	readonly adapters: Readonly<Record<string, AgentAdapter>>;
	readonly selfCommand: readonly string[];
	readonly baseEnv: Readonly<Record<string, string | undefined>>;
	readonly taskStore: TaskStore;
	readonly alerts: Alerts;
	readonly logger: Logger;
	readonly hooks?: HookAnswerer;
	readonly controlSocket?: string;
	/** Checks whether an account's usage limit has lifted (unknown reset time). */
	readonly probe?: (account: string) => Promise<{limited: boolean; resetsAt?: number; text?: string; error?: string}>;
	/** Size for new sessions (the UI resizes panes later). */
	readonly terminalSize?: () => {cols: number; rows: number};
};

type Host = {dispatch(event: EngineEvent): void; task(id: string): TaskRecord | undefined};

export class EffectRunner {
	private readonly observers = new Map<string, {launch: number; observer: AgentObserver}>();

	constructor(
		private readonly ports: RuntimePorts,
		private readonly host: Host,
	) {}

	run(effect: Effect): void {
		switch (effect.type) {
			case 'persist':
				this.ports.taskStore.write(effect.record);
				return;
			case 'forget':
				this.ports.taskStore.remove(effect.id);
				return;
			case 'spawn':
				void this.spawn(effect);
				return;
			case 'sendInput': {
				const session = this.ports.registry.get(effect.taskId);
				if (!session?.alive) return;
				session.typeText(effect.text);
				this.observers.get(effect.taskId)?.observer.inputSent();
				return;
			}
			case 'sendKeys': {
				const session = this.ports.registry.get(effect.taskId);
				if (!session?.alive) return;
				session.sendKeys(effect.keys);
				this.observers.get(effect.taskId)?.observer.inputSent();
				return;
			}
			case 'answerHook':
				this.ports.hooks?.answer(effect.requestId, effect.decision, effect.reason);
				return;
			case 'kill':
				this.ports.registry.get(effect.taskId)?.kill();
				return;
			case 'signal':
				this.ports.registry.get(effect.taskId)?.signal(effect.signal);
				return;
			case 'createWorktree': {
				void createWorktree({taskId: effect.taskId, cwd: path.resolve(this.ports.paths.root, effect.cwd ?? this.ports.settings.config.defaultCwd), worktreesDir: path.join(this.ports.paths.state, 'worktrees')}).then(
					(tree) => this.host.dispatch({type: 'worktreeReady', at: Date.now(), taskId: effect.taskId, launch: effect.launch, ...tree}),
					(error: unknown) => this.host.dispatch({type: 'worktreeFailed', at: Date.now(), taskId: effect.taskId, launch: effect.launch, message: (error as Error).message.split('\n')[0] ?? String(error)}),
				);
				return;
			}
			case 'runSetup':
				void this.shell(effect.taskId, effect.command, effect.cwd, effect.timeoutMs).then((result) => {
					if (result) this.host.dispatch({type: 'setupFinished', at: Date.now(), taskId: effect.taskId, launch: effect.launch, exitCode: result.exitCode, outputTail: result.outputTail, timedOut: result.timedOut});
				});
				return;
			case 'runVerify':
				void this.shell(effect.taskId, effect.command, effect.cwd, effect.timeoutMs).then((result) => {
					if (result) {
						this.host.dispatch({
							type: 'verifyFinished',
							at: Date.now(),
							taskId: effect.taskId,
							round: effect.round,
							exitCode: result.exitCode,
							durationMs: result.durationMs,
							outputTail: result.outputTail,
							timedOut: result.timedOut,
						});
					}
				});
				return;
			case 'cancelCommand':
				this.ports.shell.cancel(effect.taskId);
				return;
			case 'probe': {
				const probe = this.ports.probe ?? (async () => ({limited: false, error: 'probing is not available'}));
				void probe(effect.account)
					.catch((error: unknown) => ({limited: false, error: (error as Error).message}))
					.then((result) => this.host.dispatch({type: 'probeFinished', at: Date.now(), account: effect.account, ...result}));
				return;
			}
			case 'alert':
				this.ports.alerts.raise(effect);
				return;
			case 'transition':
				return;
		}
	}

	cancelAll(): void {
		this.ports.shell.cancelAll();
	}

	/** The task's working directory: inside its worktree when it has one. */
	resolveCwd(cwd: string | undefined, taskId?: string): string {
		const worktree = taskId ? this.host.task(taskId)?.worktree : undefined;
		if (worktree) return path.join(worktree.path, worktree.subdir);
		return path.resolve(this.ports.paths.root, cwd ?? this.ports.settings.config.defaultCwd);
	}

	private async shell(taskId: string, command: string, cwd: string | undefined, timeoutMs: number) {
		const dir = this.resolveCwd(cwd, taskId);
		if (!fs.existsSync(dir)) return {exitCode: 127, durationMs: 0, timedOut: false, outputTail: `working directory ${dir} does not exist`, cancelled: false};
		const result = await this.ports.shell.run(taskId, command, {cwd: dir, timeoutMs});
		return result.cancelled ? undefined : result;
	}

	private async spawn(effect: Extract<Effect, {type: 'spawn'}>): Promise<void> {
		const {taskId, launch} = effect;
		const fail = (message: string, permanent: boolean): void => this.host.dispatch({type: 'sessionSpawnFailed', at: Date.now(), taskId, launch, message, permanent});
		const record = this.host.task(taskId);
		if (!record?.spec) return fail('task has no valid definition', true);
		const agentName = agentNameOf(this.ports.settings, record.spec);
		const agent = this.ports.settings.config.agents[agentName];
		const adapter = agent ? this.ports.adapters[agent.kind] : undefined;
		if (!agent || !adapter) return fail(`no agent named "${agentName}"`, true);
		const cwd = this.resolveCwd(record.spec.cwd, taskId);
		if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) return fail(`working directory ${cwd} does not exist`, true);
		const accountDir = this.ports.settings.config.accounts.find((a) => a.name === record.account)?.configDir;
		const size = this.ports.terminalSize?.() ?? {cols: this.ports.settings.config.terminal.cols, rows: this.ports.settings.config.terminal.rows};
		const context: LaunchContext = {
			task: record,
			agentName,
			agent,
			cwd,
			resume: effect.resume,
			attempt: effect.attempt,
			launch,
			paths: this.ports.paths,
			cols: size.cols,
			rows: size.rows,
			selfCommand: this.ports.selfCommand,
			baseEnv: this.ports.baseEnv,
			...(effect.recapOf ? {recapOf: effect.recapOf} : {}),
			...(accountDir ? {accountConfigDir: accountDir} : {}),
			...(this.ports.controlSocket ? {controlSocket: this.ports.controlSocket} : {}),
		};
		let plan;
		try {
			plan = await adapter.prepare(context);
		} catch (error) {
			if (error instanceof LaunchError) return fail(error.message, error.permanent);
			return fail(`cannot prepare the agent: ${(error as Error).message}`, false);
		}
		const executable = findExecutable(plan.file, plan.env.PATH ?? process.env.PATH ?? '', cwd);
		if (!executable) return fail(`command not found: ${plan.file}`, true);
		// The conversation id is saved before the process exists, so a crash right after
		// the spawn can still be resumed.
		if (plan.agentSessionId) this.host.dispatch({type: 'sessionAssigned', at: Date.now(), taskId, launch, agentSessionId: plan.agentSessionId});
		const current = this.host.task(taskId);
		if (!current || current.launches !== launch || (current.status.state !== 'starting' && current.status.state !== 'running')) return;
		const logFile = path.join(this.ports.paths.logs, taskId, `${effect.attempt}.log`);
		let pty;
		try {
			pty = this.ports.ptyFactory.spawn({file: executable, args: plan.args, cwd: plan.cwd, env: plan.env, cols: size.cols, rows: size.rows, logFile});
		} catch (error) {
			return fail(`could not start ${plan.file}: ${(error as Error).message}`, false);
		}
		const idleMs = taskLimits(this.ports.settings, record.spec).idleTimeoutMinutes * 60_000;
		const session = new Session({
			taskId,
			launch,
			pty,
			cols: size.cols,
			rows: size.rows,
			scrollback: this.ports.settings.config.terminal.scrollback,
			idleTimeoutMs: idleMs,
		});
		this.ports.registry.add(session);
		this.ports.logger.info('session started', {task: taskId, launch, pid: pty.pid, file: plan.file, resume: effect.resume});
		this.host.dispatch({type: 'sessionStarted', at: Date.now(), taskId, launch, pid: pty.pid, pidStart: processStartTime(pty.pid), logPath: path.relative(this.ports.paths.root, logFile)});
		const observer = adapter.observe(session, {
			launch: context,
			plan,
			initialInput: effect.initialInput,
			emit: (signal) => this.host.dispatch({type: 'agentSignal', at: Date.now(), taskId, launch, signal}),
		});
		this.observers.get(taskId)?.observer.dispose();
		this.observers.set(taskId, {launch, observer});
		if (plan.note) this.host.dispatch({type: 'agentSignal', at: Date.now(), taskId, launch, signal: {kind: 'note', text: plan.note}});
		session.onIdle((idleMs) => this.host.dispatch({type: 'sessionIdle', at: Date.now(), taskId, launch, idleMs}));
		session.onExit((exit) => {
			const entry = this.observers.get(taskId);
			if (entry?.launch === launch) {
				entry.observer.dispose();
				this.observers.delete(taskId);
			}
			this.ports.logger.info('session exited', {task: taskId, launch, ...exit});
			this.host.dispatch({type: 'sessionExited', at: Date.now(), taskId, launch, exitCode: exit.exitCode, signal: exit.signal});
			// Keep the final screen around briefly for the UI, then free the terminal.
			setTimeout(() => session.dispose(), 30_000).unref?.();
		});
	}
}
