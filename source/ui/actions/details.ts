// The details view's text: the same report as `auto-claude task show`, plus the tail of
// the attempt's log. Only the end of the log is read, so a 50 MB log opens instantly.
import fs from 'node:fs';
import path from 'node:path';
import {formatTask} from '../../app/commands/task.js';
import {stripAnsi} from '../../app/commands/format.js';
import type {TaskRecord} from '../../core/task.js';
import {sanitize} from '../view/text.js';

const TAIL_BYTES = 64 * 1024;

export function logTail(logsDir: string, record: TaskRecord, lines = 60): {file: string; lines: string[]} {
	const attempt = record.session?.attempt ?? record.attempts;
	const file = path.join(logsDir, record.id, `${attempt}.log`);
	let text = '';
	try {
		const fd = fs.openSync(file, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			const length = Math.min(size, TAIL_BYTES);
			const buffer = Buffer.alloc(length);
			fs.readSync(fd, buffer, 0, length, size - length);
			text = buffer.toString('utf8');
			if (length < size) text = text.slice(text.indexOf('\n') + 1);
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return {file, lines: []};
	}
	// Screen redraws are mostly cursor moves: what remains after stripping them is the text.
	const plain = stripAnsi(text)
		.split(/\r?\n|\r/)
		.map((line) => sanitize(line).trimEnd())
		.filter((line) => line.trim().length > 0);
	return {file, lines: plain.slice(-lines)};
}

export function detailLines(record: TaskRecord, dirs: {root: string; logs: string}): string[] {
	const lines = formatTask(record, {logs: false, workDir: dirs.root}).split('\n');
	const tail = logTail(dirs.logs, record);
	lines.push(`  log        ${path.relative(dirs.root, tail.file)}`);
	if (tail.lines.length === 0) lines.push('    (no output yet)');
	for (const line of tail.lines) lines.push(`    ${line}`);
	return lines.map((line) => sanitize(line));
}
