// Text → LimitSignal. The input must BE one CLI message (a screen line, a hook's
// last_assistant_message, a `-p` result), optionally with the CLI's own decorations and
// follow-up hint lines; anything else (the message inside a sentence, a quote, a code block,
// a numbered file listing) is not a signal.

import {normalizeEpoch, resolveResetTime} from './reset-time.js';
import type {LimitSignal, ParseContext} from './types.js';
import {isFollowUpLine, matchWording} from './wordings.js';

/** Longer than any CLI limit message; longer lines are prose or data, not a notice. */
const MAX_LINE = 400;
/** The message plus at most a few hint lines ("/upgrade …", "Continuing automatically at …"). */
const MAX_LINES = 4;

// CSI / OSC escape sequences, in case raw PTY bytes are passed instead of screen text.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
/** Glyphs the TUI puts before its own lines: "⎿" (result), "●"/"⏺" (message), "⚠" (footer). */
const DECORATION = /^(?:[⎿●⏺⚠]\uFE0F?\s*)+/u;
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032]/g;
const ODD_SPACES = /[\u00A0\u2000-\u200B\u202F\u205F\u3000\t]/g;

type CleanLine = {display: string; match: string};

function cleanLines(text: string): CleanLine[] {
	return text
		.replace(ANSI, '')
		.split(/\r?\n|\r/)
		.map((raw) => raw.replace(ODD_SPACES, ' ').trim().replace(DECORATION, '').trim())
		.filter((line) => line.length > 0)
		.map((display) => ({display, match: display.replace(APOSTROPHES, "'").replace(/ {2,}/g, ' ')}));
}

/**
 * Parses one CLI limit message. Returns null unless the text is exactly a known wording
 * (after stripping the TUI's decorations), so quoted or echoed text never counts.
 */
export function parseLimitText(text: string, ctx: ParseContext): LimitSignal | null {
	if (typeof text !== 'string' || text.length > MAX_LINE * MAX_LINES) return null;
	const lines = cleanLines(text);
	const [first, ...rest] = lines;
	if (!first || lines.length > MAX_LINES || lines.some((l) => l.display.length > MAX_LINE)) return null;

	const match = matchWording(first.match);
	if (!match) return null;
	if (!rest.every((l) => isFollowUpLine(l.match))) return null;

	const clock = {now: ctx.now, timeZone: ctx.timeZone};
	const resetsAt = match.epoch !== undefined ? normalizeEpoch(match.epoch) : match.spec ? resolveResetTime(match.spec, clock) : null;
	// A reset phrase we cannot read still counts (a newer CLI may format times differently),
	// but only when it looks like a time; "6pm — I will wait for it." is someone's sentence.
	if (match.spec && resetsAt === null && !plausibleResetPhrase(match.spec)) return null;

	const signal: LimitSignal = {kind: match.kind, text: lines.map((l) => l.display).join('\n'), source: ctx.source};
	if (match.window) signal.window = match.window;
	if (resetsAt !== null) signal.resetsAt = resetsAt;
	if (match.utilization !== undefined) signal.utilization = match.utilization;
	if (match.kind === 'transient') {
		const retry = retryAfterFromText(first.match);
		if (retry !== null) signal.retryAfterMs = retry;
	}
	return signal;
}

function plausibleResetPhrase(spec: string): boolean {
	const t = spec.trim();
	return t.length <= 40 && /^[\w:,.()/+\- ]+$/.test(t) && !/\.\s/.test(t) && t.split(/\s+/).length <= 5;
}

const UNIT_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** "try again in 30 seconds", "retry after 2m", "retry-after: 20" → milliseconds. */
export function retryAfterFromText(text: string): number | null {
	const m =
		/(?:try again|retry(?:ing)?)(?:[\s-]+(?:in|after))?[\s:]+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)?\b/i.exec(
			text,
		);
	if (!m) return null;
	const unit = (m[2] ?? 's').toLowerCase();
	const key = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0]!;
	const factor = UNIT_MS[key];
	return factor === undefined ? null : Math.round(Number(m[1]) * factor);
}
