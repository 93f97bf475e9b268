// Runs one CLI subcommand. Each returns its exit code; errors are FatalErrors.
import path from 'node:path';
import type {AnyFlags as Flags} from 'meow';
import type {UserCommand} from '../../core/events.js';
import {UsageError} from '../errors.js';
import type {StatusReport, WorkerRow} from '../views.js';
import {openWorkspace, type Workspace} from '../workspace.js';
import {ago, table} from './format.js';
import {initWorkFolder} from './init.js';
import {control} from './remote.js';
import {createTaskFile, formatTask, formatTaskRows, listTaskRows, showTask, taskCommand} from './task.js';

type Sub = {readonly name: string; readonly argv: string[]};
type Parsed = {input: string[]; flags: Record<string, unknown>};
type Parse = (sub: Sub, flags: Flags) => Parsed;

const STATES = ['queued', 'blocked', 'starting', 'running', 'waiting_input', 'rate_limited', 'paused', 'verifying', 'retrying', 'done', 'failed', 'needs_review', 'cancelled', 'rejected'];

function workspaceOf(flags: Record<string, unknown>, overrides: {concurrency?: number} = {}): Workspace {
	return openWorkspace(typeof flags.dir === 'string' ? flags.dir : process.cwd(), overrides);
}

function one(input: string[], what: string, command: string): string {
	if (input.length !== 1) throw new UsageError(`${command} takes exactly one ${what} (see --help)`);
	return input[0]!;
}

