// A private, hermetic home for the real `claude` CLI, following the recipe of claude-cli.md Part B §1: every
// piece below exists because, without it, the CLI showed a blocking dialog or tried to reach the internet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ClaudeAuth = 'api-key' | 'oauth-token' | 'credentials';

export type PrepareClaudeHomeOptions = {
	/** The directory the CLI will run in; created (under the private root) when omitted. */
	workDir?: string;
	auth: ClaudeAuth;
	/** Loopback Messages API; defaults to a closed port so a forgotten mock can never mean real traffic. */
	baseUrl?: string;
	/** `permissions.disableAutoMode` in settings.json (default true): no auto-mode offers or classifier dialog. */
	permissionsDisableAutoMode?: boolean;
	/** `messageIdleNotifThresholdMs` in .claude.json (idle Notification hook after this many ms). */
	idleNotifyMs?: number;
	/** CLAUDE_CODE_MAX_RETRIES (default 1): keeps failures fast instead of ~3 minutes of back-off. */
	maxRetries?: number;
	/** Merged into settings.json (e.g. hooks, autoContinueAtUsageLimit). */
	settings?: Record<string, unknown>;
	/** Merged into the env last. */
	extraEnv?: Record<string, string>;
};

export type ClaudeHome = {
	/** Private temp root holding everything below (symlink-free absolute path). */
	root: string;
	workDir: string;
	/** CLAUDE_CONFIG_DIR: holds .claude.json, settings.json, .credentials.json, projects/, sessions/. */
	configDir: string;
	homeDir: string;
	/** Complete environment for the CLI; nothing is inherited from the test process. */
	env: Record<string, string>;
	/** The fake credential in use (API key or OAuth token), for masking or assertions. */
	credential: string;
	cleanup(): void;
};

/** Fake API key; only its last 20 characters matter (the approval list in .claude.json). */
export const MOCK_API_KEY = 'sk-ant-api03-mock-key-0123456789abcdefghij';
export const MOCK_OAUTH_TOKEN = 'sk-ant-oat01-mock-token-0123456789abcdef';
const MOCK_ACCESS_TOKEN = 'sk-ant-oat01-mock-access-0123456789abcdef';
const MOCK_REFRESH_TOKEN = 'sk-ant-ort01-mock-refresh-0123456789abcdef';
/** 2100-01-01: an expired token makes the CLI try a refresh at platform.claude.com. */
const FAR_FUTURE_MS = 4_102_444_800_000;
const CLOSED_LOOPBACK_URL = 'http://127.0.0.1:9';

const writeJson = (file: string, value: unknown) => {
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, {mode: 0o600});
};

/** Creates a private temp dir and returns its real path (os.tmpdir() may be a symlink, e.g. on macOS). */
export const makePrivateDir = (prefix: string): string => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));

export const prepareClaudeHome = (options: PrepareClaudeHomeOptions): ClaudeHome => {
	const root = makePrivateDir('auto-claude-real-');
	const configDir = path.join(root, 'config');
	const homeDir = path.join(root, 'home');
	const tmpDir = path.join(root, 'tmp');
	for (const dir of [configDir, homeDir, tmpDir]) fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	let workDir = options.workDir ?? path.join(root, 'work');
	fs.mkdirSync(workDir, {recursive: true});
	// Trust is keyed by the path string the CLI sees, which is the resolved one.
	workDir = fs.realpathSync(workDir);

	const credential = options.auth === 'api-key' ? MOCK_API_KEY : options.auth === 'oauth-token' ? MOCK_OAUTH_TOKEN : MOCK_ACCESS_TOKEN;
	writeJson(path.join(configDir, '.claude.json'), {
		// Skips the theme picker and the connectivity check that exits 1 offline.
		hasCompletedOnboarding: true,
		// Without it an env API key opens "Do you want to use this API key?" with the cursor on No.
		...(options.auth === 'api-key' ? {customApiKeyResponses: {approved: [MOCK_API_KEY.slice(-20)], rejected: []}} : {}),
		...(options.idleNotifyMs !== undefined ? {messageIdleNotifThresholdMs: options.idleNotifyMs} : {}),
		// The 2.1.330 trust dialog has its cursor on "No, exit".
		projects: {[workDir]: {hasTrustDialogAccepted: true}},
	});

	const settings: Record<string, unknown> = {...options.settings};
	if (options.permissionsDisableAutoMode ?? true) {
		const permissions = typeof settings.permissions === 'object' && settings.permissions !== null ? settings.permissions : {};
		settings.permissions = {...permissions, disableAutoMode: 'disable'};
	}
	writeJson(path.join(configDir, 'settings.json'), settings);

	if (options.auth === 'credentials') {
		// Only user:inference: user:profile makes the CLI fetch api.anthropic.com/api/oauth/profile, which
		// ANTHROPIC_BASE_URL does not move.
		writeJson(path.join(configDir, '.credentials.json'), {
			claudeAiOauth: {
				accessToken: MOCK_ACCESS_TOKEN,
				refreshToken: MOCK_REFRESH_TOKEN,
				expiresAt: FAR_FUTURE_MS,
				scopes: ['user:inference'],
				subscriptionType: 'max',
			},
		});
	}

	const env: Record<string, string> = {
		PATH: [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
		HOME: homeDir,
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		TZ: 'UTC',
		CLAUDE_CONFIG_DIR: configDir,
		ANTHROPIC_BASE_URL: options.baseUrl ?? CLOSED_LOOPBACK_URL,
		// Both are needed: the first stops telemetry, update checks and api.anthropic.com probes, the second the
		// official plugin marketplace install (github.com, downloads.claude.ai).
		CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
		CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
		CLAUDE_CODE_MAX_RETRIES: String(options.maxRetries ?? 1),
		// Task outputs and the messaging socket otherwise land in /tmp/claude-<uid> and /tmp/cc-socks.
		CLAUDE_CODE_TMPDIR: tmpDir,
		...(options.auth === 'api-key' ? {ANTHROPIC_API_KEY: MOCK_API_KEY} : {}),
		...(options.auth === 'oauth-token' ? {CLAUDE_CODE_OAUTH_TOKEN: MOCK_OAUTH_TOKEN} : {}),
		...options.extraEnv,
	};

	return {
		root,
		workDir,
		configDir,
		homeDir,
		env,
		credential,
		cleanup: () => fs.rmSync(root, {recursive: true, force: true, maxRetries: 3}),
	};
};
