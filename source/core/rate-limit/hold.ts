// When a held account may be resumed. Only a usage limit with a known reset is a hold with an
// end; warnings and transient errors never hold, and an unknown reset is the caller's cue to probe.

import type {LimitSignal} from './types.js';

/** `resetsAt + marginMs` for a usage limit with a known reset; null otherwise. */
export function holdUntil(signal: LimitSignal, marginMs: number): number | null {
	if (signal.kind !== 'usage_limit' || signal.resetsAt === undefined || !Number.isFinite(signal.resetsAt)) return null;
	return signal.resetsAt + Math.max(0, Number.isFinite(marginMs) ? marginMs : 0);
}
