// What the simulated agent does for one user message, as plain JSON-serialisable data
// (steps left over when a turn stops early are saved and resumed later).

import {createHash} from 'node:crypto';

export type LimitKind = 'five_hour' | 'seven_day' | 'seven_day_opus' | 'seven_day_sonnet' | 'overage';
/** Which CLI generation's text to use; `undefined` means "what the selected version prints". */
export type LimitWording = 'epoch' | 'v1' | 'session' | 'modern' | 'apikey';
export type ApiErrorKind = '500' | '529' | '401' | 'auth' | 'refused';

export type LimitSpec = {
	/** Seconds from now until the limit resets. */
	readonly resetIn?: number;
	/** Absolute reset time, epoch seconds. */
	readonly resetAt?: number;
	readonly kind: LimitKind;
	readonly wording?: LimitWording;
};

export type Step =
	| {readonly kind: 'say'; readonly text: string}
	| {readonly kind: 'think'; readonly ms: number}
	| {readonly kind: 'write'; readonly path: string; readonly content: string}
	| {readonly kind: 'bash'; readonly command: string}
	| {readonly kind: 'done'; readonly text?: string}
	| {readonly kind: 'blocked'; readonly reason: string}
	| {readonly kind: 'nudge'; readonly text?: string}
	| {readonly kind: 'limit'; readonly spec: LimitSpec}
	| {readonly kind: 'warn'; readonly percent: number}
	| {readonly kind: 'overloaded'; readonly retries: number}
	| {readonly kind: 'api-error'; readonly error: ApiErrorKind}
	| {readonly kind: 'crash'; readonly code: number; readonly once: boolean; readonly key: string}
	| {readonly kind: 'hang'}
	| {readonly kind: 'exit'}
	| {readonly kind: 'fix-on-feedback'; readonly path: string; readonly content: string};

export type ParseResult = {readonly steps: Step[]; readonly errors: string[]};

const DIRECTIVE = /\[\[fake:([\s\S]*?)\]\]/g;

export function hasDirectives(message: string): boolean {
	return /\[\[fake:[\s\S]*?\]\]/.test(message);
}

/** Collects the steps of every `[[fake: …]]` block in a message, in order. */
export function parseDirectives(message: string): ParseResult {
	const steps: Step[] = [];
	const errors: string[] = [];
	for (const match of message.matchAll(DIRECTIVE)) {
		const parsed = parseStepList(match[1] ?? '');
		steps.push(...parsed.steps);
		errors.push(...parsed.errors);
	}
	return {steps, errors};
}

/** Parses `step; step; …` (a literal `;` inside a step is written `\;`). */
export function parseStepList(source: string): ParseResult {
	const parts = splitUnescaped(source, ';')
		.map((part) => part.trim())
		.filter((part) => part !== '');
	return parseSteps(parts, source);
}

export function parseSteps(parts: readonly string[], source = parts.join(';')): ParseResult {
	const steps: Step[] = [];
	const errors: string[] = [];
	const sourceKey = createHash('sha1').update(source).digest('hex').slice(0, 12);
	parts.forEach((part, index) => {
		const result = parseStep(part, `${sourceKey}:${index}`);
		if (typeof result === 'string') errors.push(result);
		else steps.push(result);
	});
	return {steps, errors};
}

function splitUnescaped(text: string, separator: string): string[] {
	const parts: string[] = [];
	let current = '';
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '\\' && text[i + 1] === separator) {
			current += '\\' + separator;
			i++;
			continue;
		}
		if (char === separator) {
			parts.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts;
}

function unescape(text: string): string {
	return text.replace(/\\([;n\\t])/g, (_all, char: string) => {
		if (char === 'n') return '\n';
		if (char === 't') return '\t';
		return char;
	});
}

/** `1500`, `1500ms`, `2s`, `1.5s`, `2m` → milliseconds. */
export function parseDuration(text: string, unitMs = 1): number | undefined {
	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
	if (!match) return undefined;
	const value = Number(match[1]);
	const unit = match[2];
	if (unit === 'ms') return Math.round(value);
	if (unit === 's') return Math.round(value * 1000);
	if (unit === 'm') return Math.round(value * 60_000);
	if (unit === 'h') return Math.round(value * 3_600_000);
	return Math.round(value * unitMs);
}

const ALIASES: Record<string, string> = {
	busy: 'think',
	sleep: 'think',
	text: 'say',
	run: 'bash',
	'rate-limit': 'limit',
	'usage-limit': 'limit',
	fix: 'fix-on-feedback',
	error: 'api-error',
};

