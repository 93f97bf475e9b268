// Where the live part of a claude screen is. The CLI renders inline: the conversation scrolls
// above, and the bottom holds either the prompt box (`─` rule, `❯` row(s), `─` rule, footer;
// 1.0.x draws it as a `╭│ > │╰` box) or a modal that replaced it (a `─` rule, or a 1.0.x box,
// and the dialog under it). First-run screens have neither and are read whole.

import {PROMPT_BOX_ROW, RESULT_ROW} from './patterns.js';
import {indentOf, isBoxBottom, isBoxTop, isRule, screenWidth, unbox, type Rows} from './rows.js';

export type Layout =
	/** Transcript is rows [0, top); the box spans top..bottom; footer rows follow. */
	| {readonly kind: 'prompt'; readonly top: number; readonly bottom: number; readonly footer: Rows}
	/** Transcript is rows [0, top); `region` is the modal (unboxed), `anchored` when a rule or box marks it. */
	| {readonly kind: 'region'; readonly top: number; readonly region: Rows; readonly anchored: boolean};

/** A 1.0.x box this far above the bottom is the welcome banner, not the prompt or a modal. */
const MAX_ROWS_UNDER_BOX = 6;
/** The prompt box grows with a long typed prompt; its top rule is searched this far up. */
const MAX_PROMPT_ROWS = 60;

export function findLayout(rows: Rows): Layout {
	const width = screenWidth(rows);
	let drawnBelow = 0;
	for (let i = rows.length - 1; i >= 0; i--) {
		const row = rows[i] ?? '';
		if (isRule(row, width)) return fromRule(rows, i, width);
		if (drawnBelow <= MAX_ROWS_UNDER_BOX && isBoxBottom(row)) {
			const boxed = fromBox(rows, i);
			if (boxed) return boxed;
		}
		if (row.length > 0) drawnBelow++;
	}
	return wholeScreen(rows);
}

function fromRule(rows: Rows, rule: number, width: number): Layout {
	for (let i = rule - 1; i >= 0 && i >= rule - MAX_PROMPT_ROWS; i--) {
		if (!isRule(rows[i] ?? '', width)) continue;
		if (PROMPT_BOX_ROW.test(rows[i + 1] ?? '')) {
			return {kind: 'prompt', top: i, bottom: rule, footer: rows.slice(rule + 1)};
		}
		break;
	}
	return {kind: 'region', top: rule, region: rows.slice(rule + 1), anchored: true};
}

function fromBox(rows: Rows, bottom: number): Layout | undefined {
	for (let i = bottom - 1; i >= 0; i--) {
		const row = rows[i] ?? '';
		if (isBoxTop(row)) {
			const content = rows.slice(i + 1, bottom).map(unbox);
			const firstContent = content.find((r) => r.length > 0) ?? '';
			if (/^>(?:\s|$)/u.test(firstContent)) {
				return {kind: 'prompt', top: i, bottom, footer: rows.slice(bottom + 1)};
			}
			return {kind: 'region', top: i, region: [...content, ...rows.slice(bottom + 1)], anchored: true};
		}
		if (!row.startsWith('│')) return undefined;
	}
	return undefined;
}

/** Transcript rows: block headers, done lines, user prompts, `⎿` results — all at fixed columns. */
const TRANSCRIPT_ROW = /^(?:[●⏺✻] |❯ \S|> \S)/u;

function wholeScreen(rows: Rows): Layout {
	let start = 0;
	for (let i = rows.length - 1; i >= 0; i--) {
		const row = rows[i] ?? '';
		if (TRANSCRIPT_ROW.test(row) || (RESULT_ROW.test(row) && indentOf(row) <= 4)) {
			start = i + 1;
			break;
		}
	}
	return {kind: 'region', top: start, region: rows.slice(start), anchored: false};
}
