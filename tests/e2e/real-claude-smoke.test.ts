// The real `claude` CLI (devDependency, 2.1.x native build) against the loopback mock API: proves the recipe of
// claude-cli.md Part B §1 and the scenarios the orchestrator depends on (tool call, permission prompt, usage
// limit on screen and in stream-json, resume after a kill), with no traffic beyond 127.0.0.1.
import {randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	allUserTexts,
	BASH_FILE,
	defaultResetEpoch,
	type MockAnthropic,
	type MockAnthropicOptions,
	startMockAnthropic,
	WRITTEN_CONTENT,
	WRITTEN_FILE,
} from '../support/mock-anthropic/index.js';
import {
	type ClaudeAuth,
	type ClaudeHome,
	type ClaudePty,
	isIdleScreen,
	killAllClaude,
	liveSessions,
	MOCK_API_KEY,
	outsideAddresses,
	pollUntil,
	prepareClaudeHome,
	readStraceLog,
	readTranscript,
	realClaudeStatus,
	runClaudePrint,
	spawnClaudePty,
	straceUsable,
	straceWrapper,
	transcriptPath,
} from '../support/real-claude.js';

const TEST_TIMEOUT = 60_000;
const status = realClaudeStatus();

type Rig = {mock: MockAnthropic; home: ClaudeHome; traceLog: string | null};
const rigs: Rig[] = [];

const makeRig = async (auth: ClaudeAuth, mockOptions: MockAnthropicOptions = {}): Promise<Rig> => {
	const mock = await startMockAnthropic(mockOptions);
	const home = prepareClaudeHome({auth, baseUrl: mock.url});
	const rig: Rig = {mock, home, traceLog: (await straceUsable()) ? path.join(home.root, 'strace.log') : null};
	rigs.push(rig);
	return rig;
};

const launch = (rig: Rig, args: string[]): ClaudePty =>
	spawnClaudePty({home: rig.home, args, ...(rig.traceLog ? {wrapper: straceWrapper(rig.traceLog)} : {})});

/** Every request reached the mock over loopback, and (under strace) the CLI opened no other network socket. */
const expectLoopbackOnly = (rig: Rig) => {
	expect(rig.mock.requests.length).toBeGreaterThan(0);
	for (const request of rig.mock.requests) {
		expect(request.remoteAddress).toMatch(/^(127\.|::ffff:127\.|::1$)/);
		expect(request.headers.host).toBe(`127.0.0.1:${rig.mock.port}`);
	}
	if (rig.traceLog) {
		const traced = readStraceLog(rig.traceLog);
		// Seeing the mock's own connection proves the trace worked, so an empty "outside" list means something.
		expect(traced).toContainEqual(expect.objectContaining({family: 'AF_INET', address: '127.0.0.1', port: rig.mock.port}));
		expect(outsideAddresses(traced)).toEqual([]);
	}
};

/** The reset time as the CLI words it: 12-hour clock, minutes only when non-zero, zone suffix (TZ=UTC). */
const resetWording = (epochSeconds: number): string => {
	const date = new Date(epochSeconds * 1000);
	const hours = date.getUTCHours();
	const minutes = date.getUTCMinutes();
	return `${hours % 12 || 12}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}${hours < 12 ? 'am' : 'pm'} (UTC)`;
};

afterEach(async () => {
	// Processes first (they hold the mock's sockets and write into the homes), then servers, then files.
	await killAllClaude();
	for (const rig of rigs.splice(0)) {
		await rig.mock.close().catch(() => undefined);
		rig.home.cleanup();
	}
});

