// The CLI subcommands, with and without a running orchestrator.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cli, listTasks, makeWorkDir, readRecord, shellAgentConfig, spawnCli, waitFor, type WorkDir} from '../support/cli.js';

const dirs: WorkDir[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) dir.cleanup();
});
function work(config: object | undefined, files: Record<string, string> = {}): WorkDir {
	const dir = makeWorkDir(config, files);
	dirs.push(dir);
	return dir;
}

describe('cli basics', () => {
	it('--version, --help per command, unknown commands and flags exit 2', async () => {
		const dir = work(undefined);
		const version = await cli(['--version'], {cwd: dir.root});
		expect(version.stdout).toMatch(/^\d+\.\d+\.\d+$/);
		const help = await cli(['task', 'create', '--help'], {cwd: dir.root});
		expect(help.exitCode).toBe(0);
		expect(help.stdout).toContain('--depends-on');
		const unknown = await cli(['frobnicate'], {cwd: dir.root});
		expect(unknown.exitCode).toBe(2);
		expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
		const badFlag = await cli(['task', 'list', '--colour'], {cwd: dir.root});
		expect(badFlag.exitCode).toBe(2);
		const badId = await cli(['task', 'show', 'nope'], {cwd: dir.root});
		expect(badId.exitCode).toBe(2);
		expect(badId.stderr.trim()).toBe('auto-claude: no task "nope"');
	});

	it('init creates a commented config once and never overwrites', async () => {
		const dir = work(undefined);
		fs.rmSync(path.join(dir.root, 'tasks'), {recursive: true});
		const first = await cli(['init'], {cwd: dir.root});
		expect(first.exitCode).toBe(0);
		for (const file of ['auto-claude.config.json', 'templates/continue.md', 'tasks/example-hello.md']) expect(dir.exists(file)).toBe(true);
		expect(dir.read('auto-claude.config.json')).toContain('// How many agent sessions');
		const second = await cli(['init'], {cwd: dir.root});
		expect(second.stdout).toContain('nothing changed');
		const list = await listTasks(dir.root);
		expect(list.map((t) => t.id)).toEqual(['example-hello']);
	});

	it('a broken config is a clear error with file and line, exit 2', async () => {
		const dir = work(undefined);
		dir.write('auto-claude.config.json', '{\n  "concurrency": "two"\n}');
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toMatch(/auto-claude\.config\.json:2:\d+: concurrency: Expected number, received string/);
	});

	it('task create writes a valid task file; bad values are usage errors', async () => {
		const dir = work(shellAgentConfig());
		const created = await cli(['task', 'create', 'Fix the login form', '--prompt', 'The form rejects valid users.', '--priority', 'high', '--depends-on', 'setup-db,seed', '--verify', 'npm test'], {cwd: dir.root});
		expect(created.exitCode).toBe(0);
		expect(created.stdout).toContain('tasks/fix-the-login-form.md');
		const text = dir.read('tasks/fix-the-login-form.md');
		expect(text).toContain('priority: high');
		expect(text).toContain('- setup-db');
		expect(text).toContain('The form rejects valid users.');
		const again = await cli(['task', 'create', 'Fix the login form'], {cwd: dir.root});
		expect(again.stdout).toContain('fix-the-login-form-2.md');
		const bad = await cli(['task', 'create', 'x', '--priority', 'soonish'], {cwd: dir.root});
		expect(bad.exitCode).toBe(2);
		expect(bad.stderr).toMatch(/priority/);
		const list = await listTasks(dir.root);
		expect(list.find((t) => t.id === 'fix-the-login-form')).toMatchObject({state: 'blocked'});
	});
});

