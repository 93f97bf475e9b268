import {describe, expect, it} from 'vitest';
import type {ScreenObservation} from '../../source/core/detect/types.js';
import {detectClaudeScreen} from '../../source/core/detect/claude.js';
import {DOWN, ENTER, ESC, opt, screen} from './detect-claude-fixtures.js';

// First-run, login, trust, modal dialogs and the exit banner (claude-cli.md §6.1–6.3, §6.7,
// Part B §1.3, §2.1, §3). Screens marked "composed" are built from the document's inline
// description of that screen rather than a verbatim capture.
const cases: [name: string, expected: ScreenObservation][] = [
	[
		'2.1.330-first-launch-offline',
		{
			kind: 'onboarding',
			screen: 'connectivity',
			text: [
				'Unable to connect to Anthropic services',
				'Failed to connect to api.anthropic.com: EAI_AGAIN',
				'Check your internet connection and network settings.',
				'Claude Code might not be available in your country. Check supported countries at',
				'https://anthropic.com/supported-countries',
			].join('\n'),
		},
	],
	['2.1.330-onboarding-theme', expect.objectContaining({kind: 'onboarding', screen: 'theme'})],
	[
		'2.1.330-onboarding-login-method',
		expect.objectContaining({kind: 'onboarding', screen: 'login-method', text: expect.stringMatching(/^Select login method:\n❯ 1\. Claude account/u)}),
	],
	[
		'2.1.330-onboarding-oauth',
		{
			kind: 'onboarding',
			screen: 'oauth',
			text: [
				"Browser didn't open? Use the URL below to sign in (c to copy)",
				'https://claude.ai/oauth/authorize?z-hB-1PUSnFTKYcEemGdH-R7xNc57rX5wnRBWXiNu9NdA',
				'Paste code here if prompted',
				'Esc to go back',
			].join('\n'),
		},
	],
	// composed: 2.0.77 bad-code screen
	['2.0.77-onboarding-oauth-error', expect.objectContaining({kind: 'onboarding', screen: 'oauth', text: expect.stringContaining('OAuth error: Invalid code')})],
	[
		'2.1.330-onboarding-security-notes',
		expect.objectContaining({kind: 'onboarding', screen: 'security-notes', text: expect.stringMatching(/^Security notes:\n[\s\S]*Press Enter to continue$/u)}),
	],
	// composed: Part B §1.3 "Detected a custom API key"
	['2.1.330-api-key-dialog', expect.objectContaining({kind: 'onboarding', screen: 'api-key', text: expect.stringContaining('Do you want to use this API key?')})],
	// composed: interactive form of "Not logged in · Please run /login" under the prompt
	['2.1.330-not-logged-in', {kind: 'onboarding', screen: 'not-logged-in', text: 'Not logged in · Please run /login'}],

	// Trust: the cursor starts on "No, exit" in 2.1.330, so Enter alone would quit.
	['2.1.330-trust', {kind: 'trust', folder: '/home/u/work4', trustKeys: [DOWN, ENTER], exitKeys: [ENTER]}],
	['2.1.330-trust-80col', {kind: 'trust', folder: '/home/u/work4', trustKeys: [DOWN, ENTER], exitKeys: [ENTER]}],
	// composed: Part B §1.3 / §3 "❯ 1. Yes, I trust this folder / 2. No, exit"
	['2.1.197-trust', {kind: 'trust', folder: '/home/u/work197', trustKeys: ['1'], exitKeys: ['2']}],
	['2.0.77-trust', {kind: 'trust', folder: '/home/u/work77', trustKeys: ['1'], exitKeys: ['2']}],
	['2.0.77-trust-80col', {kind: 'trust', folder: '/home/u/work77', trustKeys: ['1'], exitKeys: ['2']}],
	// composed: the 2.0.77 A/B variants listed in §6.3
	['2.0.77-trust-ready-to-code', {kind: 'trust', folder: '/home/u/work77', trustKeys: ['1'], exitKeys: ['2']}],
	['2.0.77-trust-accessing-workspace', {kind: 'trust', folder: '/home/u/work77', trustKeys: ['1'], exitKeys: ['2']}],
	['2.0.77-trust-work-in-folder', {kind: 'trust', folder: '/home/u/work77', trustKeys: ['1'], exitKeys: ['2']}],
	['1.0.30-trust', {kind: 'trust', folder: '/home/u/work130', trustKeys: ['1'], exitKeys: ['2']}],
	['1.0.30-trust-80col', {kind: 'trust', folder: '/home/u/work130', trustKeys: ['1'], exitKeys: ['2']}],

	// Other modals.
	[
		'2.1.197-settings-warning',
		{
			kind: 'dialog',
			title: 'Settings Warning',
			options: [opt('1', 'Continue', true), opt('2', 'Fix with Claude'), opt('3', 'Exit and fix manually')],
		},
	],
	// composed: Part B §1.3 auto-mode dialog (no menu, key hints only)
	['2.1.330-auto-mode-cant-check', {kind: 'dialog', title: "Auto mode can't check actions in this session", options: []}],
	// composed: Part B §1.3 — Enter here would pick Yes
	[
		'2.1.330-auto-mode-default-offer',
		{
			kind: 'dialog',
			title: 'Make auto mode your default permission mode?',
			options: [opt('Enter', 'Yes, set auto mode as my default permission mode', true), opt('Down Enter', 'No, keep manual mode')],
		},
	],
	// composed: Part B §1.3 bypass-permissions warning (not a trust dialog despite "No, exit")
	[
		'2.1.330-bypass-warning',
		{
			kind: 'dialog',
			title: 'WARNING: Claude Code running in Bypass Permissions mode',
			options: [opt('Enter', 'No, exit', true), opt('Down Enter', 'Yes, I accept')],
		},
	],
	// composed: pitfall 8, /model
	[
		'2.1.330-switch-model',
		{kind: 'dialog', title: 'Switch model?', options: [opt('1', 'Yes, switch to Sonnet 5.5', true), opt('2', 'No, keep Opus 5.5')]},
	],
	// composed: Part B §2.2 DirectoryAdded
	[
		'2.1.330-add-dir',
		{
			kind: 'dialog',
			title: 'Adding a new directory: /home/u/shared',
			options: [opt('Enter', 'No, leave it out', true), opt('Down Enter', 'Yes, add it')],
		},
	],

	['2.1.330-exit', {kind: 'exited', sessionId: '07b634c1-56b5-450a-832a-231577a74f71'}],
	['2.1.330-exit-80col', {kind: 'exited', sessionId: '07b634c1-56b5-450a-832a-231577a74f71'}],
];

