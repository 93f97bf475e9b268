// Config directory layout, `.claude.json` (onboarding, trust, idle-notification delay) and
// settings files (hooks, limit behaviour), as the real CLI lays them out (claude-cli.md §7.1).

import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';

export type Paths = {
	readonly configDir: string;
	readonly claudeJson: string;
	readonly settingsFile: string;
	readonly projectsDir: string;
	readonly sessionsDir: string;
	/** Simulator-only memory (pending steps, crash-once keys, account limit). */
	readonly fakeDir: string;
};

export function resolvePaths(env: NodeJS.ProcessEnv, demo: boolean): Paths {
	const home = env['HOME'] || homedir();
	let configDir: string;
	let claudeJson: string;
	const fromEnv = env['CLAUDE_CONFIG_DIR'];
	const demoHome = env['AUTO_CLAUDE_DEMO_HOME'];
	// An explicit CLAUDE_CONFIG_DIR always wins: whoever set it reads the status file and
	// transcripts there. The demo agent never falls back to the user's real ~/.claude.
	if (fromEnv) {
		configDir = resolve(fromEnv);
		claudeJson = join(configDir, '.claude.json');
	} else if (demo && demoHome) {
		configDir = resolve(demoHome);
		claudeJson = join(configDir, '.claude.json');
	} else if (demo) {
		configDir = join(tmpdir(), `auto-claude-demo-${process.getuid?.() ?? 'user'}`);
		claudeJson = join(configDir, '.claude.json');
	} else {
		configDir = join(home, '.claude');
		claudeJson = join(home, '.claude.json');
	}
	return {
		configDir,
		claudeJson,
		settingsFile: join(configDir, 'settings.json'),
		projectsDir: join(configDir, 'projects'),
		sessionsDir: join(configDir, 'sessions'),
		fakeDir: join(configDir, 'fake-claude'),
	};
}

export function readJsonFile(path: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8')) as unknown;
	} catch {
		return undefined;
	}
}

export function writeJsonAtomic(path: string, value: unknown): void {
	mkdirSync(dirname(path), {recursive: true});
	const temp = `${path}.${process.pid}.tmp`;
	writeFileSync(temp, JSON.stringify(value, null, 2) + '\n');
	renameSync(temp, path);
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function readClaudeJson(paths: Paths): Json {
	return asObject(readJsonFile(paths.claudeJson));
}

export function hasCompletedOnboarding(claudeJson: Json): boolean {
	return claudeJson['hasCompletedOnboarding'] === true;
}

/** Trust is inherited: an accepted ancestor directory covers everything below it. */
export function isTrusted(claudeJson: Json, cwd: string): boolean {
	const projects = asObject(claudeJson['projects']);
	let dir = resolve(cwd);
	for (;;) {
		if (asObject(projects[dir])['hasTrustDialogAccepted'] === true) return true;
		const parent = dirname(dir);
		if (parent === dir) return false;
		dir = parent;
	}
}

export function acceptTrust(paths: Paths, cwd: string): void {
	const json = readClaudeJson(paths);
	const projects = asObject(json['projects']);
	projects[cwd] = {...asObject(projects[cwd]), hasTrustDialogAccepted: true};
	writeJsonAtomic(paths.claudeJson, {...json, projects});
}

export function idleNotificationMs(claudeJson: Json): number {
	const value = claudeJson['messageIdleNotifThresholdMs'];
	return typeof value === 'number' && value >= 0 ? value : 60_000;
}

export type HookCommand = {readonly command: string; readonly timeoutMs: number};
export type HookGroup = {readonly matcher: string | undefined; readonly hooks: readonly HookCommand[]};
export type HooksConfig = ReadonlyMap<string, readonly HookGroup[]>;

export type Settings = {
	readonly hooks: HooksConfig;
	/** Event names found in settings (for the 2.1.197 "Settings Warning"). */
	readonly hookEventNames: readonly string[];
	readonly hookSources: readonly string[];
	readonly autoContinueAtUsageLimit: boolean;
	readonly disableAutoMode: boolean;
	readonly defaultMode: string | undefined;
};

export class SettingsError extends Error {}

/** Merges user, project, local and `--settings` sources; later sources win, hooks add up. */
export function loadSettings(paths: Paths, cwd: string, settingsArg: string | undefined, sources: string | undefined): Settings {
	const wanted = new Set((sources ?? 'user,project,local').split(',').map((s) => s.trim()));
	const layers: {readonly origin: string; readonly value: Json}[] = [];
	const addFile = (path: string) => {
		if (existsSync(path)) layers.push({origin: path, value: asObject(readJsonFile(path))});
	};
	if (wanted.has('user')) addFile(paths.settingsFile);
	if (wanted.has('project')) addFile(join(cwd, '.claude', 'settings.json'));
	if (wanted.has('local')) addFile(join(cwd, '.claude', 'settings.local.json'));
	if (settingsArg !== undefined) {
		const trimmed = settingsArg.trim();
		if (trimmed.startsWith('{')) {
			try {
				layers.push({origin: '--settings', value: asObject(JSON.parse(trimmed))});
			} catch {
				throw new SettingsError('Error: Invalid JSON provided to --settings');
			}
		} else {
			const path = resolve(cwd, trimmed);
			if (!existsSync(path)) throw new SettingsError(`Error: Settings file not found: ${path}`);
			layers.push({origin: path, value: asObject(readJsonFile(path))});
		}
	}
	const hooks = new Map<string, HookGroup[]>();
	const names = new Set<string>();
	const hookSources: string[] = [];
	let autoContinue = true;
	let disableAutoMode = false;
	let defaultMode: string | undefined;
	for (const layer of layers) {
		const value = layer.value;
		if (typeof value['autoContinueAtUsageLimit'] === 'boolean') autoContinue = value['autoContinueAtUsageLimit'];
		const permissions = asObject(value['permissions']);
		if (permissions['disableAutoMode'] === 'disable' || permissions['disableAutoMode'] === true) disableAutoMode = true;
		if (typeof permissions['defaultMode'] === 'string') defaultMode = permissions['defaultMode'];
		const hookBlock = asObject(value['hooks']);
		if (Object.keys(hookBlock).length > 0) hookSources.push(layer.origin);
		for (const [event, groups] of Object.entries(hookBlock)) {
			names.add(event);
			if (!Array.isArray(groups)) continue;
			const list = hooks.get(event) ?? [];
			for (const group of groups) {
				const g = asObject(group);
				const commands: HookCommand[] = [];
				for (const hook of Array.isArray(g['hooks']) ? g['hooks'] : []) {
					const h = asObject(hook);
					if (typeof h['command'] !== 'string') continue;
					const timeout = typeof h['timeout'] === 'number' && h['timeout'] > 0 ? h['timeout'] * 1000 : 600_000;
					commands.push({command: h['command'], timeoutMs: timeout});
				}
				list.push({matcher: typeof g['matcher'] === 'string' ? g['matcher'] : undefined, hooks: commands});
			}
			hooks.set(event, list);
		}
	}
	return {
		hooks,
		hookEventNames: [...names],
		hookSources,
		autoContinueAtUsageLimit: autoContinue,
		disableAutoMode,
		defaultMode,
	};
}

/** `/home/u/My_dir.v2 x` → `-home-u-My-dir-v2-x` (claude-cli.md §7.1). */
export function escapeProjectPath(cwd: string): string {
	return cwd.replace(/[^A-Za-z0-9]/g, '-');
}
