// node-pty behind PtyFactory. Raw bytes (encoding: null) go straight to the screen
// model and the log; decoding happens once, in xterm.
import * as pty from 'node-pty';
import type {PtyFactory, PtyProcess, PtySpawnOptions} from './pty-port.js';

export class NodePtyFactory implements PtyFactory {
	spawn(options: PtySpawnOptions): PtyProcess {
		const child = pty.spawn(options.file, [...options.args], {
			name: 'xterm-256color',
			cols: options.cols,
			rows: options.rows,
			cwd: options.cwd,
			env: {...options.env},
			encoding: null,
		});
		return {
			pid: child.pid,
			onData: (listener) => {
				child.onData((data) => listener(typeof data === 'string' ? Buffer.from(data) : (data as Uint8Array)));
			},
			onExit: (listener) => {
				child.onExit((exit) => listener({exitCode: exit.exitCode, signal: exit.signal || undefined}));
			},
			write: (data) => child.write(typeof data === 'string' ? data : Buffer.from(data)),
			resize: (cols, rows) => {
				try {
					child.resize(cols, rows);
				} catch {
					// The child may already have exited; resizing a dead PTY is harmless to skip.
				}
			},
			kill: (signal) => {
				try {
					process.kill(-child.pid, signal);
				} catch {
					try {
						child.kill(signal);
					} catch {
						// Already gone.
					}
				}
			},
		};
	}
}
