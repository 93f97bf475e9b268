// Reading a Messages API request body the way the magic-word scripts need it. Bodies come from a real CLI whose
// shape changes between versions, so every accessor tolerates missing or odd fields instead of throwing.

type Block = {type?: unknown; text?: unknown; content?: unknown};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const blocksOf = (content: unknown): Block[] => {
	if (typeof content === 'string') return [{type: 'text', text: content}];
	if (Array.isArray(content)) return content.filter(isRecord) as Block[];
	return [];
};

// The CLI prepends reminders (environment, CLAUDE.md, hook output) to user messages; a magic word inside them is
// not what the user typed.
const stripReminders = (text: string): string => text.replace(/<system-reminder>[\s\S]*?<\/system-reminder>/g, '');

const typedText = (content: unknown): string =>
	blocksOf(content)
		.filter((block) => block.type === 'text' && typeof block.text === 'string')
		.map((block) => stripReminders(block.text as string).trim())
		.filter((text) => text.length > 0)
		.join('\n');

const isToolResultOnly = (content: unknown): boolean => {
	const blocks = blocksOf(content);
	return blocks.length > 0 && blocks.every((block) => block.type === 'tool_result' || (block.type === 'text' && typedText([block]) === ''));
};

const hasToolResult = (content: unknown): boolean => blocksOf(content).some((block) => block.type === 'tool_result');

export const messagesOf = (body: Record<string, unknown>): unknown[] =>
	Array.isArray(body.messages) ? body.messages : [];

const userMessages = (body: Record<string, unknown>): Record<string, unknown>[] =>
	messagesOf(body).filter((message): message is Record<string, unknown> => isRecord(message) && message.role === 'user');

export const latestUserText = (body: Record<string, unknown>): string => {
	const users = userMessages(body);
	for (let i = users.length - 1; i >= 0; i--) {
		const content = users[i]?.content;
		if (hasToolResult(content) && isToolResultOnly(content)) continue;
		const text = typedText(content);
		if (text !== '') return text;
	}
	return '';
};

export const userTurnCount = (body: Record<string, unknown>): number =>
	userMessages(body).filter((message) => !(hasToolResult(message.content) && isToolResultOnly(message.content)) && typedText(message.content) !== '').length;

export const isToolResultTurn = (body: Record<string, unknown>): boolean => {
	// 2.1.330 also places `role:"system"` messages (the environment section) inside `messages`.
	const turns = messagesOf(body).filter(
		(message): message is Record<string, unknown> => isRecord(message) && (message.role === 'user' || message.role === 'assistant'),
	);
	const last = turns[turns.length - 1];
	return last?.role === 'user' && hasToolResult(last.content);
};

/** Every typed user text in the conversation, oldest first (used to prove a resumed session kept its history). */
export const allUserTexts = (body: unknown): string[] =>
	isRecord(body) ? userMessages(body).map((message) => typedText(message.content)).filter((text) => text !== '') : [];

const systemText = (system: unknown): string => {
	if (typeof system === 'string') return system;
	return blocksOf(system)
		.map((block) => (typeof block.text === 'string' ? block.text : ''))
		.join('\n');
};

/** The working directory the CLI announces: 2.1.330 sends its `# Environment` section as a `role:"system"`
 * message inside `messages`; older builds put it in `system`; with `--exclude-dynamic-system-prompt-sections` it
 * moves into the first user message. */
export const announcedCwd = (body: Record<string, unknown>): string | null => {
	const texts = [
		systemText(body.system),
		...messagesOf(body)
			.filter(isRecord)
			.filter((message) => message.role !== 'assistant')
			.map((message) => systemText(message.content)),
	];
	for (const text of texts) {
		const match = /(?:Primary working directory|Working directory):\s*(\/[^\s<]*)/i.exec(text);
		if (match?.[1]) return match[1];
	}
	return null;
};

export const toolsOf = (body: Record<string, unknown>): unknown[] => (Array.isArray(body.tools) ? body.tools : []);

export const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
