// A limit line read off the screen, turned into a limit signal with its reset time.
import type {ScreenObservation} from '../../core/detect/types.js';
import type {AgentSignal} from '../../core/events.js';
import {parseLimitText} from '../../core/rate-limit/index.js';

export function machineTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The CLI prints reset times to the minute ("resets 5:42pm"), so the real reset can be up
 * to a minute later than the text says: count from the end of that minute.
 */
export function endOfMinute(resetsAt: number | undefined): number | undefined {
	return resetsAt === undefined ? undefined : resetsAt - (resetsAt % 60_000) + 59_999;
}

export function screenLimitSignal(observation: Extract<ScreenObservation, {kind: 'limit'}>, now = Date.now(), timeZone = machineTimeZone()): AgentSignal | undefined {
	const parsed = parseLimitText(observation.text, {now, timeZone, source: 'screen'});
	const kind = parsed?.kind ?? 'usage_limit';
	return {
		kind: 'limit',
		limitKind: kind,
		text: observation.text,
		resetsAt: endOfMinute(parsed?.resetsAt),
		retryAfterMs: parsed?.retryAfterMs,
		autoContinue: observation.autoContinue,
		waitKeys: observation.dialog ? observation.waitKeys : undefined,
		source: 'screen',
	};
}
