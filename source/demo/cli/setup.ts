// From parsed argv and env to a ready SessionContext: validation errors of the real CLI,
// session id choice (new, --session-id, --resume, --continue, --fork-session, legacy
// resume), settings and hooks, simulator knobs.

import {randomUUID} from 'node:crypto';
import {loadSettings, resolvePaths, SettingsError, type Paths} from '../config.js';
import type {SessionContext} from '../engine/context.js';
import {gatewayOf} from '../engine/api-errors.js';
import {HookRunner} from '../hooks.js';
import {loadScenario} from '../scenario/scenario-file.js';
import {parseStepList, type Step} from '../scenario/steps.js';
import {SessionStore} from '../store/session-state.js';
import {copyTranscript, findSessionFile, gitBranch, latestSessionId, Transcript, transcriptPath} from '../store/transcript.js';
import {resolveModel, type VersionProfile} from '../versions.js';
import {flag, listOption, stringOption, type ParsedArgv} from './argv.js';

export class FatalError extends Error {
	constructor(
		message: string,
		readonly code = 1,
	) {
		super(message);
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRoot(env: NodeJS.ProcessEnv): boolean {
	const forced = env['FAKE_CLAUDE_AS_ROOT'];
	if (forced === '1') return true;
	if (forced === '0') return false;
	return process.getuid?.() === 0;
}

function numberEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export type Setup = {
	readonly ctx: SessionContext;
	readonly source: 'startup' | 'resume';
	/** Transcript to replay on screen when resuming interactively. */
	readonly resumedFrom: string | undefined;
};

export type SetupInput = {
	readonly parsed: ParsedArgv;
	readonly env: NodeJS.ProcessEnv;
	readonly profile: VersionProfile;
	readonly interactive: boolean;
	readonly demo: boolean;
	readonly cwd: string;
};

export function permissionModeFor(parsed: ParsedArgv, profile: VersionProfile, settingsMode: string | undefined): string {
	if (flag(parsed, 'dangerously-skip-permissions')) return 'bypassPermissions';
	return stringOption(parsed, 'permission-mode') ?? settingsMode ?? profile.defaultPermissionMode;
}

/** Checks that need no files: the session id shape and the root guard. */
export function validateEarly(input: SetupInput): void {
	const {parsed, env} = input;
	const sessionId = stringOption(parsed, 'session-id');
	if (sessionId !== undefined && !UUID.test(sessionId)) throw new FatalError('Error: Invalid session ID. Must be a valid UUID.');
	const bypass = flag(parsed, 'dangerously-skip-permissions') || stringOption(parsed, 'permission-mode') === 'bypassPermissions';
	if (bypass && isRoot(env) && env['IS_SANDBOX'] !== '1') {
		throw new FatalError('--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons');
	}
}

function chooseSession(input: SetupInput, paths: Paths, store: SessionStore): {id: string; source: 'startup' | 'resume'; file: string | undefined} {
	const {parsed, env, profile, cwd} = input;
	const resume = parsed.options.get('resume');
	const fork = flag(parsed, 'fork-session');
	const legacy = env['FAKE_CLAUDE_LEGACY_RESUME'] === '1' || !profile.resumeKeepsId;
	let resumeId: string | undefined;
	if (typeof resume === 'string') {
		if (!findSessionFile(paths, cwd, resume)) throw new FatalError(`No conversation found with session ID: ${resume}`);
		resumeId = resume;
	} else if (resume === true || flag(parsed, 'continue')) {
		resumeId = latestSessionId(paths, cwd);
	}
	if (resumeId !== undefined) {
		const from = findSessionFile(paths, cwd, resumeId) as string;
		if (!fork && !legacy) return {id: resumeId, source: 'resume', file: from};
		const id = stringOption(parsed, 'session-id') ?? randomUUID();
		const to = transcriptPath(paths, cwd, id);
		copyTranscript(from, to, id);
		store.copy(resumeId, id);
		return {id, source: 'resume', file: to};
	}
	const requested = stringOption(parsed, 'session-id');
	if (requested !== undefined) {
		if (findSessionFile(paths, cwd, requested)) throw new FatalError(`Error: Session ID ${requested} is already in use.`);
		return {id: requested, source: 'startup', file: undefined};
	}
	return {id: randomUUID(), source: 'startup', file: undefined};
}

export function buildSetup(input: SetupInput): Setup {
	const {parsed, env, profile, interactive, demo, cwd} = input;
	const paths = resolvePaths(env, demo);
	let settings;
	try {
		settings = loadSettings(paths, cwd, stringOption(parsed, 'settings'), stringOption(parsed, 'setting-sources'));
	} catch (error) {
		if (error instanceof SettingsError) throw new FatalError(error.message);
		throw error;
	}
	const store = new SessionStore(paths);
	const chosen = chooseSession(input, paths, store);
	const entrypoint = interactive ? 'cli' : 'sdk-cli';
	const transcript = new Transcript(chosen.file ?? transcriptPath(paths, cwd, chosen.id), {
		sessionId: chosen.id,
		cwd,
		version: profile.id,
		entrypoint,
		gitBranch: gitBranch(cwd),
	});
	const hooks = new HookRunner({hooks: settings.hooks, knownEvents: profile.hookEvents, cwd, env: () => process.env});
	let defaultSteps: Step[] | undefined;
	if (env['FAKE_CLAUDE_DEFAULT']) defaultSteps = parseStepList(env['FAKE_CLAUDE_DEFAULT']).steps;
	const maxTurnsRaw = stringOption(parsed, 'max-turns');
	const maxTurns = maxTurnsRaw !== undefined ? Number(maxTurnsRaw) : undefined;
	if (maxTurns !== undefined && (!Number.isInteger(maxTurns) || maxTurns < 1)) throw new FatalError(`error: option '--max-turns <turns>' argument '${maxTurnsRaw}' is invalid.`);
	const speed = Math.max(0.001, numberEnv(env, 'FAKE_CLAUDE_SPEED', 1) || 1);
	const ctx: SessionContext = {
		profile,
		paths,
		cwd,
		sessionId: chosen.id,
		model: resolveModel(profile, stringOption(parsed, 'model')),
		permissionMode: permissionModeFor(parsed, profile, settings.defaultMode),
		interactive,
		demo,
		allowRules: listOption(parsed, 'allowedTools'),
		denyRules: listOption(parsed, 'disallowedTools'),
		settings,
		hooks,
		transcript,
		store,
		memory: store.load(chosen.id),
		scenario: loadScenario(env['FAKE_CLAUDE_SCENARIO']),
		defaultSteps,
		speed,
		responseDelayMs: numberEnv(env, 'FAKE_CLAUDE_DELAY_MS', demo ? 900 : 40) / speed,
		retryDelayMs: numberEnv(env, 'FAKE_CLAUDE_RETRY_MS', demo ? 1500 : 50) / speed,
		maxRetries: numberEnv(env, 'CLAUDE_CODE_MAX_RETRIES', 10),
		maxTurns,
		permissionNotifyMs: numberEnv(env, 'FAKE_CLAUDE_PERMISSION_NOTIFY_MS', 6000),
		gateway: gatewayOf(env['ANTHROPIC_BASE_URL']),
	};
	return {ctx, source: chosen.source, resumedFrom: chosen.source === 'resume' ? chosen.file : undefined};
}
