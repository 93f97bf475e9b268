// Secret masking for everything auto-claude writes (logs, transcripts, alerts, webhooks,
// audit). A masked value keeps only its last four characters ("***1234") so a person can
// still tell two keys apart without being able to use either.

/** `guard`: a substring every match contains; when the text lacks it the (slow) rule is skipped. */
type Rule = {readonly name: string; readonly pattern: RegExp; readonly group?: number; readonly guard?: string};

const RULES: readonly Rule[] = [
	{name: 'private-key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, guard: 'PRIVATE KEY'},
	{name: 'anthropic', pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g},
	{name: 'openai', pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g},
	{name: 'github', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g},
	{name: 'gitlab', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g},
	{name: 'slack', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g},
	{name: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g},
	{name: 'aws-key-id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g},
	{name: 'google', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g},
	{name: 'stripe', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g},
	{name: 'npm', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g},
	{name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g},
	{name: 'bearer', pattern: /\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{16,})/g, group: 1},
	{name: 'url-password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi, group: 1, guard: '://'},
	{
		name: 'assignment',
		pattern: /\b(?:api[_-]?key|apikey|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|token|password|passwd|pwd|client[_-]?secret)["']?\s*[:=]\s*["']?([^\s"',;]{6,})/gi,
		group: 1,
	},
	{name: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, guard: '@'},
	{name: 'card', pattern: /\b(?:\d[ -]?){12,18}\d\b/g},
	// Phone numbers need an international prefix, an area code in brackets, or the
	// 3-3-4 dashed form; bare digit groups are too often ids, sizes or timestamps.
	{name: 'phone', pattern: /(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)|\d{1,4})[\s.-]\d{3,4}[\s.-]?\d{3,4}|\(\d{3}\)[\s.-]?\d{3}[\s.-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4})\b/g},
];

export function maskValue(value: string): string {
	const visible = value.replace(/\s+/g, '');
	return `***${visible.length > 8 ? visible.slice(-4) : ''}`;
}

/** Luhn check, so order numbers and timestamps are not mistaken for card numbers. */
function luhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

export function maskSecrets(text: string): string {
	if (!text) return text;
	let out = text;
	for (const rule of RULES) {
		if (rule.guard && !out.includes(rule.guard)) continue;
		rule.pattern.lastIndex = 0;
		out = out.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
			if (match.startsWith('***')) return match;
			if (rule.name === 'card') {
				const digits = match.replace(/\D/g, '');
				if (digits.length < 13 || !luhn(digits)) return match;
			}
			if (rule.name === 'phone' && match.replace(/\D/g, '').length < 10) return match;
			const secret = rule.group !== undefined ? (groups[rule.group - 1] as string | undefined) : undefined;
			if (secret !== undefined) {
				if (secret.startsWith('***')) return match;
				return match.replace(secret, maskValue(secret));
			}
			return maskValue(match);
		});
	}
	return out;
}

/** Masks every string inside a JSON-like value (for alerts, webhooks and audit entries). */
export function maskDeep<T>(value: T): T {
	if (typeof value === 'string') return maskSecrets(value) as T;
	if (Array.isArray(value)) return value.map((item) => maskDeep(item)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, maskDeep(item)])) as T;
	}
	return value;
}
