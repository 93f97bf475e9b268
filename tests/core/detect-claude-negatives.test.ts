import {describe, expect, it} from 'vitest';
import type {ScreenObservation} from '../../source/core/detect/types.js';
import {detectClaudeScreen} from '../../source/core/detect/claude.js';
import {allScreenNames, asTerminal, screen} from './detect-claude-fixtures.js';

// Screens where the CLI's wordings appear only as quoted text — in the agent's message, in a
// tool result, or inside the file or command a permission prompt previews. A substring
// detector would be fooled by each of them.
const negatives: [name: string, expected: ScreenObservation][] = [
	[
		'neg-quoted-permission',
		{
			kind: 'idle',
			lastMessage: 'It shows a menu like this one:\n\nDo you want to proceed?\n❯ 1. Yes\n  2. No\n\nEsc to cancel · Tab to amend',
		},
	],
	['neg-tool-output-esc-to-interrupt', {kind: 'idle', lastMessage: 'Found two mentions.'}],
	[
		'neg-quoted-limit-in-message',
		{
			kind: 'idle',
			lastMessage: "It reads: You've hit your 5-hour limit · resets 6pm (UTC)\n\nYou've hit your 5-hour limit · resets 6pm (UTC)",
		},
	],
	['neg-limit-in-read-result', {kind: 'idle', lastMessage: 'That file holds the 2.1.330 wording.'}],
	['neg-quoted-trust-dialog', expect.objectContaining({kind: 'idle'})],
	['neg-quoted-legacy-trust', expect.objectContaining({kind: 'idle'})],
	[
		'neg-quoted-resume-banner',
		{kind: 'idle', lastMessage: 'On exit the CLI prints:\n\nResume this session with:\nclaude --resume 07b634c1-56b5-450a-832a-231577a74f71'},
	],
	[
		'neg-permission-file-with-quoted-prompt',
		expect.objectContaining({kind: 'permission', question: 'Do you want to create notes.txt?', approveKeys: ['1'], rejectKeys: ['3']}),
	],
	[
		'neg-permission-command-with-limit-text',
		expect.objectContaining({kind: 'permission', subject: 'echo "You\'ve hit your limit · resets 6pm"'}),
	],
	['neg-quoted-spinner', expect.objectContaining({kind: 'idle'})],
	['neg-quoted-interrupted-earlier', {kind: 'idle', lastMessage: 'Carried on; all done.'}],
	['neg-quoted-interrupted-in-message', expect.objectContaining({kind: 'idle'})],
	['neg-auth-in-tool-output', {kind: 'idle', lastMessage: 'The nested CLI is not logged in.'}],
	['neg-old-limit-then-new-turn', {kind: 'idle', lastMessage: 'Continued after the reset. AUTO-CLAUDE: DONE'}],
	['neg-quoted-login-method', expect.objectContaining({kind: 'idle'})],
	['neg-busy-with-quoted-question', {kind: 'busy'}],
	['neg-quoted-rate-limit-dialog', expect.objectContaining({kind: 'idle'})],
	['neg-quoted-auto-wait-footer', expect.objectContaining({kind: 'idle'})],
];

describe('detectClaudeScreen: quoted text never triggers', () => {
	it.each(negatives)('%s', (name, expected) => {
		expect(detectClaudeScreen(screen(name))).toEqual(expected);
	});
});

describe('detectClaudeScreen: the same screen however the terminal hands it over', () => {
	const names = allScreenNames();

	it('has at least 30 screens and 12 negatives', () => {
		expect(names.filter((name) => !name.startsWith('neg-')).length).toBeGreaterThanOrEqual(30);
		expect(names.filter((name) => name.startsWith('neg-')).length).toBeGreaterThanOrEqual(12);
	});

	it.each(names)('%s: padded rows and blank rows below change nothing', (name) => {
		const lines = screen(name);
		const width = name.endsWith('-80col') ? 80 : 120;
		expect(detectClaudeScreen(asTerminal(lines, width))).toEqual(detectClaudeScreen(lines));
	});

	it.each(names.filter((name) => !name.endsWith('-80col')))('%s: drawn 250 columns wide', (name) => {
		const lines = screen(name);
		expect(detectClaudeScreen(asTerminal(lines, 250))).toEqual(detectClaudeScreen(lines));
	});
});
