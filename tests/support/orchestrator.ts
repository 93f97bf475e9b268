// A real orchestrator over a temp work folder with a fake PTY: the whole pipeline
// (reducer, effects, stores, screen detection) without spawning processes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseConfig} from '../../source/core/config.js';
import {Alerts} from '../../source/runtime/alerts/alerts.js';
import {commandAgent} from '../../source/runtime/agents/command.js';
import {demoAgent} from '../../source/runtime/agents/demo.js';
import {ShellRunner} from '../../source/runtime/commands/shell-runner.js';
import {silentLogger} from '../../source/runtime/logging/logger.js';
import {Orchestrator} from '../../source/runtime/orchestrator.js';
import {SessionRegistry} from '../../source/runtime/pty/registry.js';
import {TaskSource} from '../../source/runtime/queue/task-source.js';
import {GlobalStore} from '../../source/runtime/store/global-store.js';
import {workPaths} from '../../source/runtime/store/paths.js';
import {TaskStore} from '../../source/runtime/store/task-store.js';
import {FakePtyFactory, type FakePty} from './fake-pty.js';

export type TestRig = {
	readonly root: string;
	readonly orchestrator: Orchestrator;
	readonly factory: FakePtyFactory;
	state(id: string): string | undefined;
	record(id: string): ReturnType<Orchestrator['getState']>['tasks'] extends ReadonlyMap<string, infer R> ? R | undefined : never;
	stop(): Promise<void>;
};

export async function rig(options: {config: object; tasks: Record<string, string>; script: (pty: FakePty) => void; watch?: boolean}): Promise<TestRig> {
	const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ac-rig-')));
	const paths = workPaths(root);
	fs.mkdirSync(paths.tasks, {recursive: true});
	for (const [file, text] of Object.entries(options.tasks)) fs.writeFileSync(path.join(paths.tasks, file), text);
	const parsed = parseConfig(JSON.stringify(options.config));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const settings = {config: parsed.config, nudgeTemplate: '', verifyFeedbackTemplate: ''};
	fs.mkdirSync(paths.taskStates, {recursive: true});
	const globalStore = new GlobalStore(paths.db);
	const factory = new FakePtyFactory(options.script);
	const orchestrator = new Orchestrator({
		paths,
		settings,
		ptyFactory: factory,
		registry: new SessionRegistry(),
		shell: new ShellRunner(),
		adapters: {command: commandAgent, demo: demoAgent},
		selfCommand: [process.execPath, 'auto-claude'],
		baseEnv: {PATH: process.env.PATH},
		taskStore: new TaskStore(paths.taskStates),
		globalStore,
		taskSource: new TaskSource(paths, {stabilityMs: 50}),
		alerts: new Alerts(paths.alerts, 0, {get: () => undefined, set: () => {}}),
		logger: silentLogger,
		tickMs: 50,
		watch: options.watch ?? false,
	});
	await orchestrator.start();
	return {
		root,
		orchestrator,
		factory,
		state: (id) => orchestrator.getState().tasks.get(id)?.status.state,
		record: (id) => orchestrator.getState().tasks.get(id) as never,
		stop: async () => {
			await orchestrator.stop();
			fs.rmSync(root, {recursive: true, force: true});
		},
	};
}
