// Usage limits end to end with the simulated claude CLI: the account is held, nothing new
// starts on it, the countdown is visible, and every held task resumes by itself after the
// reset without losing an attempt. Also: a second account keeps the queue moving, cron
// gets exit 75, and a temporary error never holds anything.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cli, makeWorkDir, REPO, spawnCli, waitFor, type WorkDir} from '../support/cli.js';

const FAKE = path.join(REPO, 'tests', 'fakes', 'claude');
const dirs: WorkDir[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) dir.cleanup();
});

function configDir(dir: WorkDir, name: string): string {
	const config = path.join(dir.root, name);
	fs.mkdirSync(config, {recursive: true});
	fs.writeFileSync(path.join(config, '.claude.json'), JSON.stringify({hasCompletedOnboarding: true, projects: {[dir.root]: {hasTrustDialogAccepted: true}}}));
	return config;
}

function work(tasks: Record<string, string>, options: {version?: string; accounts?: number; concurrency?: number} = {}): WorkDir {
	const dir = makeWorkDir(undefined, tasks);
	dirs.push(dir);
	const accounts = Array.from({length: options.accounts ?? 0}, (_, i) => ({name: `acct${i + 1}`, configDir: configDir(dir, `config-${i + 1}`)}));
	dir.write(
		'auto-claude.config.json',
		JSON.stringify({
			concurrency: options.concurrency ?? 3,
			defaultAgent: 'claude',
			accounts,
			agents: {
				claude: {
					kind: 'claude',
					command: [FAKE],
					...(accounts.length === 0 ? {configDir: configDir(dir, 'config')} : {}),
					permissions: {allow: ['Write', 'Bash(echo *)'], deny: [], otherwise: 'escalate'},
					env: {FAKE_CLAUDE_SPEED: '4', FAKE_CLAUDE_DELAY_MS: '20', ...(options.version ? {FAKE_CLAUDE_VERSION: options.version} : {})},
				},
			},
			limits: {marginSeconds: 3, probeMinutes: [5], transientBackoffSeconds: 1},
			retry: {baseDelaySeconds: 1, maxDelaySeconds: 1},
		}),
	);
	return dir;
}

type Rec = {status: {state: string}; attempts: number; account?: string; history: {at: number; from: string | null; to: string; reason: string}[]};
const record = (dir: WorkDir, id: string): Rec => JSON.parse(dir.read(`state/tasks/${id}.json`)) as Rec;
const firstAt = (r: Rec, to: string): number | undefined => r.history.find((h) => h.to === to)?.at;

async function heldRun(version: string | undefined) {
	const resetSeconds = Math.floor(Date.now() / 1000) + 20;
	const limited = (name: string) => `Work on ${name}. [[fake: think 1s; limit @${resetSeconds}; write ${name}.txt after the reset; done ${name} finished.]]`;
	const dir = work(
		{
			'tasks/one.md': `---\npriority: high\n---\n${limited('one')}`,
			'tasks/two.md': `---\npriority: high\n---\n${limited('two')}`,
			'tasks/three.md': `---\npriority: high\n---\n${limited('three')}`,
			'tasks/later.md': 'A task queued behind the others. [[fake: write later.txt 1; done later finished.]]',
		},
		{version, concurrency: 3},
	);
	const child = spawnCli(['--no-ui'], {cwd: dir.root});
	// Held: all three wait in rate_limited and the account shows a countdown.
	await waitFor(() => ['one', 'two', 'three'].every((id) => dir.exists(`state/tasks/${id}.json`) && record(dir, id).status.state === 'rate_limited'), {what: 'three tasks held', timeout: 20_000});
	const status = await cli(['status', '--json'], {cwd: dir.root});
	const report = JSON.parse(status.stdout) as {holds: {account: string; secondsLeft: number; text: string}[]};
	expect(report.holds).toHaveLength(1);
	expect(report.holds[0]!.secondsLeft).toBeGreaterThan(0);
	expect(report.holds[0]!.secondsLeft).toBeLessThanOrEqual(25);
	const result = await child;
	expect(result.exitCode, result.all).toBe(0);
	const resetAt = resetSeconds * 1000;
	for (const id of ['one', 'two', 'three']) {
		const r = record(dir, id);
		expect(r.status.state).toBe('done');
		expect(r.attempts).toBe(1);
		const resumed = r.history.find((h) => h.from === 'rate_limited' && h.to !== 'rate_limited')!;
		if (resumed.at < resetAt - 1000) console.log(id, JSON.stringify(r.history, null, 1));
		if (process.env.SHOW_RESUME) console.log('resume-after-reset-ms', id, resumed.at - resetAt);
		expect(resumed.at).toBeGreaterThanOrEqual(resetAt - 1000);
		expect(resumed.at).toBeLessThanOrEqual(resetAt + 3000 + 10_000);
		expect(dir.read(`${id}.txt`)).toContain('after the reset');
	}
	// Nothing new started on the held account before the reset.
	expect(firstAt(record(dir, 'later'), 'starting')!).toBeGreaterThanOrEqual(resetAt - 1000);
	expect(result.all).toMatch(/usage limit on \S+: resuming at \d\d:\d\d:\d\d \(in \d+s\)/);
	return {dir, result};
}

