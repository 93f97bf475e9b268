// The files the CLI keeps under CLAUDE_CONFIG_DIR (claude-cli.md Part A §7): transcripts and the live
// per-process status file.
import fs from 'node:fs';
import path from 'node:path';
import type {ClaudeHome} from './home.js';

/** `projects/<cwd with every non-alphanumeric character replaced by '-'>/<session id>.jsonl`. */
export const transcriptPath = (home: ClaudeHome, sessionId: string, cwd = home.workDir): string =>
	path.join(home.configDir, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'), `${sessionId}.jsonl`);

/** Parsed transcript lines; a line being written at the moment of reading is skipped, not fatal. */
export const readTranscript = (file: string): Record<string, unknown>[] => {
	if (!fs.existsSync(file)) return [];
	const entries: Record<string, unknown>[] = [];
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (line.trim() === '') continue;
		try {
			entries.push(JSON.parse(line) as Record<string, unknown>);
		} catch {
			// partial last line
		}
	}
	return entries;
};

export type LiveSession = {pid: number; status: string; waitingFor?: string; sessionId?: string};

/** Every `sessions/<pid>.json` (2.1.x): present only while that CLI process runs, rewritten on each state change.
 * Listed rather than looked up by pid because a wrapper (strace) may sit between the PTY and the CLI. */
export const liveSessions = (home: ClaudeHome): LiveSession[] => {
	const dir = path.join(home.configDir, 'sessions');
	if (!fs.existsSync(dir)) return [];
	const sessions: LiveSession[] = [];
	for (const name of fs.readdirSync(dir)) {
		const pid = /^(\d+)\.json$/.exec(name)?.[1];
		if (!pid) continue;
		try {
			const data = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>;
			sessions.push({
				pid: Number(pid),
				status: String(data.status),
				...(typeof data.waitingFor === 'string' ? {waitingFor: data.waitingFor} : {}),
				...(typeof data.sessionId === 'string' ? {sessionId: data.sessionId} : {}),
			});
		} catch {
			// being rewritten right now
		}
	}
	return sessions;
};