function print(value: unknown, json: boolean, text: () => string): void {
	process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export async function run(sub: Sub, parse: Parse, common: Flags): Promise<number> {
	switch (sub.name) {
		case '': {
			const cli = parse(sub, {
				...common,
				ui: {type: 'boolean', default: true},
				watch: {type: 'boolean', default: false},
				wait: {type: 'boolean', default: false},
				concurrency: {type: 'number', shortFlag: 'c'},
			});
			const concurrency = cli.flags.concurrency as number | undefined;
			if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) throw new UsageError('--concurrency must be a whole number from 1 to 64');
			const workspace = workspaceOf(cli.flags, {concurrency});
			const headless = cli.flags.ui === false || !process.stdout.isTTY || !process.stdin.isTTY;
			if (headless) {
				const {runHeadless} = await import('../../headless/run-headless.js');
				return runHeadless(workspace, {json: cli.flags.json === true, watch: cli.flags.watch === true, wait: cli.flags.wait === true});
			}
			const {runTui} = await import('../../ui/run-tui.js');
			return runTui(workspace);
		}
		case 'init': {
			const cli = parse(sub, common);
			if (cli.input.length > 0) throw new UsageError('init takes no arguments (use --dir to choose the folder)');
			initWorkFolder(path.resolve(typeof cli.flags.dir === 'string' ? cli.flags.dir : process.cwd()));
			return 0;
		}
		case 'task create': {
			const cli = parse(sub, {
				...common,
				prompt: {type: 'string'},
				priority: {type: 'string'},
				dependsOn: {type: 'string'},
				verify: {type: 'string'},
				setup: {type: 'string'},
				cwd: {type: 'string'},
				agent: {type: 'string'},
				id: {type: 'string'},
			});
			if (cli.input.length === 0) throw new UsageError('task create needs a title: auto-claude task create "Fix login" --prompt "…"');
			const workspace = workspaceOf(cli.flags);
			const f = cli.flags as Record<string, string | undefined>;
			const created = createTaskFile(workspace, {
				title: cli.input.join(' '),
				prompt: f.prompt,
				priority: f.priority,
				dependsOn: f.dependsOn,
				verify: f.verify,
				setup: f.setup,
				cwd: f.cwd,
				agent: f.agent,
				id: f.id,
			});
			print(created, cli.flags.json === true, () => `Created ${created.file} (task ${created.id})`);
			return 0;
		}
		case 'task list': {
			const cli = parse(sub, {...common, state: {type: 'string', isMultiple: true}});
			const states = ((cli.flags.state as string[] | undefined) ?? []).flatMap((s) => s.split(','));
			const unknown = states.filter((s) => !STATES.includes(s));
			if (unknown.length) throw new UsageError(`unknown state ${unknown.join(', ')} (states: ${STATES.join(', ')})`);
			const rows = await listTaskRows(workspaceOf(cli.flags), states);
			print(rows, cli.flags.json === true, () => formatTaskRows(rows));
			return 0;
		}
		case 'task show': {
			const cli = parse(sub, {...common, logs: {type: 'boolean', default: false}});
			const workspace = workspaceOf(cli.flags);
			const record = await showTask(workspace, one(cli.input, 'task id', 'task show'));
			print(record, cli.flags.json === true, () => formatTask(record, {logs: cli.flags.logs === true, workDir: workspace.paths.root}));
			return 0;
		}
		case 'task retry':
		case 'task cancel':
		case 'task pause':
		case 'task resume': {
			const cli = parse(sub, common);
			const kind = sub.name.split(' ')[1] as 'retry' | 'cancel' | 'pause' | 'resume';
			const id = one(cli.input, 'task id', sub.name);
			await taskCommand(workspaceOf(cli.flags), {kind, id} as UserCommand);
			print({ok: true, id, command: kind}, cli.flags.json === true, () => `${id}: ${kind} done`);
			return 0;
		}
		case 'task reply': {
			const cli = parse(sub, common);
			if (cli.input.length < 2) throw new UsageError('task reply needs a task id and an answer: auto-claude task reply <id> yes');
			const [id, ...words] = cli.input;
			await taskCommand(workspaceOf(cli.flags), {kind: 'reply', id: id!, text: words.join(' ')});
			print({ok: true, id}, cli.flags.json === true, () => `${id}: answer sent`);
			return 0;
		}
		case 'status': {
			const cli = parse(sub, common);
			const report = (await control(workspaceOf(cli.flags), 'status')) as StatusReport;
			print(report, cli.flags.json === true, () => formatStatus(report));
			return 0;
		}
		case 'worker list': {
			const cli = parse(sub, common);
			const workspace = workspaceOf(cli.flags);
			const rows = (await control(workspace, 'worker.list')) as WorkerRow[];
			print(rows, cli.flags.json === true, () =>
				rows.length === 0
					? 'No orchestrator is running; no workers.'
					: table(
							['SLOT', 'TASK', 'STATE', 'PID', 'ATTEMPT', 'RUNNING', 'LAST OUTPUT'],
							rows.map((w) => [String(w.slot), w.taskId ?? '(idle)', w.state ?? '', w.pid ? String(w.pid) : '', w.attempt ? String(w.attempt) : '', ago(w.since), w.lastOutputAgeMs !== undefined ? `${Math.round(w.lastOutputAgeMs / 1000)}s ago` : '']),
						),
			);
			return 0;
		}
		case 'hook': {
			const {runHook} = await import('./hook.js');
			return runHook(sub.argv);
		}
		default:
			throw new UsageError(`unknown command "${sub.name}" (see auto-claude --help)`);
	}
}

export function formatStatus(report: StatusReport): string {
	const lines: string[] = [];
	lines.push(report.running ? `auto-claude is running (pid ${report.pid}) in ${report.workDir}` : `auto-claude is not running in ${report.workDir}`);
	const counts = Object.entries(report.summary.counts)
		.filter(([, n]) => n > 0)
		.map(([state, n]) => `${n} ${state}`);
	lines.push(`tasks: ${report.summary.total} (${counts.join(', ') || 'none'})`);
	lines.push(`workers: ${report.workers.filter((w) => w.taskId).length}/${report.concurrency} busy${report.queuePaused ? ' · queue paused' : ''}`);
	for (const account of report.accounts) {
		const detail = account.status === 'free' ? '' : ` — ${account.text ?? ''}; ${account.status === 'probing' ? 'checking now' : `resumes in ${account.secondsLeft}s${account.resetsAt ? ` (resets ${new Date(account.resetsAt).toISOString()})` : ''}`}`;
		lines.push(`account ${account.name}: ${account.status}, ${account.running} running${detail}`);
	}
	return lines.join('\n');
}
