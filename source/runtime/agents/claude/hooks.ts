// The per-session settings file: hooks that run `auto-claude hook <event>`, which
// forwards the hook's JSON to this orchestrator. Only events every supported version
// knows are registered (older ones get fewer, never an unknown one).
import {compareVersions} from './version.js';

const BASE_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'Notification', 'Stop', 'SessionEnd'] as const;

export function hookEvents(version: string | undefined): string[] {
	if (version && compareVersions(version, '1.0.38') < 0) return [];
	// StopFailure (limits and API errors end a turn) arrived with 2.1.
	if (!version || compareVersions(version, '2.1.0') >= 0) return [...BASE_EVENTS, 'StopFailure'];
	return [...BASE_EVENTS];
}

/** Quotes one word for /bin/sh (hooks run through `sh -c`). */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const WAITS_FOR_DECISION = new Set(['PreToolUse', 'PermissionRequest']);

export function hookSettings(selfCommand: readonly string[], events: readonly string[]): Record<string, unknown> {
	const base = selfCommand.map(shellQuote).join(' ');
	const hooks: Record<string, unknown> = {};
	for (const event of events) {
		const entry = {type: 'command', command: `${base} ${event}`, timeout: WAITS_FOR_DECISION.has(event) ? 60 : 15};
		hooks[event] = [WAITS_FOR_DECISION.has(event) ? {matcher: '*', hooks: [entry]} : {hooks: [entry]}];
	}
	return {hooks};
}
