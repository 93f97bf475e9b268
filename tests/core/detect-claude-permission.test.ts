import {describe, expect, it} from 'vitest';
import type {ScreenObservation} from '../../source/core/detect/types.js';
import {detectClaudeScreen} from '../../source/core/detect/claude.js';
import {DOWN, ENTER, ESC, opt, screen} from './detect-claude-fixtures.js';

const ACCEPT_EDITS = 'Yes, and switch to accept edits (auto-approve file edits and common file commands) for this session (shift+tab)';
const SCRATCH = 'touch created-by-mock.txt && rm -f created-by-mock.txt';

const bash330Auto: ScreenObservation = {
	kind: 'permission',
	question: 'Do you want to proceed?',
	tool: 'Bash command',
	subject: SCRATCH,
	options: [
		opt('1', 'Yes', true),
		opt('2', "Yes, and don't ask again for touch created-by-mock.txt and rm -f created-by-mock.txt commands in /home/u/work4"),
		opt('3', 'Yes, and switch to auto mode · auto mode handles these prompts for you'),
		opt('4', 'No'),
	],
	approveKeys: ['1'],
	rejectKeys: ['4'],
};

const write330: ScreenObservation = {
	kind: 'permission',
	question: 'Do you want to create notes.txt?',
	tool: 'Create file',
	subject: 'notes.txt',
	options: [opt('1', 'Yes', true), opt('2', ACCEPT_EDITS), opt('3', 'No')],
	approveKeys: ['1'],
	rejectKeys: ['3'],
};

const bash2077: ScreenObservation = {
	kind: 'permission',
	question: 'Do you want to proceed?',
	tool: 'Bash command',
	subject: SCRATCH,
	options: [
		opt('1', 'Yes', true),
		opt('2', "Yes, and don't ask again for similar commands in /home/u/work77"),
		opt('3', 'Type here to tell Claude what to do differently'),
	],
	// Option 3 opens a text field; Esc is the way to say no.
	approveKeys: ['1'],
	rejectKeys: [ESC],
};

const bash1030 = (folder: string): ScreenObservation => ({
	kind: 'permission',
	question: 'Do you want to proceed?',
	tool: 'Bash command',
	subject: SCRATCH,
	options: [
		opt('1', 'Yes', true),
		opt('2', `Yes, and don't ask again for similar commands in ${folder}`),
		opt('3', 'No, and tell Claude what to do differently (esc)'),
	],
	approveKeys: ['1'],
	rejectKeys: ['3'],
});

// Permission prompts of every version (claude-cli.md §6.6, Part B §1.5).
const cases: [name: string, expected: ScreenObservation][] = [
	['2.1.330-permission-bash-auto', bash330Auto],
	['2.1.330-permission-bash-auto-80col', bash330Auto],
	[
		'2.1.330-permission-bash',
		{
			kind: 'permission',
			question: 'Do you want to proceed?',
			tool: 'Bash command',
			subject: 'echo written-by-bash > bash_written.txt',
			options: [opt('1', 'Yes', true), opt('2', 'Yes, and always allow access to /home/u/perm-key-330/work from this project'), opt('3', 'No')],
			approveKeys: ['1'],
			rejectKeys: ['3'],
		},
	],
	['2.1.330-permission-write', write330],
	['2.1.330-permission-write-80col', write330],
	// composed: Edit prompt in the 2.1.330 layout
	[
		'2.1.330-permission-edit',
		{
			kind: 'permission',
			question: 'Do you want to make this edit to app.ts?',
			tool: 'Edit file',
			subject: 'src/app.ts',
			options: [opt('1', 'Yes', true), opt('2', ACCEPT_EDITS), opt('3', 'No')],
			approveKeys: ['1'],
			rejectKeys: ['3'],
		},
	],
	// composed: Part B §1.3 — after the auto-mode dialog every tool asks "❯ No / Yes", cursor on No
	[
		'2.1.330-permission-unnumbered',
		{
			kind: 'permission',
			question: 'Do you want to proceed?',
			tool: 'Bash command',
			subject: 'npm test',
			options: [opt('Enter', 'No', true), opt('Down Enter', 'Yes')],
			approveKeys: [DOWN, ENTER],
			rejectKeys: [ENTER],
		},
	],
	[
		'2.1.197-permission-bash',
		{
			kind: 'permission',
			question: 'Do you want to proceed?',
			tool: 'Bash command',
			subject: 'echo written-by-bash > bash_written.txt',
			options: [opt('1', 'Yes', true), opt('2', 'Yes, and always allow access to work/ from this project'), opt('3', 'No')],
			approveKeys: ['1'],
			rejectKeys: ['3'],
		},
	],
	['2.0.77-permission-bash', bash2077],
	['2.0.77-permission-bash-80col', bash2077],
	['1.0.30-permission-bash', bash1030('/home/u/work130')],
	['1.0.30-permission-bash-80col', bash1030('/home/u/projects/a-rather-long-folder-name/work130')],
];

describe('detectClaudeScreen: permission prompts', () => {
	it.each(cases)('%s', (name, expected) => {
		expect(detectClaudeScreen(screen(name))).toEqual(expected);
	});

	it('reports the selected option after the cursor moved', () => {
		const moved = screen('2.1.330-permission-write').map((row) =>
			row === ' ❯ 1. Yes' ? '   1. Yes' : row === '   3. No' ? ' ❯ 3. No' : row,
		);
		const observation = detectClaudeScreen(moved);
		expect(observation).toMatchObject({kind: 'permission', approveKeys: ['1'], rejectKeys: ['3']});
		if (observation.kind === 'permission') {
			expect(observation.options.map((option) => option.selected)).toEqual([false, false, true]);
		}
	});

	it('joins a question wrapped over two rows', () => {
		const lines = [
			'─'.repeat(80),
			' Edit file',
			' source/core/detect/claude/some-rather-long-module-name.ts',
			'╌'.repeat(80),
			'  1 -a',
			'  1 +b',
			'╌'.repeat(80),
			' Do you want to make this edit to',
			' some-rather-long-module-name.ts?',
			' ❯ 1. Yes',
			'   2. No',
		];
		expect(detectClaudeScreen(lines)).toMatchObject({
			kind: 'permission',
			question: 'Do you want to make this edit to some-rather-long-module-name.ts?',
			subject: 'source/core/detect/claude/some-rather-long-module-name.ts',
			approveKeys: ['1'],
			rejectKeys: ['2'],
		});
	});

	it('beats the busy footer of a turn still running behind it', () => {
		// A modal under the prompt box (some menus open there) still wins over "esc to interrupt".
		const lines = [
			'❯ go',
			'',
			'─'.repeat(100),
			'❯',
			'─'.repeat(100),
			' Do you want to proceed?',
			' ❯ 1. Yes',
			'   2. No',
			'',
			' Esc to cancel · esc to interrupt',
		];
		expect(detectClaudeScreen(lines)).toMatchObject({kind: 'permission', approveKeys: ['1'], rejectKeys: ['2']});
	});

	it('is not mistaken for a first-run screen by a previewed file that quotes one', () => {
		const lines = [
			'─'.repeat(100),
			' Create file',
			' SECURITY.md',
			'╌'.repeat(100),
			' Security notes:',
			' Select login method:',
			' Unable to connect to Anthropic services',
			'╌'.repeat(100),
			' Do you want to create SECURITY.md?',
			' ❯ 1. Yes',
			'   2. No',
		];
		expect(detectClaudeScreen(lines)).toMatchObject({kind: 'permission', tool: 'Create file', subject: 'SECURITY.md', approveKeys: ['1']});
	});
});
