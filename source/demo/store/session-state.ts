// Simulator-only memory kept under `<config>/fake-claude/`: steps a session still owes
// (after a nudge, crash, limit or interrupt), crash-once keys already spent, rules used
// once, and the account-wide usage limit (a limit belongs to the account, not a session).

import {copyFileSync, existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {readJsonFile, writeJsonAtomic, type Paths} from '../config.js';
import type {LimitKind, LimitWording, Step} from '../scenario/steps.js';

export type SessionMemory = {
	/** Steps to run for the next user message that carries no directives of its own. */
	pending: Step[] | null;
	/** Steps registered by `fix-on-feedback`, armed when the current turn ends. */
	onFeedback: Step[] | null;
	usedRules: number[];
	/** Number of prompts already handled (the demo plan only applies to the first). */
	prompts: number;
	firstPrompt: string | null;
};

export type AccountLimit = {
	readonly resetsAt: number;
	readonly kind: LimitKind;
	readonly wording: LimitWording | undefined;
};

export class SessionStore {
	constructor(private readonly paths: Paths) {}

	private sessionFile(id: string): string {
		return join(this.paths.fakeDir, 'sessions', `${id}.json`);
	}

	load(id: string): SessionMemory {
		const raw = readJsonFile(this.sessionFile(id)) as Partial<SessionMemory> | undefined;
		return {
			pending: Array.isArray(raw?.pending) ? raw.pending : null,
			onFeedback: Array.isArray(raw?.onFeedback) ? raw.onFeedback : null,
			usedRules: Array.isArray(raw?.usedRules) ? raw.usedRules : [],
			prompts: typeof raw?.prompts === 'number' ? raw.prompts : 0,
			firstPrompt: typeof raw?.firstPrompt === 'string' ? raw.firstPrompt : null,
		};
	}

	save(id: string, memory: SessionMemory): void {
		writeJsonAtomic(this.sessionFile(id), memory);
	}

	copy(fromId: string, toId: string): void {
		const from = this.sessionFile(fromId);
		if (!existsSync(from)) return;
		mkdirSync(join(this.paths.fakeDir, 'sessions'), {recursive: true});
		copyFileSync(from, this.sessionFile(toId));
	}

	private crashFile(): string {
		return join(this.paths.fakeDir, 'crash-once.json');
	}

	crashSpent(key: string): boolean {
		const list = readJsonFile(this.crashFile());
		return Array.isArray(list) && list.includes(key);
	}

	spendCrash(key: string): void {
		const list = readJsonFile(this.crashFile());
		const keys = Array.isArray(list) ? (list as string[]) : [];
		writeJsonAtomic(this.crashFile(), [...keys, key]);
	}

	private accountFile(): string {
		return join(this.paths.fakeDir, 'account.json');
	}

	/** The account's active usage limit, if its reset time has not passed. */
	activeLimit(nowMs: number): AccountLimit | undefined {
		const raw = readJsonFile(this.accountFile()) as Partial<AccountLimit> | undefined;
		if (!raw || typeof raw.resetsAt !== 'number' || raw.resetsAt * 1000 <= nowMs) return undefined;
		return {resetsAt: raw.resetsAt, kind: raw.kind ?? 'five_hour', wording: raw.wording};
	}

	setLimit(limit: AccountLimit): void {
		writeJsonAtomic(this.accountFile(), limit);
	}
}
