// The built binary, headless, with a command agent: a queue is worked through to the
// right final states and exit codes, survives kill -9, and shrugs off malformed files.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cli, listTasks, makeWorkDir, readRecord, shellAgentConfig, spawnCli, waitFor, type WorkDir} from '../support/cli.js';

const dirs: WorkDir[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) dir.cleanup();
});

function work(config: object, files: Record<string, string> = {}): WorkDir {
	const dir = makeWorkDir(config, files);
	dirs.push(dir);
	return dir;
}

const task = (prompt: string, fields: Record<string, unknown> = {}): string => JSON.stringify({prompt, ...fields});

describe('a headless run over 12 tasks', () => {
	it('ends every task in the right state, fails dependents of a failure, respects priorities, exits 1', async () => {
		const files: Record<string, string> = {};
		// Each task appends its id when it starts, so the start order can be checked.
		const run = (id: string, seconds: number, code = 0) => `echo ${id} >> order.log; sleep ${seconds}; echo ${id} > out-${id}.txt; exit ${code}`;
		files['tasks/t01-low.json'] = task(run('t01-low', 0.1), {priority: 'low'});
		files['tasks/t02-urgent.json'] = task(run('t02-urgent', 0.3), {priority: 'urgent'});
		files['tasks/t03-high.json'] = task(run('t03-high', 0.1), {priority: 'high'});
		files['tasks/t04.json'] = task(run('t04', 0.2));
		files['tasks/t05.json'] = task(run('t05', 0.05));
		files['tasks/t06-fails.json'] = task(run('t06-fails', 0.1, 3), {maxAttempts: 2});
		files['tasks/t07-fails.json'] = task(run('t07-fails', 0.1, 1), {maxAttempts: 1});
		files['tasks/t08-after-fail.json'] = task(run('t08-after-fail', 0.1), {dependsOn: ['t06-fails']});
		files['tasks/t09-after-t04.json'] = task(run('t09-after-t04', 0.1), {dependsOn: ['t04'], priority: 'urgent'});
		files['tasks/t10.md'] = `---\npriority: 5\n---\n${run('t10', 0.4)}`;
		files['tasks/t11.md'] = `---\nverify: test -f out-t11.txt\n---\n${run('t11', 0.1)}`;
		files['tasks/t12.md'] = `---\ntitle: Twelve\n---\n${run('t12', 0.2)}`;
		const dir = work(shellAgentConfig({concurrency: 1}), files);
		// File modification times give FIFO order among equal priorities.
		const ids = Object.keys(files).map((f) => path.basename(f).replace(/\.(json|md)$/, ''));
		ids.forEach((id, index) => {
			const file = Object.keys(files).find((f) => f.includes(`/${id}.`))!;
			const t = new Date(Date.now() - 100_000 + index * 1000);
			fs.utimesSync(path.join(dir.root, file), t, t);
		});

		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout + result.stderr).toBe(1);

		const states = Object.fromEntries((await listTasks(dir.root)).map((t) => [t.id, t.state]));
		expect(states).toEqual({
			't01-low': 'done',
			't02-urgent': 'done',
			't03-high': 'done',
			t04: 'done',
			t05: 'done',
			't06-fails': 'failed',
			't07-fails': 'failed',
			't08-after-fail': 'failed',
			't09-after-t04': 'done',
			t10: 'done',
			t11: 'done',
			t12: 'done',
		});
		expect(readRecord(dir.root, 't08-after-fail').status.result).toEqual({kind: 'dependency_failed', dependency: 't06-fails'});
		expect(readRecord(dir.root, 't06-fails').attempts).toBe(2);
		expect(readRecord(dir.root, 't07-fails').attempts).toBe(1);

		const order = dir.read('order.log').trim().split('\n');
		// urgent first, then high, then the integer 5, then normal FIFO (t09 waits for t04), low last.
		expect(order.slice(0, 3)).toEqual(['t02-urgent', 't03-high', 't10']);
		expect(order.at(-1)).toBe('t01-low');
		expect(order.indexOf('t09-after-t04')).toBe(order.indexOf('t04') + 1);
		expect(order).not.toContain('t08-after-fail');
		expect(order.filter((id) => id === 't06-fails')).toHaveLength(2);
		expect(result.stdout).toMatch(/t08-after-fail {2}queued → failed {2}dependency t06-fails did not succeed/);
	});

	it('exits 0 when everything is done and prints NDJSON with --json', async () => {
		const dir = work(shellAgentConfig(), {'tasks/a.json': task('true'), 'tasks/b.json': task('true')});
		const result = await cli(['--no-ui', '--json'], {cwd: dir.root});
		expect(result.exitCode).toBe(0);
		const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as {type: string; to?: string; task?: string});
		expect(events.filter((e) => e.type === 'transition' && e.to === 'done').map((e) => e.task).sort()).toEqual(['a', 'b']);
		expect(events.at(-1)).toMatchObject({type: 'summary', exitCode: 0});
	});

	it("keeps each session's output in its log with secrets masked, all of it, even 5 MB written at once", async () => {
		const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB';
		// Printed at the start, and at the very end after 5 MB, just before the agent exits.
		const flood = `echo "token ${secret}"; yes xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | head -c 5000000; echo "last line ${secret}"`;
		const dir = work(shellAgentConfig(), {'tasks/a.json': task(flood)});
		const result = await cli(['--no-ui'], {cwd: dir.root, timeout: 60_000});
		expect(result.exitCode, result.stdout + result.stderr).toBe(0);
		const log = dir.read('state/logs/a/1.log');
		expect(log).not.toContain(secret);
		expect(log).toContain('token ***89AB');
		expect(log).toContain('last line ***89AB');
		expect(log.length).toBeGreaterThan(5_000_000);
	});

	it('a missing dependency blocks its task but does not keep the run from finishing', async () => {
		const dir = work(shellAgentConfig(), {'tasks/a.json': task('true', {dependsOn: ['ghost']}), 'tasks/b.json': task('true')});
		const result = await cli(['--no-ui'], {cwd: dir.root, timeout: 20_000});
		expect(result.exitCode).toBe(1);
		const tasks = await listTasks(dir.root);
		expect(tasks.find((t) => t.id === 'a')).toMatchObject({state: 'blocked', reason: expect.stringContaining('"ghost": no such task')});
	});
});