describe('detectClaudeScreen: start-up, login, trust, dialogs, exit', () => {
	it.each(cases)('%s', (name, expected) => {
		expect(detectClaudeScreen(screen(name))).toEqual(expected);
	});

	it('never answers the 2.1.330 trust dialog with a bare Enter', () => {
		const observation = detectClaudeScreen(screen('2.1.330-trust'));
		expect(observation.kind).toBe('trust');
		if (observation.kind === 'trust') expect(observation.trustKeys).not.toEqual([ENTER]);
	});

	it('computes trust keys from the cursor position, not from the version', () => {
		// The same unnumbered dialog after the cursor was moved onto "Yes".
		const moved = screen('2.1.330-trust').map((row) =>
			row === ' ❯ No, exit' ? '   No, exit' : row === '   Yes, I trust this folder' ? ' ❯ Yes, I trust this folder' : row,
		);
		expect(detectClaudeScreen(moved)).toEqual({kind: 'trust', folder: '/home/u/work4', trustKeys: [ENTER], exitKeys: ['\u001b[A', ENTER]});
	});

	it('falls back to Esc when a trust dialog shows no "No, exit" option', () => {
		const noExit = screen('2.0.77-trust-ready-to-code').filter((row) => !row.includes('No, exit'));
		expect(detectClaudeScreen(noExit)).toMatchObject({kind: 'trust', trustKeys: ['1'], exitKeys: [ESC]});
	});

	it('reads a resume banner with a named session', () => {
		expect(detectClaudeScreen(['❯ /exit', '', 'Resume this session with:', 'claude --resume "my-task"'])).toEqual({
			kind: 'exited',
			sessionId: 'my-task',
		});
	});

	it('returns unknown for an empty or blank screen', () => {
		expect(detectClaudeScreen([])).toEqual({kind: 'unknown'});
		expect(detectClaudeScreen(['', '   ', ''])).toEqual({kind: 'unknown'});
	});
});
