// node-pty as every agent gets it, in process or on the PTY thread: an xterm-256color
// terminal of the given size, raw bytes out (encoding: null; decoding happens once, in
// xterm).
import * as pty from 'node-pty';
import type {PtySpawnOptions} from './pty-port.js';

export function spawnPty(options: PtySpawnOptions): pty.IPty {
	return pty.spawn(options.file, [...options.args], {
		name: 'xterm-256color',
		cols: options.cols,
		rows: options.rows,
		cwd: options.cwd,
		env: {...options.env},
		encoding: null,
	});
}

/** node-pty types its data as strings; with encoding null it is bytes. */
export function asBytes(data: string | Uint8Array): Uint8Array {
	return typeof data === 'string' ? Buffer.from(data) : data;
}