describe('task control without an orchestrator (directly on state/)', () => {
	it('cancel, retry, pause and resume work offline and persist', async () => {
		const dir = work(shellAgentConfig(), {'tasks/a.json': JSON.stringify({prompt: 'exit 1', maxAttempts: 1}), 'tasks/b.json': JSON.stringify({prompt: 'true'})});
		expect((await cli(['task', 'pause', 'b'], {cwd: dir.root})).exitCode).toBe(0);
		expect(readRecord(dir.root, 'b').status.state).toBe('paused');
		const run = await cli(['--no-ui'], {cwd: dir.root});
		expect(run.exitCode).toBe(1);
		expect(readRecord(dir.root, 'a').status.state).toBe('failed');
		expect(readRecord(dir.root, 'b').status.state).toBe('paused');
		const wrong = await cli(['task', 'resume', 'a'], {cwd: dir.root});
		expect(wrong.exitCode).toBe(2);
		expect(wrong.stderr).toContain('a is failed, not paused');
		expect((await cli(['task', 'resume', 'b'], {cwd: dir.root})).exitCode).toBe(0);
		dir.write('tasks/a.json', JSON.stringify({prompt: 'exit 1', maxAttempts: 1}));
		expect((await cli(['task', 'retry', 'a'], {cwd: dir.root})).exitCode).toBe(0);
		expect(readRecord(dir.root, 'a').status.state).toBe('queued');
		expect((await cli(['task', 'cancel', 'a'], {cwd: dir.root})).exitCode).toBe(0);
		const second = await cli(['--no-ui'], {cwd: dir.root});
		expect(second.exitCode).toBe(0);
		expect(readRecord(dir.root, 'b').status.state).toBe('done');
		expect(readRecord(dir.root, 'a').status.state).toBe('cancelled');
		const status = await cli(['status'], {cwd: dir.root});
		expect(status.stdout).toContain('not running');
		expect(status.stdout).toMatch(/tasks: 2 \(1 done, 1 cancelled\)/);
	});
});

describe('task control through a running orchestrator', () => {
	it('list, show, pause, resume, cancel, retry, status and workers over the control socket', async () => {
		const dir = work(shellAgentConfig({concurrency: 2}), {
			'tasks/long.json': JSON.stringify({prompt: 'sleep 30'}),
			'tasks/quick.json': JSON.stringify({prompt: 'echo hi'}),
		});
		const child = spawnCli(['--no-ui', '--watch'], {cwd: dir.root});
		try {
			await waitFor(() => dir.exists('state/control.sock'), {what: 'socket'});
			expect(fs.statSync(path.join(dir.root, 'state', 'control.sock')).mode & 0o777).toBe(0o600);
			await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'long')?.state === 'running', {what: 'long running'});
			const status = await cli(['status', '--json'], {cwd: dir.root});
			expect(JSON.parse(status.stdout)).toMatchObject({running: true, concurrency: 2});
			const workers = await cli(['worker', 'list'], {cwd: dir.root});
			expect(workers.stdout).toMatch(/1\s+long\s+running\s+\d+/);
			expect((await cli(['task', 'pause', 'long'], {cwd: dir.root})).exitCode).toBe(0);
			await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'long')?.state === 'paused', {what: 'paused'});
			const pid = (JSON.parse(dir.read('state/tasks/long.json')) as {session: {pid: number}}).session.pid;
			expect(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0]).toBe('T');
			expect((await cli(['task', 'resume', 'long'], {cwd: dir.root})).exitCode).toBe(0);
			await waitFor(() => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'T', {what: 'process continued'});
			expect((await cli(['task', 'cancel', 'long'], {cwd: dir.root})).exitCode).toBe(0);
			await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'long')?.state === 'cancelled', {what: 'cancelled'});
			const show = await cli(['task', 'show', 'long'], {cwd: dir.root});
			expect(show.stdout).toMatch(/state\s+cancelled/);
			expect(show.stdout).toContain('paused by a person');
			const retry = await cli(['task', 'retry', 'quick'], {cwd: dir.root});
			expect(retry.exitCode).toBe(0);
			const reply = await cli(['task', 'reply', 'quick', 'yes'], {cwd: dir.root});
			expect(reply.exitCode).toBe(2);
			expect(reply.stderr).toMatch(/not waiting for input/);
		} finally {
			child.kill('SIGTERM');
			await child;
		}
	});
});
