import {DateTime} from 'luxon';
import {describe, expect, it} from 'vitest';
import {holdUntil, parseLimitText, type LimitKind, type LimitWindow} from '../../source/core/rate-limit/index.js';

// Clocks the wordings are read against. New York and Paris sit on the evening before a DST
// change, so "the next 7pm" falls on the change day (25 h / 23 h later, not 24 h).
const CLOCKS = [
	{name: 'UTC', timeZone: 'UTC', now: Date.parse('2026-11-21T15:59:03Z')},
	{name: 'America/New_York, eve of the fall-back day', timeZone: 'America/New_York', now: Date.parse('2026-10-31T23:30:00Z')},
	{name: 'Europe/Paris, eve of the spring-forward day', timeZone: 'Europe/Paris', now: Date.parse('2026-03-28T19:30:00Z')},
	{name: 'Asia/Tokyo', timeZone: 'Asia/Tokyo', now: Date.parse('2026-11-21T15:59:03Z')},
] as const;

type Reset = {at: string} | {date: {month: number; day: number; at: string}} | {epoch: number} | null;

type Case = {
	name: string;
	/** `{tz}` becomes " (<zone>)", as 2.x appends the machine's zone. */
	text: string;
	kind: LimitKind;
	window?: LimitWindow;
	reset: Reset;
	utilization?: number;
	retryAfterMs?: number;
};

const EPOCH_S = 1795284000;

const NOW = {now: Date.parse('2026-11-21T15:59:03Z'), timeZone: 'UTC', source: 'screen' as const};
const MSG = "You've hit your 5-hour limit · resets 6pm (UTC)";

