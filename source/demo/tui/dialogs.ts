// Modal screens per CLI generation (claude-cli.md §6.2, §6.3, §6.6, §5.3 and the 2.1.197
// Settings Warning): text layout and the options each one offers.

import type {ToolCall} from '../engine/events.js';
import type {VersionProfile} from '../versions.js';
import {padEnd, wrapParagraph, wrapWithPrefix} from './text.js';
import {rule} from './views.js';

export type Choice<T> = {readonly label: string; readonly value: T};

/** `❯ 1. Yes` style option rows with a hanging indent for long labels. */
function optionRows<T>(choices: readonly Choice<T>[], cursor: number, width: number, indent: string, numbered: boolean): string[] {
	return choices.flatMap((choice, index) => {
		const marker = index === cursor ? '❯ ' : '  ';
		const number = numbered ? `${index + 1}. ` : '';
		const lead = `${indent}${marker}${number}`;
		return wrapWithPrefix(choice.label, lead, ' '.repeat(lead.length), width);
	});
}

function paragraph(text: string, width: number, indent = ' '): string[] {
	return wrapParagraph(text, width - indent.length - 1).map((line) => indent + line);
}

export const ONBOARDING_SCREEN = [
	'',
	" Let's get started.",
	'',
	' Choose the text style that looks best with your terminal',
	' To change this later, run /theme',
	'',
	' ❯ ✔ Auto (match terminal)',
	'     Dark mode',
	'     Light mode',
	'     Dark mode (colorblind-friendly)',
	'     Light mode (colorblind-friendly)',
	'     Dark mode (ANSI colors only)',
	'     Light mode (ANSI colors only)',
	'',
];

export function onboardingLines(width: number): string[] {
	const dash = ' ' + '╌'.repeat(Math.max(0, width - 2));
	return [...ONBOARDING_SCREEN, dash, '  1  function greet() {', '  2 -  console.log("Hello, World!");', '  2 +  console.log("Hello, Claude!");', '  3  }', dash, '  Syntax theme: Monokai Extended (ctrl+t to disable)'];
}

export type TrustChoice = 'trust' | 'exit';

export function trustChoices(profile: VersionProfile): Choice<TrustChoice>[] {
	if (profile.trust === 'no-first') return [{label: 'No, exit', value: 'exit'}, {label: 'Yes, I trust this folder', value: 'trust'}];
	if (profile.trust === 'yes-first-accessing') return [{label: 'Yes, I trust this folder', value: 'trust'}, {label: 'No, exit', value: 'exit'}];
	return [{label: 'Yes, proceed', value: 'trust'}, {label: 'No, exit', value: 'exit'}];
}

export function trustLines(profile: VersionProfile, cwd: string, cursor: number, width: number): string[] {
	const choices = trustChoices(profile);
	if (profile.trust === 'no-first' || profile.trust === 'yes-first-accessing') {
		return [
			rule(width),
			' Accessing workspace:',
			'',
			` ${cwd}`,
			'',
			...paragraph(
				"Quick safety check: Is this a project you created or one you trust? (Like your own code, a well-known open source project, or work from your team). If not, take a moment to review what's in this folder first.",
				width,
			),
			'',
			" Claude Code'll be able to read, edit, and execute files here.",
			'',
			' Security guide',
			'',
			...optionRows(choices, cursor, width, ' ', profile.trust !== 'no-first'),
			'',
			' Enter to confirm · Esc to cancel',
		];
	}
	if (profile.trust === 'yes-first-proceed') {
		return [
			' Do you trust the files in this folder?',
			'',
			` ${cwd}`,
			'',
			...paragraph('Claude Code may read, write, or execute files contained in this directory. This can pose security risks, so only use files from trusted sources.', width),
			'',
			' Learn more',
			'',
			...optionRows(choices, cursor, width, ' ', true),
			'',
			' Enter to confirm · Esc to cancel',
		];
	}
	const inner = width - 2;
	const row = (text: string) => `│${padEnd(text, inner)}│`;
	const body = [
		'',
		' Do you trust the files in this folder?',
		'',
		` ${cwd}`,
		'',
		...paragraph('Claude Code may read files in this folder. Reading untrusted files may lead Claude Code to behave in an unexpected ways.', inner),
		'',
		...paragraph('With your permission Claude Code may execute files in this folder. Executing untrusted code is unsafe.', inner),
		'',
		' https://docs.anthropic.com/s/claude-code-security',
		'',
		...optionRows(choices, cursor, inner, ' ', true),
		'',
	];
	return [`╭${'─'.repeat(inner)}╮`, ...body.map(row), `╰${'─'.repeat(inner)}╯`, '   Enter to confirm · Esc to exit'];
}

export function settingsWarningLines(source: string, unknown: readonly string[], known: readonly string[], cursor: number, width: number): string[] {
	const valid = known.slice(0, 2).join(', ');
	const rows = unknown.map((name, index) => {
		const branch = index === unknown.length - 1 ? '└' : '├';
		return `  ${branch} hooks.${name}: Unknown hook event "${name}" was ignored. Valid events: ${valid}, …`;
	});
	const choices: Choice<number>[] = [
		{label: 'Continue', value: 1},
		{label: 'Fix with Claude', value: 2},
		{label: 'Exit and fix manually', value: 3},
	];
	return ['', '  Settings Warning', '', `  ${source}`, ...rows, '  The values listed above were skipped; the rest of the file is in effect.', ...optionRows(choices, cursor, width, '  ', true)];
}

