// Reading the conversation above the prompt box. The CLI's own notices have fixed places
// there: a limit or login error hangs (`⎿`) directly under the user's `❯ prompt`, the spinner
// or its finished summary is the last column-0 row, and "Interrupted" is the last block. Text
// the agent writes is always indented inside a `●` block or a tool result, so position, not
// wording, tells the two apart.

import {
	API_LIMIT_LINE,
	AUTH_LINE,
	BLOCK_HEADER,
	COLLAPSED_TOOLS,
	DONE_LINE,
	INTERRUPTED_ROW,
	LIMIT_LINE,
	RESULT_ROW,
	SPINNER_ACTIVE,
	TOOL_CALL,
	TOOL_PROGRESS,
	USER_PROMPT,
} from './patterns.js';
import {indentOf, type Rows} from './rows.js';

/** Right-aligned status rows (`◐ medium · /effort`) start this far in; no transcript text does. */
const STATUS_INDENT = 20;
const RATE_LIMIT_COMMAND = '/rate-limit-options';
const NOTICE_FOLLOW_UP = /^(?:[•·]\s*)?\/|^Opening your options/u;

export type PromptNotice = {readonly kind: 'limit' | 'auth'; readonly text: string};

/**
 * The CLI notice shown under the last user prompt, if it is a usage limit or a login error.
 * The `/rate-limit-options` command the CLI types by itself is skipped, so the notice under
 * the prompt that hit the limit still counts once that dialog is closed.
 */
export function noticeUnderLastPrompt(rows: Rows, end: number): PromptNotice | undefined {
	let prompt = -1;
	for (let i = end - 1; i >= 0; i--) {
		const row = rows[i] ?? '';
		if (!USER_PROMPT.test(row)) continue;
		if (row.slice(2).trim() === RATE_LIMIT_COMMAND) continue;
		prompt = i;
		break;
	}
	if (prompt < 0) return undefined;

	let i = prompt + 1;
	// A long prompt wraps onto indented rows before the notice.
	while (i < end && (rows[i] ?? '').length > 0 && indentOf(rows[i] ?? '') >= 2 && !RESULT_ROW.test(rows[i] ?? '')) i++;

	const result = RESULT_ROW.exec(rows[i] ?? '');
	if (result && i < end) {
		return classifyNotice(result[1] ?? '', rows[i + 1], 5, false);
	}
	while (i < end && (rows[i] ?? '').length === 0) i++;
	const block = i < end ? BLOCK_HEADER.exec(rows[i] ?? '') : null;
	if (block) return classifyNotice(block[1] ?? '', rows[i + 1], 2, true);
	return undefined;
}

function classifyNotice(first: string, next: string | undefined, wrapIndent: number, synthetic: boolean): PromptNotice | undefined {
	const limitPattern = synthetic ? API_LIMIT_LINE : LIMIT_LINE;
	const candidates = [first.trim()];
	// At 80 columns a long reset zone can push the notice onto a second row; the wrapped form
	// is tried first so the zone is not cut off. Rows the CLI adds under a notice
	// ("/upgrade to …", "Opening your options…") are not part of it.
	if (next !== undefined && next.length > 0 && indentOf(next) >= wrapIndent && !RESULT_ROW.test(next) && !NOTICE_FOLLOW_UP.test(next.trim())) {
		candidates.unshift(`${first.trim()} ${next.trim()}`);
	}
	for (const text of candidates) {
		if (limitPattern.test(text)) return {kind: 'limit', text};
		if (AUTH_LINE.test(text)) return {kind: 'auth', text};
	}
	return undefined;
}

/** Whether the last column-0 row above the prompt box is a live spinner. */
export function spinnerAbove(rows: Rows, end: number): boolean {
	for (let i = end - 1, scanned = 0; i >= 0 && scanned < 40; i--, scanned++) {
		const row = rows[i] ?? '';
		// An interrupt ends the turn even when the row above it is a `✻ Thinking…` header.
		if (INTERRUPTED_ROW.test(row)) return false;
		// Blank rows, status rows, tips and to-do lists under the spinner are all indented.
		if (row.length === 0 || indentOf(row) > 0) continue;
		return SPINNER_ACTIVE.test(row) && !DONE_LINE.test(row);
	}
	return false;
}

/** Whether `⎿  Interrupted · What should Claude do instead?` is the last thing in the transcript. */
export function interruptedAbove(rows: Rows, end: number): boolean {
	for (let i = end - 1; i >= 0; i--) {
		const row = rows[i] ?? '';
		if (row.length === 0 || indentOf(row) >= STATUS_INDENT || DONE_LINE.test(row)) continue;
		return INTERRUPTED_ROW.test(row);
	}
	return false;
}

type Block = {lines: string[]; tool: boolean; closed: boolean; previousBlank: boolean; sawBlank: boolean};

/**
 * Text of the last `●` text block of the current turn (after the last visible user prompt),
 * within rows [0, end). Tool blocks (`● Bash(…)`, `● Running 1 shell command…`, blocks with a
 * `⎿` result) and notices are skipped; blocks from earlier turns are not the agent's answer to
 * the latest prompt, so they are not returned.
 */
export function lastMessageIn(rows: Rows, end: number): string | undefined {
	while (end > 0 && ((rows[end - 1] ?? '').length === 0 || indentOf(rows[end - 1] ?? '') >= STATUS_INDENT)) end--;
	let start = 0;
	for (let i = end - 1; i >= 0; i--) {
		if (USER_PROMPT.test(rows[i] ?? '')) {
			start = i + 1;
			break;
		}
	}

	let best: string | undefined;
	let block: Block | undefined;
	const flush = (): void => {
		if (block && !block.tool) {
			const text = block.lines.join('\n').trim();
			if (text.length > 0) best = text;
		}
		block = undefined;
	};

	for (let i = start; i < end; i++) {
		const row = rows[i] ?? '';
		const header = BLOCK_HEADER.exec(row);
		if (header) {
			flush();
			const first = header[1] ?? '';
			block = {lines: [first], tool: isToolHeader(first), closed: false, previousBlank: false, sawBlank: false};
			continue;
		}
		if (!block) continue;
		if (row.length === 0) {
			if (!block.closed) block.lines.push('');
			block.previousBlank = true;
			block.sawBlank = true;
			continue;
		}
		if (indentOf(row) < 2) {
			flush();
			continue;
		}
		const result = RESULT_ROW.exec(row);
		if (result) {
			// A result hanging straight under the header makes it a tool call (`● Update Todos`);
			// "Interrupted" also hangs under plain text, which stays text.
			const direct = !block.sawBlank && (block.lines.length === 1 || TOOL_CALL.test(block.lines[0] ?? ''));
			if (direct && !(result[1] ?? '').startsWith('Interrupted')) block.tool = true;
			block.closed = true;
			continue;
		}
		if (block.previousBlank && COLLAPSED_TOOLS.test(row)) {
			flush();
			continue;
		}
		if (!block.closed) block.lines.push(row.slice(2));
		block.previousBlank = false;
	}
	flush();
	return best;
}

function isToolHeader(first: string): boolean {
	if (TOOL_PROGRESS.test(first)) return true;
	// `Bash(cmd)` ends with ")" (or "…" when cut); a sentence that merely starts with "name(" does not.
	return TOOL_CALL.test(first) && /[)…]$/u.test(first);
}
