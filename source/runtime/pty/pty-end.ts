// The end of an agent's output. On Linux a PTY whose last process exits can report the
// end before everything written was read (node-pty issue 726; measured here: 3 runs in 10
// lost the last lines of a 1–5 MB burst written just before exiting). The guard keeps the
// terminal's agent side open in this process until the agent is gone and its output has
// gone quiet, so every byte is read first; the end is then reported 25–60 ms after the
// last byte.
import fs from 'node:fs';
import type * as pty from 'node-pty';

/** How often the agent is checked for having exited. */
const WATCH_MS = 40;
/** Output quiet this long after the agent exited: everything has been read. */
const QUIET_MS = 25;

export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Opens the agent's side of the terminal (node-pty knows its name), if it can. */
function openAgentSide(child: pty.IPty): number | undefined {
	const name = (child as unknown as {_pty?: unknown})._pty;
	if (typeof name !== 'string' || !name.startsWith('/dev/')) return undefined;
	try {
		return fs.openSync(name, fs.constants.O_RDWR | fs.constants.O_NOCTTY);
	} catch {
		return undefined;
	}
}

export class EndGuard {
	private fd: number | undefined;
	private lastData = performance.now();
	private readonly timer: NodeJS.Timeout;

	/** `onAgentGone`: called on each check once the agent has exited (reading must go on). */
	constructor(
		private readonly child: pty.IPty,
		private readonly onAgentGone: () => void = () => undefined,
	) {
		this.fd = openAgentSide(child);
		this.timer = setInterval(() => this.check(), WATCH_MS);
	}

	/** Output was read. */
	data(): void {
		this.lastData = performance.now();
	}

	/** Lets go of the terminal (at the latest when node-pty reports the exit). */
	release(): void {
		clearInterval(this.timer);
		if (this.fd === undefined) return;
		try {
			fs.closeSync(this.fd);
		} catch {
			// Already closed.
		}
		this.fd = undefined;
	}

	private check(): void {
		if (alive(this.child.pid)) return;
		this.onAgentGone();
		if (performance.now() - this.lastData >= QUIET_MS) this.release();
	}
}
