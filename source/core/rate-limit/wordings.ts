// Every wording the `claude` CLI has used for usage limits, limit warnings and transient API
// errors (1.0.30 → 2.1.330), as anchored patterns over one message line. Anchoring is the point:
// the CLI prints these as whole messages, while an agent that quotes one (in prose, a code block,
// a file listing) puts other text around it. The wording table is ordered: transient errors first
// so "(not your usage limit)" can never read as a hold, then warnings, then limits.

import type {LimitKind, LimitWindow} from './types.js';

export type WordingMatch = {
	kind: LimitKind;
	window?: LimitWindow;
	/** The reset-time phrase as printed ("7pm (UTC)", "Nov 24, 6:30pm"). */
	spec?: string;
	/** A raw epoch (seconds or milliseconds) printed instead of a time. */
	epoch?: string;
	utilization?: number;
};

type Wording = {
	readonly name: string;
	readonly pattern: RegExp;
	readonly build: (groups: Record<string, string | undefined>) => WordingMatch;
};

/** The separators the CLI has put between message parts: U+00B7 "·", U+2219 "∙", U+2022 "•", U+22C5 "⋅". */
const SEP_CHARS = '·∙•⋅';
const SEP = `\\s*[${SEP_CHARS}]\\s*`;
/** A reset-time phrase: anything up to the next separator (resolved later; unknown forms still match). */
const SPEC = `(?<spec>[^${SEP_CHARS}]+?)`;
/** Trailing " · …" parts; each must be a known CLI suffix (checked in `matchWording`). */
const TAIL = `(?<tail>(?:${SEP}[^${SEP_CHARS}]+)*)`;
/** The label before "limit": "5-hour", "session", "weekly", "Opus", "usage credit", "Opus weekly" … */
const LABEL = `(?<label>(?:[\\w-]+ ){0,2}[\\w-]+)`;
/** The narrower label set for the bare "X limit reached" forms, whose head alone is not distinctive. */
const KNOWN_LABEL =
	'(?<label>(?:5|five)-hour|session|weekly|daily|monthly|(?:Opus|Sonnet|Fable|Haiku)(?: weekly)?|usage(?: credit)?|Claude(?: AI)? usage|extra usage)';
const PERCENT = `(?<pct>\\d{1,3}(?:\\.\\d+)?)%`;
const RESETS = `(?:${SEP}resets ${SPEC})?`;

function anchored(source: string): RegExp {
	return new RegExp(`^${source}$`, 'iu');
}

