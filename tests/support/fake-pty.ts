// A PtyFactory for tests: each spawned "process" is driven by a script function that can
// print to the screen, read what was typed, and exit.
import type {PtyExit, PtyFactory, PtyProcess, PtySpawnOptions} from '../../source/runtime/pty/pty-port.js';

export class FakePty implements PtyProcess {
	readonly pid: number;
	readonly written: string[] = [];
	private dataListeners: ((data: Uint8Array) => void)[] = [];
	private exitListeners: ((exit: PtyExit) => void)[] = [];
	private inputListeners: ((data: string) => void)[] = [];
	exited = false;
	signals: string[] = [];

	constructor(
		readonly options: PtySpawnOptions,
		pid: number,
	) {
		this.pid = pid;
	}

	onData(listener: (data: Uint8Array) => void): void {
		this.dataListeners.push(listener);
	}

	onExit(listener: (exit: PtyExit) => void): void {
		this.exitListeners.push(listener);
	}

	/** What the "program" does when it receives input. */
	onInput(listener: (data: string) => void): void {
		this.inputListeners.push(listener);
	}

	print(text: string): void {
		if (this.exited) return;
		const bytes = Buffer.from(text.replace(/\n/g, '\r\n'));
		for (const listener of this.dataListeners) listener(bytes);
	}

	exit(exitCode: number, signal?: number): void {
		if (this.exited) return;
		this.exited = true;
		for (const listener of this.exitListeners) listener({exitCode, signal});
	}

	write(data: string | Uint8Array): void {
		const text = typeof data === 'string' ? data : Buffer.from(data).toString();
		this.written.push(text);
		for (const listener of this.inputListeners) listener(text);
	}

	resize(): void {}

	kill(signal: NodeJS.Signals): void {
		this.signals.push(signal);
		if (signal === 'SIGSTOP' || signal === 'SIGCONT') return;
		setTimeout(() => this.exit(0, signal === 'SIGKILL' ? 9 : 15), 5);
	}
}

export class FakePtyFactory implements PtyFactory {
	readonly spawned: FakePty[] = [];
	private nextPid = 50_000;

	constructor(private readonly script: (pty: FakePty) => void) {}

	spawn(options: PtySpawnOptions): PtyProcess {
		const pty = new FakePty(options, this.nextPid++);
		this.spawned.push(pty);
		setTimeout(() => this.script(pty), 1);
		return pty;
	}
}

/** A claude-like screen: an optional message block, then the prompt box and a footer. */
export function claudeScreen(options: {message?: string; busy?: boolean; question?: string; width?: number}): string {
	const width = options.width ?? 100;
	const rule = '─'.repeat(width);
	const parts = ['\u001b[2J\u001b[H'];
	parts.push('❯ do the task\n\n');
	if (options.message) parts.push(`● ${options.message.split('\n').join('\n  ')}\n\n`);
	if (options.question) {
		parts.push(`${rule}\n Bash command\n\n   ${options.question}\n\n Do you want to proceed?\n ❯ 1. Yes\n   2. Yes, and don't ask again\n   3. No\n\n Esc to cancel · Tab to amend\n`);
		return parts.join('');
	}
	if (options.busy) parts.push('✶ Perusing… (3s · ↓ 12 tokens)\n\n');
	parts.push(`${rule}\n❯ \n${rule}\n`);
	parts.push(options.busy ? '  ⏸ manual mode on · esc to interrupt\n' : '  ⏸ manual mode on · ? for shortcuts\n');
	return parts.join('');
}