export type PermissionAction = 'yes' | 'always' | 'auto' | 'accept-edits' | 'no';

export function permissionChoices(profile: VersionProfile, call: ToolCall, cwd: string, autoModeOffered: boolean): Choice<PermissionAction>[] {
	const firstWord = (call.input['command'] ?? '').trim().split(/\s+/)[0] ?? '';
	if (call.name === 'Write') {
		return [
			{label: 'Yes', value: 'yes'},
			{label: 'Yes, and switch to accept edits (auto-approve file edits and common file commands) for this session (shift+tab)', value: 'accept-edits'},
			{label: 'No', value: 'no'},
		];
	}
	switch (profile.permissionUi) {
		case 'modern':
			return [
				{label: 'Yes', value: 'yes'},
				{label: `Yes, and don't ask again for ${firstWord} commands in ${cwd}`, value: 'always'},
				...(autoModeOffered ? [{label: 'Yes, and switch to auto mode · auto mode handles these prompts for you', value: 'auto' as const}] : []),
				{label: 'No', value: 'no'},
			];
		case 'v197':
			return [
				{label: 'Yes', value: 'yes'},
				{label: `Yes, and always allow access to ${cwd.split('/').pop() ?? cwd}/ from this project`, value: 'always'},
				{label: 'No', value: 'no'},
			];
		case 'v2077':
			return [
				{label: 'Yes', value: 'yes'},
				{label: `Yes, and don't ask again for similar commands in ${cwd}`, value: 'always'},
				{label: 'Type here to tell Claude what to do differently', value: 'no'},
			];
		case 'boxed':
			return [
				{label: 'Yes', value: 'yes'},
				{label: `Yes, and don't ask again for similar commands in ${cwd}`, value: 'always'},
				{label: 'No, and tell Claude what to do differently (esc)', value: 'no'},
			];
	}
}

/** The pending tool line and the dialog under it. */
export function permissionLines(profile: VersionProfile, call: ToolCall, choices: readonly Choice<PermissionAction>[], cursor: number, width: number, autoModeOffered: boolean): string[] {
	const status = profile.permissionUi === 'modern' || profile.permissionUi === 'v197' ? 'Waiting…' : 'Running…';
	const head = call.name === 'Bash' ? [...wrapWithPrefix(`Bash(${call.label})`, '● ', '  ', width), `  ⎿  ${status}`, ''] : [...wrapWithPrefix(`Write(${call.label})`, '● ', '  ', width), ''];
	const dashes = '╌'.repeat(width);
	const content = (call.input['content'] ?? '').replace(/\n$/, '').split('\n').slice(0, 8);
	if (call.name === 'Write') {
		return [
			...head,
			rule(width),
			' Create file',
			` ${call.label}`,
			dashes,
			...content.map((line, index) => `${String(index + 1).padStart(3)} ${line}`),
			dashes,
			` Do you want to create ${call.label}?`,
			...optionRows(choices, cursor, width, ' ', true),
			'',
			' Esc to cancel · Tab to amend',
		];
	}
	const command = call.input['command'] ?? '';
	const description = call.input['description'] ?? '';
	if (profile.permissionUi === 'modern') {
		return [
			...head,
			rule(width),
			' Bash command',
			...(autoModeOffered ? [' Tip: auto mode handles these prompts for you — choose "switch to auto mode" below'] : []),
			` ${description}`,
			dashes,
			...wrapWithPrefix(command, ' ', ' ', width),
			dashes,
			' Do you want to proceed?',
			...optionRows(choices, cursor, width, ' ', true),
			'',
			' Esc to cancel · Tab to amend',
		];
	}
	const body = [' Bash command', '', ...wrapWithPrefix(command, '   ', '   ', width - 2), `   ${description}`, '', ' Do you want to proceed?'];
	if (profile.permissionUi === 'boxed') {
		const inner = width - 2;
		const rows = [...body, ...optionRows(choices, cursor, inner, ' ', true)].map((line) => `│${padEnd(line, inner)}│`);
		return [...head, `╭${'─'.repeat(inner)}╮`, ...rows, `╰${'─'.repeat(inner)}╯`];
	}
	const hint = profile.permissionUi === 'v197' ? ' Esc to cancel · Tab to amend · ctrl+e to explain' : ' Esc to cancel';
	return [...head, rule(width), ...body, ...optionRows(choices, cursor, width, ' ', true), '', hint];
}

export type LimitAction = 'stop' | 'wait' | 'extra-usage' | 'upgrade';

export function limitChoices(profile: VersionProfile, clock: string): Choice<LimitAction>[] {
	if (profile.id === '2.1.330') {
		return [
			{label: 'Stop and wait for limit to reset', value: 'stop'},
			{label: `Wait here, then continue automatically at ${clock}`, value: 'wait'},
			{label: 'Upgrade your plan', value: 'upgrade'},
		];
	}
	if (profile.limitUi === 'dialog-extra-usage') {
		return [
			{label: 'Stop and wait for limit to reset', value: 'stop'},
			{label: 'Switch to extra usage', value: 'extra-usage'},
			{label: 'Upgrade your plan', value: 'upgrade'},
		];
	}
	return [
		{label: 'Stop and wait for limit to reset', value: 'stop'},
		{label: 'Upgrade your plan', value: 'upgrade'},
	];
}

export function limitDialogLines(choices: readonly Choice<LimitAction>[], cursor: number, width: number): string[] {
	return ['', rule(width), '  What do you want to do?', '', ...optionRows(choices, cursor, width, '  ', true), '', '  Enter to confirm · Esc to cancel'];
}
