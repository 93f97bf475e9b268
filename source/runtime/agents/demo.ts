// The built-in demo agent: a simulated Claude Code session (dist/demo-agent.js) that
// looks and behaves like the real TUI, so the whole pipeline can be seen working without
// an account. It is read exactly like claude: through its screen.
import {randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {detectClaudeScreen} from '../../core/detect/claude.js';
import {MARKER_INSTRUCTIONS} from '../../core/markers.js';
import {agentEnv} from './env.js';
import {demoAgentScript} from './locate.js';
import {screenLimitSignal} from './screen-limit.js';
import {ScreenObserver} from './screen-observer.js';
import type {AgentAdapter, LaunchContext, LaunchPlan} from './types.js';

export const demoAgent: AgentAdapter = {
	kind: 'demo',
	interactive: true,
	prepare(context: LaunchContext): LaunchPlan {
		const home = path.join(context.paths.sessions, 'demo-home');
		fs.mkdirSync(home, {recursive: true});
		const previous = context.task.session?.agentSessionId;
		const resume = context.resume && previous !== undefined;
		const agentSessionId = resume ? undefined : randomUUID();
		const args = [
			demoAgentScript(),
			'--demo',
			...(resume ? ['--resume', previous] : ['--session-id', agentSessionId!]),
			'--permission-mode',
			context.task.spec?.permissionMode ?? context.agent.permissionMode ?? 'default',
			'--append-system-prompt',
			MARKER_INSTRUCTIONS,
			...context.agent.args,
			...(context.task.spec?.args ?? []),
		];
		if (!resume) args.push('--', context.task.spec?.prompt ?? '');
		return {
			file: process.execPath,
			args,
			env: agentEnv(context, {AUTO_CLAUDE_DEMO_HOME: home}),
			cwd: context.cwd,
			...(agentSessionId ? {agentSessionId} : {}),
		};
	},
	observe(session, context) {
		return new ScreenObserver(session, {
			detector: detectClaudeScreen,
			emit: context.emit,
			initialInput: context.initialInput ?? (context.launch.resume ? 'Continue the task where you left off.' : undefined),
			limitSignal: (observation) => screenLimitSignal(observation),
		});
	},
};
