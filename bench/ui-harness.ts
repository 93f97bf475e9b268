// Drives the built dashboard in a pseudo-terminal of a given size, the way a terminal
// emulator would (reading everything it writes at once), and measures it: CPU time from
// /proc, event-loop delay from its stats file, and when text shows up in its output.
import fs from 'node:fs';
import path from 'node:path';
import * as pty from 'node-pty';
import {tempDir} from './util.js';

export const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'auto-claude.js');
export const LOAD = path.resolve(import.meta.dirname, 'ui-load.ts');
const TSX = import.meta.resolve('tsx');

/** The load generator as an agent command (run through tsx). */
export function loadCommand(args: readonly string[]): string[] {
	return [process.execPath, '--import', TSX, LOAD, ...args];
}

export function benchDir(config: object, tasks: Record<string, string>): string {
	const root = tempDir('ac-bench-ui-');
	fs.mkdirSync(path.join(root, 'tasks'));
	fs.writeFileSync(path.join(root, 'auto-claude.config.json'), JSON.stringify(config, null, 2));
	for (const [id, text] of Object.entries(tasks)) fs.writeFileSync(path.join(root, 'tasks', `${id}.md`), text);
	return root;
}

/** CPU time (user + system) of a process, in ms. */
export function cpuMs(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime are fields 14 and 15 (1-based), in clock ticks (100 a second on Linux).
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

export type Outer = {
	readonly pid: number;
	/** Output since the start (kept whole: the dashboard writes little when idle). */
	text(): string;
	/** Resolves with the time (performance.now) at which `needle` appeared after `from`. */
	waitFor(needle: string | RegExp, options?: {from?: number; timeout?: number}): Promise<number>;
	/** Length of the output so far (use as `from`). */
	mark(): number;
	write(data: string): void;
	resize(cols: number, rows: number): void;
	exited: Promise<number>;
	kill(signal?: string): void;
};

export function spawnOuter(args: readonly string[], options: {cwd: string; cols: number; rows: number; env?: Record<string, string>}): Outer {
	const child = pty.spawn(process.execPath, [BIN, ...args], {
		name: 'xterm-256color',
		cols: options.cols,
		rows: options.rows,
		cwd: options.cwd,
		env: {...(process.env as Record<string, string>), ...options.env},
	});
	let output = '';
	type Waiter = {needle: string | RegExp; pos: number; resolve: (t: number) => void};
	const waiters = new Set<Waiter>();
	// Each check looks only at output it has not seen (plus a margin for a needle cut in
	// two), so waiting costs the same however long the run: the harness must not steal
	// the CPU it is measuring.
	const found = (needle: string | RegExp, from: number): boolean => {
		// Styles may change inside a phrase (a key and its label): match the text without them.
		// eslint-disable-next-line no-control-regex
		const text = output.slice(Math.max(0, from - 256)).replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
		return typeof needle === 'string' ? text.includes(needle) : needle.test(text);
	};
	child.onData((data) => {
		output += data;
		const now = performance.now();
		for (const waiter of waiters) {
			if (found(waiter.needle, waiter.pos)) {
				waiters.delete(waiter);
				waiter.resolve(now);
			} else {
				waiter.pos = output.length;
			}
		}
	});
	const exited = new Promise<number>((resolve) => child.onExit((e) => resolve(e.exitCode)));
	return {
		pid: child.pid,
		text: () => output,
		mark: () => output.length,
		waitFor(needle, opts = {}) {
			const from = opts.from ?? 0;
			if (found(needle, from)) return Promise.resolve(performance.now());
			return new Promise((resolve, reject) => {
				const waiter: Waiter = {
					needle,
					pos: output.length,
					resolve: (t: number) => {
						clearTimeout(timer);
						resolve(t);
					},
				};
				const timer = setTimeout(() => {
					waiters.delete(waiter);
					reject(new Error(`timed out waiting for ${String(needle)}`));
				}, opts.timeout ?? 20_000);
				waiters.add(waiter);
			});
		},
		write: (data) => child.write(data),
		resize: (cols, rows) => child.resize(cols, rows),
		exited,
		kill: (signal = 'SIGTERM') => {
			try {
				process.kill(child.pid, signal);
			} catch {
				// Already gone.
			}
		},
	};
}

export type StatsLine = {t: number; delays: number[]; cpu: {user: number; system: number}; frames?: number; skipped?: number; inkRenders?: number; bytes?: number};

export function readStats(file: string): StatsLine[] {
	try {
		return fs
			.readFileSync(file, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as StatsLine);
	} catch {
		return [];
	}
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a dashboard: q, confirm, then wait; SIGKILL if it hangs. */
export async function quit(outer: Outer): Promise<void> {
	outer.write('q');
	await sleep(150);
	outer.write('y');
	const timer = setTimeout(() => outer.kill('SIGKILL'), 8000);
	await outer.exited;
	clearTimeout(timer);
}