describe('prepareClaudeHome', () => {
	it.each<ClaudeAuth>(['api-key', 'oauth-token', 'credentials'])('lays out the hermetic recipe for %s auth', (auth) => {
		const home = prepareClaudeHome({auth, baseUrl: 'http://127.0.0.1:1234', idleNotifyMs: 5_000});
		try {
			expect(fs.realpathSync(home.workDir)).toBe(home.workDir);
			expect(home.env).toMatchObject({
				HOME: home.homeDir,
				TERM: 'xterm-256color',
				LANG: 'C.UTF-8',
				TZ: 'UTC',
				CLAUDE_CONFIG_DIR: home.configDir,
				ANTHROPIC_BASE_URL: 'http://127.0.0.1:1234',
				CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
				CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
				CLAUDE_CODE_MAX_RETRIES: '1',
			});
			expect(home.homeDir.startsWith(home.root) && home.configDir.startsWith(home.root)).toBe(true);
			const config = JSON.parse(fs.readFileSync(path.join(home.configDir, '.claude.json'), 'utf8'));
			expect(config.hasCompletedOnboarding).toBe(true);
			expect(config.projects[home.workDir].hasTrustDialogAccepted).toBe(true);
			expect(config.messageIdleNotifThresholdMs).toBe(5_000);
			const settings = JSON.parse(fs.readFileSync(path.join(home.configDir, 'settings.json'), 'utf8'));
			expect(settings.permissions.disableAutoMode).toBe('disable');
			const credentialsFile = path.join(home.configDir, '.credentials.json');
			const credentialEnv = ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN'].filter((name) => name in home.env);
			if (auth === 'api-key') {
				expect(credentialEnv).toEqual(['ANTHROPIC_API_KEY']);
				expect(config.customApiKeyResponses.approved).toEqual([MOCK_API_KEY.slice(-20)]);
			} else if (auth === 'oauth-token') {
				expect(credentialEnv).toEqual(['CLAUDE_CODE_OAUTH_TOKEN']);
			} else {
				expect(credentialEnv).toEqual([]);
				const oauth = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')).claudeAiOauth;
				expect(oauth.scopes).toEqual(['user:inference']);
				expect(oauth.expiresAt).toBeGreaterThan(Date.now() + 10 * 365 * 86_400_000);
			}
			expect(fs.existsSync(credentialsFile)).toBe(auth === 'credentials');
		} finally {
			home.cleanup();
		}
		expect(fs.existsSync(home.root)).toBe(false);
	});
});

const skipReason = status.available ? '' : ` (skipped: ${status.reason})`;

