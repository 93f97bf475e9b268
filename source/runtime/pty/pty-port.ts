// The port every PTY user depends on; node-pty sits behind it (spawn-pty.ts is the only
// file that loads it, in process or on the PTY thread), so tests can drive sessions with a
// fake.
export type PtySpawnOptions = {
	readonly file: string;
	readonly args: readonly string[];
	readonly cwd: string;
	readonly env: Readonly<Record<string, string>>;
	readonly cols: number;
	readonly rows: number;
	/**
	 * Append the child's output to this file, secrets masked. The port owns the file (it
	 * is written where the output is read, off the main thread when the port has one)
	 * and closes it when the child exits.
	 */
	readonly logFile?: string;
};

export type PtyExit = {readonly exitCode: number; readonly signal?: number};

export interface PtyProcess {
	readonly pid: number;
	onData(listener: (data: Uint8Array) => void): void;
	onExit(listener: (exit: PtyExit) => void): void;
	write(data: string | Uint8Array): void;
	resize(cols: number, rows: number): void;
	/** Sends a signal to the child's process group (it is a session leader). */
	kill(signal: NodeJS.Signals): void;
	/**
	 * Output the consumer has finished with (parsed into its screen), in bytes since the
	 * last call. A port with flow control stops reading while too much waits.
	 */
	consumed?(bytes: number): void;
}

export interface PtyFactory {
	spawn(options: PtySpawnOptions): PtyProcess;
}
