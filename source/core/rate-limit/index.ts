// Usage-limit / rate-limit parsing: every limit signal of every CLI version and channel,
// normalized to one LimitSignal. Pure: the clock and the machine's zone come in as arguments.

export type {
	ClockContext,
	LimitKind,
	LimitSignal,
	LimitSource,
	LimitWindow,
	ParseContext,
	StructuredContext,
} from './types.js';
export {parseLimitText, retryAfterFromText} from './text.js';
export {parseHookPayload, parseStreamEvent, parseTranscriptEntry} from './structured.js';
export {normalizeEpoch, PAST_GRACE_MS, resolveResetTime, resolveZone} from './reset-time.js';
export {windowFromClaim, windowFromLabel} from './wordings.js';
export {holdUntil} from './hold.js';
