// One agent process in a pseudo-terminal and its screen model (@xterm/headless); the PTY
// port writes its masked log.
// The session watches for silence (a hung agent), tells its observer when the screen has
// settled after output (detectors run then, not on every byte), and types text the way a
// person pastes it.
import xterm from '@xterm/headless';
import {installFastErase} from './fast-erase.js';
import type {PtyProcess} from './pty-port.js';

const {Terminal} = xterm;
type XTerminal = InstanceType<typeof Terminal>;

export type SessionOptions = {
	readonly taskId: string;
	readonly launch: number;
	readonly pty: PtyProcess;
	readonly cols: number;
	readonly rows: number;
	readonly scrollback: number;
	/** No output for this long (while not suspended) reports the session as idle. */
	readonly idleTimeoutMs: number;
	/** How long output must pause before the screen counts as settled. */
	readonly settleMs?: number;
	readonly now?: () => number;
};

export type SessionExit = {readonly exitCode: number | null; readonly signal: string | null};

/** How long the end of a session waits for its last output to be parsed, at most. */
const EXIT_PARSE_WAIT_MS = 5000;

const SIGNALS: Record<number, string> = {1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 15: 'SIGTERM'};

export class Session {
	readonly taskId: string;
	readonly launch: number;
	readonly pid: number;
	readonly terminal: XTerminal;
	private readonly pty: PtyProcess;
	private readonly now: () => number;
	private readonly settleMs: number;
	private idleTimeoutMs: number;
	private lastOutputAt: number;
	private idleReported = false;
	private idleSuspended = false;
	private settleTimer: NodeJS.Timeout | undefined;
	private settlePendingSince = 0;
	private idleTimer: NodeJS.Timeout | undefined;
	private killTimer: NodeJS.Timeout | undefined;
	private exited: SessionExit | undefined;
	/** The exit has been told to the listeners (after the last output was parsed). */
	private exitTold = false;
	private disposed = false;
	private readonly settledListeners = new Set<(lines: readonly string[]) => void>();
	private readonly outputListeners = new Set<() => void>();
	private readonly exitListeners = new Set<(exit: SessionExit) => void>();
	private readonly idleListeners = new Set<(idleMs: number) => void>();
	bytesIn = 0;

	constructor(options: SessionOptions) {
		this.taskId = options.taskId;
		this.launch = options.launch;
		this.pty = options.pty;
		this.pid = options.pty.pid;
		this.now = options.now ?? Date.now;
		this.settleMs = options.settleMs ?? 120;
		this.idleTimeoutMs = options.idleTimeoutMs;
		this.lastOutputAt = this.now();
		this.terminal = new Terminal({cols: options.cols, rows: options.rows, scrollback: options.scrollback, allowProposedApi: true});
		installFastErase(this.terminal);
		this.pty.onData((data) => this.onData(data));
		this.pty.onExit((exit) => this.handleExit(exit.exitCode, exit.signal));
		this.armIdle();
	}

	get alive(): boolean {
		return this.exited === undefined;
	}

	get cols(): number {
		return this.terminal.cols;
	}

	get rows(): number {
		return this.terminal.rows;
	}

	get lastOutput(): number {
		return this.lastOutputAt;
	}

	onSettled(listener: (lines: readonly string[]) => void): () => void {
		this.settledListeners.add(listener);
		return () => this.settledListeners.delete(listener);
	}

	/** Called after each chunk is parsed into the screen (the UI marks the pane dirty). */
	onOutput(listener: () => void): () => void {
		this.outputListeners.add(listener);
		return () => this.outputListeners.delete(listener);
	}

	onExit(listener: (exit: SessionExit) => void): void {
		if (this.exited && this.exitTold) listener(this.exited);
		else this.exitListeners.add(listener);
	}

	onIdle(listener: (idleMs: number) => void): void {
		this.idleListeners.add(listener);
	}

