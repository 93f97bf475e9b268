// Test harness for the simulated claude: temporary project + config dirs, a runner for
// print mode, and a PTY session whose output feeds an @xterm/headless terminal that tests
// poll until a condition holds (no fixed sleeps).

import {spawn as spawnChild} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FAKE_CLAUDE = join(REPO, 'tests/fakes/claude');
export const BUNDLE = join(REPO, 'dist/demo-agent.js');

export type Sandbox = {
	readonly root: string;
	readonly work: string;
	readonly config: string;
	readonly env: NodeJS.ProcessEnv;
	readonly cleanup: () => void;
	/** Writes `.claude.json` (onboarding done and the work dir trusted unless told otherwise). */
	readonly writeClaudeJson: (value?: Record<string, unknown>) => void;
	/** A settings file whose hooks append `{event, payload}` lines to `hooks.log`. */
	readonly hookSettings: (events: readonly string[], extra?: Record<string, unknown>) => string;
	readonly hookLog: () => {event: string; payload: Record<string, unknown>}[];
};

export function makeSandbox(env: NodeJS.ProcessEnv = {}): Sandbox {
	const root = realpathSync(mkdtempSync(join(tmpdir(), 'fake-claude-')));
	const work = join(root, 'work');
	const config = join(root, 'config');
	mkdirSync(work, {recursive: true});
	mkdirSync(config, {recursive: true});
	const logFile = join(root, 'hooks.log');
	const sandbox: Sandbox = {
		root,
		work,
		config,
		env: {
			PATH: process.env['PATH'] ?? '/usr/bin:/bin',
			HOME: join(root, 'home'),
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			TZ: 'UTC',
			CLAUDE_CONFIG_DIR: config,
			FAKE_CLAUDE_AS_ROOT: '0',
			...env,
		},
		cleanup: () => rmSync(root, {recursive: true, force: true}),
		writeClaudeJson: (value) => {
			const body = value ?? {hasCompletedOnboarding: true, projects: {[work]: {hasTrustDialogAccepted: true}}};
			writeFileSync(join(config, '.claude.json'), JSON.stringify(body));
		},
		hookSettings: (events, extra = {}) => {
			const script = join(root, 'hook.sh');
			// Each line: the event name, a tab, the payload JSON as received on stdin.
			// One append per payload, so a reader never sees half a line.
			writeFileSync(script, `#!/bin/sh\npayload=$(tr -d '\\n')\nprintf '%s\\t%s\\n' "$1" "$payload" >> '${logFile}'\n`, {mode: 0o755});
			const hooks: Record<string, unknown> = {};
			for (const event of events) hooks[event] = [{matcher: '*', hooks: [{type: 'command', command: `${script} ${event}`}]}];
			for (const [event, groups] of Object.entries(extra)) hooks[event] = [...((hooks[event] as unknown[]) ?? []), ...(groups as unknown[])];
			const file = join(root, 'settings.json');
			writeFileSync(file, JSON.stringify({hooks}));
			return file;
		},
		hookLog: () => {
			if (!existsSync(logFile)) return [];
			return readFileSync(logFile, 'utf8')
				.split('\n')
				.filter((line) => line.includes('\t') && line.endsWith('}'))
				.map((line) => {
					const [event = '', json = '{}'] = line.split('\t');
					return {event, payload: JSON.parse(json) as Record<string, unknown>};
				});
		},
	};
	return sandbox;
}

export type RunResult = {readonly code: number | null; readonly stdout: string; readonly stderr: string};

/** Runs the fake in print mode with piped stdio. */
export function runFake(args: readonly string[], options: {env: NodeJS.ProcessEnv; cwd: string; input?: string; timeoutMs?: number}): Promise<RunResult> {
	return new Promise((resolvePromise, reject) => {
		const child = spawnChild('node', [BUNDLE, ...args], {cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`fake claude timed out: ${args.join(' ')}\n${stdout}\n${stderr}`));
		}, options.timeoutMs ?? 15_000);
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		child.on('close', (code) => {
			clearTimeout(timer);
			resolvePromise({code, stdout, stderr});
		});
		child.stdin.end(options.input ?? '');
	});
}

export type LiveRun = {
	readonly child: ReturnType<typeof spawnChild>;
	readonly stdout: () => string;
	readonly waitOutput: (text: string) => Promise<void>;
	readonly done: Promise<RunResult>;
};

