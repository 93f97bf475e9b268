// The port every PTY user depends on; node-pty sits behind it (node-pty-adapter.ts is the
// only file that imports node-pty), so tests can drive sessions with a fake.
export type PtySpawnOptions = {
	readonly file: string;
	readonly args: readonly string[];
	readonly cwd: string;
	readonly env: Readonly<Record<string, string>>;
	readonly cols: number;
	readonly rows: number;
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
}

export interface PtyFactory {
	spawn(options: PtySpawnOptions): PtyProcess;
}
