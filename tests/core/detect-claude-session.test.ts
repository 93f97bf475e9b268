import {describe, expect, it} from 'vitest';
import type {ScreenObservation} from '../../source/core/detect/types.js';
import {detectClaudeScreen} from '../../source/core/detect/claude.js';
import {screen} from './detect-claude-fixtures.js';

const SLOW_120 = [
	'slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow',
	'slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow',
].join('\n');
const SLOW_80 = [
	'slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow',
	'slow slow slow slow slow slow slow slow slow slow slow slow slow slow slow',
	'slow slow slow slow slow slow slow slow slow slow',
].join('\n');
const FIVE_HOUR = "You've hit your 5-hour limit · resets 7pm (UTC)";

// Idle, busy, interrupted and usage-limit screens (claude-cli.md §5.3, §6.4, §6.5, Part B §1.4–1.6).
const cases: [name: string, expected: ScreenObservation][] = [
	['2.1.330-idle-welcome', {kind: 'idle'}],
	['2.1.330-idle-welcome-80col', {kind: 'idle'}],
	['2.0.77-idle', {kind: 'idle'}],
	// composed: §6.4 "1.0.30 used a bordered input box"
	['1.0.30-idle', {kind: 'idle'}],
	['2.1.330-done', {kind: 'idle', lastMessage: SLOW_120}],
	['2.1.330-done-80col', {kind: 'idle', lastMessage: SLOW_80}],
	['2.1.330-accept-edits-done', {kind: 'idle', lastMessage: 'The tool ran. Done (mock).'}],
	['2.1.330-permission-answered', {kind: 'idle', lastMessage: 'The tool ran. Done (mock).'}],
	// composed: §6.7 first Ctrl-C
	['2.1.330-ctrl-c-once', {kind: 'idle', lastMessage: 'Hello from the mock API.'}],
	// composed: §5.2 warning footer — a warning is not a limit
	['2.1.330-limit-warning-footer', {kind: 'idle', lastMessage: 'Hello from the mock API.'}],

	['2.1.330-busy', {kind: 'busy'}],
	['2.1.330-busy-80col', {kind: 'busy'}],
	// composed: §6.5 "✻ Scurrying… (esc to interrupt)"
	['2.0.77-busy', {kind: 'busy'}],
	// composed: §6.5 1.0.30 spinner line carrying "esc to interrupt"
	['1.0.30-busy', {kind: 'busy'}],
	// composed: §6.5 stalled stream; footer deliberately without "esc to interrupt"
	['2.1.330-stalled', {kind: 'busy'}],
	// composed: pitfall 17, connection retries
	['2.1.197-connection-retry', {kind: 'busy'}],

	['2.1.330-interrupted', {kind: 'interrupted'}],

	['2.1.330-limit-autowait', {kind: 'limit', text: FIVE_HOUR, autoContinue: true, dialog: false}],
	['2.1.330-limit-autowait-80col', {kind: 'limit', text: FIVE_HOUR, autoContinue: true, dialog: false}],
	['2.1.330-limit-autowait-oauth', {kind: 'limit', text: "You've hit your 5-hour limit · resets 7pm (UTC)", autoContinue: true, dialog: false}],
	['2.1.330-limit-autowait-cancelled', {kind: 'limit', text: FIVE_HOUR, autoContinue: false, dialog: false}],
	['2.1.330-limit-dialog', {kind: 'limit', text: FIVE_HOUR, autoContinue: false, dialog: true, waitKeys: ['2']}],
	['2.1.330-limit-dialog-80col', {kind: 'limit', text: FIVE_HOUR, autoContinue: false, dialog: true, waitKeys: ['2']}],
	// composed: after "1. Stop and wait" the notice under the prompt that hit the limit still counts
	['2.1.330-limit-stopped-waiting', {kind: 'limit', text: FIVE_HOUR, autoContinue: false, dialog: false}],
	[
		'2.1.197-limit-dialog',
		{kind: 'limit', text: "You've hit your session limit · resets 7pm (UTC)", autoContinue: false, dialog: true, waitKeys: ['1']},
	],
	// composed: §5.3 2.0.77 "Opening your options…" then the dialog; never "Switch to extra usage"
	[
		'2.0.77-limit-dialog',
		{kind: 'limit', text: "You've hit your session limit · resets 7pm (UTC)", autoContinue: false, dialog: true, waitKeys: ['1']},
	],
	// composed: §5.2 1.0.30 interactive wording
	[
		'1.0.30-limit',
		{kind: 'limit', text: 'Claude usage limit reached. Your limit will reset at 7pm (UTC).', autoContinue: false, dialog: false},
	],
	// The §5.3 1.0.30 capture shows only the dim second row of the notice; that alone proves nothing.
	['1.0.30-limit-tail', {kind: 'idle'}],
	// composed: Part B §1.6 API-key 429
	[
		'2.1.330-limit-api-key',
		{
			kind: 'limit',
			text: "API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later.",
			autoContinue: false,
			dialog: false,
		},
	],
];

