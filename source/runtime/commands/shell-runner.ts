// Runs a task's `setup` and `verify` commands. They are the user's own shell commands
// from the task file, run verbatim by /bin/sh in the task's folder (never spliced into
// another command line), in their own process group so a timeout or a cancel ends every
// process they started.
import {execa} from 'execa';
import {maskSecrets} from '../../core/security/mask.js';

export type ShellResult = {readonly exitCode: number; readonly durationMs: number; readonly timedOut: boolean; readonly outputTail: string; readonly cancelled: boolean};

const TAIL_LINES = 60;
const TAIL_BYTES = 6000;

export function tail(text: string): string {
	const clean = text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r(?!\n)/g, '\n');
	const lines = clean.split('\n');
	let out = lines.slice(-TAIL_LINES).join('\n');
	if (out.length > TAIL_BYTES) out = `…${out.slice(-TAIL_BYTES)}`;
	return maskSecrets(out.trimEnd());
}

export class ShellRunner {
	private readonly running = new Map<string, AbortController>();

	async run(key: string, command: string, options: {cwd: string; timeoutMs: number; env?: Record<string, string>}): Promise<ShellResult> {
		this.cancel(key);
		const controller = new AbortController();
		this.running.set(key, controller);
		const started = Date.now();
		try {
			const subprocess = execa('/bin/sh', ['-c', command], {
				cwd: options.cwd,
				env: options.env,
				all: true,
				reject: false,
				stdin: 'ignore',
				detached: true,
				timeout: options.timeoutMs,
				cancelSignal: controller.signal,
				forceKillAfterDelay: 2000,
				maxBuffer: 20 * 1024 * 1024,
				stripFinalNewline: false,
			});
			const pid = subprocess.pid;
			const result = await subprocess;
			// The shell may have started children that outlive it; end the whole group.
			if (pid) {
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {
					// Group already gone.
				}
			}
			const output = typeof result.all === 'string' ? result.all : '';
			const note = result.timedOut ? `\n[auto-claude: timed out after ${Math.round(options.timeoutMs / 1000)}s]` : result.failed && result.exitCode === undefined ? `\n[auto-claude: ${result.shortMessage}]` : '';
			return {
				exitCode: result.exitCode ?? (result.timedOut ? 124 : 1),
				durationMs: Date.now() - started,
				timedOut: result.timedOut === true,
				outputTail: tail(output + note),
				cancelled: result.isCanceled === true,
			};
		} finally {
			if (this.running.get(key) === controller) this.running.delete(key);
		}
	}

	cancel(key: string): void {
		this.running.get(key)?.abort();
		this.running.delete(key);
	}

	cancelAll(): void {
		for (const controller of this.running.values()) controller.abort();
		this.running.clear();
	}
}
