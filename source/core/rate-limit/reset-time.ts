// Turns the reset times the CLI prints ("7pm", "6:30pm (UTC)", "Nov 24, 6:30pm (Europe/Paris)",
// a raw epoch) into epoch milliseconds. The CLI formats an instant in the machine's zone with a
// 12-hour clock, drops ":00", and puts the date first only when the reset is more than 24 h away,
// so a bare time means "the next time the wall clock shows this".

import {DateTime, FixedOffsetZone, IANAZone, type Zone} from 'luxon';
import type {ClockContext} from './types.js';

/**
 * A bare time that passed at most this long ago still means "today": the CLI truncates the reset
 * to the minute, so a message read shortly after it was printed can name a minute that just began.
 * Kept short on purpose: a longer grace would turn "resets 8pm" read at 8:20pm (tomorrow's reset
 * of a weekly window) into an immediate resume that hits the limit again.
 */
export const PAST_GRACE_MS = 5 * 60_000;

/** A dated reset this far in the past is a stale message, not one almost a year away. */
const STALE_DATE_MS = 30 * 86_400_000;

const DAY_MS = 86_400_000;

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Epochs below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;

/** Seconds or milliseconds since the epoch → milliseconds; null for anything else. */
export function normalizeEpoch(value: unknown): number | null {
	const n = typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null;
	return Math.round(n < SECONDS_LIMIT ? n * 1000 : n);
}

/** The zone a name refers to; `fallback` (the machine's zone) when the name is unknown. */
export function resolveZone(name: string | undefined, fallback: string): Zone {
	return zoneByName(name) ?? zoneByName(fallback) ?? FixedOffsetZone.utcInstance;
}

function zoneByName(name: string | undefined): Zone | null {
	const trimmed = name?.trim();
	if (!trimmed) return null;
	if (/^(?:utc|gmt|z)$/i.test(trimmed)) return FixedOffsetZone.utcInstance;
	const offset = /^(?:utc|gmt)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
	if (offset) {
		const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
		return FixedOffsetZone.instance(offset[1] === '-' ? -minutes : minutes);
	}
	return IANAZone.isValidZone(trimmed) ? IANAZone.create(trimmed) : null;
}

type WallTime = {hour: number; minute: number};
type CalendarDate = {year: number; month: number; day: number};

/**
 * Resolves a reset-time phrase to epoch milliseconds, or null when it cannot be read.
 * Never throws: an unknown zone name falls back to `ctx.timeZone`.
 */
export function resolveResetTime(spec: string, ctx: ClockContext): number | null {
	try {
		return resolve(spec, ctx);
	} catch {
		return null;
	}
}

