// Builds the claude command line and environment for a task: a conversation id chosen
// here (so a crash can be resumed), per-session hooks through --settings, the marker
// instructions, permission mode (always explicit: 2.1.330 defaults to an auto mode that
// cannot work against a non-Anthropic endpoint), tools, model, and the prompt after `--`
// (variadic flags would swallow it otherwise).
import {randomUUID} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {MARKER_INSTRUCTIONS} from '../../../core/markers.js';
import {agentEnv} from '../env.js';
import {LaunchError, type LaunchContext, type LaunchPlan} from '../types.js';
import {findExecutable} from '../../which.js';
import {hookEvents, hookSettings} from './hooks.js';
import {transcriptPath, transcriptRecap} from './transcript.js';
import {claudeVersion, compareVersions} from './version.js';

export function expandHome(dir: string): string {
	return dir === '~' ? os.homedir() : dir.startsWith('~/') ? path.join(os.homedir(), dir.slice(2)) : dir;
}

/** The config dir claude will use: the agent's, else CLAUDE_CONFIG_DIR, else ~/.claude. */
export function claudeConfigDir(context: LaunchContext): string {
	const configured = context.accountConfigDir ?? context.agent.configDir ?? context.agent.env.CLAUDE_CONFIG_DIR ?? context.baseEnv.CLAUDE_CONFIG_DIR;
	return configured ? path.resolve(context.paths.root, expandHome(configured)) : path.join(os.homedir(), '.claude');
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

export async function prepareClaude(context: LaunchContext): Promise<LaunchPlan & {configDir: string; version?: string}> {
	const spec = context.task.spec;
	const [program = 'claude', ...fixedArgs] = context.agent.command ?? ['claude'];
	const configDir = claudeConfigDir(context);
	const extraEnv: Record<string, string> = {
		AUTO_CLAUDE_TASK: context.task.id,
		AUTO_CLAUDE_LAUNCH: String(context.launch),
		// A PreToolUse gate that cannot reach auto-claude denies rather than allows.
		AUTO_CLAUDE_FAIL_CLOSED: context.agent.failClosed === false ? '0' : '1',
	};
	if (context.controlSocket) extraEnv.AUTO_CLAUDE_SOCKET = context.controlSocket;
	if (context.accountConfigDir || context.agent.configDir || context.baseEnv.CLAUDE_CONFIG_DIR || context.agent.env.CLAUDE_CONFIG_DIR) extraEnv.CLAUDE_CONFIG_DIR = configDir;
	const env = agentEnv(context, extraEnv);

	const mode = spec?.permissionMode ?? context.agent.permissionMode ?? 'default';
	const args = [...fixedArgs, ...context.agent.args, ...(spec?.args ?? [])];
	const bypass = mode === 'bypassPermissions' || args.includes('--dangerously-skip-permissions');
	if (bypass && isRoot() && env.IS_SANDBOX !== '1') {
		throw new LaunchError('claude refuses bypassPermissions when run as root; set "IS_SANDBOX": "1" in the agent\'s env (only inside a sandbox) or use another permissionMode', true);
	}

	const file = findExecutable(program, env.PATH ?? '', context.cwd);
	if (!file) throw new LaunchError(`claude not found: "${program}" is not on PATH (set "command" for agent "${context.agentName}")`, true);
	const version = await claudeVersion(file, env);

	const settingsDir = path.join(context.paths.sessions, context.task.id);
	fs.mkdirSync(settingsDir, {recursive: true, mode: 0o700});
	const settingsFile = path.join(settingsDir, 'settings.json');
	fs.writeFileSync(settingsFile, JSON.stringify(hookSettings(context.selfCommand, hookEvents(version)), null, 2));

	// 1.x predates --session-id (and per-session --settings): the conversation id is then
	// learned from the transcript the CLI creates, and the screen is the only signal.
	const modern = version === undefined || compareVersions(version, '2.0.0') >= 0;
	const previous = context.task.session?.agentSessionId;
	// `--resume` of a conversation whose transcript is gone fails at once ("No conversation
	// found"); check first and start fresh with a recap instead.
	const transcriptGone = context.resume && previous !== undefined && !fs.existsSync(transcriptPath(configDir, context.cwd, previous));
	const resume = context.resume && previous !== undefined && !transcriptGone;
	const recapOf = transcriptGone ? previous : context.recapOf;
	const agentSessionId = resume || !modern ? undefined : randomUUID();
	const argv = [
		...args,
		...(modern ? ['--settings', settingsFile] : []),
		'--append-system-prompt',
		MARKER_INSTRUCTIONS,
		'--permission-mode',
		mode,
		...(spec?.model ?? context.agent.model ? ['--model', (spec?.model ?? context.agent.model)!] : []),
		...(spec?.allowedTools?.length ? ['--allowedTools', spec.allowedTools.join(',')] : []),
		...(spec?.disallowedTools?.length ? ['--disallowedTools', spec.disallowedTools.join(',')] : []),
		...(resume ? ['--resume', previous] : modern ? ['--session-id', agentSessionId!] : []),
	];
	if (!resume) argv.push('--', promptFor(context.task.spec?.prompt ?? '', recapOf ? transcriptPath(configDir, context.cwd, recapOf) : undefined));
	const note = transcriptGone ? `conversation ${previous} cannot be resumed (its transcript is gone); started a fresh session with a recap` : context.recapOf ? 'started a fresh session with a recap of the earlier one' : undefined;
	return {file, args: argv, env, cwd: context.cwd, configDir, ...(agentSessionId ? {agentSessionId} : {}), ...(version ? {version} : {}), ...(note ? {note} : {})};
}

/** The prompt, with a recap when an earlier conversation could not be resumed. */
function promptFor(prompt: string, earlierTranscript: string | undefined): string {
	if (!earlierTranscript) return prompt;
	const recap = transcriptRecap(earlierTranscript);
	return [
		prompt,
		'',
		'Note: an earlier session already worked on this task, but its conversation could not be resumed.',
		recap ? `What it did (from its transcript):\n${recap}` : 'Its transcript is not available.',
		'Check the current state of the files before continuing, and do not redo work that is already complete.',
	].join('\n');
}
