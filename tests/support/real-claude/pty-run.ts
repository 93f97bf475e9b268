// Runs the real CLI in a pseudo-terminal with a headless xterm as the screen model, the same way the
// orchestrator will, so tests read what a person would see.
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';
import {claudeBinary} from './binary.js';
import type {ClaudeHome} from './home.js';

const {Terminal} = xtermHeadless;

export type ClaudePtyOptions = {
	home: ClaudeHome;
	args: string[];
	/** Defaults to home.workDir. */
	cwd?: string;
	cols?: number;
	rows?: number;
	/** Wraps the launch, e.g. ['strace', '-f', …]; the CLI path and args follow it. */
	wrapper?: string[];
};

export type ClaudeExit = {exitCode: number; signal: number | undefined};

export type ClaudePty = {
	pid: number;
	/** The visible rows, trailing spaces trimmed. */
	screen(): string;
	/** Scrollback plus visible rows. */
	buffer(): string;
	/** Everything the CLI wrote, escape sequences included. */
	raw(): string;
	write(data: string): void;
	/** Polls the visible screen (or the whole buffer) until the test matches. */
	waitForScreen(test: RegExp | string | ((screen: string) => boolean), options?: {timeoutMs?: number; whole?: boolean}): Promise<string>;
	waitForExit(timeoutMs?: number): Promise<ClaudeExit>;
	exited(): ClaudeExit | null;
	/** Signals the whole process group (the CLI, its shells and tools). */
	kill(signal?: NodeJS.Signals): void;
};

const live = new Set<ClaudePty>();

// node-pty children are session leaders and outlive the test process unless killed; a test worker that exits
// early (failed hook, crash) must not leave CLIs running.
let exitHookInstalled = false;
const installExitHook = () => {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const session of live) session.kill('SIGKILL');
	});
};

/** Kills every CLI started through spawnClaudePty that is still running (for afterEach/afterAll). */
export const killAllClaudePtys = async (): Promise<void> => {
	const running = [...live];
	for (const session of running) session.kill('SIGKILL');
	await Promise.all(running.map((session) => session.waitForExit(5_000).catch(() => undefined)));
};

const POLL_MS = 50;

export const pollUntil = async <T>(probe: () => T | undefined | false, timeoutMs: number, describe: () => string): Promise<T> => {
	const started = Date.now();
	for (;;) {
		const value = probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
};

export const spawnClaudePty = (options: ClaudePtyOptions): ClaudePty => {
	const cols = options.cols ?? 120;
	const rows = options.rows ?? 40;
	const terminal = new Terminal({cols, rows, scrollback: 2_000, allowProposedApi: true});
	const [file, ...prefix] = [...(options.wrapper ?? []), claudeBinary()];
	const child = pty.spawn(file as string, [...prefix, ...options.args], {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? options.home.workDir,
		env: options.home.env,
	});
	let raw = '';
	let exit: ClaudeExit | null = null;
	child.onData((data) => {
		raw += data;
		terminal.write(data);
	});
	// Answer the CLI's terminal queries (DA1, background colour, …) as a real terminal would.
	terminal.onData((data) => {
		if (!exit) child.write(data);
	});

	const lines = (from: number, to: number): string => {
		const buffer = terminal.buffer.active;
		const out: string[] = [];
		for (let i = from; i < to; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? '');
		return out.join('\n');
	};
	const screen = () => lines(terminal.buffer.active.baseY, terminal.buffer.active.baseY + rows);
	const buffer = () => lines(0, terminal.buffer.active.length);

	const session: ClaudePty = {
		pid: child.pid,
		screen,
		buffer,
		raw: () => raw,
		write: (data) => child.write(data),
		waitForScreen: (test, waitOptions = {}) => {
			const read = waitOptions.whole ? buffer : screen;
			const matches =
				typeof test === 'string' ? (text: string) => text.includes(test) : test instanceof RegExp ? (text: string) => test.test(text) : test;
			return pollUntil(
				() => {
					const text = read();
					return matches(text) ? text : undefined;
				},
				waitOptions.timeoutMs ?? 30_000,
				() => `screen never matched ${String(test)}${exit ? ` (CLI exited ${exit.exitCode})` : ''}; screen was:\n${screen()}`,
			);
		},
		waitForExit: (timeoutMs = 30_000) => pollUntil(() => exit ?? undefined, timeoutMs, () => `CLI pid ${child.pid} did not exit`),
		exited: () => exit,
		kill: (signal = 'SIGKILL') => {
			if (exit) return;
			// node-pty makes the child a session leader, so its pid is also the process group id.
			try {
				process.kill(-child.pid, signal);
			} catch {
				try {
					process.kill(child.pid, signal);
				} catch {
					// already gone
				}
			}
		},
	};
	child.onExit(({exitCode, signal}) => {
		exit = {exitCode, signal};
		live.delete(session);
	});
	live.add(session);
	installExitHook();
	return session;
};

/** The 2.1.x idle signature: a finished-turn summary (`✻ Brewed for 0s`) and nothing asking or running. */
export const isIdleScreen = (screen: string): boolean =>
	/^✻ \S+ for \d+/m.test(screen) && !/esc to interrupt|Do you want|Enter to confirm/.test(screen);
