// The claude CLI's screen, classified. Order of the checks follows what the CLI draws last:
// the exit banner replaces everything; a modal replaces the prompt box; with the prompt box in
// place, its footer (auto-wait, "esc to interrupt") and the spinner row above it speak before
// the transcript does.

import type {ScreenDetector, ScreenObservation} from '../types.js';
import {findLayout, type Layout} from './layout.js';
import {parseMenu} from './menu.js';
import {
	DIALOG_HINT,
	FOOTER_AUTO_CONTINUE,
	FOOTER_LIMIT,
	INTERRUPT_HINT,
	RESUME_COMMAND,
	RESUME_HEAD,
} from './patterns.js';
import {classifyRegion} from './region.js';
import {normalizeRows, type Rows} from './rows.js';
import {interruptedAbove, lastMessageIn, noticeUnderLastPrompt, spinnerAbove} from './transcript.js';

const BUSY: ScreenObservation = {kind: 'busy'};
const UNKNOWN: ScreenObservation = {kind: 'unknown'};

export const detectClaudeScreen: ScreenDetector = (lines) => {
	const rows = normalizeRows(lines);
	if (rows.length === 0) return UNKNOWN;
	const exit = findExitBanner(rows);
	if (exit) return exit.sessionId === undefined ? {kind: 'exited'} : {kind: 'exited', sessionId: exit.sessionId};

	const layout = findLayout(rows);
	if (layout.kind === 'region') {
		return (
			classifyRegion({
				region: layout.region,
				anchored: layout.anchored,
				limitText: () => limitNotice(rows, layout.top),
			}) ?? UNKNOWN
		);
	}
	return classifyPromptScreen(rows, layout);
};

/** Text of the last `●` assistant text block of the current turn, if any is on screen. */
export function lastAssistantMessage(lines: readonly string[]): string | undefined {
	const rows = normalizeRows(lines);
	const exit = findExitBanner(rows);
	if (exit) return lastMessageIn(rows, exit.headRow);
	const layout = findLayout(rows);
	return lastMessageIn(rows, layout.kind === 'prompt' || layout.anchored ? layout.top : rows.length);
}

function classifyPromptScreen(rows: Rows, layout: Extract<Layout, {kind: 'prompt'}>): ScreenObservation {
	const {top, footer} = layout;

	// Some menus open under the prompt box instead of replacing it.
	const footerMenu = parseMenu(footer);
	if (footerMenu && footerMenu.options.length >= 2 && footer.some((row) => DIALOG_HINT.test(row.trim()))) {
		const modal = classifyRegion({region: footer, anchored: true, limitText: () => limitNotice(rows, top)});
		if (modal) return modal;
	}

	const autoWait = footerLimit(footer);
	if (autoWait) {
		return {
			kind: 'limit',
			text: limitNotice(rows, top) ?? autoWait.text,
			autoContinue: autoWait.autoContinue,
			dialog: false,
		};
	}

	if (footer.some((row) => INTERRUPT_HINT.test(row)) || spinnerAbove(rows, top)) return BUSY;

	const notice = noticeUnderLastPrompt(rows, top);
	if (notice?.kind === 'limit') return {kind: 'limit', text: notice.text, autoContinue: false, dialog: false};
	if (notice?.kind === 'auth') return {kind: 'onboarding', screen: 'not-logged-in', text: notice.text};

	if (interruptedAbove(rows, top)) return {kind: 'interrupted'};

	const lastMessage = lastMessageIn(rows, top);
	return lastMessage === undefined ? {kind: 'idle'} : {kind: 'idle', lastMessage};
}

function limitNotice(rows: Rows, end: number): string | undefined {
	const notice = noticeUnderLastPrompt(rows, end);
	return notice?.kind === 'limit' ? notice.text : undefined;
}

/** 2.1.330 auto-wait: `⚠ Usage limit reached · limit resets 7pm` / `Continuing automatically at 7pm · Esc to cancel`. */
function footerLimit(footer: Rows): {text: string; autoContinue: boolean} | undefined {
	let text: string | undefined;
	let autoContinue = false;
	for (const row of footer) {
		const trimmed = row.trim();
		const warning = FOOTER_LIMIT.exec(trimmed);
		if (warning) text ??= warning[1];
		else if (FOOTER_AUTO_CONTINUE.test(trimmed)) {
			autoContinue = true;
			text ??= trimmed;
		}
	}
	return text === undefined ? undefined : {text, autoContinue};
}

/** Maximum drawn rows under the banner (a shell prompt after the CLI exits, say). */
const MAX_ROWS_UNDER_EXIT = 2;

/**
 * `Resume this session with:` / `claude --resume <id>` as the last rows of the screen. While
 * the CLI runs its prompt box or a modal is always below anything it or the agent printed, so
 * the same words quoted in the conversation cannot be at the bottom.
 */
function findExitBanner(rows: Rows): {sessionId?: string; headRow: number} | undefined {
	let drawnBelow = 0;
	for (let i = rows.length - 1; i >= 1 && drawnBelow <= MAX_ROWS_UNDER_EXIT; i--) {
		const row = rows[i] ?? '';
		if (row.length === 0) continue;
		const command = RESUME_COMMAND.exec(row);
		if (command) {
			let head = i - 1;
			while (head >= 0 && (rows[head] ?? '').length === 0) head--;
			if (head < 0 || !RESUME_HEAD.test(rows[head] ?? '')) return undefined;
			const id = (command[1] ?? '').replace(/^["']|["']$/gu, '');
			return id.length > 0 ? {sessionId: id, headRow: head} : {headRow: head};
		}
		if (/^[─❯>│╰╭]/u.test(row)) return undefined;
		drawnBelow++;
	}
	return undefined;
}
