import {describe, expect, it} from 'vitest';
import {detectClaudeScreen, lastAssistantMessage} from '../../source/core/detect/claude.js';
import {screen} from './detect-claude-fixtures.js';

const RULE = '─'.repeat(120);
const promptBox = ['', RULE, '❯', RULE, '  ⏸ manual mode on · ? for shortcuts'];

describe('lastAssistantMessage', () => {
	it('returns the text block after the tool blocks', () => {
		expect(lastAssistantMessage(screen('2.1.330-accept-edits-done'))).toBe('The tool ran. Done (mock).');
	});

	it('skips a trailing tool block and returns the text before it', () => {
		expect(lastAssistantMessage(screen('2.1.330-permission-bash-auto'))).toBe('I will create a file.');
		expect(lastAssistantMessage(screen('2.1.330-permission-bash'))).toBe('I will create a file with Bash.');
	});

	it('joins a multi-line block, keeping paragraphs and inner indentation', () => {
		const lines = [
			'❯ summarise',
			'',
			'● Summary of the change:',
			'',
			'  - detectors are pure',
			'    and fast',
			'  - fixtures are verbatim',
			'',
			'  AUTO-CLAUDE: DONE',
			'',
			'✻ Baked for 2s · done 4:10 PM',
			...promptBox,
		];
		expect(lastAssistantMessage(lines)).toBe(
			'Summary of the change:\n\n- detectors are pure\n  and fast\n- fixtures are verbatim\n\nAUTO-CLAUDE: DONE',
		);
	});

	it('returns undefined when the turn has no text block', () => {
		expect(lastAssistantMessage(screen('2.1.330-idle-welcome'))).toBeUndefined();
		expect(lastAssistantMessage(screen('2.1.330-busy'))).toBeUndefined();
		expect(lastAssistantMessage(['❯ run it', '', '● Bash(ls)', '  ⎿  a.txt', '     b.txt', ...promptBox])).toBeUndefined();
	});

	it('does not return an earlier turn’s message as the answer to the latest prompt', () => {
		const lines = ['❯ first', '', '● First answer. AUTO-CLAUDE: DONE', '', '❯ second', '', '● Bash(make)', '  ⎿  ok', ...promptBox];
		expect(lastAssistantMessage(lines)).toBeUndefined();
	});

	it('treats grouped and unnamed tool blocks as tools', () => {
		const lines = [
			'❯ go',
			'',
			'● Here is the plan.',
			'',
			'● Running 1 shell command…',
			'  ⎿  $ echo hi',
			'',
			'● Update Todos',
			'  ⎿  ☒ write tests',
			'',
			'● general-purpose(Explore the repo)',
			'  ⎿  Done (3 tool uses · 2.1k tokens · 4s)',
			...promptBox,
		];
		expect(lastAssistantMessage(lines)).toBe('Here is the plan.');
	});

	it('keeps a sentence that merely starts like a call as text', () => {
		const lines = ['❯ explain', '', '● useEffect() runs after render.', ...promptBox];
		expect(lastAssistantMessage(lines)).toBe('useEffect() runs after render.');
	});

	it('stops a text block at a collapsed tool summary', () => {
		const lines = ['❯ go', '', '● I will create a file with Bash.', '', '  Ran 1 shell command', ...promptBox];
		expect(lastAssistantMessage(lines)).toBe('I will create a file with Bash.');
	});

	it('leaves out the "Interrupted" result under a text block', () => {
		expect(lastAssistantMessage(screen('2.1.330-interrupted'))).toBe('slow slow slow slow slow slow');
	});

	it('reads the message above an exit banner', () => {
		const lines = ['❯ bye', '', '● Goodbye.', '', 'Resume this session with:', 'claude --resume 07b634c1-56b5-450a-832a-231577a74f71'];
		expect(lastAssistantMessage(lines)).toBe('Goodbye.');
	});

	it('handles the ⏺ bullet and 80-column wrapping', () => {
		expect(lastAssistantMessage(['❯ hi', '', '⏺ Hello there,', '  friend.', ...promptBox])).toBe('Hello there,\nfriend.');
	});
});

describe('detectClaudeScreen speed', () => {
	it('classifies a 250×80 screen 1000 times', () => {
		const rows: string[] = [];
		for (let i = 0; rows.length < 74; i++) {
			rows.push(`❯ prompt number ${i}`, '', `● Answer ${i}: ${'lorem ipsum '.repeat(19)}`, `  ${'dolor sit amet '.repeat(15)}`, '');
		}
		const tail = ['─'.repeat(250), '❯', '─'.repeat(250), '  ⏸ manual mode on · ? for shortcuts', '', ''];
		const lines = [...rows.slice(0, 74), ...tail].map((row) => row.padEnd(250, ' '));
		expect(lines.length).toBe(80);
		let idle = 0;
		for (let i = 0; i < 1000; i++) if (detectClaudeScreen(lines).kind === 'idle') idle++;
		expect(idle).toBe(1000);
	});
});
