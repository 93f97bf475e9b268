// Messages between the main thread and the PTY thread (pty-worker.ts).
import type {PtySpawnOptions} from './pty-port.js';

/** Reading pauses while more than this much output waits to be parsed on the main thread. */
export const HIGH_BYTES = 8 * 1024 * 1024;
/** …and resumes once the backlog is down to this. */
export const LOW_BYTES = 2 * 1024 * 1024;

export const SPAWN_PENDING = 0;
export const SPAWN_OK = 1;
export const SPAWN_FAILED = 2;
/** Reply buffer: [state, pid or message length], then the error message (UTF-8). */
export const REPLY_BYTES = 8 + 2048;

export type ToWorker =
	| {readonly type: 'spawn'; readonly id: number; readonly options: PtySpawnOptions; readonly reply: SharedArrayBuffer}
	| {readonly type: 'write'; readonly id: number; readonly data: string | Uint8Array}
	| {readonly type: 'resize'; readonly id: number; readonly cols: number; readonly rows: number}
	/** Total bytes of output the main thread has finished with. */
	| {readonly type: 'consumed'; readonly id: number; readonly bytes: number}
	/**
	 * SIGKILL every agent, then set `done[0]` to 1 once each exit has been seen here. The
	 * process must not end while node-pty still has an exit to report on this thread: the
	 * report would land in a thread being torn down, which aborts the whole process.
	 */
	| {readonly type: 'killAll'; readonly done: SharedArrayBuffer};

export type FromWorker =
	| {readonly type: 'data'; readonly id: number; readonly data: Uint8Array}
	| {readonly type: 'exit'; readonly id: number; readonly exitCode: number; readonly signal?: number};