const CASES: Case[] = [
	// 1.0.30
	{name: '1.0.30 epoch seconds', text: `Claude AI usage limit reached|${EPOCH_S}`, kind: 'usage_limit', window: 'usage', reset: {epoch: EPOCH_S * 1000}},
	{name: '1.0.30 epoch milliseconds', text: `Claude AI usage limit reached|${EPOCH_S}000`, kind: 'usage_limit', window: 'usage', reset: {epoch: EPOCH_S * 1000}},
	{name: '1.0.30 interactive', text: 'Claude usage limit reached. Your limit will reset at 7pm{tz}.', kind: 'usage_limit', window: 'usage', reset: {at: '19:00'}},
	{
		name: '1.0.30 interactive with the dim hint line',
		text: 'Claude usage limit reached. Your limit will reset at 7pm{tz}.\n      • /upgrade to increase your usage limit.',
		kind: 'usage_limit',
		window: 'usage',
		reset: {at: '19:00'},
	},
	// 1.0.113
	{name: '1.0.113 5-hour (U+2219)', text: '5-hour limit reached ∙ resets 7pm', kind: 'usage_limit', window: 'five_hour', reset: {at: '19:00'}},
	{name: '1.0.113 5-hour (U+00B7)', text: '5-hour limit reached · resets 7pm', kind: 'usage_limit', window: 'five_hour', reset: {at: '19:00'}},
	{name: '1.0.113 5-hour (U+2022)', text: '5-hour limit reached • resets 3am', kind: 'usage_limit', window: 'five_hour', reset: {at: '03:00'}},
	{name: '1.0.113 weekly', text: 'Weekly limit reached ∙ resets 6:30pm', kind: 'usage_limit', window: 'seven_day', reset: {at: '18:30'}},
	{name: '1.0.113 Opus weekly', text: 'Opus weekly limit reached ∙ resets 7pm', kind: 'usage_limit', window: 'opus', reset: {at: '19:00'}},
	{name: '1.0.113 generic', text: 'Usage limit reached ∙ resets 12pm', kind: 'usage_limit', window: 'usage', reset: {at: '12:00'}},
	{
		name: '1.0.113 Team/Enterprise',
		text: '5-hour limit resets 7pm ∙ contact an admin to keep working',
		kind: 'usage_limit',
		window: 'five_hour',
		reset: {at: '19:00'},
	},
	{name: '1.0.113 spending cap (no bullet)', text: 'Spending cap reached resets 7pm', kind: 'usage_limit', window: 'overage', reset: {at: '19:00'}},
	{name: '1.0.113 Team limit, no reset', text: 'Limit reached – contact an admin to keep working', kind: 'usage_limit', window: 'usage', reset: null},
	// 2.0.77 / 2.1.x
	{name: '2.0.77 session', text: "You've hit your session limit · resets 6pm{tz}", kind: 'usage_limit', window: 'five_hour', reset: {at: '18:00'}},
	{name: '2.0.77 weekly', text: "You've hit your weekly limit · resets 6pm{tz}", kind: 'usage_limit', window: 'seven_day', reset: {at: '18:00'}},
	{name: '2.x Opus', text: "You've hit your Opus limit · resets 6pm{tz}", kind: 'usage_limit', window: 'opus', reset: {at: '18:00'}},
	{name: '2.x Sonnet', text: "You've hit your Sonnet limit · resets 6pm{tz}", kind: 'usage_limit', window: 'sonnet', reset: {at: '18:00'}},
	{name: '2.1.330 Fable', text: "You've hit your Fable limit · resets 6pm{tz}", kind: 'usage_limit', window: 'fable', reset: {at: '18:00'}},
	{name: '2.1.330 usage credit', text: "You've hit your usage credit limit · resets 6pm{tz}", kind: 'usage_limit', window: 'credits', reset: {at: '18:00'}},
	{name: '2.1.330 usage', text: "You've hit your usage limit · resets 6pm{tz}", kind: 'usage_limit', window: 'usage', reset: {at: '18:00'}},
	{name: '2.x plain limit', text: "You've hit your limit · resets 4:20am{tz}", kind: 'usage_limit', window: 'usage', reset: {at: '04:20'}},
	{name: '2.x out of extra usage', text: "You're out of extra usage · resets 6pm{tz}", kind: 'usage_limit', window: 'overage', reset: {at: '18:00'}},
	{name: '2.1.330 out of usage credits', text: "You're out of usage credits · resets 6pm{tz}", kind: 'usage_limit', window: 'credits', reset: {at: '18:00'}},
	{name: '2.1.330 5-hour', text: "You've hit your 5-hour limit · resets 6pm{tz}", kind: 'usage_limit', window: 'five_hour', reset: {at: '18:00'}},
	{
		name: '2.1.330 weekly, dated',
		text: "You've hit your weekly limit · resets Nov 24, 6:30pm{tz}",
		kind: 'usage_limit',
		window: 'seven_day',
		reset: {date: {month: 11, day: 24, at: '18:30'}},
	},
	{
		name: '2.1.330 progress saved suffix',
		text: "You've hit your 5-hour limit · resets 6pm{tz} · progress saved",
		kind: 'usage_limit',
		window: 'five_hour',
		reset: {at: '18:00'},
	},
	{name: '2.1.201 curly apostrophe', text: 'You’ve hit your session limit · resets 12:50am{tz}', kind: 'usage_limit', window: 'five_hour', reset: {at: '00:50'}},
	{name: 'TUI ⎿ decoration', text: "  ⎿  You've hit your 5-hour limit · resets 7pm{tz}", kind: 'usage_limit', window: 'five_hour', reset: {at: '19:00'}},
	{
		name: 'TUI ⎿ with the /upgrade line',
		text: "  ⎿  You've hit your 5-hour limit · resets 7pm{tz}\n     /upgrade to increase your usage limit.",
		kind: 'usage_limit',
		window: 'five_hour',
		reset: {at: '19:00'},
	},
	{
		name: '2.0.77 TUI with Opening your options…',
		text: "  ⎿  You've hit your session limit · resets 7pm{tz}\n     Opening your options…",
		kind: 'usage_limit',
		window: 'five_hour',
		reset: {at: '19:00'},
	},
	{
		name: '2.x /upgrade suffix',
		text: "You've hit your limit · resets 6pm{tz} · /upgrade to keep using Claude Code",
		kind: 'usage_limit',
		window: 'usage',
		reset: {at: '18:00'},
	},
	{name: '2.1.330 footer', text: '  ⚠ Usage limit reached · limit resets 7pm', kind: 'usage_limit', window: 'usage', reset: {at: '19:00'}},
	{
		name: '2.1.330 footer, both lines',
		text: '  ⚠ Usage limit reached · limit resets 7pm\n    Continuing automatically at 7pm · Esc to cancel',
		kind: 'usage_limit',
		window: 'usage',
		reset: {at: '19:00'},
	},
	{
		name: '2.1.330 auto-continue message',
		text: '● Usage limit reached · set to continue automatically at 7pm',
		kind: 'usage_limit',
		window: 'usage',
		reset: {at: '19:00'},
	},
	{name: '2.1.330 countdown line', text: '    Continuing automatically at 7pm · Esc to cancel', kind: 'usage_limit', window: 'unknown', reset: {at: '19:00'}},
	{
		name: '2.1.330 dialog option 2 confirmation',
		text: '  ⎿  Claude Code will continue automatically at 7pm. Keep this session open; it may still pause for permission prompts.',
		kind: 'usage_limit',
		window: 'unknown',
		reset: {at: '19:00'},
	},
	{name: 'raw ANSI around the message', text: "\u001b[2mYou've hit your 5-hour limit · resets 6pm{tz}\u001b[22m", kind: 'usage_limit', window: 'five_hour', reset: {at: '18:00'}},
	{name: 'upper-case AM/PM', text: "You've hit your 5-hour limit · resets 7:15PM{tz}", kind: 'usage_limit', window: 'five_hour', reset: {at: '19:15'}},
	{name: 'no reset part', text: "You've hit your 5-hour limit", kind: 'usage_limit', window: 'five_hour', reset: null},
	{name: 'CRLF line ending', text: "You've hit your weekly limit · resets 6pm{tz}\r\n", kind: 'usage_limit', window: 'seven_day', reset: {at: '18:00'}},
	// Warnings
	{
		name: '2.1.330 used 92% footer',
		text: "You've used 92% of your 5-hour limit · resets 6pm{tz} · /upgrade to keep using Claude Code",
		kind: 'warning',
		window: 'five_hour',
		reset: {at: '18:00'},
		utilization: 0.92,
	},
	{name: '2.0.77 used % of session', text: "You've used 92% of your session limit · resets 7pm{tz}", kind: 'warning', window: 'five_hour', reset: {at: '19:00'}, utilization: 0.92},
	{name: 'over 90%', text: 'Over 90% of your 5-hour limit used', kind: 'warning', window: 'five_hour', reset: null, utilization: 0.9},
	{name: 'approaching 5-hour', text: 'Approaching 5-hour limit · resets 7pm', kind: 'warning', window: 'five_hour', reset: {at: '19:00'}},
	{name: 'approaching weekly', text: 'Approaching weekly limit', kind: 'warning', window: 'seven_day', reset: null},
	{name: 'approaching Opus weekly', text: 'Approaching Opus weekly limit', kind: 'warning', window: 'opus', reset: null},
	{name: 'approaching usage', text: 'Approaching usage limit', kind: 'warning', window: 'usage', reset: null},
	{name: 'approaching spending cap', text: 'Approaching spending cap', kind: 'warning', window: 'overage', reset: null},
	{
		name: '2.0.77 approaching session',
		text: 'Approaching session limit · resets 6pm{tz} · /upgrade to keep using Claude Code',
		kind: 'warning',
		window: 'five_hour',
		reset: {at: '18:00'},
	},
	{name: '1.0.x model fallback', text: 'Claude Opus 4 limit reached, now using Sonnet 4', kind: 'warning', window: 'opus', reset: null},
	// Transient
	{
		name: '2.1.330 API-key 429',
		text: "API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later.",
		kind: 'transient',
		reset: null,
	},
	{
		name: '2.1.330 API-key 429 on screen',
		text: "● API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later.",
		kind: 'transient',
		reset: null,
	},
	{
		name: '2.0.77 API-key 429 with JSON',
		text: 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your account\'s rate limit. Please try again later."}}',
		kind: 'transient',
		reset: null,
	},
	{
		name: 'server throttle (not your usage limit)',
		text: 'API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited',
		kind: 'transient',
		reset: null,
	},
	{name: 'server throttle without prefix', text: 'Server is temporarily limiting requests (not your usage limit)', kind: 'transient', reset: null},
	{
		name: 'any API error saying (not your usage limit)',
		text: "API Error: You've hit a temporary limit (not your usage limit) · resets 6pm{tz}",
		kind: 'transient',
		reset: null,
	},
	{
		name: '529 overloaded',
		text: 'API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check your inference gateway (127.0.0.1:8765).',
		kind: 'transient',
		reset: null,
	},
	{
		name: '500 internal',
		text: 'API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:8765).',
		kind: 'transient',
		reset: null,
	},
	{name: '503', text: 'API Error: 503 Service Unavailable', kind: 'transient', reset: null},
	{
		name: 'overloaded_error body',
		text: 'API Error: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
		kind: 'transient',
		reset: null,
	},
	{
		name: '429 with a stated retry',
		text: 'API Error: Request rejected (429) · Rate limited. Please try again in 30 seconds.',
		kind: 'transient',
		reset: null,
		retryAfterMs: 30_000,
	},
];

