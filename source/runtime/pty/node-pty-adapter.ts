// node-pty behind PtyFactory, on the main thread (running from source, or with
// AUTO_CLAUDE_PTY_THREAD=0). Raw bytes go straight to the screen model and the log.
import {MaskedLog} from '../logging/masked-log.js';
import {signalGroup} from './process-group.js';
import {EndGuard} from './pty-end.js';
import type {PtyFactory, PtyProcess, PtySpawnOptions} from './pty-port.js';
import {asBytes, spawnPty} from './spawn-pty.js';

export class NodePtyFactory implements PtyFactory {
	spawn(options: PtySpawnOptions): PtyProcess {
		const child = spawnPty(options);
		const end = new EndGuard(child);
		const log = options.logFile ? new MaskedLog(options.logFile) : undefined;
		child.onData((data) => {
			end.data();
			log?.write(asBytes(data as string | Uint8Array));
		});
		child.onExit(() => {
			end.release();
			void log?.close();
		});
		return {
			pid: child.pid,
			onData: (listener) => {
				child.onData((data) => listener(asBytes(data as string | Uint8Array)));
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