function resolve(spec: string, ctx: ClockContext): number | null {
	let rest = spec.trim().replace(/[.\s]+$/, '');
	if (!rest) return null;
	if (/^\d{9,16}$/.test(rest)) return normalizeEpoch(rest);

	let zoneName: string | undefined;
	const bracketed = /\s*\(([^()]*)\)$/.exec(rest);
	const bare = /\s+((?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)$/i.exec(rest);
	const zoneMatch = bracketed ?? bare;
	if (zoneMatch) {
		zoneName = zoneMatch[1];
		rest = rest.slice(0, zoneMatch.index).trim();
	}
	const zone = resolveZone(zoneName, ctx.timeZone);

	const relative = parseRelative(rest);
	if (relative !== null) return ctx.now + relative;

	let dayOffset: number | undefined;
	const dayWord = /^(today|tomorrow)(?:,?\s+at)?\s+/i.exec(rest);
	if (dayWord) {
		dayOffset = dayWord[1]!.toLowerCase() === 'tomorrow' ? 1 : 0;
		rest = rest.slice(dayWord[0].length);
	}
	let weekday: number | undefined;
	const weekdayWord = /^(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?(?:\s+at)?\s+/i.exec(rest);
	if (weekdayWord && dayOffset === undefined) {
		weekday = WEEKDAYS.indexOf(weekdayWord[1]!.toLowerCase());
		rest = rest.slice(weekdayWord[0].length);
	}

	const dateMatch =
		/^(?:([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})\s+([a-z]{3,9})\.?)(?:,?\s+(\d{4}))?(?:\s*,\s*|\s+at\s+|\s+|$)/i.exec(
			rest,
		);
	let month: number | undefined;
	let day: number | undefined;
	let year: number | undefined;
	// "7 pm" also fits the day-month shape; only a real month name makes it a date.
	const dateMonth = dateMatch && dayOffset === undefined ? monthIndex(dateMatch[1] ?? dateMatch[4] ?? '') : undefined;
	if (dateMatch && dateMonth !== undefined) {
		month = dateMonth;
		day = Number(dateMatch[2] ?? dateMatch[3]);
		year = dateMatch[5] ? Number(dateMatch[5]) : undefined;
		if (day < 1 || day > 31) return null;
		rest = rest.slice(dateMatch[0].length);
	}

	// A date with no time ("resets Dec 1") means the start of that day.
	const time = rest === '' && month !== undefined ? {hour: 0, minute: 0} : parseWallTime(rest);
	if (!time) return null;

	const ref = DateTime.fromMillis(ctx.now, {zone});
	if (!ref.isValid) return null;
	const today: CalendarDate = {year: ref.year, month: ref.month, day: ref.day};
	const earliest = ctx.now - PAST_GRACE_MS;

	if (month !== undefined && day !== undefined) {
		const years = year !== undefined ? [year] : [today.year - 1, today.year, today.year + 1];
		const candidates = years.flatMap((y) =>
			validDate(y, month, day) ? localInstants(zone, {year: y, month, day}, time) : [],
		);
		if (year !== undefined) return firstAtOrAfter(candidates, earliest) ?? candidates[0] ?? null;
		return firstAtOrAfter(candidates, ctx.now - STALE_DATE_MS) ?? null;
	}

	if (weekday !== undefined) {
		// "Mon 7pm": the next such weekday, today included while that time is still ahead.
		const candidates = [0, 1, 2, 3, 4, 5, 6, 7]
			.map((k) => addDays(today, k))
			.filter((d) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() === weekday)
			.flatMap((d) => localInstants(zone, d, time));
		return firstAtOrAfter(candidates, earliest);
	}

	if (dayOffset !== undefined) {
		const candidates = localInstants(zone, addDays(today, dayOffset), time);
		return firstAtOrAfter(candidates, earliest) ?? candidates[candidates.length - 1] ?? null;
	}

	const candidates = [-1, 0, 1, 2].flatMap((k) => localInstants(zone, addDays(today, k), time));
	return firstAtOrAfter(candidates, earliest);
}

function parseRelative(text: string): number | null {
	const m = /^in\s+(?:(\d+)\s*d(?:ays?)?\s*)?(?:(\d+)\s*h(?:(?:ou)?rs?)?\s*)?(?:(\d+)\s*m(?:in(?:ute)?s?)?)?$/i.exec(text);
	if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
	return Number(m[1] ?? 0) * DAY_MS + Number(m[2] ?? 0) * 3_600_000 + Number(m[3] ?? 0) * 60_000;
}

function parseWallTime(text: string): WallTime | null {
	const t = text.trim();
	if (/^noon$/i.test(t)) return {hour: 12, minute: 0};
	if (/^midnight$/i.test(t)) return {hour: 0, minute: 0};
	const twelve = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?$/i.exec(t);
	if (twelve) {
		const h = Number(twelve[1]);
		const minute = Number(twelve[2] ?? 0);
		if (h < 1 || h > 12 || minute > 59) return null;
		const pm = twelve[3]!.toLowerCase() === 'p';
		return {hour: (h % 12) + (pm ? 12 : 0), minute};
	}
	const twentyFour = /^(\d{1,2}):(\d{2})$/.exec(t);
	if (twentyFour) {
		const hour = Number(twentyFour[1]);
		const minute = Number(twentyFour[2]);
		if (hour > 23 || minute > 59) return null;
		return {hour, minute};
	}
	return null;
}

function monthIndex(name: string): number | undefined {
	const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
	if (i < 0) return undefined;
	// Only the month's own name or a prefix of it ("Sept" included), never "Marble".
	const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i]!;
	const lower = name.toLowerCase();
	return full.startsWith(lower) || lower === 'sept' ? i + 1 : undefined;
}

function validDate(year: number, month: number, day: number): boolean {
	const d = new Date(Date.UTC(year, month - 1, day));
	return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function addDays(date: CalendarDate, days: number): CalendarDate {
	const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate()};
}

/**
 * Every instant at which the zone's wall clock shows this date and time: two around a
 * fall-back change (the hour repeats), one normally. A time skipped by a spring-forward change
 * maps to the instant after the gap (2:30 → 3:30), which is when the clock passes that reading.
 */
function localInstants(zone: Zone, date: CalendarDate, time: WallTime): number[] {
	const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
	const before = zone.offset(wall - DAY_MS);
	const after = zone.offset(wall + DAY_MS);
	const instants: number[] = [];
	for (const offset of new Set([before, after])) {
		const instant = wall - offset * 60_000;
		if (zone.offset(instant) === offset) instants.push(instant);
	}
	if (instants.length === 0) instants.push(wall - before * 60_000);
	return instants.sort((a, b) => a - b);
}

function firstAtOrAfter(instants: readonly number[], bound: number): number | null {
	let best: number | null = null;
	for (const t of instants) if (t >= bound && (best === null || t < best)) best = t;
	return best;
}
