// Session transcripts: `<config>/projects/<escaped cwd>/<session>.jsonl`, one JSON object
// per line with the field layout of 2.1.330 (claude-cli.md §7.2).

import {randomUUID} from 'node:crypto';
import {appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {escapeProjectPath, type Paths} from '../config.js';

export type TranscriptBase = {
	readonly sessionId: string;
	readonly cwd: string;
	readonly version: string;
	readonly entrypoint: 'cli' | 'sdk-cli';
	readonly gitBranch: string;
};

export type Usage = {
	readonly input_tokens: number;
	readonly cache_creation_input_tokens: number;
	readonly cache_read_input_tokens: number;
	readonly output_tokens: number;
};

export function transcriptPath(paths: Paths, cwd: string, sessionId: string): string {
	return join(paths.projectsDir, escapeProjectPath(cwd), `${sessionId}.jsonl`);
}

/** Finds a session by id: this project first, then any project (ids are global). */
export function findSessionFile(paths: Paths, cwd: string, sessionId: string): string | undefined {
	const own = transcriptPath(paths, cwd, sessionId);
	if (existsSync(own)) return own;
	if (!existsSync(paths.projectsDir)) return undefined;
	for (const dir of readdirSync(paths.projectsDir)) {
		const candidate = join(paths.projectsDir, dir, `${sessionId}.jsonl`);
		if (existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** The most recently written session of this working directory (`--continue`). */
export function latestSessionId(paths: Paths, cwd: string): string | undefined {
	const dir = join(paths.projectsDir, escapeProjectPath(cwd));
	if (!existsSync(dir)) return undefined;
	let best: {id: string; mtime: number} | undefined;
	for (const name of readdirSync(dir)) {
		if (!name.endsWith('.jsonl')) continue;
		const mtime = statSync(join(dir, name)).mtimeMs;
		if (!best || mtime > best.mtime) best = {id: name.slice(0, -'.jsonl'.length), mtime};
	}
	return best?.id;
}

export function gitBranch(cwd: string): string {
	let dir = cwd;
	for (;;) {
		const head = join(dir, '.git', 'HEAD');
		if (existsSync(head)) {
			try {
				const text = readFileSync(head, 'utf8').trim();
				const match = /^ref: refs\/heads\/(.+)$/.exec(text);
				return match?.[1] ?? 'HEAD';
			} catch {
				return 'HEAD';
			}
		}
		const parent = dirname(dir);
		if (parent === dir) return 'HEAD';
		dir = parent;
	}
}

export type HistoryEntry = {readonly role: 'user' | 'assistant'; readonly text: string};

/** User prompts and assistant texts of a transcript, for replaying it on resume. */
export function readHistory(path: string): HistoryEntry[] {
	const out: HistoryEntry[] = [];
	for (const line of readLines(path)) {
		const message = line['message'] as {role?: string; content?: unknown} | undefined;
		if (!message) continue;
		if (line['type'] === 'user' && typeof message.content === 'string' && line['isMeta'] !== true) {
			out.push({role: 'user', text: message.content});
		} else if (line['type'] === 'assistant' && Array.isArray(message.content)) {
			for (const block of message.content as {type?: string; text?: string}[]) {
				if (block.type === 'text' && typeof block.text === 'string') out.push({role: 'assistant', text: block.text});
			}
		}
	}
	return out;
}

function readLines(path: string): Record<string, unknown>[] {
	if (!existsSync(path)) return [];
	const out: Record<string, unknown>[] = [];
	for (const raw of readFileSync(path, 'utf8').split('\n')) {
		if (!raw.trim()) continue;
		try {
			out.push(JSON.parse(raw) as Record<string, unknown>);
		} catch {
			// A torn last line from a crashed writer is skipped, as the real reader does.
		}
	}
	return out;
}

/** Copies a conversation under a new id (`--fork-session`, legacy resume). */
export function copyTranscript(from: string, to: string, newId: string): void {
	mkdirSync(dirname(to), {recursive: true});
	const lines = readLines(from).map((line) => JSON.stringify({...line, sessionId: newId}));
	writeFileSync(to, lines.length > 0 ? lines.join('\n') + '\n' : '');
}

export class Transcript {
	private lastUuid: string | null;

	constructor(
		readonly path: string,
		private readonly base: TranscriptBase,
	) {
		this.lastUuid = Transcript.lastUuidOf(path);
	}

	private static lastUuidOf(path: string): string | null {
		const lines = readLines(path);
		const last = lines[lines.length - 1];
		return typeof last?.['uuid'] === 'string' ? last['uuid'] : null;
	}

	private write(fields: Record<string, unknown>): string {
		const uuid = randomUUID();
		const line = {
			parentUuid: this.lastUuid,
			isSidechain: false,
			...fields,
			uuid,
			timestamp: new Date().toISOString(),
			userType: 'external',
			entrypoint: this.base.entrypoint,
			cwd: this.base.cwd,
			sessionId: this.base.sessionId,
			version: this.base.version,
			gitBranch: this.base.gitBranch,
		};
		mkdirSync(dirname(this.path), {recursive: true});
		appendFileSync(this.path, JSON.stringify(line) + '\n');
		this.lastUuid = uuid;
		return uuid;
	}

	userPrompt(text: string, promptId: string, permissionMode: string, meta = false): string {
		return this.write({
			promptId,
			type: 'user',
			message: {role: 'user', content: text},
			...(meta ? {isMeta: true} : {}),
			permissionMode,
			promptSource: this.base.entrypoint === 'cli' ? 'user' : 'sdk',
		});
	}

	assistantBlock(message: {id: string; model: string; block: unknown; usage: Usage; final: boolean}, requestId: string): string {
		return this.write({
			message: {
				id: message.id,
				type: 'message',
				role: 'assistant',
				model: message.model,
				content: [message.block],
				stop_reason: message.final ? 'end_turn' : (message.block as {type?: string}).type === 'tool_use' ? 'tool_use' : null,
				stop_sequence: null,
				usage: message.usage,
			},
			requestId,
			requestedModel: message.model,
			type: 'assistant',
		});
	}

	toolResult(toolUseId: string, content: string, isError: boolean, toolUseResult: unknown, decision?: unknown): string {
		return this.write({
			type: 'user',
			message: {role: 'user', content: [{tool_use_id: toolUseId, type: 'tool_result', content, is_error: isError}]},
			toolUseResult,
			...(decision ? {permissionDecision: decision} : {}),
		});
	}

	/** Synthetic assistant line for API errors and usage limits. */
	apiError(text: string, extra: Record<string, unknown>): string {
		return this.write({
			message: {
				id: randomUUID(),
				container: null,
				model: '<synthetic>',
				role: 'assistant',
				stop_reason: 'stop_sequence',
				stop_sequence: '',
				type: 'message',
				usage: {input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0},
				content: [{type: 'text', text}],
			},
			type: 'assistant',
			isApiErrorMessage: true,
			...extra,
		});
	}

	interrupted(forTool: boolean): string {
		const text = forTool ? '[Request interrupted by user for tool use]' : '[Request interrupted by user]';
		return this.write({type: 'user', message: {role: 'user', content: [{type: 'text', text}]}});
	}

	system(subtype: string, fields: Record<string, unknown>): string {
		return this.write({type: 'system', subtype, ...fields});
	}
}
