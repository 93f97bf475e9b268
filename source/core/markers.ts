// Completion and blocked markers: the agent is asked (through --append-system-prompt)
// to end its final message with one of these lines, so "the agent stopped" can be told
// apart from "the agent says it is finished" without guessing from prose.

export const DONE_MARKER = 'AUTO-CLAUDE: DONE';
export const BLOCKED_MARKER = 'AUTO-CLAUDE: BLOCKED';

export const MARKER_INSTRUCTIONS = [
	'You are running unattended under auto-claude; no person is watching this session.',
	`When the task is completely finished, end your final message with a line that says exactly: ${DONE_MARKER}`,
	`If you cannot continue without a person (missing access, unclear requirement, a decision only a human can make), end your message with a line: ${BLOCKED_MARKER}: <one-line reason>`,
	'Do not write either line for any other reason.',
].join('\n');

export type Marker = {readonly kind: 'done'} | {readonly kind: 'blocked'; readonly reason: string};

/**
 * Looks for a marker on its own line among the last lines of an assistant message.
 * Only the tail counts: a marker quoted in the middle of a message (for example
 * while explaining these rules) is not a claim of completion.
 */
export function findMarker(message: string | undefined, tailLines = 3): Marker | undefined {
	if (!message) return undefined;
	const lines = message
		.split(/\r?\n/)
		.map((line) => line.trim().replace(/^[*_`]+|[*_`]+$/g, ''))
		.filter((line) => line.length > 0);
	for (const line of lines.slice(-tailLines).reverse()) {
		if (line === DONE_MARKER) return {kind: 'done'};
		if (line.startsWith(BLOCKED_MARKER)) {
			const reason = line.slice(BLOCKED_MARKER.length).replace(/^\s*[:—–-]\s*/, '').trim();
			return {kind: 'blocked', reason: reason || 'the agent reported it is blocked'};
		}
	}
	return undefined;
}
