import type {IncomingHttpHeaders} from 'node:http';

/** How the mock classified a request: a main agent turn, a helper call the CLI makes on its own, or anything else. */
export type RequestKind = 'main' | 'side' | 'other';

export type RecordedRequest = {
	/** 0-based position among all requests this mock received. */
	index: number;
	/** 0-based position among `main` requests; null for side/other. */
	mainIndex: number | null;
	kind: RequestKind;
	method: string;
	/** Full request target, query included (`/v1/messages?beta=true`). */
	url: string;
	/** Path without the query (`/v1/messages`). */
	path: string;
	headers: IncomingHttpHeaders;
	/** Parsed JSON body, or the raw text when it was not JSON, or undefined when empty. */
	body: unknown;
	rawBody: string;
	remoteAddress: string;
	localAddress: string;
	receivedAt: number;
	/** Short description of what the mock answered (`text`, `tool_use:Write`, `429 usage-limit`, …). */
	answer: string;
};

export type MockToolUse = {
	name: string;
	input: Record<string, unknown>;
	/** Generated when omitted. */
	id?: string;
};

export type MockContentBlock = {type: 'text'; text: string} | ({type: 'tool_use'} & MockToolUse);

/** A usage or rate limit the mock answers with. */
export type MockLimit =
	| {
			/** 429 with `anthropic-ratelimit-unified-*` headers: what a claude.ai account sees at its usage limit. */
			type: 'usage';
			/** Representative claim; `five_hour` gives "5-hour limit", `seven_day` "weekly limit". Default five_hour. */
			claim?: 'five_hour' | 'seven_day' | 'seven_day_opus' | 'seven_day_sonnet' | 'overage';
			/** Reset time, Unix epoch seconds. Default: the next full hour at least 1 h ahead. */
			resetsAt?: number;
			/** `anthropic-ratelimit-unified-overage-status`. Default `rejected`. */
			overageStatus?: 'rejected' | 'allowed' | 'allowed_warning';
	  }
	| {
			/** Plain 429 with no unified headers (the CLI retries it, honouring retry-after). */
			type: 'rate_limit';
			retryAfterSeconds?: number;
	  }
	| {
			/** 529 overloaded_error (the CLI retries it). */
			type: 'overloaded';
	  };

export type MockReply =
	/** An assistant message: streamed as SSE for `stream:true`, JSON otherwise. */
	| {
			kind: 'message';
			content: MockContentBlock[];
			/** Default: `tool_use` when a tool_use block is present, else `end_turn`. */
			stopReason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence';
			/** Spread the text deltas over this many ms (a slow stream). Default: sent at once. */
			streamDurationMs?: number;
	  }
	| {kind: 'error'; status: number; body?: unknown; headers?: Record<string, string>}
	| {kind: 'limit'; limit: MockLimit}
	/** Accept the request and never answer (until the mock closes). */
	| {kind: 'hang'};

export type MockRequestContext = {
	index: number;
	/** Position among main requests; -1 for a side request. */
	mainIndex: number;
	path: string;
	headers: IncomingHttpHeaders;
	body: Record<string, unknown>;
	model: string;
	stream: boolean;
	messages: unknown[];
	system: unknown;
	tools: unknown[];
	/** Text of the latest user message that is not only tool results, with `<system-reminder>` blocks removed. */
	latestUserText: string;
	/** How many user messages carry typed text (prompts, hook feedback); 1 on the first turn. */
	userTurnCount: number;
	/** The last message is a user message made of tool_result blocks. */
	isToolResultTurn: boolean;
	/** The working directory announced in the system prompt / env section, when found. */
	cwd: string | null;
};

/** Returns a reply, or undefined to fall back to the built-in magic-word behaviour. */
export type MockScript = (ctx: MockRequestContext) => MockReply | undefined;

export type MockAnthropicOptions = {
	/** Override for main requests (before magic words). */
	respond?: MockScript;
	/** Line appended to the reply that follows a tool result (e.g. a completion marker). */
	finalLine?: string;
	/** Reply to a `Stop hook feedback:` message. */
	stopFeedbackReply?: string;
	/** Reply to a later user turn without a magic word. Default echoes the start of the text. */
	followUpReply?: string | ((text: string) => string);
	/** Total duration of the MOCK_SLOW stream. Default 20 s. */
	slowStreamMs?: number;
	/** Text used for side requests (title generation, other tool-less or `stream:false` Messages calls). */
	sideText?: string;
	/** Override for side Messages requests (e.g. the non-streaming fallback after a stalled stream). */
	respondSide?: MockScript;
};

export type MockAnthropic = {
	url: string;
	port: number;
	requests: RecordedRequest[];
	/** Only the main-turn requests, in order. */
	mainRequests(): RecordedRequest[];
	/** While set, every main request gets this limit. */
	setLimited(limit: MockLimit | null): void;
	/** Replace the override script at run time (null restores options.respond). */
	setScript(script: MockScript | null): void;
	/** Resolves once a recorded request matches, polling; rejects after timeoutMs. */
	waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
	/** Number of streams currently being written (slow or hanging replies in flight). */
	openStreams(): number;
	close(): Promise<void>;
};
