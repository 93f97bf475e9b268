// A limit line read off the screen, turned into a limit signal with its reset time.
import type {ScreenObservation} from '../../core/detect/types.js';
import type {AgentSignal} from '../../core/events.js';
import {parseLimitText} from '../../core/rate-limit/index.js';

export function machineTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function screenLimitSignal(observation: Extract<ScreenObservation, {kind: 'limit'}>, now = Date.now(), timeZone = machineTimeZone()): AgentSignal | undefined {
	const parsed = parseLimitText(observation.text, {now, timeZone, source: 'screen'});
	const kind = parsed?.kind ?? 'usage_limit';
	return {
		kind: 'limit',
		limitKind: kind,
		text: observation.text,
		resetsAt: parsed?.resetsAt,
		retryAfterMs: parsed?.retryAfterMs,
		autoContinue: observation.autoContinue,
		waitKeys: observation.dialog ? observation.waitKeys : undefined,
		source: 'screen',
	};
}
