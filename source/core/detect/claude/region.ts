// Modals that replace the prompt box: usage-limit options, onboarding and login screens, the
// workspace trust dialog, permission prompts, and any other menu the CLI opens. The menu at the
// bottom of the region and the row right above it decide; previewed file contents and commands
// sit higher up and never count.

import type {KeySequence, ScreenObservation} from '../types.js';
import {findOption, parseMenu, questionAbove, type Menu} from './menu.js';
import {DIALOG_HINT, ESC, KNOWN_DIALOG_TITLE, LIMIT_OPTION, TRUST_TITLE} from './patterns.js';
import {findRow, firstDrawn, indentOf, isDashedSeparator, textFrom, type Rows} from './rows.js';

const LIMIT_DIALOG_TITLE = 'What do you want to do?';

type Onboarding = Extract<ScreenObservation, {kind: 'onboarding'}>['screen'];

/** Anchor rows of first-run and login screens, checked in this order. */
const ONBOARDING: readonly {readonly screen: Onboarding; readonly pattern: RegExp}[] = [
	{screen: 'api-key', pattern: /^(?:Detected a custom API key in your environment|Do you want to use this API key\?)$/u},
	{screen: 'connectivity', pattern: /^Unable to connect to Anthropic services$/u},
	{screen: 'theme', pattern: /^(?:Let's get started\.|Choose the text style that looks best with your terminal)$/u},
	{screen: 'login-method', pattern: /^Select login method:$/u},
	{screen: 'oauth', pattern: /^(?:Browser didn't open\?.*|Paste code here if prompted.*|OAuth error:.*|https:\/\/claude\.ai\/oauth\/authorize\?\S*)$/u},
	{screen: 'security-notes', pattern: /^Security notes:$/u},
];

export type RegionContext = {
	readonly region: Rows;
	/** A rule or box marks where the modal starts (false: a first-run screen read whole). */
	readonly anchored: boolean;
	/** The limit notice found in the transcript above, for the usage-limit dialog. */
	readonly limitText: () => string | undefined;
};

export function classifyRegion(context: RegionContext): ScreenObservation | undefined {
	const {region, anchored} = context;
	if (firstDrawn(region) < 0) return undefined;
	const menu = parseMenu(region);
	// Anchor rows of a whole-screen read must sit where the CLI draws them (column 0 or 1),
	// not at the indentation of a quoted assistant paragraph.
	const maxIndent = anchored ? 2 : 1;

	if (menu && isLimitMenu(region, menu, context)) return limitDialog(menu, context);

	// The API-key question reads like a permission prompt, and a trust variant asks "Do you
	// want to work in this folder?", so both go before permissions; the other first-run
	// anchors go after, so a previewed file that quotes them cannot win over the prompt.
	const apiKey = onboarding(region, maxIndent, ONBOARDING.slice(0, 1));
	if (apiKey) return apiKey;
	if (menu) {
		const trust = trustDialog(region, menu, maxIndent);
		if (trust) return trust;
		const permission = permissionPrompt(region, menu);
		if (permission) return permission;
	}
	const firstRun = onboarding(region, maxIndent, ONBOARDING.slice(1));
	if (firstRun) return firstRun;

	const hinted = region.some((row) => indentOf(row) <= 4 && DIALOG_HINT.test(row.trim()));
	if (!menu && !hinted) return undefined;
	return {kind: 'dialog', title: dialogTitle(region, anchored, menu), options: menu?.options ?? []};
}

function onboarding(region: Rows, maxIndent: number, anchors: typeof ONBOARDING): ScreenObservation | undefined {
	for (const {screen, pattern} of anchors) {
		const at = findRow(region, pattern, maxIndent);
		if (at >= 0) return {kind: 'onboarding', screen, text: textFrom(region, at)};
	}
	return undefined;
}

/** Known limit options, or the dialog's title right after a limit notice (options vary by plan). */
function isLimitMenu(region: Rows, menu: Menu, context: RegionContext): boolean {
	if (findOption(menu, LIMIT_OPTION) >= 0) return true;
	const first = firstDrawn(region);
	return first >= 0 && (region[first] ?? '').trim() === LIMIT_DIALOG_TITLE && context.limitText() !== undefined;
}

function limitDialog(menu: Menu, context: RegionContext): ScreenObservation {
	const waitAndContinue = findOption(menu, /continue automatically/iu);
	const wait = waitAndContinue >= 0 ? waitAndContinue : findOption(menu, /^Stop and wait\b/iu);
	const title = dialogTitle(context.region, true, menu);
	const base = {kind: 'limit', text: context.limitText() ?? title, autoContinue: false, dialog: true} as const;
	return wait >= 0 ? {...base, waitKeys: menu.keysFor(wait)} : base;
}

function trustDialog(region: Rows, menu: Menu, maxIndent: number): ScreenObservation | undefined {
	const title = findRow(region, TRUST_TITLE, maxIndent);
	if (title < 0 || title > menu.first) return undefined;
	const yes = findOption(menu, /^Yes\b/u);
	if (yes < 0) return undefined;
	const no = findOption(menu, /^No, exit\b/u);
	const exitKeys: KeySequence = no >= 0 ? menu.keysFor(no) : [ESC];
	const folderRow = firstDrawn(region, title + 1, menu.first);
	const folder = folderRow >= 0 ? (region[folderRow] ?? '').trim() : '';
	const base = {kind: 'trust', trustKeys: menu.keysFor(yes), exitKeys} as const;
	return /^(?:\/|~|[A-Za-z]:\\)/u.test(folder) ? {...base, folder} : base;
}

function permissionPrompt(region: Rows, menu: Menu): ScreenObservation | undefined {
	const question = questionAbove(region, menu.first);
	if (!question) return undefined;

	const headingRow = firstDrawn(region, 0, question.index);
	const heading = headingRow >= 0 ? (region[headingRow] ?? '').trim() : '';
	const tool = heading.length > 0 && !isDashedSeparator(heading) ? heading : undefined;
	const subject = permissionSubject(region, headingRow, question);

	const plainYes = findOption(menu, /^Yes(?: \(.*\))?$/u);
	const approve = plainYes >= 0 ? plainYes : findOption(menu, /^Yes\b/u);
	if (approve < 0) return undefined;
	const reject = findOption(menu, /^No\b/u);
	return {
		kind: 'permission',
		question: question.text,
		...(tool === undefined ? {} : {tool}),
		...(subject === undefined ? {} : {subject}),
		options: menu.options,
		approveKeys: menu.keysFor(approve),
		rejectKeys: reject >= 0 ? menu.keysFor(reject) : [ESC],
	};
}

const FILE_QUESTION = /^Do you want to (?:create|make this edit to|overwrite|edit|write to|update|read) (.+)\?$/u;
/** Rows that name nothing: tips and the frame of an older preview box. */
const NOT_A_SUBJECT = /^(?:Tip:|[╭╰│])/u;

/**
 * 2.1.x: heading, optional tip, a file path or a description, then the preview between `╌`
 * separators (the command itself for Bash). Older layouts: heading, blank, indented command.
 */
function permissionSubject(region: Rows, headingRow: number, question: {text: string; index: number}): string | undefined {
	if (headingRow < 0) return undefined;
	const heading = (region[headingRow] ?? '').trim();
	let separator = -1;
	for (let i = headingRow + 1; i < question.index; i++) {
		if (isDashedSeparator(region[i] ?? '')) {
			separator = i;
			break;
		}
	}
	const fileQuestion = FILE_QUESTION.exec(question.text);
	if (/\bfile\b/iu.test(heading) || fileQuestion) {
		const limit = separator >= 0 ? separator : question.index;
		for (let i = headingRow + 1; i < limit; i++) {
			const text = (region[i] ?? '').trim();
			if (text.length > 0 && !NOT_A_SUBJECT.test(text)) return text;
		}
		return fileQuestion?.[1];
	}
	if (separator >= 0) {
		const lines: string[] = [];
		for (let i = separator + 1; i < question.index && !isDashedSeparator(region[i] ?? ''); i++) {
			const text = (region[i] ?? '').trim();
			if (text.length > 0) lines.push(text);
		}
		return lines.length > 0 ? lines.join('\n') : undefined;
	}
	for (let i = headingRow + 1; i < question.index; i++) {
		const text = (region[i] ?? '').trim();
		if (text.length > 0 && !NOT_A_SUBJECT.test(text)) return text;
	}
	return undefined;
}

function dialogTitle(region: Rows, anchored: boolean, menu: Menu | undefined): string {
	const known = findRow(region, KNOWN_DIALOG_TITLE, 2);
	if (known >= 0) return (region[known] ?? '').trim();
	if (!anchored && menu) {
		const question = questionAbove(region, menu.first);
		if (question) return question.text;
	}
	const first = firstDrawn(region);
	return first >= 0 ? (region[first] ?? '').trim() : '';
}
