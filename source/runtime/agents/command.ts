// A "command" agent runs any argv in a PTY; {prompt}, {cwd} and {taskId} are replaced
// inside each argument (never through a shell), and its exit code is its result.
import type {AgentAdapter, AgentObserver, LaunchContext, LaunchPlan} from './types.js';
import {LaunchError} from './types.js';
import {agentEnv} from './env.js';

export function substitute(arg: string, values: Readonly<Record<string, string>>): string {
	return arg.replace(/\{(prompt|cwd|taskId|title|attempt)\}/g, (all, name: string) => values[name] ?? all);
}

export const commandAgent: AgentAdapter = {
	kind: 'command',
	interactive: false,
	prepare(context: LaunchContext): LaunchPlan {
		const argv = context.agent.command;
		if (!argv || argv.length === 0) throw new LaunchError(`agent "${context.agentName}" has no command`, true);
		const spec = context.task.spec;
		const values = {prompt: spec?.prompt ?? '', cwd: context.cwd, taskId: context.task.id, title: spec?.title ?? '', attempt: String(context.attempt)};
		const [file, ...args] = argv.map((arg) => substitute(arg, values));
		return {file: file!, args, env: agentEnv(context, {}), cwd: context.cwd};
	},
	observe(): AgentObserver {
		return {inputSent() {}, dispose() {}};
	},
};