function expectedReset(reset: Reset, clock: (typeof CLOCKS)[number]): number | undefined {
	if (reset === null) return undefined;
	if ('epoch' in reset) return reset.epoch;
	const zone = clock.timeZone;
	if ('date' in reset) {
		const [hour, minute] = reset.date.at.split(':').map(Number);
		const year = DateTime.fromMillis(clock.now, {zone}).year;
		return DateTime.fromObject({year, month: reset.date.month, day: reset.date.day, hour, minute}, {zone}).toMillis();
	}
	// Oracle: Luxon's own calendar arithmetic (keeps the wall time across DST changes).
	const [hour, minute] = reset.at.split(':').map(Number);
	let candidate = DateTime.fromMillis(clock.now, {zone}).set({hour, minute, second: 0, millisecond: 0});
	if (candidate.toMillis() <= clock.now) candidate = candidate.plus({days: 1}).set({hour, minute});
	return candidate.toMillis();
}

const ROWS = CLOCKS.flatMap((clock) => CASES.map((c) => ({...c, clock, label: `${c.name} [${clock.name}]`})));

describe('parseLimitText: every CLI wording × time zones', () => {
	it.each(ROWS)('$label', ({text, kind, window, reset, utilization, retryAfterMs, clock}) => {
		const input = text.replace('{tz}', ` (${clock.timeZone})`);
		const signal = parseLimitText(input, {now: clock.now, timeZone: clock.timeZone, source: 'screen'});
		expect(signal).not.toBeNull();
		expect(signal!.kind).toBe(kind);
		expect(signal!.source).toBe('screen');
		if (window) expect(signal!.window).toBe(window);
		expect(signal!.resetsAt).toBe(expectedReset(reset, clock));
		expect(signal!.utilization).toBe(utilization);
		expect(signal!.retryAfterMs).toBe(retryAfterMs);
		expect(signal!.text.length).toBeGreaterThan(0);
		// Only a usage limit with a known reset is a hold.
		const hold = holdUntil(signal!, 60_000);
		if (kind === 'usage_limit' && signal!.resetsAt !== undefined) expect(hold).toBe(signal!.resetsAt + 60_000);
		else expect(hold).toBeNull();
	});
});

