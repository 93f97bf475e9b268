// The environment an agent process gets: auto-claude's own (so PATH, HOME and
// credentials work as in the user's shell) plus the agent's configured variables.
import type {LaunchContext} from './types.js';

export function agentEnv(context: LaunchContext, extra: Readonly<Record<string, string>>): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(context.baseEnv)) if (value !== undefined) env[key] = value;
	// Variables of a parent Claude Code session must not leak into the child's.
	for (const key of Object.keys(env)) if (key === 'CLAUDECODE' || key.startsWith('CLAUDE_CODE_SESSION') || key === 'CLAUDE_PROJECT_DIR') delete env[key];
	env.TERM = 'xterm-256color';
	env.COLORTERM ??= 'truecolor';
	env.AUTO_CLAUDE_TASK_ID = context.task.id;
	env.AUTO_CLAUDE_ATTEMPT = String(context.attempt);
	return {...env, ...context.agent.env, ...extra};
}