describe('usage limits with the simulated CLI', () => {
	it('2.1.330: three sessions held, nothing new starts, all resume by themselves after the reset', async () => {
		const {result} = await heldRun(undefined);
		// The CLI continued by itself: auto-claude did not type a second "continue".
		expect(result.all).toMatch(/the CLI continues by itself|the agent is working again/);
	});

	it('2.1.197: the limit dialog is answered with "wait", and "continue" is typed at the reset', async () => {
		const {result} = await heldRun('2.1.197');
		expect(result.all).toMatch(/continuing the live session|resuming the session/);
	});

	it('two accounts: queued tasks keep flowing on the free account during the hold', async () => {
		const resetSeconds = Math.floor(Date.now() / 1000) + 20;
		const dir = work(
			{
				'tasks/held.md': `---\npriority: urgent\n---\nHit the limit. [[fake: think 1s; limit @${resetSeconds}; write held.txt 1; done held finished.]]`,
				'tasks/b1.md': 'Quick one. [[fake: think 2s; write b1.txt 1; done b1 finished.]]',
				'tasks/b2.md': 'Quick two. [[fake: think 1s; write b2.txt 1; done b2 finished.]]',
				'tasks/b3.md': 'Quick three. [[fake: think 1s; write b3.txt 1; done b3 finished.]]',
			},
			{accounts: 2, concurrency: 2},
		);
		const result = await cli(['--no-ui'], {cwd: dir.root, timeout: 90_000});
		expect(result.exitCode, result.all).toBe(0);
		const held = record(dir, 'held');
		expect(held.account).toBe('acct1');
		expect(held.attempts).toBe(1);
		const resetAt = resetSeconds * 1000;
		for (const id of ['b1', 'b2', 'b3']) {
			const r = record(dir, id);
			expect(r.account).toBe('acct2');
			expect(firstAt(r, 'done')!).toBeLessThan(resetAt);
		}
	});

	it('headless exits 75 when every remaining task waits for a limit (cron tries again later)', async () => {
		const resetSeconds = Math.floor(Date.now() / 1000) + 3600;
		const dir = work({'tasks/far.md': `Hit a long limit. [[fake: think 1s; limit @${resetSeconds}; done ok]]`}, {concurrency: 1});
		const result = await cli(['--no-ui'], {cwd: dir.root, timeout: 60_000});
		expect(result.exitCode, result.stdout).toBe(75);
		expect(result.stdout).toMatch(/every remaining task waits for a usage limit \(resets around 20\d\d-/);
		expect(record(dir, 'far').status.state).toBe('rate_limited');
		expect(record(dir, 'far').attempts).toBe(1);
	});

	it('a temporary API error (529) is a short back-off, never a hold and never an attempt', async () => {
		const dir = work({'tasks/flaky.md': 'Work. [[fake: think 1s; api-error 529; write after.txt 1; done recovered.]]'}, {concurrency: 1});
		const result = await cli(['--no-ui'], {cwd: dir.root, timeout: 60_000});
		expect(result.exitCode, result.stdout).toBe(0);
		const r = record(dir, 'flaky');
		expect(r.attempts).toBe(1);
		expect(r.history.some((h) => /temporary API error/.test(h.reason))).toBe(true);
		expect(r.history.some((h) => h.to === 'rate_limited')).toBe(false);
		expect(JSON.parse(dir.read('state/db.json')).holds).toEqual({});
	});
});