describe.skipIf(!status.available)(`real claude CLI${skipReason}`, () => {
	it(
		'writes a file through the Write tool in acceptEdits mode and returns to idle',
		async () => {
			const rig = await makeRig('api-key', {finalLine: 'AUTO-CLAUDE: DONE'});
			const cli = launch(rig, ['--permission-mode', 'acceptEdits', '--', 'MOCK_WRITE create the file']);

			const screen = await cli.waitForScreen(isIdleScreen);
			expect(screen).toContain('The tool ran. Done (mock).');
			expect(screen).toContain('AUTO-CLAUDE: DONE');
			expect(fs.readFileSync(path.join(rig.home.workDir, WRITTEN_FILE), 'utf8')).toBe(WRITTEN_CONTENT);

			const main = rig.mock.mainRequests();
			expect(main.length).toBeGreaterThanOrEqual(2);
			expect(main[0]?.headers['x-api-key']).toBe(MOCK_API_KEY);
			expect(main[0]?.headers['user-agent']).toMatch(/^claude-cli\/\d+\.\d+\.\d+/);
			expect(main[0]?.url).toBe('/v1/messages?beta=true');
			// The live status file is the orchestrator's cheapest state signal; it must agree with the screen.
			await pollUntil(() => liveSessions(rig.home).some((session) => session.status === 'idle'), 10_000, () =>
				JSON.stringify(liveSessions(rig.home)),
			);
			expectLoopbackOnly(rig);
		},
		TEST_TIMEOUT,
	);

	it(
		'waits at a Bash permission prompt in default mode until 1 is pressed',
		async () => {
			const rig = await makeRig('credentials');
			const cli = launch(rig, ['--permission-mode', 'default', '--', 'MOCK_BASHW create a file with bash']);
			const bashFile = path.join(rig.home.workDir, BASH_FILE);

			const prompt = await cli.waitForScreen('Do you want to proceed?');
			expect(prompt).toMatch(/❯ 1\. Yes/);
			expect(fs.existsSync(bashFile)).toBe(false);
			await pollUntil(
				() => liveSessions(rig.home).some((session) => session.status === 'waiting' && session.waitingFor === 'permission prompt'),
				10_000,
				() => JSON.stringify(liveSessions(rig.home)),
			);

			cli.write('1');
			await cli.waitForScreen(isIdleScreen);
			expect(fs.readFileSync(bashFile, 'utf8')).toBe('written-by-bash\n');
			expect(rig.mock.mainRequests().length).toBeGreaterThanOrEqual(2);
			expect(rig.mock.mainRequests()[0]?.headers.authorization).toMatch(/^Bearer sk-ant-oat01-mock-/);
			expectLoopbackOnly(rig);
		},
		TEST_TIMEOUT,
	);

	it(
		'shows the friendly 5-hour usage-limit text for a claude.ai token and stays alive',
		async () => {
			const rig = await makeRig('oauth-token');
			const resetsAt = defaultResetEpoch(Date.now());
			rig.mock.setLimited({type: 'usage', claim: 'five_hour', resetsAt});
			const cli = launch(rig, ['--permission-mode', 'default', '--', 'do some work']);

			const screen = await cli.waitForScreen(`You've hit your 5-hour limit · resets ${resetWording(resetsAt)}`);
			expect(screen).toContain('⎿');
			expect(cli.exited()).toBeNull();
			expect(rig.mock.mainRequests()[0]?.answer).toBe('429 usage-limit five_hour');
			expectLoopbackOnly(rig);
		},
		TEST_TIMEOUT,
	);

	it.each([
		{claim: 'five_hour' as const, label: '5-hour limit'},
		{claim: 'seven_day' as const, label: 'weekly limit'},
	])(
		'-p stream-json reports a $claim limit as rate_limit_event rejected and exits 1',
		async ({claim, label}) => {
			const rig = await makeRig('credentials');
			const resetsAt = defaultResetEpoch(Date.now());
			rig.mock.setLimited({type: 'usage', claim, resetsAt});

			const run = await runClaudePrint({
				home: rig.home,
				...(rig.traceLog ? {wrapper: straceWrapper(rig.traceLog)} : {}),
				args: ['-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'default', '--', 'do some work'],
			});
			expect(run.exitCode).toBe(1);
			const limitEvent = run.events.find((event) => event.type === 'rate_limit_event');
			expect(limitEvent?.rate_limit_info).toMatchObject({status: 'rejected', resetsAt, rateLimitType: claim});
			const result = run.events.at(-1);
			expect(result).toMatchObject({type: 'result', is_error: true, api_error_status: 429});
			expect(String(result?.result)).toMatch(new RegExp(`^You've hit your ${label} · resets `));
			// A usage limit is final: no retries.
			expect(rig.mock.mainRequests()).toHaveLength(1);
			expectLoopbackOnly(rig);
		},
		TEST_TIMEOUT,
	);

	it(
		'resumes a session killed mid-stream with its earlier prompt in the next request',
		async () => {
			const rig = await makeRig('api-key', {slowStreamMs: 60_000});
			const sessionId = randomUUID();
			const first = launch(rig, ['--permission-mode', 'acceptEdits', '--session-id', sessionId, '--', 'MOCK_SLOW tell me a story']);
			await first.waitForScreen('esc to interrupt');
			await rig.mock.waitForRequest((request) => request.kind === 'main');
			// The transcript is flushed a few seconds after the request starts; a kill before that loses the prompt
			// and --resume answers "No conversation found".
			const transcript = transcriptPath(rig.home, sessionId);
			await pollUntil(
				() => readTranscript(transcript).some((entry) => entry.type === 'user'),
				20_000,
				() => `no user line in ${transcript}`,
			);
			expect(rig.mock.openStreams()).toBe(1);
			first.kill('SIGKILL');
			await first.waitForExit(10_000);

			const second = launch(rig, ['--permission-mode', 'acceptEdits', '--resume', sessionId, '--', 'what happened before?']);
			const resumed = await rig.mock.waitForRequest((request) => request.kind === 'main' && request.mainIndex === 1, 30_000);
			expect(allUserTexts(resumed.body)).toEqual(['MOCK_SLOW tell me a story', 'what happened before?']);
			expect(resumed.headers['x-claude-code-session-id']).toBe(sessionId);
			await second.waitForScreen(isIdleScreen);
			expect(second.screen()).toContain('Acknowledged (mock): what happened before?');
			expectLoopbackOnly(rig);
		},
		TEST_TIMEOUT,
	);
});
