// The "claude" agent kind: the Claude Code CLI in a PTY, driven unattended.
import type {HookBroker} from '../hook-broker.js';
import type {AgentAdapter} from '../types.js';
import {claudeConfigDir, prepareClaude} from './launch.js';
import {ClaudeObserver} from './observer.js';

export function createClaudeAgent(broker: HookBroker): AgentAdapter {
	return {
		kind: 'claude',
		interactive: true,
		prepare: (context) => prepareClaude(context),
		observe: (session, context) => new ClaudeObserver(session, context, broker, claudeConfigDir(context.launch)),
	};
}