	/** The visible screen, one string per row (trailing blanks trimmed). */
	screenLines(): string[] {
		const buffer = this.terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < this.terminal.rows; y++) lines.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
		return lines;
	}

	write(data: string | Uint8Array): void {
		if (this.alive) this.pty.write(data);
	}

	/**
	 * Types text as a person would paste it, then presses Enter separately (TUIs treat a
	 * fast "text\r" as a paste and may not submit). Multi-line text needs bracketed paste;
	 * without it the lines are joined, because a newline would submit early.
	 */
	typeText(text: string): void {
		if (!this.alive) return;
		const bracketed = this.terminal.modes.bracketedPasteMode;
		this.pty.write(bracketed ? `\u001b[200~${text}\u001b[201~` : text.replace(/\s*\r?\n\s*/g, ' '));
		setTimeout(() => this.write('\r'), 60);
	}

	sendKeys(keys: readonly string[]): void {
		// A small gap between keys: menus redraw between an arrow and Enter.
		keys.forEach((key, index) => {
			if (index === 0) this.write(key);
			else setTimeout(() => this.write(key), index * 80);
		});
	}

	resize(cols: number, rows: number): void {
		if (cols === this.terminal.cols && rows === this.terminal.rows) return;
		this.terminal.resize(cols, rows);
		this.pty.resize(cols, rows);
	}

	signal(signal: NodeJS.Signals): void {
		if (!this.alive) return;
		this.pty.kill(signal);
		if (signal === 'SIGSTOP') this.idleSuspended = true;
		if (signal === 'SIGCONT') {
			this.idleSuspended = false;
			this.lastOutputAt = this.now();
			this.idleReported = false;
		}
	}

	/** Pauses the hang watchdog (waiting for a person or for a usage limit is not a hang). */
	suspendIdle(suspended: boolean): void {
		this.idleSuspended = suspended;
		if (!suspended) {
			this.lastOutputAt = this.now();
			this.idleReported = false;
		}
	}

	/** SIGTERM to the process group, SIGKILL if it is still there after the grace period. */
	kill(graceMs = 3000): void {
		if (!this.alive) return;
		this.pty.kill('SIGTERM');
		this.killTimer ??= setTimeout(() => {
			if (this.alive) this.pty.kill('SIGKILL');
		}, graceMs);
		this.killTimer.unref?.();
	}

	/** Immediate SIGKILL of the group; used when the orchestrator itself is exiting. */
	killNow(): void {
		if (this.alive) this.pty.kill('SIGKILL');
	}

	dispose(): void {
		clearTimeout(this.settleTimer);
		clearTimeout(this.idleTimer);
		clearTimeout(this.killTimer);
		this.disposed = true;
		this.terminal.dispose();
	}

	private onData(data: Uint8Array): void {
		this.bytesIn += data.length;
		this.lastOutputAt = this.now();
		this.idleReported = false;
		// The parse callback only matters to a view that repaints or to a port with flow
		// control; skip its cost otherwise.
		if (this.outputListeners.size === 0 && !this.pty.consumed) this.terminal.write(data);
		else
			this.terminal.write(data, () => {
				this.pty.consumed?.(data.length);
				for (const listener of this.outputListeners) listener();
			});
		if (!this.settleTimer) {
			this.settlePendingSince = this.now();
			this.settleTimer = setTimeout(() => this.settle(), this.settleMs);
		}
	}

	private settle(): void {
		this.settleTimer = undefined;
		// Still streaming fast: check again shortly, but never starve detection for long
		// (a busy agent's spinner redraws many times a second).
		const streaming = this.now() - this.lastOutputAt < this.settleMs / 2;
		if (streaming && this.alive && this.now() - this.settlePendingSince < this.settleMs * 5) {
			this.settleTimer = setTimeout(() => this.settle(), this.settleMs);
			return;
		}
		// Let xterm finish parsing what it has before reading the screen.
		this.terminal.write('', () => {
			const lines = this.screenLines();
			for (const listener of this.settledListeners) listener(lines);
		});
	}

	/** Re-runs the observers on the current screen (e.g. after a resize). */
	refresh(): void {
		if (this.settleTimer) return;
		this.settlePendingSince = this.now();
		this.settleTimer = setTimeout(() => this.settle(), this.settleMs);
	}

	private armIdle(): void {
		const check = Math.max(250, Math.min(5000, Math.floor(this.idleTimeoutMs / 4)));
		this.idleTimer = setInterval(() => {
			if (!this.alive || this.idleSuspended || this.idleReported) return;
			const idle = this.now() - this.lastOutputAt;
			if (idle >= this.idleTimeoutMs) {
				this.idleReported = true;
				for (const listener of this.idleListeners) listener(idle);
			}
		}, check);
		this.idleTimer.unref?.();
	}

	private handleExit(exitCode: number, signal: number | undefined): void {
		if (this.exited) return;
		this.exited = {exitCode: signal ? null : exitCode, signal: signal ? (SIGNALS[signal] ?? `signal ${signal}`) : null};
		clearInterval(this.idleTimer);
		clearTimeout(this.killTimer);
		// The port reports the exit after the last output, which may still wait to be parsed
		// (a flood leaves a backlog): the end is told once the screen shows all of it.
		const exit = this.exited;
		let latest: NodeJS.Timeout | undefined;
		const tell = (): void => {
			if (this.exitTold) return;
			this.exitTold = true;
			clearTimeout(latest);
			for (const listener of this.exitListeners) listener(exit);
			this.exitListeners.clear();
		};
		// Never later than this, whatever the parser does: a task must not stay running.
		latest = setTimeout(tell, EXIT_PARSE_WAIT_MS);
		if (this.disposed) setTimeout(tell, 0);
		else this.terminal.write('', tell);
	}
}
