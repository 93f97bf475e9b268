// `auto-claude task …`: create a task file, list, show, and control tasks.
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'yaml';
import {parseTaskFile, TASK_ID_PATTERN} from '../../core/task-file.js';
import {describeResult, type TaskRecord} from '../../core/task.js';
import type {UserCommand} from '../../core/events.js';
import type {TaskRow} from '../views.js';
import {UsageError} from '../errors.js';
import type {Workspace} from '../workspace.js';
import {ago, stripAnsi, table} from './format.js';
import {control} from './remote.js';

export type CreateOptions = {
	readonly title: string;
	readonly prompt?: string;
	readonly priority?: string;
	readonly dependsOn?: string;
	readonly verify?: string;
	readonly setup?: string;
	readonly cwd?: string;
	readonly agent?: string;
	readonly id?: string;
};

export function slugify(title: string): string {
	const slug = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^\w\s-]/g, '')
		.replace(/[\s_]+/g, '-')
		.replace(/-+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60)
		.replace(/-$/, '');
	return slug || 'task';
}

export function createTaskFile(workspace: Workspace, options: CreateOptions): {id: string; file: string} {
	const prompt = options.prompt ?? options.title;
	const dir = workspace.paths.tasks;
	fs.mkdirSync(dir, {recursive: true});
	let id = options.id ?? slugify(options.title);
	if (!TASK_ID_PATTERN.test(id)) throw new UsageError(`"${id}" is not a valid task id`);
	if (!options.id) {
		const base = id;
		for (let n = 2; fs.existsSync(path.join(dir, `${id}.md`)) || fs.existsSync(path.join(dir, `${id}.json`)); n++) id = `${base}-${n}`;
	} else if (fs.existsSync(path.join(dir, `${id}.md`)) || fs.existsSync(path.join(dir, `${id}.json`))) {
		throw new UsageError(`a task "${id}" already exists`);
	}
	const fields: Record<string, unknown> = {title: options.title};
	if (options.priority) fields.priority = /^-?\d+$/.test(options.priority) ? Number(options.priority) : options.priority;
	if (options.dependsOn) fields.dependsOn = options.dependsOn.split(/[\s,]+/).filter(Boolean);
	if (options.agent) fields.agent = options.agent;
	if (options.cwd) fields.cwd = options.cwd;
	if (options.setup) fields.setup = options.setup;
	if (options.verify) fields.verify = options.verify;
	const text = `---\n${stringify(fields).trimEnd()}\n---\n${prompt.trim()}\n`;
	const file = `tasks/${id}.md`;
	// Validate before writing: a bad flag is a usage error, not a rejected task.
	const check = parseTaskFile({file, text, mtimeMs: Date.now()});
	if (!check.ok) throw new UsageError(check.errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message}`).join('; '));
	const tmp = path.join(dir, `.${id}.md.${process.pid}.tmp`);
	fs.writeFileSync(tmp, text);
	fs.renameSync(tmp, path.join(dir, `${id}.md`));
	return {id, file};
}

export async function listTaskRows(workspace: Workspace, states?: readonly string[]): Promise<TaskRow[]> {
	return (await control(workspace, 'task.list', {states})) as TaskRow[];
}

export function formatTaskRows(rows: readonly TaskRow[]): string {
	if (rows.length === 0) return 'No tasks.';
	return table(
		['ID', 'STATE', 'PRI', 'TRIES', 'UPDATED', 'TITLE / REASON'],
		rows.map((r) => [r.id, r.state, String(r.priority), String(r.attempts), ago(r.updatedAt), r.reason ? `${r.title} — ${r.reason}` : r.title]),
	);
}

export async function showTask(workspace: Workspace, id: string): Promise<TaskRecord> {
	const record = (await control(workspace, 'task.show', {id})) as TaskRecord | null;
	if (!record) throw new UsageError(`no task "${id}"`);
	return record;
}

export function formatTask(record: TaskRecord, options: {logs?: boolean; workDir: string}): string {
	const lines: string[] = [];
	const spec = record.spec;
	lines.push(`${record.id}: ${spec?.title ?? ''}`);
	lines.push(`  state      ${record.status.state}${'reason' in record.status && record.status.reason ? ` — ${record.status.reason}` : ''}`);
	if (record.status.state === 'rejected') for (const e of record.status.errors) lines.push(`  error      ${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
	if (record.status.state === 'waiting_input') lines.push(`  question   ${record.status.question.replace(/\n/g, '\n             ')}`);
	if (record.lastResult) lines.push(`  result     ${describeResult(record.lastResult)}`);
	if (spec) {
		lines.push(`  file       ${spec.file}`);
		lines.push(`  priority   ${spec.priority}`);
		if (spec.dependsOn.length) lines.push(`  depends on ${spec.dependsOn.join(', ')}`);
		if (spec.verify) lines.push(`  verify     ${spec.verify}`);
	}
	lines.push(`  attempts   ${record.attempts}   nudges ${record.nudges}   verify rounds ${record.verifyRounds}`);
	if (record.worktree) lines.push(`  worktree   ${record.worktree.path} (branch ${record.worktree.branch})`);
	if (record.session) lines.push(`  session    ${record.session.agentSessionId ?? '-'}${record.session.live ? ` (pid ${record.session.pid})` : ''}`);
	if (record.usage) {
		const u = record.usage;
		lines.push(`  usage      ${u.inputTokens} in / ${u.outputTokens} out tokens, cache ${u.cacheReadTokens} read / ${u.cacheCreationTokens} written${u.costUsd !== undefined ? `, $${u.costUsd.toFixed(4)}` : ''}`);
	}
	if (record.verifyRuns.length) {
		lines.push('  verify runs');
		for (const run of record.verifyRuns) {
			lines.push(`    round ${run.round}: exit ${run.timedOut ? 'timeout' : run.exitCode} in ${(run.durationMs / 1000).toFixed(1)}s at ${new Date(run.at).toISOString()}`);
			const tail = run.outputTail.split('\n').slice(-5);
			for (const t of tail) if (t.trim()) lines.push(`      ${t}`);
		}
	}
	lines.push('  history');
	for (const h of record.history.slice(-25)) lines.push(`    ${new Date(h.at).toISOString()}  ${h.from ?? 'new'} → ${h.to}  ${h.reason}`);
	if (options.logs) {
		const attempt = record.session?.attempt ?? record.attempts;
		const file = path.join(options.workDir, 'state', 'logs', record.id, `${attempt}.log`);
		lines.push(`  log        ${path.relative(process.cwd(), file) || file}`);
		try {
			const text = stripAnsi(fs.readFileSync(file, 'utf8'));
			const tail = text.split(/\r?\n/).filter((l) => l.trim()).slice(-40);
			lines.push(...tail.map((l) => `    ${l}`));
		} catch {
			lines.push('    (no log yet)');
		}
	}
	return lines.join('\n');
}

export async function taskCommand(workspace: Workspace, command: UserCommand): Promise<void> {
	await control(workspace, 'task.command', {command});
}