describe('crash safety', () => {
	it('after kill -9 of the orchestrator, a restart finishes every task exactly once', async () => {
		const files: Record<string, string> = {};
		// Staggered durations, so at the moment of the kill the finished tasks are saved as
		// done and the others are mid-run (a task killed between its last write and the
		// saving of its exit would legitimately run again: at-least-once).
		for (let i = 1; i <= 6; i++) files[`tasks/k${i}.json`] = task(`sleep ${(i * 0.7).toFixed(1)}; echo k${i} >> done.log`);
		// A task that ignores SIGHUP keeps running when its PTY closes: the restart must kill it, not run it twice at once.
		files['tasks/stubborn.json'] = task(`trap '' HUP; sleep 6; echo stubborn >> done.log`, {priority: 'urgent'});
		const dir = work(shellAgentConfig({concurrency: 3}), files);
		const stateOf = (id: string): string | undefined => (dir.exists(`state/tasks/${id}.json`) ? readRecord(dir.root, id).status.state : undefined);

		const first = spawnCli(['--no-ui'], {cwd: dir.root});
		await waitFor(() => stateOf('k1') === 'done' && stateOf('stubborn') === 'running' && stateOf('k2') === 'running', {what: 'k1 done while others run', timeout: 20_000});
		first.kill('SIGKILL');
		await first;

		const second = await cli(['--no-ui'], {cwd: dir.root});
		expect(second.exitCode, second.stdout + second.stderr).toBe(0);
		const lines = dir.read('done.log').trim().split('\n').sort();
		expect(lines).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'stubborn']);
		for (const id of ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'stubborn']) {
			const record = readRecord(dir.root, id);
			expect(record.status.state).toBe('done');
			expect(record.history.filter((h) => h.to === 'done')).toHaveLength(1);
		}
		expect(dir.read('state/logs/auto-claude.log')).toContain('killed a leftover agent process');
	});

	it('SIGINT stops within 5 s with exit 130, kills the agents and leaves tasks resumable', async () => {
		const dir = work(shellAgentConfig({concurrency: 2}), {'tasks/long1.json': task('sleep 30; echo no >> late.log'), 'tasks/long2.json': task('sleep 30; echo no >> late.log')});
		const child = spawnCli(['--no-ui'], {cwd: dir.root});
		await waitFor(() => ['long1', 'long2'].every((id) => dir.exists(`state/tasks/${id}.json`) && readRecord(dir.root, id).status.state === 'running'), {what: 'both running'});
		const pids = ['long1', 'long2'].map((id) => (JSON.parse(dir.read(`state/tasks/${id}.json`)) as {session: {pid: number}}).session.pid);
		const started = Date.now();
		child.kill('SIGINT');
		const result = await child;
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.exitCode).toBe(130);
		for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
		for (const id of ['long1', 'long2']) expect(readRecord(dir.root, id).status).toEqual({state: 'queued', resume: true});
		expect(dir.exists('late.log')).toBe(false);
	});

	it('a second orchestrator on the same folder exits 2 naming the first', async () => {
		const dir = work(shellAgentConfig(), {'tasks/a.json': task('sleep 20')});
		const first = spawnCli(['--no-ui', '--watch'], {cwd: dir.root});
		await waitFor(() => dir.exists('state/lock') && dir.exists('state/tasks/a.json'), {what: 'the first to start'});
		const second = await cli(['--no-ui'], {cwd: dir.root});
		expect(second.exitCode).toBe(2);
		expect(second.stderr).toMatch(/already running .*\(pid \d+\)/);
		first.kill('SIGTERM');
		expect((await first).exitCode).toBe(143);
	});
});

