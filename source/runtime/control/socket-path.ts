// Where the control socket lives. Unix socket paths are limited to about 107 bytes, so
// a deep work folder gets a socket in a private per-user runtime directory instead,
// named by a hash of the state folder so every command finds the same one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {stableHash} from '../../core/hash.js';

const MAX_SOCKET_PATH = 100;

export function controlSocketPath(stateDir: string): string {
	const preferred = path.join(stateDir, 'control.sock');
	if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH) return preferred;
	const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
	const base = process.env.XDG_RUNTIME_DIR && fs.existsSync(process.env.XDG_RUNTIME_DIR) ? process.env.XDG_RUNTIME_DIR : os.tmpdir();
	const dir = path.join(base, `auto-claude-${uid}`);
	return path.join(dir, `${stableHash(path.resolve(stateDir))}.sock`);
}

export function ensureSocketDir(socketPath: string): void {
	const dir = path.dirname(socketPath);
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	if (!dir.endsWith(`${path.sep}state`)) fs.chmodSync(dir, 0o700);
}
