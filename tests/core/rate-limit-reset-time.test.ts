import {describe, expect, it} from 'vitest';
import {
	holdUntil,
	normalizeEpoch,
	PAST_GRACE_MS,
	resolveResetTime,
	type LimitSignal,
} from '../../source/core/rate-limit/index.js';

const at = (iso: string) => Date.parse(iso);

describe('resolveResetTime', () => {
	it.each([
		// [spec, now (ISO, UTC), machine zone, expected (ISO, UTC)]
		['7pm', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T19:00:00Z'],
		['7pm', '2026-11-21T19:30:00Z', 'UTC', '2026-11-22T19:00:00Z'],
		['6:30pm', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T18:30:00Z'],
		['12:50am', '2026-11-21T15:59:03Z', 'UTC', '2026-11-22T00:50:00Z'],
		['12pm', '2026-11-21T09:00:00Z', 'UTC', '2026-11-21T12:00:00Z'],
		['12am', '2026-11-21T09:00:00Z', 'UTC', '2026-11-22T00:00:00Z'],
		['7PM', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T19:00:00Z'],
		['7 pm', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T19:00:00Z'],
		['7:00 P.M.', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T19:00:00Z'],
		['19:00', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T19:00:00Z'],
		['noon', '2026-11-21T15:59:03Z', 'UTC', '2026-11-22T12:00:00Z'],
		['7pm (UTC)', '2026-11-21T15:59:03Z', 'America/New_York', '2026-11-21T19:00:00Z'],
		['1pm (America/New_York)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T18:00:00Z'],
		['12:50am (America/Los_Angeles)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-22T08:50:00Z'],
		['4:20am (Europe/Warsaw)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-22T03:20:00Z'],
		['7pm', '2026-11-21T15:59:03Z', 'Asia/Tokyo', '2026-11-22T10:00:00Z'],
		['7pm UTC', '2026-11-21T15:59:03Z', 'Asia/Tokyo', '2026-11-21T19:00:00Z'],
		['7pm (GMT+2)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T17:00:00Z'],
		// Unknown zone names fall back to the machine zone.
		['7pm (Mars/Olympus_Mons)', '2026-11-21T15:59:03Z', 'Asia/Tokyo', '2026-11-22T10:00:00Z'],
		['7pm (Mars/Olympus_Mons)', '2026-11-21T15:59:03Z', 'Not/AZone', '2026-11-21T19:00:00Z'],
		// Dates (the CLI puts them first when the reset is more than 24 h away).
		['Nov 24, 6:30pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-24T18:30:00Z'],
		['Nov 24, 6:30pm', '2026-11-21T15:59:03Z', 'Asia/Tokyo', '2026-11-24T09:30:00Z'],
		['Nov 24 at 6:30pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-24T18:30:00Z'],
		['24 Nov, 6:30pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-24T18:30:00Z'],
		['Sept 3, 7pm (UTC)', '2026-08-30T10:00:00Z', 'UTC', '2026-09-03T19:00:00Z'],
		['Dec 1 (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-12-01T00:00:00Z'],
		// Year boundary: read on Dec 31, "Jan 2" is next year; with the year printed, that year.
		['Jan 2, 1am (UTC)', '2026-12-31T12:00:00Z', 'UTC', '2027-01-02T01:00:00Z'],
		['Jan 2, 2027, 1am (UTC)', '2026-12-31T12:00:00Z', 'UTC', '2027-01-02T01:00:00Z'],
		['Jan 2, 2027 at 1am (UTC)', '2026-12-31T12:00:00Z', 'UTC', '2027-01-02T01:00:00Z'],
		['Jan 2, 1am', '2026-12-31T12:00:00Z', 'America/New_York', '2027-01-02T06:00:00Z'],
		// A time that passed a moment ago (the CLI truncates to the minute) still means today…
		['7pm', '2026-11-21T19:02:00Z', 'UTC', '2026-11-21T19:00:00Z'],
		// …but not once the grace is over.
		['7pm', '2026-11-21T19:10:00Z', 'UTC', '2026-11-22T19:00:00Z'],
		// A dated reset read shortly after it passed is stale, not next year's.
		['Nov 24, 6:30pm (UTC)', '2026-11-24T18:40:00Z', 'UTC', '2026-11-24T18:30:00Z'],
		// Relative and day-word forms.
		['in 2h 30m', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T18:29:03Z'],
		['in 45 minutes', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T16:44:03Z'],
		['tomorrow at 7pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-22T19:00:00Z'],
		['today at 7pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T19:00:00Z'],
		// Weekdays (2026-11-21 is a Saturday).
		['Mon 7pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-23T19:00:00Z'],
		['Saturday at 7pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T19:00:00Z'],
		['Saturday at 3pm (UTC)', '2026-11-21T15:59:03Z', 'UTC', '2026-11-28T15:00:00Z'],
		// Raw epochs.
		['1795284000', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T18:00:00Z'],
		['1795284000000', '2026-11-21T15:59:03Z', 'UTC', '2026-11-21T18:00:00Z'],
	])('%s  (now %s, zone %s) → %s', (spec, now, timeZone, expected) => {
		expect(resolveResetTime(spec, {now: at(now), timeZone})).toBe(at(expected));
	});

	it.each(['', '   ', 'soon', '25pm', '0am', '13:75', '7', 'Foo 3, 7pm', 'Feb 30, 7pm (UTC)', 'whenever (UTC)'])(
		'unreadable %j → null',
		(spec) => {
			expect(resolveResetTime(spec, {now: at('2026-11-21T15:59:03Z'), timeZone: 'UTC'})).toBeNull();
		},
	);

	it('never throws on an invalid machine zone', () => {
		expect(() => resolveResetTime('7pm', {now: at('2026-11-21T15:59:03Z'), timeZone: '???'})).not.toThrow();
		expect(resolveResetTime('7pm', {now: at('2026-11-21T15:59:03Z'), timeZone: '???'})).toBe(at('2026-11-21T19:00:00Z'));
	});

	it('the grace constant is a few minutes, not hours', () => {
		expect(PAST_GRACE_MS).toBeGreaterThanOrEqual(60_000);
		expect(PAST_GRACE_MS).toBeLessThanOrEqual(15 * 60_000);
	});
});

describe('resolveResetTime across DST changes', () => {
	it.each([
		// America/New_York falls back on 2026-11-01 at 2:00 EDT → 1:00 EST.
		['NY: 7pm the evening before → 7pm EST on the change day (25 h later)', '7pm', '2026-10-31T23:30:00Z', 'America/New_York', '2026-11-02T00:00:00Z'],
		['NY: 1:30am read before the change → the first (EDT) 1:30', '1:30am', '2026-11-01T04:00:00Z', 'America/New_York', '2026-11-01T05:30:00Z'],
		['NY: 1:30am read between the two → the second (EST) 1:30', '1:30am', '2026-11-01T05:45:00Z', 'America/New_York', '2026-11-01T06:30:00Z'],
		['NY: 3am on the change day', '3am', '2026-11-01T04:00:00Z', 'America/New_York', '2026-11-01T08:00:00Z'],
		// America/New_York springs forward on 2026-03-08: 2:30am does not exist → 3:30 EDT.
		['NY: nonexistent 2:30am', '2:30am', '2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08T07:30:00Z'],
		// Europe/Paris springs forward on 2026-03-29 at 2:00 CET → 3:00 CEST.
		['Paris: 7pm the evening before → 7pm CEST (23 h later)', '7pm', '2026-03-28T19:30:00Z', 'Europe/Paris', '2026-03-29T17:00:00Z'],
		['Paris: nonexistent 2:30am → 3:30 CEST', '2:30am', '2026-03-29T00:00:00Z', 'Europe/Paris', '2026-03-29T01:30:00Z'],
		['Paris: 1:30am before the change (CET)', '1:30am', '2026-03-28T23:00:00Z', 'Europe/Paris', '2026-03-29T00:30:00Z'],
		['Paris: zone in the text, machine in UTC', '7pm (Europe/Paris)', '2026-03-28T19:30:00Z', 'UTC', '2026-03-29T17:00:00Z'],
		// Europe/Paris falls back on 2026-10-25 at 3:00 CEST → 2:00 CET: 2:30am happens twice.
		['Paris: ambiguous 2:30am → the first occurrence', '2:30am', '2026-10-24T22:00:00Z', 'Europe/Paris', '2026-10-25T00:30:00Z'],
		['Paris: ambiguous 2:30am after the first → the second', '2:30am', '2026-10-25T00:45:00Z', 'Europe/Paris', '2026-10-25T01:30:00Z'],
		['Paris: dated reset across the change', 'Mar 30, 9am (Europe/Paris)', '2026-03-27T12:00:00Z', 'UTC', '2026-03-30T07:00:00Z'],
	])('%s', (_name, spec, now, timeZone, expected) => {
		expect(resolveResetTime(spec, {now: at(now), timeZone})).toBe(at(expected));
	});
});

describe('normalizeEpoch', () => {
	it.each([
		[1795284000, 1795284000000],
		[1795284000000, 1795284000000],
		['1795284000', 1795284000000],
		[1795284000.5, 1795284000500],
		[0, null],
		[-5, null],
		[Number.NaN, null],
		['soon', null],
		[null, null],
		[undefined, null],
	])('%j → %j', (input, expected) => {
		expect(normalizeEpoch(input)).toBe(expected);
	});
});

describe('holdUntil', () => {
	const base = {text: 'x', source: 'screen' as const};
	it.each<[string, LimitSignal, number, number | null]>([
		['usage limit with a reset', {...base, kind: 'usage_limit', resetsAt: 1000}, 500, 1500],
		['negative margin is ignored', {...base, kind: 'usage_limit', resetsAt: 1000}, -500, 1000],
		['usage limit without a reset', {...base, kind: 'usage_limit'}, 500, null],
		['warning with a reset', {...base, kind: 'warning', resetsAt: 1000}, 500, null],
		['transient with a retry', {...base, kind: 'transient', retryAfterMs: 30_000}, 500, null],
	])('%s', (_name, signal, margin, expected) => {
		expect(holdUntil(signal, margin)).toBe(expected);
	});
});
