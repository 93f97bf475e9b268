// Built-in behaviour keyed by magic words in the latest user text, the same words the claude-cli.md
// measurements used, so a test only has to type a prompt.
import path from 'node:path';
import type {MockAnthropicOptions, MockContentBlock, MockReply, MockRequestContext} from './types.js';

export const MAGIC = {
	write: 'MOCK_WRITE',
	bashWrite: 'MOCK_BASHW',
	slow: 'MOCK_SLOW',
	limit5h: 'MOCK_RL5H',
} as const;

export const DEFAULT_TEXT = 'Hello from the mock API.';
export const AFTER_TOOL_TEXT = 'The tool ran. Done (mock).';
export const STOP_FEEDBACK_TEXT = 'Continuing as the Stop hook asked (mock).';
export const WRITTEN_FILE = 'mock_written.txt';
export const WRITTEN_CONTENT = 'written by mock\n';
export const BASH_FILE = 'bash_written.txt';
export const BASH_COMMAND = `echo written-by-bash > ${BASH_FILE}`;

const withFinalLine = (text: string, finalLine: string | undefined): string =>
	finalLine ? `${text}\n\n${finalLine}` : text;

export const textReply = (text: string, streamDurationMs?: number): MockReply => ({
	kind: 'message',
	content: [{type: 'text', text}],
	...(streamDurationMs ? {streamDurationMs} : {}),
});

export const toolUseReply = (intro: string, ...tools: Array<Omit<Extract<MockContentBlock, {type: 'tool_use'}>, 'type'>>): MockReply => ({
	kind: 'message',
	content: [{type: 'text', text: intro}, ...tools.map((tool) => ({type: 'tool_use' as const, ...tool}))],
});

/** A long text made of repeated words, streamed over durationMs. */
export const slowReply = (durationMs: number, words = 60): MockReply =>
	textReply(Array.from({length: words}, () => 'slow').join(' '), durationMs);

export const builtInReply = (ctx: MockRequestContext, options: MockAnthropicOptions): MockReply => {
	if (ctx.isToolResultTurn) return textReply(withFinalLine(AFTER_TOOL_TEXT, options.finalLine));

	const text = ctx.latestUserText;
	// Hook feedback quotes verify output, which must not be mistaken for a magic word typed by the user.
	if (text.includes('Stop hook feedback:')) {
		return textReply(withFinalLine(options.stopFeedbackReply ?? STOP_FEEDBACK_TEXT, options.finalLine));
	}
	if (text.includes(MAGIC.limit5h)) return {kind: 'limit', limit: {type: 'usage', claim: 'five_hour'}};
	if (text.includes(MAGIC.write)) {
		const filePath = ctx.cwd ? path.join(ctx.cwd, WRITTEN_FILE) : WRITTEN_FILE;
		return toolUseReply('I will write a file.', {name: 'Write', input: {file_path: filePath, content: WRITTEN_CONTENT}});
	}
	if (text.includes(MAGIC.bashWrite)) {
		return toolUseReply('I will create a file with Bash.', {
			name: 'Bash',
			input: {command: BASH_COMMAND, description: 'Write a file with Bash'},
		});
	}
	if (text.includes(MAGIC.slow)) return slowReply(options.slowStreamMs ?? 20_000);
	if (ctx.userTurnCount > 1) {
		const followUp = options.followUpReply;
		const reply =
			typeof followUp === 'function'
				? followUp(text)
				: (followUp ?? `Acknowledged (mock): ${text.split('\n')[0]?.slice(0, 60) ?? ''}`);
		return textReply(withFinalLine(reply, options.finalLine));
	}
	return textReply(withFinalLine(DEFAULT_TEXT, options.finalLine));
};
