// Git worktrees for tasks with `worktree: true`: each such task works on its own branch
// (auto-claude/<id>) in its own checkout under state/worktrees/, so parallel agents never
// edit the same files and every result can be reviewed and merged on its own. The
// worktree and branch are kept after the task ends.
import fs from 'node:fs';
import path from 'node:path';
import {simpleGit} from 'simple-git';

export type Worktree = {readonly path: string; readonly branch: string; readonly subdir: string};

export async function createWorktree(options: {taskId: string; cwd: string; worktreesDir: string}): Promise<Worktree> {
	const git = simpleGit(options.cwd);
	let top: string;
	try {
		top = (await git.revparse(['--show-toplevel'])).trim();
	} catch {
		throw new Error(`${options.cwd} is not inside a git repository`);
	}
	const subdir = path.relative(fs.realpathSync(top), fs.realpathSync(options.cwd));
	const branch = `auto-claude/${options.taskId}`;
	const target = path.join(options.worktreesDir, options.taskId);
	const repo = simpleGit(top);
	const existing = await repo.raw(['worktree', 'list', '--porcelain']);
	if (existing.split('\n').some((line) => line === `worktree ${target}`) && fs.existsSync(target)) return {path: target, branch, subdir};
	fs.mkdirSync(options.worktreesDir, {recursive: true});
	// A leftover directory that git no longer knows is not ours to keep using.
	if (fs.existsSync(target)) await repo.raw(['worktree', 'prune']);
	const branches = await repo.branchLocal();
	if (branches.all.includes(branch)) await repo.raw(['worktree', 'add', target, branch]);
	else await repo.raw(['worktree', 'add', '-b', branch, target, 'HEAD']);
	return {path: target, branch, subdir};
}