const WORDINGS: readonly Wording[] = [
	// Transient: API-key 429s, the server's own throttle, 5xx and overload. Never a hold.
	{
		name: 'api-key-429',
		pattern: anchored(`(?:API Error: )?Request rejected \\(429\\)(?:${SEP}.*)?`),
		build: () => ({kind: 'transient'}),
	},
	{name: 'api-error-429-json', pattern: anchored('API Error: 429\\b.*'), build: () => ({kind: 'transient'})},
	{
		name: 'server-throttle',
		pattern: anchored('(?:API Error: )?(?:\\d{3} )?Server is temporarily limiting requests \\(not your usage limit\\).*'),
		build: () => ({kind: 'transient'}),
	},
	{name: 'not-your-usage-limit', pattern: anchored('API Error:.*\\(not your usage limit\\).*'), build: () => ({kind: 'transient'})},
	{name: 'api-error-5xx', pattern: anchored('API Error: (?:Repeated )?5\\d\\d\\b.*'), build: () => ({kind: 'transient'})},
	{name: 'api-error-overloaded', pattern: anchored('API Error:.*\\boverloaded(?:_error)?\\b.*'), build: () => ({kind: 'transient'})},

	// Warnings: work continues.
	{
		name: 'used-percent',
		pattern: anchored(`You(?:'ve| have) used ${PERCENT} of your (?:${LABEL} )?limit${RESETS}${TAIL}`),
		build: (g) => ({kind: 'warning', window: windowFromLabel(g.label), spec: g.spec, utilization: percent(g.pct)}),
	},
	{
		name: 'over-percent',
		pattern: anchored(`Over ${PERCENT} of your (?:${LABEL} )?limit used${RESETS}${TAIL}`),
		build: (g) => ({kind: 'warning', window: windowFromLabel(g.label), spec: g.spec, utilization: percent(g.pct)}),
	},
	{
		name: 'approaching',
		pattern: anchored(`Approaching (?:your )?(?:(?<cap>spending cap)|(?:${LABEL} )?limit)${RESETS}${TAIL}`),
		build: (g) => ({kind: 'warning', window: g.cap ? 'overage' : windowFromLabel(g.label), spec: g.spec}),
	},
	{
		// 1.0.x Max plans: the model fell back, the session goes on.
		name: 'model-fallback',
		pattern: anchored(
			'Claude (?<model>Opus|Sonnet)(?: [\\d.]+)? limit reached, now using (?:Claude )?(?:Opus|Sonnet|Haiku)(?: [\\d.]+)?\\.?',
		),
		build: (g) => ({kind: 'warning', window: windowFromLabel(g.model)}),
	},

	// Usage limits: the account is held until the reset.
	{
		name: 'v1.0.30-epoch',
		pattern: anchored('Claude AI usage limit reached\\|(?<epoch>\\d{9,16})'),
		build: (g) => ({kind: 'usage_limit', window: 'usage', epoch: g.epoch}),
	},
	{
		name: 'v1.0.30-interactive',
		pattern: anchored(`Claude usage limit reached\\.? Your limit will reset at ${SPEC}\\.?${TAIL}`),
		build: (g) => ({kind: 'usage_limit', window: 'usage', spec: g.spec}),
	},
	{
		name: 'you-hit-your-limit',
		pattern: anchored(`You(?:'ve| have) hit your (?:${LABEL} )?limit${RESETS}${TAIL}`),
		build: (g) => ({kind: 'usage_limit', window: windowFromLabel(g.label), spec: g.spec}),
	},
	{
		name: 'you-are-out-of',
		pattern: anchored(`You(?:'re| are) out of (?<what>extra usage|usage credits|credits)${RESETS}${TAIL}`),
		build: (g) => ({kind: 'usage_limit', window: windowFromLabel(g.what), spec: g.spec}),
	},
	{
		name: 'team-contact-admin',
		pattern: anchored(`${KNOWN_LABEL} limit resets ${SPEC}${SEP}contact an admin to keep working\\.?${TAIL}`),
		build: (g) => ({kind: 'usage_limit', window: windowFromLabel(g.label), spec: g.spec}),
	},
	{
		name: 'limit-reached-contact-admin',
		pattern: anchored(`Limit reached\\s*[–—-]\\s*contact an admin to keep working\\.?${TAIL}`),
		build: () => ({kind: 'usage_limit', window: 'usage'}),
	},
	{
		name: 'spending-cap',
		pattern: anchored(`Spending cap reached(?:(?:${SEP}|\\s+)resets ${SPEC})?${TAIL}`),
		build: (g) => ({kind: 'usage_limit', window: 'overage', spec: g.spec}),
	},
	{
		// 1.0.113 "5-hour limit reached ∙ resets 7pm"; 2.1.330 "● Usage limit reached · set to continue
		// automatically at 7pm" and the footer "⚠ Usage limit reached · limit resets 7pm".
		name: 'limit-reached',
		pattern: anchored(
			`(?:${KNOWN_LABEL} )?limit reached(?:${SEP}(?:limit )?resets ${SPEC}|${SEP}set to continue automatically at (?<auto>[^${SEP_CHARS}]+?))?${TAIL}`,
		),
		build: (g) => ({kind: 'usage_limit', window: windowFromLabel(g.label), spec: g.spec ?? g.auto}),
	},
	{
		name: 'continuing-automatically',
		pattern: anchored(`Continuing automatically at ${SPEC}${TAIL}`),
		build: (g) => ({kind: 'usage_limit', window: 'unknown', spec: g.spec}),
	},
	{
		name: 'will-continue-automatically',
		pattern: anchored('Claude Code will continue automatically at (?<spec>[^.]+?)\\.(?: Keep this session open\\b.*)?'),
		build: (g) => ({kind: 'usage_limit', window: 'unknown', spec: g.spec}),
	},
];

