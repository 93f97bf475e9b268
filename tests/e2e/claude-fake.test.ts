// auto-claude driving the simulated claude CLI (tests/fakes/claude): hooks through
// --settings, policy answers, escalation and `task reply`, verify feedback, resume after
// a crash, a recap when a conversation cannot be resumed, trust and login screens.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cli, listTasks, makeWorkDir, readRecord, REPO, spawnCli, waitFor, type WorkDir} from '../support/cli.js';

const FAKE = path.join(REPO, 'tests', 'fakes', 'claude');
const dirs: WorkDir[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) dir.cleanup();
});

type Options = {trusted?: boolean; onboarded?: boolean; version?: string; agent?: Record<string, unknown>; config?: Record<string, unknown>};

function claudeWork(tasks: Record<string, string>, options: Options = {}): WorkDir {
	const dir = makeWorkDir(undefined, tasks);
	dirs.push(dir);
	const configDir = path.join(dir.root, 'claude-config');
	fs.mkdirSync(configDir);
	fs.writeFileSync(
		path.join(configDir, '.claude.json'),
		JSON.stringify({
			hasCompletedOnboarding: options.onboarded !== false,
			projects: options.trusted === false ? {} : {[dir.root]: {hasTrustDialogAccepted: true}},
		}),
	);
	dir.write(
		'auto-claude.config.json',
		JSON.stringify({
			concurrency: 2,
			defaultAgent: 'claude',
			agents: {
				claude: {
					kind: 'claude',
					command: [FAKE],
					configDir,
					permissionMode: 'default',
					permissions: {allow: ['Write', 'Bash(echo *)'], deny: ['Bash(rm *)'], otherwise: 'escalate'},
					env: {FAKE_CLAUDE_SPEED: '4', FAKE_CLAUDE_DELAY_MS: '20', ...(options.version ? {FAKE_CLAUDE_VERSION: options.version} : {})},
					...options.agent,
				},
			},
			retry: {baseDelaySeconds: 1, maxDelaySeconds: 1},
			...options.config,
		}),
	);
	return dir;
}

type Record_ = ReturnType<typeof readRecord> & {
	session?: {agentSessionId?: string};
	verifyRuns: {exitCode: number}[];
	usage?: {inputTokens: number; outputTokens: number};
	history: {to: string; reason: string}[];
	lastResult?: {kind: string; message?: string};
	status: {state: string; reason?: string; question?: string};
};
const record = (dir: WorkDir, id: string): Record_ => readRecord(dir.root, id) as Record_;