/** Starts the fake in print mode and lets the test act while it runs (signals). */
export function startFake(args: readonly string[], options: {env: NodeJS.ProcessEnv; cwd: string}): LiveRun {
	const child = spawnChild('node', [BUNDLE, ...args], {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const done = new Promise<RunResult>((resolvePromise) => child.on('close', (code) => resolvePromise({code, stdout, stderr})));
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	void done.then(() => clearTimeout(timer));
	return {
		child,
		stdout: () => stdout,
		waitOutput: async (text) => {
			await waitFor(() => stdout.includes(text), JSON.stringify(text), 10_000, () => stdout + stderr);
		},
		done,
	};
}

/** Lines of a session transcript under the sandbox's config dir. */
export function transcriptLines(s: Sandbox, sessionId: string): Record<string, unknown>[] {
	const dir = join(s.config, 'projects', s.work.replace(/[^A-Za-z0-9]/g, '-'));
	return jsonLines(readFileSync(join(dir, `${sessionId}.jsonl`), 'utf8'));
}

export function jsonLines(text: string): Record<string, unknown>[] {
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000, describe?: () => string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${describe ? `\n--- screen ---\n${describe()}` : ''}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

export class PtySession {
	readonly term: InstanceType<typeof xterm.Terminal>;
	readonly proc: pty.IPty;
	exitCode: number | undefined;
	readonly titles: string[] = [];
	private pending = 0;

	constructor(args: readonly string[], options: {env: NodeJS.ProcessEnv; cwd: string; cols?: number; rows?: number}) {
		const cols = options.cols ?? 120;
		const rows = options.rows ?? 40;
		this.term = new xterm.Terminal({cols, rows, allowProposedApi: true, scrollback: 2000});
		this.proc = pty.spawn('node', [BUNDLE, ...args], {name: 'xterm-256color', cols, rows, cwd: options.cwd, env: options.env as Record<string, string>});
		this.term.onTitleChange((title) => this.titles.push(title));
		this.proc.onData((data) => {
			this.pending++;
			this.term.write(data, () => this.pending--);
		});
		this.proc.onExit(({exitCode}) => {
			this.exitCode = exitCode;
		});
	}

	/** The visible screen, trailing spaces trimmed. */
	screen(): string {
		const buffer = this.term.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.term.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	/** Scrollback plus screen. */
	all(): string {
		const buffer = this.term.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	write(data: string): void {
		this.proc.write(data);
	}

	async waitScreen(predicate: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
		return waitFor(
			() => {
				if (this.pending > 0) return undefined;
				const screen = this.screen();
				return predicate(screen) ? screen : undefined;
			},
			what,
			timeoutMs,
			() => this.screen(),
		);
	}

	async waitText(text: string, timeoutMs = 10_000): Promise<string> {
		return this.waitScreen((screen) => screen.includes(text), JSON.stringify(text), timeoutMs);
	}

	async waitExit(timeoutMs = 10_000): Promise<number> {
		return waitFor(() => this.exitCode, 'process exit', timeoutMs, () => this.screen());
	}

	/** The live status file of this process, if present. */
	status(configDir: string): Record<string, unknown> | undefined {
		const file = join(configDir, 'sessions', `${this.proc.pid}.json`);
		try {
			return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
		} catch {
			return undefined;
		}
	}

	async waitStatus(configDir: string, status: string, waitingFor?: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
		return waitFor(
			() => {
				const current = this.status(configDir);
				return current?.['status'] === status && (waitingFor === undefined || current['waitingFor'] === waitingFor) ? current : undefined;
			},
			`status ${status}${waitingFor ? `/${waitingFor}` : ''} (now ${JSON.stringify(this.status(configDir))})`,
			timeoutMs,
			() => this.screen(),
		);
	}

	kill(signal = 'SIGKILL'): void {
		if (this.exitCode === undefined) {
			try {
				this.proc.kill(signal);
			} catch {
				// Already gone.
			}
		}
	}

	dispose(): void {
		this.kill();
		this.term.dispose();
	}
}

/**
 * Sandboxes for one test file: checks the bundle exists, and cleans up every sandbox
 * after each test. Call at the top level of a test file.
 */
export function useSandboxes(hooks: {beforeAll: (fn: () => void) => void; afterEach: (fn: () => void) => void}): (env?: NodeJS.ProcessEnv) => Sandbox {
	let sandboxes: Sandbox[] = [];
	hooks.beforeAll(() => {
		if (!existsSync(BUNDLE)) throw new Error('dist/demo-agent.js is missing: run `npm run build` first');
	});
	hooks.afterEach(() => {
		for (const s of sandboxes) s.cleanup();
		sandboxes = [];
	});
	return (env = {}) => {
		const created = makeSandbox(env);
		sandboxes.push(created);
		return created;
	};
}