/**
 * Suffix parts and follow-up lines the CLI adds to its limit messages: " · progress saved",
 * " · /upgrade to keep using Claude Code", "Esc to cancel", "Opening your options…".
 */
const KNOWN_SUFFIXES: readonly RegExp[] = [
	/^progress saved$/i,
	/^\/[a-z][\w:-]*(?:\s+(?:to|for)\s+.+)?$/i,
	/^esc to cancel$/i,
	/^contact an admin to keep working\.?$/i,
	/^opening your options(?:…|\.\.\.)?$/i,
	/^(?:switch to extra usage|upgrade your plan)$/i,
];

export function isKnownSuffix(part: string): boolean {
	const trimmed = part.trim();
	return KNOWN_SUFFIXES.some((re) => re.test(trimmed));
}

/** A line the CLI prints below a limit message (a hint, or the auto-continue countdown). */
export function isFollowUpLine(line: string): boolean {
	const body = line.replace(new RegExp(`^[${SEP_CHARS}]\\s*`, 'u'), '');
	if (/^Continuing automatically at [^·∙•⋅]+?(?:\s*[·∙•⋅]\s*Esc to cancel)?$/i.test(body)) return true;
	return body.split(new RegExp(`[${SEP_CHARS}]`, 'u')).every(isKnownSuffix);
}

/** Matches one normalized message line against every known wording. */
export function matchWording(line: string): WordingMatch | null {
	for (const wording of WORDINGS) {
		const m = wording.pattern.exec(line);
		if (!m) continue;
		const groups = m.groups ?? {};
		const tail = groups.tail;
		if (tail && !tail.split(new RegExp(`[${SEP_CHARS}]`, 'u')).slice(1).every(isKnownSuffix)) continue;
		return wording.build(groups);
	}
	return null;
}

/** The window a message names ("5-hour", "session", "Opus weekly", "usage credit", "extra usage"). */
export function windowFromLabel(label: string | undefined): LimitWindow {
	const l = (label ?? '').toLowerCase().trim();
	if (l === '') return 'usage';
	if (/\b(?:5|five)[ -]?h(?:ou)?r|\b5h\b|\bsession\b/.test(l)) return 'five_hour';
	if (/\bopus\b/.test(l)) return 'opus';
	if (/\bsonnet\b/.test(l)) return 'sonnet';
	if (/\bfable\b/.test(l)) return 'fable';
	if (/credit/.test(l)) return 'credits';
	if (/spend|extra usage|overage/.test(l)) return 'overage';
	if (/week|\b(?:7|seven)[ -]?day/.test(l)) return 'seven_day';
	if (/\busage\b/.test(l)) return 'usage';
	return 'unknown';
}

/** The window of an `anthropic-ratelimit-unified-representative-claim` / `rateLimitType`. */
export function windowFromClaim(claim: string | undefined): LimitWindow {
	switch (claim) {
		case undefined:
		case '':
			return 'unknown';
		case 'five_hour':
			return 'five_hour';
		case 'seven_day':
		case 'seven_day_overage_included':
			return 'seven_day';
		case 'seven_day_opus':
			return 'opus';
		case 'seven_day_sonnet':
			return 'sonnet';
		case 'overage':
			return 'overage';
		default:
			return windowFromLabel(claim.replace(/_/g, ' '));
	}
}

function percent(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const n = Number(text);
	return Number.isFinite(n) && n >= 0 && n <= 100 ? n / 100 : undefined;
}
