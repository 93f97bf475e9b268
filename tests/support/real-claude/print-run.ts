// `claude -p …` as a plain child process. Asynchronous on purpose: the mock API lives in the test process, so a
// synchronous spawn would block the very server the CLI is waiting for.
import {type ChildProcess, spawn} from 'node:child_process';
import {claudeBinary} from './binary.js';
import type {ClaudeHome} from './home.js';
import {killAllClaudePtys} from './pty-run.js';

export type ClaudePrintResult = {
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** stdout lines parsed as JSON (stream-json); lines that are not JSON are left out. */
	events: Record<string, unknown>[];
};

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		child.kill(signal);
	}
};

export type ClaudePrintOptions = {
	home: ClaudeHome;
	args: string[];
	cwd?: string;
	/** Killed (SIGKILL, whole group) after this long; default 30 s. */
	timeoutMs?: number;
	/** Launch prefix, e.g. straceWrapper(log). */
	wrapper?: string[];
};

export const runClaudePrint = (options: ClaudePrintOptions): Promise<ClaudePrintResult> =>
	new Promise((resolve, reject) => {
		const [file, ...prefix] = [...(options.wrapper ?? []), claudeBinary()];
		const child = spawn(file as string, [...prefix, ...options.args], {
			cwd: options.cwd ?? options.home.workDir,
			env: options.home.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			// Own process group, so a timeout can take the CLI's tools down with it.
			detached: true,
		});
		running.add(child);
		if (!exitHookInstalled) {
			exitHookInstalled = true;
			process.on('exit', () => {
				for (const each of running) killGroup(each, 'SIGKILL');
			});
		}
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), options.timeoutMs ?? 30_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			running.delete(child);
			reject(error);
		});
		child.on('close', (exitCode, signal) => {
			clearTimeout(timer);
			running.delete(child);
			const events: Record<string, unknown>[] = [];
			for (const line of stdout.split('\n')) {
				if (!line.startsWith('{')) continue;
				try {
					events.push(JSON.parse(line) as Record<string, unknown>);
				} catch {
					// not an event line
				}
			}
			resolve({exitCode, signal, stdout, stderr, events});
		});
	});

/** Kills every CLI process the helpers started (PTY sessions and -p runs); for afterEach/afterAll. */
export const killAllClaude = async (): Promise<void> => {
	for (const child of running) killGroup(child, 'SIGKILL');
	await killAllClaudePtys();
};