describe('claude sessions (simulated CLI)', () => {
	it('writes a file through a tool, passes verify, and records tokens from the transcript', async () => {
		const dir = claudeWork({'tasks/write.md': '---\nverify: test -f out.txt\n---\nCreate out.txt. [[fake: think 1s; write out.txt hello; done Written.]]'});
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout).toBe(0);
		expect(dir.read('out.txt')).toContain('hello');
		const r = record(dir, 'write');
		expect(r.status.state).toBe('done');
		expect(r.history.map((h) => h.reason)).toEqual(expect.arrayContaining(['approved by policy: Write: out.txt', 'verify passed (round 1)']));
		expect(r.session?.agentSessionId).toMatch(/^[0-9a-f-]{36}$/);
		expect(r.usage?.outputTokens).toBeGreaterThan(0);
		const show = await cli(['task', 'show', 'write'], {cwd: dir.root});
		expect(show.stdout).toMatch(/usage\s+\d+ in \/ \d+ out tokens/);
		// The hooks were installed per session and point back at this orchestrator.
		const settings = JSON.parse(dir.read('state/sessions/write/settings.json')) as {hooks: Record<string, unknown>};
		expect(Object.keys(settings.hooks)).toEqual(expect.arrayContaining(['SessionStart', 'Stop', 'PermissionRequest', 'PreToolUse', 'StopFailure']));
	});

	it('answers permission requests by policy (allow and deny) without touching the keyboard', async () => {
		const dir = claudeWork({
			'tasks/allowed.md': 'Say hi. [[fake: bash echo hi > hi.txt; done Said hi.]]',
			'tasks/denied.md': 'Clean up. [[fake: bash rm -rf build; done Cleaned.]]',
		});
		fs.mkdirSync(path.join(dir.root, 'build'));
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout).toBe(0);
		expect(dir.read('hi.txt').trim()).toBe('hi');
		expect(fs.existsSync(path.join(dir.root, 'build'))).toBe(true);
		expect(record(dir, 'allowed').history.some((h) => h.reason === 'approved by policy: Bash: echo hi > hi.txt')).toBe(true);
		expect(record(dir, 'denied').history.some((h) => /refused before it ran: Bash: rm -rf build/.test(h.reason))).toBe(true);
	});

	it('a question no rule covers waits for a person; `task reply` unblocks it', async () => {
		const dir = claudeWork({'tasks/ask.md': 'Touch it. [[fake: bash touch approved.txt; done Touched.]]'});
		const child = spawnCli(['--no-ui', '--watch'], {cwd: dir.root});
		try {
			const waiting = await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'ask' && t.state === 'waiting_input'), {what: 'waiting_input', timeout: 20_000}).catch(async (error: unknown) => {
				child.kill('SIGTERM');
				const out = await child;
				console.error('orchestrator output:', out.exitCode, out.all);
				const history = dir.exists('state/tasks/ask.json') ? JSON.stringify(record(dir, 'ask').history.map((h) => `${h.to}: ${h.reason}`)) : 'none';
				const log = dir.exists('state/logs/auto-claude.log') ? dir.read('state/logs/auto-claude.log') : 'no log';
				throw new Error(`${String(error)}; history: ${history}; log: ${log}`);
			});
			expect(waiting.reason).toContain('touch approved.txt');
			const reply = await cli(['task', 'reply', 'ask', 'yes'], {cwd: dir.root});
			expect(reply.exitCode, reply.stderr).toBe(0);
			await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'ask')?.state === 'done', {what: 'done after the reply', timeout: 20_000});
			expect(dir.exists('approved.txt')).toBe(true);
		} finally {
			child.kill('SIGTERM');
			await child;
		}
	});

	it('feeds a failing verify back to the agent and is done only once it passes', async () => {
		const dir = claudeWork({'tasks/fix.md': '---\nverify: test -f fixed.txt\n---\nFix it. [[fake: think 1s; write attempt.txt 1; fix-on-feedback fixed.txt ok]]'});
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout).toBe(0);
		const r = record(dir, 'fix');
		expect(r.verifyRuns.map((v) => v.exitCode)).toEqual([1, 0]);
		expect(r.history.some((h) => /verify failed \(exit 1\); fed back to the agent/.test(h.reason))).toBe(true);
	});

	it('resumes the same conversation after the agent crashes', async () => {
		const dir = claudeWork({'tasks/crash.md': 'Work. [[fake: think 1s; crash-once 3; write after.txt resumed; done Finished after the crash.]]'});
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout).toBe(0);
		const r = record(dir, 'crash');
		expect(r.attempts).toBe(2);
		expect(dir.read('after.txt')).toContain('resumed');
		expect(r.history.some((h) => /attempt 2 \(resuming the session\)/.test(h.reason))).toBe(true);
		const log = dir.read('state/logs/auto-claude.log');
		expect(log).toMatch(/"resume":true/);
	});

	it('starts a fresh session with a recap when the conversation cannot be resumed', async () => {
		const dir = claudeWork({'tasks/lost.md': 'Work. [[fake: think 1s; write before.txt 1; crash-once 3; write after.txt 2; done Finished fresh.]]'});
		const child = spawnCli(['--no-ui'], {cwd: dir.root});
		await waitFor(() => dir.exists('state/tasks/lost.json') && record(dir, 'lost').status.state === 'retrying', {what: 'the crash', timeout: 20_000});
		// The conversation files vanish (another machine, a cleaned config dir…).
		fs.rmSync(path.join(dir.root, 'claude-config', 'projects'), {recursive: true, force: true});
		const result = await child;
		expect(result.exitCode, result.all).toBe(0);
		const r = record(dir, 'lost');
		expect(r.history.some((h) => /cannot be resumed \(its transcript is gone\); started a fresh session with a recap/.test(h.reason))).toBe(true);
		expect(r.status.state).toBe('done');
	});

	it('answers the 2.1.330 trust dialog with Down+Enter (Enter alone would exit)', async () => {
		const dir = claudeWork({'tasks/trust.md': 'Go. [[fake: write t.txt 1; done ok]]'}, {trusted: false});
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout).toBe(0);
		const config = JSON.parse(dir.read('claude-config/.claude.json')) as {projects: Record<string, {hasTrustDialogAccepted?: boolean}>};
		expect(config.projects[dir.root]?.hasTrustDialogAccepted).toBe(true);
	});

	it('a claude that is not logged in goes to review with instructions, never a blind keypress', async () => {
		const dir = claudeWork({'tasks/login.md': 'Go. [[fake: done ok]]'}, {onboarded: false});
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode).toBe(1);
		const r = record(dir, 'login');
		expect(r.status.state).toBe('needs_review');
		expect(r.status.reason).toMatch(/claude is not logged in for config dir .*claude-config: run `claude` once by hand/);
	});

	it('falls back to the screen when the CLI has no hooks (1.0.30)', async () => {
		const dir = claudeWork({'tasks/old.md': 'Go. [[fake: think 1s; write old.txt 1; done Old but done.]]'}, {version: '1.0.30'});
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout).toBe(0);
		expect(dir.exists('old.txt')).toBe(true);
	});

	it.runIf(process.getuid?.() === 0)('refuses bypassPermissions as root without IS_SANDBOX, in one line', async () => {
		const dir = claudeWork({'tasks/root.md': 'Go. [[fake: done ok]]'}, {agent: {permissionMode: 'bypassPermissions'}});
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode).toBe(1);
		const r = record(dir, 'root');
		expect(r.status.state).toBe('failed');
		expect(r.attempts).toBeLessThanOrEqual(1);
		expect(result.stdout).toMatch(/refuses bypassPermissions when run as root; set "IS_SANDBOX": "1"/);
	});
});
