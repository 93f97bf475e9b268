// Selection menus of the claude CLI. Numbered menus (`❯ 1. Yes`) pick an option with its
// digit; unnumbered ones (2.1.330 trust: `❯ No, exit` / `Yes, I trust this folder`) need the
// cursor moved and Enter, so the keys are computed from where the cursor is, never guessed.

import type {KeySequence, MenuOption} from '../types.js';
import {DOWN, ENTER, QUESTION_START, UP} from './patterns.js';
import {indentOf, isDashedSeparator, type Rows} from './rows.js';

export type Menu = {
	readonly options: readonly MenuOption[];
	/** Region rows of the first and last option (wrapped labels included). */
	readonly first: number;
	readonly last: number;
	readonly numbered: boolean;
	/** Keys that choose option `index` from the current cursor position. */
	readonly keysFor: (index: number) => KeySequence;
};

const CURSOR_ROW = /^(\s*)❯ (\S.*)$/u;
const NUMBERED = /^(\s*)(?:❯ +)?(\d{1,2})\.\s+(.*)$/u;

/** The menu whose cursor is the bottom-most `❯` of the region (a modal's menu sits at its bottom). */
export function parseMenu(region: Rows): Menu | undefined {
	for (let i = region.length - 1; i >= 0; i--) {
		const row = region[i] ?? '';
		if (!CURSOR_ROW.test(row)) continue;
		const numbered = NUMBERED.exec(row);
		return numbered ? parseNumbered(region, i, numbered) : parseUnnumbered(region, i);
	}
	return undefined;
}

function parseNumbered(region: Rows, cursor: number, match: RegExpExecArray): Menu {
	const digitCol = row(region, cursor).indexOf(match[2] ?? '', (match[1] ?? '').length);
	const isOption = (text: string): boolean => {
		const m = NUMBERED.exec(text);
		if (!m) return false;
		const col = text.indexOf(m[2] ?? '', (m[1] ?? '').length);
		return Math.abs(col - digitCol) <= 1;
	};
	const isContinuation = (text: string): boolean => text.length > 0 && indentOf(text) > digitCol && !isOption(text);

	let first = cursor;
	for (let i = cursor - 1; i >= 0; i--) {
		const text = row(region, i);
		if (isOption(text)) first = i;
		else if (!isContinuation(text)) break;
	}
	let last = cursor;
	for (let i = cursor + 1; i < region.length; i++) {
		const text = row(region, i);
		if (isOption(text) || isContinuation(text)) last = i;
		else break;
	}

	const labels: {key: string; label: string; selected: boolean}[] = [];
	for (let i = first; i <= last; i++) {
		const text = row(region, i);
		const m = isOption(text) ? NUMBERED.exec(text) : null;
		if (m) labels.push({key: m[2] ?? '', label: (m[3] ?? '').trim(), selected: i === cursor});
		else {
			const previous = labels.at(-1);
			if (previous) previous.label = `${previous.label} ${text.trim()}`;
		}
	}
	return {
		options: labels,
		first,
		last,
		numbered: true,
		keysFor: (index) => {
			const option = labels[index];
			return option ? [option.key] : [];
		},
	};
}

function parseUnnumbered(region: Rows, cursor: number): Menu {
	const cursorCol = row(region, cursor).indexOf('❯');
	const labelCol = cursorCol + 2;
	const isSibling = (text: string): boolean => text.length > 0 && indentOf(text) === labelCol;

	let first = cursor;
	while (first > 0 && isSibling(row(region, first - 1))) first--;
	let last = cursor;
	while (last + 1 < region.length && isSibling(row(region, last + 1))) last++;

	const selectedIndex = cursor - first;
	const moves = (index: number): string[] => {
		const delta = index - selectedIndex;
		return Array.from({length: Math.abs(delta)}, () => (delta > 0 ? DOWN : UP));
	};
	const keyName = (index: number): string => {
		const delta = index - selectedIndex;
		const step = delta > 0 ? 'Down' : 'Up';
		return [...Array.from({length: Math.abs(delta)}, () => step), 'Enter'].join(' ');
	};
	const options: MenuOption[] = [];
	for (let i = first; i <= last; i++) {
		const text = row(region, i).trim();
		const label = i === cursor ? text.replace(/^❯\s+/u, '') : text;
		options.push({key: keyName(i - first), label, selected: i === cursor});
	}
	return {
		options,
		first,
		last,
		numbered: false,
		keysFor: (index) => (index >= 0 && index < options.length ? [...moves(index), ENTER] : []),
	};
}

function row(region: Rows, index: number): string {
	return region[index] ?? '';
}

export function findOption(menu: Menu, pattern: RegExp): number {
	return menu.options.findIndex((option) => pattern.test(option.label));
}

export type Question = {readonly text: string; readonly index: number};

/**
 * The "Do you want …?" line that sits right above a menu (possibly wrapped over up to three
 * rows). Only that position counts, so a question inside a previewed file or command is ignored.
 */
export function questionAbove(region: Rows, menuFirst: number): Question | undefined {
	let end = menuFirst - 1;
	while (end >= 0 && row(region, end).length === 0) end--;
	for (let k = 0; k < 3 && end - k >= 0; k++) {
		const text = row(region, end - k);
		if (text.length === 0 || isDashedSeparator(text)) return undefined;
		if (QUESTION_START.test(text.trim())) {
			const joined = region
				.slice(end - k, end + 1)
				.map((r) => r.trim())
				.join(' ');
			return joined.endsWith('?') ? {text: joined, index: end - k} : undefined;
		}
	}
	return undefined;
}
