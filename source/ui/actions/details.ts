// The details view's text: the same report as `auto-claude task show`, plus the tail of
// the attempt's log as a terminal would show it (the log is raw screen output: replaying
// it through a screen model turns redraws into the text that stayed). Only the end of
// the log is read, so a 50 MB log opens instantly.
import fs from 'node:fs';
import path from 'node:path';
import xterm from '@xterm/headless';
import {formatTask} from '../../app/commands/task.js';
import type {TaskRecord} from '../../core/task.js';
import {sanitize} from '../view/text.js';

const TAIL_BYTES = 64 * 1024;

export function logFile(logsDir: string, record: TaskRecord): string {
	return path.join(logsDir, record.id, `${record.session?.attempt ?? record.attempts}.log`);
}

export function readTail(file: string, bytes = TAIL_BYTES): string | undefined {
	try {
		const fd = fs.openSync(file, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			const length = Math.min(size, bytes);
			const buffer = Buffer.alloc(length);
			fs.readSync(fd, buffer, 0, length, size - length);
			const text = buffer.toString('utf8');
			// Start at a line boundary when the file was cut.
			return length < size ? text.slice(text.indexOf('\n') + 1) : text;
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return undefined;
	}
}

/** Replays raw output through a screen model and returns its last non-empty lines. */
export function replay(raw: string, lines = 60, cols = 120): Promise<string[]> {
	const terminal = new xterm.Terminal({cols, rows: 40, scrollback: 2000, allowProposedApi: true});
	return new Promise((resolve) => {
		terminal.write(raw, () => {
			const buffer = terminal.buffer.active;
			const out: string[] = [];
			for (let y = 0; y < buffer.length; y++) out.push(buffer.getLine(y)?.translateToString(true) ?? '');
			terminal.dispose();
			while (out.length > 0 && !out[out.length - 1]!.trim()) out.pop();
			resolve(out.slice(-lines).map((line) => sanitize(line)));
		});
	});
}

export function detailHead(record: TaskRecord, dirs: {root: string; logs: string}): string[] {
	const lines = formatTask(record, {logs: false, workDir: dirs.root}).split('\n');
	lines.push(`  log        ${path.relative(dirs.root, logFile(dirs.logs, record))}`);
	return lines.map((line) => sanitize(line));
}

export async function detailLines(record: TaskRecord, dirs: {root: string; logs: string}): Promise<string[]> {
	const head = detailHead(record, dirs);
	const raw = readTail(logFile(dirs.logs, record));
	if (raw === undefined || !raw.trim()) return [...head, '    (no output yet)'];
	const tail = await replay(raw);
	return [...head, ...tail.map((line) => `    ${line}`)];
}