describe('malformed task files', () => {
	it('reports 200 broken files with file and reason, keeps running and runs the valid ones', async () => {
		const files: Record<string, string> = {};
		const kinds = [
			(i: number) => [`tasks/bad-json-${i}.json`, `{"prompt": "x", ${i}}`],
			(i: number) => [`tasks/bad-yaml-${i}.md`, `---\ntitle: [oops ${i}\n---\nbody`],
			(i: number) => [`tasks/wrong-type-${i}.json`, JSON.stringify({prompt: 'x', maxAttempts: 'many'})],
			(i: number) => [`tasks/unknown-field-${i}.md`, `---\nretires: ${i}\n---\nbody`],
			(i: number) => [`tasks/empty-prompt-${i}.md`, `---\ntitle: empty ${i}\n---\n\n`],
			(i: number) => [`tasks/garbage-${i}.md`, `\u0000\u0001\u0002${'\u00ff'.repeat(i)}binary`],
			(i: number) => [`tasks/dup-${i}.md`, 'same id as json'],
			(i: number) => [`tasks/cycle-a-${i}.json`, task('true', {dependsOn: [`cycle-b-${i}`]})],
		];
		let count = 0;
		for (let i = 0; count < 200; i++) {
			for (const make of kinds) {
				if (count >= 200) break;
				const [file, text] = make(i);
				files[file!] = text!;
				count++;
				if (file!.startsWith('tasks/dup-')) files[`tasks/dup-${i}.json`] = task('true');
				if (file!.startsWith('tasks/cycle-a-')) files[`tasks/cycle-b-${i}.json`] = task('true', {dependsOn: [`cycle-a-${i}`]});
			}
		}
		for (let i = 0; i < 5; i++) files[`tasks/good-${i}.json`] = task(`echo ok > good-${i}.txt`);
		const dir = work(shellAgentConfig({concurrency: 3}), files);
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode).toBe(1);
		const tasks = await listTasks(dir.root);
		const rejected = tasks.filter((t) => t.state === 'rejected');
		const expectedRejected = Object.keys(files).filter((f) => !f.includes('/good-')).map((f) => path.basename(f).replace(/\.(json|md)$/, ''));
		expect(new Set(rejected.map((t) => t.id))).toEqual(new Set(expectedRejected));
		expect(rejected.length).toBeGreaterThanOrEqual(200);
		for (const t of rejected) {
			expect(t.reason).toMatch(/^tasks\/[^:]+\.(json|md)(:\d+(:\d+)?)?: /);
		}
		const reasons = rejected.map((t) => t.reason ?? '');
		expect(reasons.some((r) => /invalid JSON/.test(r))).toBe(true);
		expect(reasons.some((r) => /invalid YAML/.test(r))).toBe(true);
		expect(reasons.some((r) => /maxAttempts/.test(r))).toBe(true);
		expect(reasons.some((r) => /unknown field "retires"/.test(r))).toBe(true);
		expect(reasons.some((r) => /empty/.test(r))).toBe(true);
		expect(reasons.some((r) => /not a text file/.test(r))).toBe(true);
		expect(reasons.some((r) => /duplicate task id/.test(r))).toBe(true);
		expect(reasons.some((r) => /dependency cycle/.test(r))).toBe(true);
		for (let i = 0; i < 5; i++) expect(dir.read(`good-${i}.txt`).trim()).toBe('ok');
		const alerts = dir.read('state/alerts.jsonl').trim().split('\n');
		expect(alerts.length).toBeGreaterThanOrEqual(200);
	});

	it('with --watch: a file dropped in later runs; a broken one is rejected and re-queued once fixed', async () => {
		const dir = work(shellAgentConfig(), {});
		const child = spawnCli(['--no-ui', '--watch'], {cwd: dir.root});
		try {
			await waitFor(() => dir.exists('state/control.sock'), {what: 'the control socket'});
			dir.write('tasks/later.md', 'echo later > later.txt');
			await waitFor(() => dir.exists('later.txt'), {what: 'the new task to run'});
			dir.write('tasks/broken.json', '{"prompt": ');
			const rejected = await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'broken' && t.state === 'rejected'), {what: 'rejection'});
			expect(rejected.reason).toMatch(/tasks\/broken\.json:1:\d+: invalid JSON/);
			dir.write('tasks/broken.json', JSON.stringify({prompt: 'echo fixed > fixed.txt'}));
			await waitFor(() => dir.exists('fixed.txt'), {what: 'the fixed task to run'});
			await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'broken' && t.state === 'done'), {what: 'done'});
			fs.rmSync(path.join(dir.root, 'tasks', 'later.md'));
			await waitFor(async () => (await listTasks(dir.root)).find((t) => t.id === 'later')?.state === 'done', {what: 'a done task to stay after its file is deleted'});
		} finally {
			child.kill('SIGTERM');
			await child;
		}
	});
});