export function parseStep(raw: string, key: string): Step | string {
	const match = /^([a-z][a-z0-9-]*)\s*(?::\s*|\s+|$)([\s\S]*)$/i.exec(raw.trim());
	if (!match) return `cannot read step "${raw}"`;
	const verbRaw = (match[1] ?? '').toLowerCase();
	const verb = ALIASES[verbRaw] ?? verbRaw;
	const arg = unescape((match[2] ?? '').trim());
	switch (verb) {
		case 'say':
			return arg ? {kind: 'say', text: arg} : 'say needs a text';
		case 'think': {
			const ms = arg ? parseDuration(arg) : 1000;
			return ms === undefined ? `think needs a duration, got "${arg}"` : {kind: 'think', ms};
		}
		case 'write':
		case 'fix-on-feedback': {
			const [path, content] = splitFirstWord(arg);
			if (!path) return `${verb} needs a file name`;
			const text = withNewline(content || (verb === 'write' ? 'written by fake claude' : 'fixed after feedback'));
			return verb === 'write' ? {kind: 'write', path, content: text} : {kind: 'fix-on-feedback', path, content: text};
		}
		case 'bash':
			return arg ? {kind: 'bash', command: arg} : 'bash needs a command';
		case 'done':
			return arg ? {kind: 'done', text: arg} : {kind: 'done'};
		case 'blocked':
			return {kind: 'blocked', reason: arg || 'no reason given'};
		case 'nudge':
			return arg ? {kind: 'nudge', text: arg} : {kind: 'nudge'};
		case 'limit':
			return parseLimit(arg);
		case 'warn': {
			const percent = arg ? Number(arg.replace(/%$/, '')) : 92;
			return Number.isFinite(percent) ? {kind: 'warn', percent} : `warn needs a percentage, got "${arg}"`;
		}
		case 'overloaded': {
			const retries = arg ? Number(arg) : 2;
			return Number.isInteger(retries) && retries >= 0 ? {kind: 'overloaded', retries} : `overloaded needs a retry count, got "${arg}"`;
		}
		case 'api-error': {
			const error = (arg || '500') as ApiErrorKind;
			return ['500', '529', '401', 'auth', 'refused'].includes(error) ? {kind: 'api-error', error} : `unknown api-error "${arg}"`;
		}
		case 'crash':
		case 'crash-once': {
			const code = arg ? Number(arg) : 1;
			if (!Number.isInteger(code) || code < 0 || code > 255) return `${verb} needs an exit code, got "${arg}"`;
			return {kind: 'crash', code, once: verb === 'crash-once', key};
		}
		case 'hang':
			return {kind: 'hang'};
		case 'exit':
			return {kind: 'exit'};
		default:
			return `unknown step "${verbRaw}"`;
	}
}

function splitFirstWord(text: string): [string, string] {
	const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text);
	return match ? [match[1] ?? '', match[2] ?? ''] : ['', ''];
}

function withNewline(text: string): string {
	return text.endsWith('\n') ? text : text + '\n';
}

const LIMIT_KINDS: Record<string, LimitKind> = {
	'5h': 'five_hour',
	five_hour: 'five_hour',
	session: 'five_hour',
	weekly: 'seven_day',
	seven_day: 'seven_day',
	opus: 'seven_day_opus',
	seven_day_opus: 'seven_day_opus',
	sonnet: 'seven_day_sonnet',
	seven_day_sonnet: 'seven_day_sonnet',
	overage: 'overage',
	generic: 'overage',
};

const WORDINGS: Record<string, LimitWording> = {
	apikey: 'apikey',
	'api-key': 'apikey',
	epoch: 'epoch',
	legacy: 'epoch',
	v1: 'v1',
	'wording=session': 'session',
	modern: 'modern',
};

function parseLimit(arg: string): Step | string {
	let resetIn: number | undefined;
	let resetAt: number | undefined;
	let kind: LimitKind = 'five_hour';
	let wording: LimitWording | undefined;
	for (const token of arg.split(/[\s,]+/).filter(Boolean)) {
		const lower = token.toLowerCase();
		const seconds = parseDuration(lower.replace(/^in=/, ''), 1000);
		if ((/^\d/.test(lower) || lower.startsWith('in=')) && seconds !== undefined) {
			resetIn = seconds / 1000;
		} else if (/^(@|at=)\d+$/.test(lower)) {
			resetAt = Number(lower.replace(/^(@|at=)/, ''));
		} else if (lower.startsWith('wording=')) {
			const value = lower.slice('wording='.length);
			const found = WORDINGS[value] ?? (value === 'session' ? 'session' : undefined);
			if (!found) return `unknown limit wording "${value}"`;
			wording = found;
		} else if (WORDINGS[lower]) {
			wording = WORDINGS[lower];
		} else if (LIMIT_KINDS[lower]) {
			kind = LIMIT_KINDS[lower] ?? kind;
		} else {
			return `unknown limit option "${token}"`;
		}
	}
	const spec: LimitSpec = {
		kind,
		...(resetIn !== undefined ? {resetIn} : {}),
		...(resetAt !== undefined ? {resetAt} : {}),
		...(wording !== undefined ? {wording} : {}),
	};
	return {kind: 'limit', spec};
}
