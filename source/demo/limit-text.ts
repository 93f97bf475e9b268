// Usage-limit wordings of each CLI generation and the reset-time formatting rules
// (12-hour clock, lower-case am/pm, minutes only when non-zero, date first when the
// reset is more than 24 hours away, the IANA zone in parentheses).

import type {LimitKind, LimitWording} from './scenario/steps.js';

export const API_KEY_429_MESSAGE = "This request would exceed your account's rate limit. Please try again later.";

export function currentTimeZone(): string {
	const fromEnv = process.env['TZ'];
	if (fromEnv && fromEnv.trim() !== '' && !fromEnv.startsWith(':')) return fromEnv;
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

type Parts = {month: string; day: string; year: string; hour: string; minute: string; dayPeriod: string};

function parts(epochSec: number, timeZone: string): Parts {
	let formatter: Intl.DateTimeFormat;
	try {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			month: 'short',
			day: 'numeric',
			year: 'numeric',
			hour: 'numeric',
			minute: '2-digit',
			hour12: true,
		});
	} catch {
		formatter = new Intl.DateTimeFormat('en-US', {timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true});
	}
	const out: Record<string, string> = {};
	for (const part of formatter.formatToParts(new Date(epochSec * 1000))) out[part.type] = part.value;
	return {
		month: out['month'] ?? '',
		day: out['day'] ?? '',
		year: out['year'] ?? '',
		hour: out['hour'] ?? '',
		minute: out['minute'] ?? '00',
		dayPeriod: (out['dayPeriod'] ?? '').toLowerCase(),
	};
}

/** `7pm`, `6:30pm`, `12:50am`. */
export function formatClock(epochSec: number, timeZone = currentTimeZone()): string {
	const p = parts(epochSec, timeZone);
	return `${p.hour}${p.minute === '00' ? '' : `:${p.minute}`}${p.dayPeriod}`;
}

/** `7pm (UTC)`, or `Nov 24, 6:30pm (UTC)` when the reset is more than a day away. */
export function formatReset(epochSec: number, nowMs: number, timeZone = currentTimeZone(), withZone = true): string {
	const clock = formatClock(epochSec, timeZone);
	let text = clock;
	if (epochSec * 1000 - nowMs > 24 * 3600 * 1000) {
		const p = parts(epochSec, timeZone);
		const nowYear = parts(Math.floor(nowMs / 1000), timeZone).year;
		text = `${p.month} ${p.day}${p.year !== nowYear ? `, ${p.year}` : ''}, ${clock}`;
	}
	return withZone ? `${text} (${timeZone})` : text;
}

/** `4:01 PM` as in the "done" line of 2.1.330. */
export function formatDoneClock(nowMs: number, timeZone = currentTimeZone()): string {
	const p = parts(Math.floor(nowMs / 1000), timeZone);
	return `${p.hour}:${p.minute} ${p.dayPeriod.toUpperCase()}`;
}

const MODERN_LABEL: Record<LimitKind, string> = {
	five_hour: '5-hour limit',
	seven_day: 'weekly limit',
	seven_day_opus: 'Opus limit',
	seven_day_sonnet: 'Sonnet limit',
	overage: 'limit',
};

const SESSION_LABEL: Record<LimitKind, string> = {
	five_hour: 'session limit',
	seven_day: 'weekly limit',
	seven_day_opus: 'Opus limit',
	seven_day_sonnet: 'Sonnet limit',
	overage: 'limit',
};

const V1_LABEL: Record<LimitKind, string> = {
	five_hour: '5-hour limit reached',
	seven_day: 'Weekly limit reached',
	seven_day_opus: 'Opus weekly limit reached',
	seven_day_sonnet: 'Usage limit reached',
	overage: 'Usage limit reached',
};

export type LimitTextInput = {
	readonly kind: LimitKind;
	readonly wording: LimitWording;
	readonly resetsAt: number;
	readonly nowMs: number;
	/** 2.0.77 and 1.0.30 print the raw API error for API-key users. */
	readonly rawApiKeyError?: boolean;
	readonly timeZone?: string;
};

/** The text that lands in `result`, in the assistant message and in StopFailure. */
export function limitMessage(input: LimitTextInput): string {
	const tz = input.timeZone ?? currentTimeZone();
	switch (input.wording) {
		case 'epoch':
			return `Claude AI usage limit reached|${input.resetsAt}`;
		case 'v1':
			return `${V1_LABEL[input.kind]} ∙ resets ${formatReset(input.resetsAt, input.nowMs, tz, false)}`;
		case 'session':
			return `You've hit your ${SESSION_LABEL[input.kind]} · resets ${formatReset(input.resetsAt, input.nowMs, tz)}`;
		case 'modern':
			return `You've hit your ${MODERN_LABEL[input.kind]} · resets ${formatReset(input.resetsAt, input.nowMs, tz)}`;
		case 'apikey':
			return input.rawApiKeyError
				? `API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"${API_KEY_429_MESSAGE}"}}`
				: `API Error: Request rejected (429) · ${API_KEY_429_MESSAGE}`;
	}
}

/** 1.0.30's interactive rendering of the epoch form. */
export function legacyInteractiveLimitMessage(resetsAt: number, timeZone = currentTimeZone()): string {
	return `Claude usage limit reached. Your limit will reset at ${formatClock(resetsAt, timeZone)} (${timeZone}).`;
}
