// auto-claude driving the REAL claude CLI (the pinned @anthropic-ai/claude-code) against a
// mock Anthropic Messages API served on 127.0.0.1. Nothing leaves the machine.
import {execa} from 'execa';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BIN, waitFor} from '../support/cli.js';
import {startMockAnthropic, type MockAnthropic} from '../support/mock-anthropic/index.js';
import {claudeBinary, killAllClaude, prepareClaudeHome, realClaudeAvailable, type ClaudeHome} from '../support/real-claude.js';

const DONE = 'AUTO-CLAUDE: DONE';
let mock: MockAnthropic;
const homes: ClaudeHome[] = [];

beforeAll(async () => {
	mock = await startMockAnthropic({finalLine: DONE, followUpReply: `Continuing where I left off. All done.\n${DONE}`, slowStreamMs: 30_000});
});
afterAll(async () => {
	await mock.close();
});
afterEach(async () => {
	await killAllClaude();
	for (const home of homes.splice(0)) home.cleanup();
	mock.setScript(null);
});

type TaskRecordJson = {status: {state: string}; attempts: number; history: {reason: string}[]; verifyRuns: {exitCode: number}[]; session?: {agentSessionId?: string; pid?: number}; usage?: {outputTokens: number}};

function setup(tasks: Record<string, string>, agent: Record<string, unknown> = {}, options: {auth?: 'api-key' | 'oauth-token'; limits?: Record<string, unknown>} = {}) {
	const home = prepareClaudeHome({auth: options.auth ?? 'api-key', baseUrl: mock.url});
	homes.push(home);
	const root = home.workDir;
	fs.mkdirSync(path.join(root, 'tasks'), {recursive: true});
	for (const [file, text] of Object.entries(tasks)) fs.writeFileSync(path.join(root, 'tasks', file), text);
	fs.writeFileSync(
		path.join(root, 'auto-claude.config.json'),
		JSON.stringify({
			concurrency: 2,
			defaultAgent: 'claude',
			agents: {
				claude: {
					kind: 'claude',
					command: [claudeBinary()],
					configDir: home.configDir,
					permissions: {allow: ['Write', 'Edit', 'Bash(echo *)'], deny: ['Bash(rm *)'], otherwise: 'escalate'},
					...agent,
				},
			},
			retry: {baseDelaySeconds: 1, maxDelaySeconds: 2},
			limits: {marginSeconds: 2, transientBackoffSeconds: 1, ...options.limits},
		}),
	);
	const run = (args: string[]) => execa(process.execPath, [BIN, ...args], {cwd: root, env: home.env, extendEnv: false, reject: false, stdin: 'ignore', all: true, timeout: 120_000});
	const record = (id: string) => JSON.parse(fs.readFileSync(path.join(root, 'state', 'tasks', `${id}.json`), 'utf8')) as TaskRecordJson;
	return {home, root, run, record};
}