describe('parseLimitText: DST change days, spelled out', () => {
	it('New York: "7pm" read at 7:30pm EDT on Oct 31 is 7pm EST on Nov 1 (25 h later)', () => {
		const s = parseLimitText('5-hour limit reached ∙ resets 7pm', {
			now: Date.parse('2026-10-31T23:30:00Z'),
			timeZone: 'America/New_York',
			source: 'screen',
		});
		expect(s?.resetsAt).toBe(Date.parse('2026-11-02T00:00:00Z'));
	});

	it('Paris: "7pm" read at 8:30pm CET on Mar 28 is 7pm CEST on Mar 29 (17:00 UTC)', () => {
		const s = parseLimitText("You've hit your 5-hour limit · resets 7pm (Europe/Paris)", {
			now: Date.parse('2026-03-28T19:30:00Z'),
			timeZone: 'UTC',
			source: 'screen',
		});
		expect(s?.resetsAt).toBe(Date.parse('2026-03-29T17:00:00Z'));
	});
});

describe('parseLimitText: the text keeps what was shown', () => {
	it('strips decorations but keeps the original apostrophe', () => {
		const s = parseLimitText('  ⎿  You’ve hit your 5-hour limit · resets 6pm (UTC)', {now: 0, timeZone: 'UTC', source: 'screen'});
		expect(s?.text).toBe('You’ve hit your 5-hour limit · resets 6pm (UTC)');
	});

	it('a zone in the text wins over the machine zone', () => {
		const s = parseLimitText("You've hit your 5-hour limit · resets 6pm (UTC)", {
			now: Date.parse('2026-11-21T15:59:03Z'),
			timeZone: 'Asia/Tokyo',
			source: 'probe',
		});
		expect(s).toMatchObject({resetsAt: Date.parse('2026-11-21T18:00:00Z'), source: 'probe'});
	});

	it('a reset phrase in a format not known yet still counts as a limit, with the reset unknown', () => {
		const s = parseLimitText("You've hit your weekly limit · resets next week", NOW);
		expect(s).toMatchObject({kind: 'usage_limit', window: 'seven_day'});
		expect(s?.resetsAt).toBeUndefined();
	});

	it('a weekday reset', () => {
		const s = parseLimitText("You've hit your weekly limit · resets Monday at 7pm (UTC)", NOW);
		expect(s?.resetsAt).toBe(Date.parse('2026-11-23T19:00:00Z'));
	});

	it('an unknown zone falls back to the machine zone instead of throwing', () => {
		const s = parseLimitText("You've hit your 5-hour limit · resets 6pm (Mars/Olympus_Mons)", {
			now: Date.parse('2026-11-21T15:59:03Z'),
			timeZone: 'America/New_York',
			source: 'screen',
		});
		expect(s?.resetsAt).toBe(Date.parse('2026-11-21T23:00:00Z'));
	});
});

