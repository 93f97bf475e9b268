// The orchestrator's own log (state/logs/auto-claude.log). Never console.* while the UI
// is mounted: the terminal belongs to Ink then.
import fs from 'node:fs';
import path from 'node:path';
import {maskSecrets} from '../../core/security/mask.js';

export type Logger = {
	info(message: string, data?: Record<string, unknown>): void;
	warn(message: string, data?: Record<string, unknown>): void;
	error(message: string, data?: Record<string, unknown>): void;
};

export function fileLogger(file: string): Logger {
	fs.mkdirSync(path.dirname(file), {recursive: true});
	const write = (level: string, message: string, data?: Record<string, unknown>): void => {
		const line = `${new Date().toISOString()} ${level} ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`;
		try {
			fs.appendFileSync(file, maskSecrets(line), {mode: 0o600});
		} catch {
			// Logging must never take the orchestrator down.
		}
	};
	return {
		info: (message, data) => write('INFO', message, data),
		warn: (message, data) => write('WARN', message, data),
		error: (message, data) => write('ERROR', message, data),
	};
}

export const silentLogger: Logger = {info() {}, warn() {}, error() {}};