describe('detectClaudeScreen: idle, busy, interrupted, limits', () => {
	it.each(cases)('%s', (name, expected) => {
		expect(detectClaudeScreen(screen(name))).toEqual(expected);
	});

	it.each([
		['✻ Crunched for 30s · done 4:01 PM', 'idle'],
		['✻ Churned for 0s', 'idle'],
		['✻ Sautéed for 1m 5s', 'idle'],
		['· Nesting… (2s · ↓ 3 tokens)', 'busy'],
		['✢ Booping… (1s)', 'busy'],
		['* Perusing…', 'busy'],
		['✳ Perusing… (9s · ↓ 90 tokens · thinking)', 'busy'],
		['✽ Waiting for API response · will retry in 2m 5s · check your network', 'busy'],
		['✦ Thundering… (12s)', 'busy'],
	])('the row above the prompt box "%s" reads as %s', (row, kind) => {
		const lines = ['❯ go', '', '● Working on it.', '', row, '', '─'.repeat(100), '❯', '─'.repeat(100), '  ⏸ manual mode on'];
		expect(detectClaudeScreen(lines).kind).toBe(kind);
	});

	it('treats "esc to interrupt" in the footer as busy in any letter case', () => {
		const lines = ['❯ go', '', '─'.repeat(100), '❯', '─'.repeat(100), '  ⏵⏵ auto mode on · Esc to interrupt'];
		expect(detectClaudeScreen(lines)).toEqual({kind: 'busy'});
	});

	it.each([
		"You've hit your weekly limit · resets Nov 24, 6:30pm (UTC)",
		"You've hit your Opus limit · resets 6pm (UTC) · progress saved",
		"You've hit your limit · resets 4:20am (Europe/Warsaw)",
		"You're out of extra usage · resets 7pm (UTC)",
		'5-hour limit reached ∙ resets 7pm',
		'Claude AI usage limit reached|1795284000',
	])('reads "%s" under the last prompt as a limit', (notice) => {
		const lines = ['❯ do work', `  ⎿  ${notice}`, '', '─'.repeat(100), '❯', '─'.repeat(100), '  ⏸ manual mode on'];
		expect(detectClaudeScreen(lines)).toEqual({kind: 'limit', text: notice, autoContinue: false, dialog: false});
	});

	it('joins a limit notice wrapped onto a second row', () => {
		const lines = [
			'❯ do work',
			"  ⎿  You've hit your weekly limit · resets Nov 24, 6:30pm",
			'     (America/Los_Angeles) · progress saved',
			'',
			'─'.repeat(80),
			'❯',
			'─'.repeat(80),
		];
		expect(detectClaudeScreen(lines)).toMatchObject({
			kind: 'limit',
			text: "You've hit your weekly limit · resets Nov 24, 6:30pm (America/Los_Angeles) · progress saved",
		});
	});

	it('recognises the limit dialog by its title when its options are new', () => {
		const lines = [
			'❯ do work',
			"  ⎿  You've hit your 5-hour limit · resets 7pm (UTC)",
			'',
			'❯ /rate-limit-options',
			'',
			'─'.repeat(100),
			'  What do you want to do?',
			'',
			'  ❯ 1. Buy more usage',
			'    2. Upgrade your plan',
			'',
			'  Enter to confirm · Esc to cancel',
		];
		expect(detectClaudeScreen(lines)).toEqual({kind: 'limit', text: "You've hit your 5-hour limit · resets 7pm (UTC)", autoContinue: false, dialog: true});
	});

	it('reads an interrupt during thinking as interrupted, not busy', () => {
		const lines = [
			'❯ think hard',
			'',
			'✻ Thinking…',
			'',
			'  Let me weigh the options first.',
			'  ⎿  Interrupted · What should Claude do instead?',
			'',
			'─'.repeat(100),
			'❯',
			'─'.repeat(100),
			'  ⏸ manual mode on · ? for shortcuts',
		];
		expect(detectClaudeScreen(lines)).toEqual({kind: 'interrupted'});
	});
});