describe.runIf(realClaudeAvailable())('the real claude CLI under auto-claude', () => {
	it('writes a file through a tool call and is done when verify passes', async () => {
		const {root, run, record} = setup({'write.md': '---\nverify: test -f mock_written.txt\npermissionMode: acceptEdits\n---\nMOCK_WRITE create the file\n'});
		const result = await run(['--no-ui']);
		expect(result.exitCode, result.all).toBe(0);
		expect(fs.readFileSync(path.join(root, 'mock_written.txt'), 'utf8')).toBe('written by mock\n');
		const r = record('write');
		expect(r.status.state).toBe('done');
		expect(r.verifyRuns.map((v) => v.exitCode)).toEqual([0]);
		expect(r.usage?.outputTokens).toBeGreaterThan(0);
		for (const request of mock.requests) expect(request.remoteAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
	});

	it('answers a permission prompt by policy (PermissionRequest hook): the command runs, nobody pressed a key', async () => {
		const {root, run, record} = setup({'bash.md': '---\npermissionMode: default\n---\nMOCK_BASHW create a file with bash\n'});
		const result = await run(['--no-ui']);
		expect(result.exitCode, result.all).toBe(0);
		expect(fs.readFileSync(path.join(root, 'bash_written.txt'), 'utf8').trim()).toBe('written-by-bash');
		expect(record('bash').history.map((h) => h.reason)).toContain('approved by policy: Bash: echo written-by-bash > bash_written.txt');
	});

	it('a question no rule covers waits for a person with the question; `task reply` answers it on the prompt', async () => {
		const {root, run, record} = setup({'ask.md': '---\npermissionMode: default\n---\nMOCK_BASHW create a file with bash\n'}, {permissions: {allow: ['Write'], deny: [], otherwise: 'escalate'}});
		const child = run(['--no-ui', '--watch']);
		try {
			await waitFor(() => fs.existsSync(path.join(root, 'state', 'tasks', 'ask.json')) && record('ask').status.state === 'waiting_input', {what: 'waiting_input', timeout: 30_000});
			const status = record('ask').status as {question?: string; approveKeys?: string[]};
			expect(status.question).toContain('echo written-by-bash > bash_written.txt');
			// The prompt is on screen: the keys that answer it are known.
			await waitFor(() => ((record('ask').status as {approveKeys?: string[]}).approveKeys?.length ?? 0) > 0, {what: 'the prompt keys', timeout: 15_000});
			const reply = await execa(process.execPath, [BIN, 'task', 'reply', 'ask', 'yes'], {cwd: root, env: homes.at(-1)!.env, extendEnv: false, reject: false});
			expect(reply.exitCode, reply.stderr).toBe(0);
			await waitFor(() => record('ask').status.state === 'done', {what: 'done after the reply', timeout: 30_000});
			expect(fs.readFileSync(path.join(root, 'bash_written.txt'), 'utf8').trim()).toBe('written-by-bash');
		} finally {
			child.kill('SIGTERM');
			await child;
		}
	});

	it('resumes the same conversation after claude is killed mid-turn (--resume; the mock sees the earlier messages)', async () => {
		const {root, run, record} = setup({'slow.md': 'MOCK_SLOW tell me a long story\n'});
		const child = run(['--no-ui']);
		// Wait until the turn is streaming and the prompt is in the transcript, then kill claude outright.
		await mock.waitForRequest((r) => r.kind === 'main' && JSON.stringify(r.body).includes('MOCK_SLOW'), 30_000);
		const first = await waitFor(() => {
			const file = path.join(root, 'state', 'tasks', 'slow.json');
			if (!fs.existsSync(file)) return undefined;
			const r = record('slow');
			const id = r.session?.agentSessionId;
			if (!id || !r.session?.pid) return undefined;
			const projects = path.join(homes.at(-1)!.configDir, 'projects');
			const transcript = fs.existsSync(projects) ? fs.readdirSync(projects).map((d) => path.join(projects, d, `${id}.jsonl`)).find((f) => fs.existsSync(f) && fs.readFileSync(f, 'utf8').includes('MOCK_SLOW')) : undefined;
			return transcript ? {id, pid: r.session.pid} : undefined;
		}, {what: 'the prompt in the transcript', timeout: 30_000});
		const before = mock.mainRequests().length;
		process.kill(first.pid, 'SIGKILL');
		const result = await child;
		expect(result.exitCode, result.all).toBe(0);
		const r = record('slow');
		expect(r.status.state).toBe('done');
		expect(r.session?.agentSessionId).toBe(first.id);
		expect(r.history.some((h) => /attempt 2 \(resuming the session\)/.test(h.reason))).toBe(true);
		const resumed = mock.mainRequests().slice(before).find((req) => JSON.stringify(req.body).includes('Continue the task where you left off'));
		expect(resumed, 'a request after the kill continuing the conversation').toBeDefined();
		expect(JSON.stringify(resumed!.body)).toContain('MOCK_SLOW tell me a long story');
		expect(resumed!.headers['x-claude-code-session-id']).toBe(first.id);
	});

	it('feeds a failing verify back to claude; done only after it passes', async () => {
		const {root, run, record} = setup({'fix.md': '---\nverify: test -f fixed.txt\npermissionMode: acceptEdits\n---\nMOCK_WRITE create the file\n'});
		// When the verify failure arrives as the next user message, write the file it wants.
		mock.setScript((ctx) => {
			if (!ctx.isToolResultTurn && ctx.latestUserText.includes('The verification command')) {
				return {kind: 'message', content: [{type: 'text', text: 'Fixing.'}, {type: 'tool_use', name: 'Write', input: {file_path: path.join(root, 'fixed.txt'), content: 'ok\n'}}]};
			}
			return undefined;
		});
		const result = await run(['--no-ui']);
		expect(result.exitCode, result.all).toBe(0);
		const r = record('fix');
		expect(r.verifyRuns.map((v) => v.exitCode)).toEqual([1, 0]);
		expect(fs.existsSync(path.join(root, 'fixed.txt'))).toBe(true);
		expect(r.history.some((h) => /verify failed \(exit 1\); fed back to the agent/.test(h.reason))).toBe(true);
	});

	it('holds the account on a real usage limit (429 with unified headers) and resumes by itself after the reset', async () => {
		// 2.1.330 says it continues by itself "shortly" after the reset; give it 5 s here, then auto-claude types "continue".
		const {root, run, record} = setup({'limited.md': '---\nverify: test -f mock_written.txt\npermissionMode: acceptEdits\n---\nMOCK_WRITE create the file\n'}, {}, {auth: 'oauth-token', limits: {autoContinueGraceSeconds: 5}});
		// The CLI shows reset times to the minute: put the reset on a minute boundary at least 15 s away.
		const resetMs = Math.ceil((Date.now() + 15_000) / 60_000) * 60_000;
		mock.setLimited({type: 'usage', claim: 'five_hour', resetsAt: resetMs / 1000});
		const lift = setTimeout(() => mock.setLimited(null), resetMs - Date.now() - 500);
		try {
			const child = run(['--no-ui']);
			await waitFor(() => fs.existsSync(path.join(root, 'state', 'tasks', 'limited.json')) && record('limited').status.state === 'rate_limited', {what: 'held', timeout: 30_000});
			const held = record('limited').status as {text?: string; resetsAt?: number};
			expect(held.text).toMatch(/You've hit your 5-hour limit · resets \d+(:\d\d)?[ap]m \(UTC\)/);
			// The screen shows the reset to the minute; the transcript then gives the exact epoch, which wins.
			await waitFor(() => (record('limited').status as {resetsAt?: number}).resetsAt === resetMs, {what: 'the exact reset time', timeout: 10_000});
			const db = JSON.parse(fs.readFileSync(path.join(root, 'state', 'db.json'), 'utf8')) as {holds: Record<string, {resetsAt: number}>};
			expect(Object.values(db.holds)[0]?.resetsAt).toBe(resetMs);
			const result = await child;
			expect(result.exitCode, result.all).toBe(0);
			const r = record('limited');
			expect(r.status.state).toBe('done');
			expect(r.attempts).toBe(1);
			expect(r.history.some((h) => h.reason.includes('usage limit reset'))).toBe(true);
			expect(r.history.some((h) => h.reason.includes('the CLI did not continue by itself') || h.reason.includes('the agent is working again'))).toBe(true);
		} finally {
			clearTimeout(lift);
			mock.setLimited(null);
		}
	}, 150_000);

	it('a temporary 429 (API key, no unified headers) never holds the account: a short back-off, then it continues', async () => {
		const {root, run, record} = setup({'busy.md': '---\nverify: test -f mock_written.txt\npermissionMode: acceptEdits\n---\nMOCK_WRITE create the file\n'});
		let limited = 0;
		mock.setScript((ctx) => {
			if (limited < 2 && ctx.latestUserText.includes('MOCK_WRITE') && !ctx.isToolResultTurn) {
				limited++;
				return {kind: 'error', status: 429, body: {type: 'error', error: {type: 'rate_limit_error', message: 'This request would exceed your account\'s rate limit. Please try again later.'}}, headers: {'retry-after': '1'}};
			}
			return undefined;
		});
		const result = await run(['--no-ui']);
		expect(result.exitCode, result.all).toBe(0);
		const r = record('busy');
		expect(r.status.state).toBe('done');
		expect(r.attempts).toBe(1);
		expect(r.history.some((h) => h.reason.startsWith('temporary API error'))).toBe(true);
		expect(r.history.some((h) => h.reason.includes('usage limit'))).toBe(false);
		const db = JSON.parse(fs.readFileSync(path.join(root, 'state', 'db.json'), 'utf8')) as {holds: Record<string, unknown>};
		expect(db.holds).toEqual({});
	});
});