describe('parseLimitText: quoted or echoed text is not a signal', () => {
	it.each([
		['inside a sentence', `The log says ${MSG}`],
		['a markdown quote', `> ${MSG}`],
		['a markdown list item', `- ${MSG}`],
		['a code fence', `\`\`\`\n${MSG}\n\`\`\``],
		['inline code', `\`${MSG}\``],
		['a JSON string', JSON.stringify(MSG)],
		['a JSON object in a fixture', JSON.stringify({text: MSG})],
		['a numbered file listing', `12: ${MSG}`],
		['a grep hit', `tests/fixtures/limits.txt:3:${MSG}`],
		['typed at the prompt', `❯ ${MSG}`],
		['followed by prose', `${MSG} — I will wait for it.`],
		['a sentence where the reset should be', "You've hit your 5-hour limit · resets 6pm, so I will wait here"],
		['an unknown suffix part', "You've hit your limit · resets 6pm · so I stopped here"],
		['after other lines of an answer', `Here is what happened:\n${MSG}`],
		['followed by other lines of an answer', `${MSG}\nSo I stopped.`],
		['a tool printing a rate-limit error', 'API rate limit reached'],
		['a generic "limit reached" line', 'Rate limit reached'],
		['the 1.0.30 form with a non-numeric epoch', 'Claude AI usage limit reached|abc'],
		['the auto-continue cancel notice', 'Automatic continue cancelled · /rate-limit-options to wait again'],
		['the rate-limit dialog title', 'What do you want to do?'],
		['a stalled-API notice', 'Waiting for API response · will retry in 2m 5s · check your network'],
		['a connection retry', 'Unable to connect to API (ConnectionRefused) · Retrying in 32s · attempt 7/10'],
		['an auth error', 'Not logged in · Please run /login'],
		['a connection error', 'API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)'],
		['empty', ''],
		['blank lines', '   \n  \n'],
		['only decorations', '  ⎿  ●  '],
		['garbage', '\u0000\u0001 %%% ∙ ·'],
		['a very long line', `${MSG} ${'x'.repeat(2000)}`],
	])('%s', (_name, text) => {
		expect(parseLimitText(text, NOW)).toBeNull();
	});

	it.each([
		['a number', 42],
		['null', null],
		['undefined', undefined],
		['an object', {text: MSG}],
	])('a non-string input (%s)', (_name, value) => {
		expect(parseLimitText(value as unknown as string, NOW)).toBeNull();
	});
});

describe('parseLimitText: kinds never cross', () => {
	it.each([
		'API Error: Request rejected (429) · This request would exceed your account\'s rate limit. Please try again later.',
		'API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited',
		'API Error: Repeated 529 Overloaded errors. The API is at capacity.',
	])('transient, never a usage limit: %s', (text) => {
		const s = parseLimitText(text, NOW);
		expect(s?.kind).toBe('transient');
		expect(holdUntil(s!, 0)).toBeNull();
	});

	it.each([
		"You've used 92% of your 5-hour limit · resets 6pm (UTC) · /upgrade to keep using Claude Code",
		'Approaching 5-hour limit · resets 7pm',
		'Over 90% of your 5-hour limit used',
	])('a warning is never a hold: %s', (text) => {
		const s = parseLimitText(text, NOW);
		expect(s?.kind).toBe('warning');
		expect(holdUntil(s!, 60_000)).toBeNull();
	});
});
