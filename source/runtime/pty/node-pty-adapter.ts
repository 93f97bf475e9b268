// node-pty behind PtyFactory. Raw bytes (encoding: null) go straight to the screen
// model and the log; decoding happens once, in xterm.
import * as pty from 'node-pty';
import {MaskedLog} from '../logging/masked-log.js';
import {signalGroup} from './process-group.js';
import {EndGuard} from './pty-end.js';
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
		const end = new EndGuard(child);
		const log = options.logFile ? new MaskedLog(options.logFile) : undefined;
		child.onData((data) => {
			end.data();
			log?.write(typeof data === 'string' ? data : (data as unknown as Uint8Array));
		});
		child.onExit(() => {
			end.release();
			void log?.close();
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
			kill: (signal) => signalGroup(child.pid, signal),
		};
	}
}
