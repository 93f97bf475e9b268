// `worktree: true`: the task runs on its own branch in its own checkout, and its verify
// runs there too; the work folder's checkout is untouched.
import {execa} from 'execa';
import {afterEach, describe, expect, it} from 'vitest';
import {cli, makeWorkDir, readRecord, shellAgentConfig, type WorkDir} from '../support/cli.js';

const dirs: WorkDir[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) dir.cleanup();
});

const git = (cwd: string, ...args: string[]) => execa('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {cwd});

describe('git worktrees', () => {
	it('runs a task in its own worktree on branch auto-claude/<id>, with verify there', async () => {
		const dir = makeWorkDir(shellAgentConfig(), {
			'tasks/feature.json': JSON.stringify({prompt: 'echo feature > made.txt', worktree: true, verify: 'test -f made.txt'}),
			'.gitignore': 'state/\n',
			'README.md': 'repo\n',
		});
		dirs.push(dir);
		await git(dir.root, 'init', '-q');
		await git(dir.root, 'add', '.');
		await git(dir.root, 'commit', '-qm', 'initial');
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode, result.stdout).toBe(0);
		expect(dir.exists('made.txt')).toBe(false);
		expect(dir.read('state/worktrees/feature/made.txt').trim()).toBe('feature');
		const branches = await git(dir.root, 'branch', '--list', 'auto-claude/*');
		expect(branches.stdout).toContain('auto-claude/feature');
		const record = readRecord(dir.root, 'feature') as ReturnType<typeof readRecord> & {worktree?: {branch: string}};
		expect(record.status.state).toBe('done');
		expect(record.worktree?.branch).toBe('auto-claude/feature');
		const show = await cli(['task', 'show', 'feature'], {cwd: dir.root});
		expect(show.stdout).toMatch(/worktree\s+.*state\/worktrees\/feature \(branch auto-claude\/feature\)/);
	});

	it('fails with a clear reason outside a git repository', async () => {
		const dir = makeWorkDir(shellAgentConfig(), {'tasks/nogit.json': JSON.stringify({prompt: 'true', worktree: true})});
		dirs.push(dir);
		const result = await cli(['--no-ui'], {cwd: dir.root});
		expect(result.exitCode).toBe(1);
		expect(readRecord(dir.root, 'nogit').status.state).toBe('failed');
		expect(result.stdout).toMatch(/cannot create the git worktree: .* is not inside a git repository/);
	});
});
