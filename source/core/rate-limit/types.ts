// The normalized shape every limit signal is turned into, whatever channel it came from
// (screen, hook, stream-json, transcript, `-p` result, probe run).

/**
 * `usage_limit`: the account is held until `resetsAt` (a quota window is exhausted).
 * `transient`: a short back-off is enough (API-key 429, 5xx, overloaded); never a hold.
 * `warning`: the account is close to a limit but work continues; never a hold.
 */
export type LimitKind = 'usage_limit' | 'transient' | 'warning';

export type LimitWindow =
	| 'five_hour'
	| 'seven_day'
	| 'opus'
	| 'sonnet'
	| 'fable'
	| 'overage'
	| 'credits'
	| 'usage'
	| 'unknown';

export type LimitSource = 'screen' | 'hook' | 'stream' | 'transcript' | 'result' | 'probe';

export type LimitSignal = {
	kind: LimitKind;
	window?: LimitWindow;
	/** Epoch milliseconds, when known. */
	resetsAt?: number;
	/** The exact message that was parsed (for display and alerts). */
	text: string;
	source: LimitSource;
	/** 0..1, for warnings when stated. */
	utilization?: number;
	/** Transient errors: suggested back-off when the message states one. */
	retryAfterMs?: number;
};

export type ParseContext = {
	/** Epoch milliseconds. */
	now: number;
	/** IANA zone of the machine, used when the text names none. */
	timeZone: string;
	source: LimitSource;
};

export type StructuredContext = Omit<ParseContext, 'source'>;

export type ClockContext = {now: number; timeZone: string};
