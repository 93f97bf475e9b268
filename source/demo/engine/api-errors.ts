// Texts and structured fields of simulated API failures: usage limits (§5), 5xx, auth and
// connection errors (§4.4).

import {limitMessage} from '../limit-text.js';
import type {ApiErrorKind, LimitKind, LimitSpec, LimitWording} from '../scenario/steps.js';
import type {VersionProfile} from '../versions.js';
import type {RateLimitInfo} from './events.js';

export type ResolvedLimit = {
	readonly resetsAt: number;
	readonly kind: LimitKind;
	readonly wording: LimitWording;
	readonly text: string;
	readonly apiKeyForm: boolean;
	readonly info: RateLimitInfo;
};

/** Without an explicit time a limit resets at the next full hour, as real windows do. */
export function resetTime(spec: {resetIn?: number; resetAt?: number}, nowMs: number): number {
	if (spec.resetAt !== undefined) return Math.floor(spec.resetAt);
	if (spec.resetIn !== undefined) return Math.ceil(nowMs / 1000 + spec.resetIn);
	return (Math.floor(nowMs / 3_600_000) + 1) * 3600;
}

export function resolveLimit(profile: VersionProfile, spec: LimitSpec | {kind: LimitKind; wording?: LimitWording; resetAt: number}, nowMs: number): ResolvedLimit {
	const resetsAt = resetTime(spec, nowMs);
	const wording = spec.wording ?? profile.limitWording;
	const text = limitMessage({kind: spec.kind, wording, resetsAt, nowMs, rawApiKeyError: profile.rawApiKeyError});
	const info: RateLimitInfo = {
		status: 'rejected',
		resetsAt,
		rateLimitType: spec.kind,
		overageStatus: 'rejected',
		overageDisabledReason: 'org_level_disabled',
		isUsingOverage: false,
		unifiedWindows: {
			five_hour: {utilization: spec.kind === 'five_hour' ? 1 : 0.5, resetsAt: spec.kind === 'five_hour' ? resetsAt : resetsAt - 3600, status: spec.kind === 'five_hour' ? 'rejected' : 'allowed'},
			seven_day: {utilization: spec.kind === 'five_hour' ? 0.5 : 1, resetsAt: spec.kind === 'five_hour' ? resetsAt + 172_800 : resetsAt, status: spec.kind === 'five_hour' ? 'allowed' : 'rejected'},
		},
	};
	return {resetsAt, kind: spec.kind, wording, text, apiKeyForm: wording === 'apikey', info};
}

/** Extra fields of the synthetic transcript line (1.0.x and 2.0.x wrote only the text). */
export function limitTranscriptFields(profile: VersionProfile, limit: ResolvedLimit): Record<string, unknown> {
	if (profile.streamSchema !== 'full') return {};
	if (limit.apiKeyForm) return {error: 'rate_limit', apiErrorStatus: 429, apiErrorType: 'rate_limit_error'};
	return {
		apiError: 'usage_limit_reached',
		error: 'rate_limit',
		apiErrorStatus: 429,
		apiErrorType: 'rate_limit_error',
		apiErrorParams: {rate_limit_info: limit.info},
		quotaLimits: {[limit.kind]: {status: 'rejected', resetsAt: limit.resetsAt}},
	};
}

export function warningInfo(percent: number, resetsAt: number): RateLimitInfo {
	return {
		status: 'allowed_warning',
		resetsAt,
		rateLimitType: 'five_hour',
		utilization: percent / 100,
		isUsingOverage: false,
		surpassedThreshold: percent >= 90 ? 0.9 : 0.75,
		unifiedWindows: {five_hour: {utilization: percent / 100, resetsAt, status: 'allowed_warning'}},
	};
}

export type ApiFailure = {
	readonly text: string;
	readonly error: 'server_error' | 'authentication_failed';
	readonly status: number | null;
	readonly apiError: string | undefined;
	readonly retried: boolean;
};

export function apiFailure(kind: ApiErrorKind, gateway: string | undefined): ApiFailure {
	const persists = gateway ? ` If it persists, check your inference gateway (${gateway}).` : ' If it persists, check status.claude.com.';
	switch (kind) {
		case '500':
			return {
				text: `API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment.${persists}`,
				error: 'server_error',
				status: 500,
				apiError: undefined,
				retried: true,
			};
		case '529':
			return {
				text: `API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment.${persists}`,
				error: 'server_error',
				status: 529,
				apiError: undefined,
				retried: true,
			};
		case '401':
			return {text: 'Invalid API key · Fix external API key', error: 'authentication_failed', status: 401, apiError: undefined, retried: true};
		case 'auth':
			return {text: 'Not logged in · Please run /login', error: 'authentication_failed', status: null, apiError: undefined, retried: false};
		case 'refused':
			return {
				text: 'API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)',
				error: 'server_error',
				status: null,
				apiError: 'connection_failed',
				retried: true,
			};
	}
}

export function gatewayOf(baseUrl: string | undefined): string | undefined {
	if (!baseUrl) return undefined;
	try {
		return new URL(baseUrl).host;
	} catch {
		return undefined;
	}
}
