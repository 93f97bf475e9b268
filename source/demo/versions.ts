// What differs between the CLI versions the simulator can pose as (claude-cli.md §3, §5, §6).

import type {LimitWording} from './scenario/steps.js';

export type VersionId = '2.1.330' | '2.1.197' | '2.0.77' | '1.0.30';

const EVENTS_330 = [
	'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PostToolBatch', 'Notification', 'UserPromptSubmit',
	'UserPromptExpansion', 'SessionStart', 'SessionEnd', 'Stop', 'StopFailure', 'SubagentStart', 'SubagentStop',
	'PreCompact', 'PostCompact', 'PreModelSwitch', 'PostModelSwitch', 'PermissionRequest', 'PermissionDenied', 'Setup',
	'TeammateIdle', 'TaskCreated', 'TaskCompleted', 'Elicitation', 'ElicitationResult', 'ConfigChange',
	'WorktreeCreate', 'WorktreeRemove', 'InstructionsLoaded', 'CwdChanged', 'FileChanged', 'DirectoryAdded',
	'MessageDisplay',
] as const;

const EVENTS_197 = EVENTS_330.filter((name) => !['PreModelSwitch', 'PostModelSwitch', 'DirectoryAdded'].includes(name));

// 2.0.77 predates StopFailure and the later lifecycle events; 1.0.30 predates hooks.
const EVENTS_2077 = [
	'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Notification', 'UserPromptSubmit', 'SessionStart', 'SessionEnd',
	'Stop', 'SubagentStart', 'SubagentStop', 'PreCompact', 'PermissionRequest',
];

export type VersionProfile = {
	readonly id: VersionId;
	readonly model: string;
	/** `Opus 5.5` as shown in the banner. */
	readonly modelLabel: string;
	readonly defaultPermissionMode: 'auto' | 'default';
	readonly limitWording: LimitWording;
	/** How the interactive UI reacts to a usage limit. */
	readonly limitUi: 'auto-wait' | 'dialog' | 'dialog-extra-usage' | 'inline';
	readonly trust: 'no-first' | 'yes-first-accessing' | 'yes-first-proceed' | 'boxed';
	readonly permissionUi: 'modern' | 'v197' | 'v2077' | 'boxed';
	readonly hookEvents: readonly string[];
	/** A settings file naming an event this version does not know opens a blocking warning. */
	readonly warnsOnUnknownHooks: boolean;
	readonly effort: string | undefined;
	readonly statusFile: boolean;
	readonly hasSessionIdFlag: boolean;
	readonly resumeKeepsId: boolean;
	readonly maxTurnsIsError: boolean;
	readonly streamSchema: 'full' | 'v2' | 'v1';
	readonly doneLine: 'clock' | 'plain' | 'none';
	readonly busyStyle: 'modern' | 'v2077' | 'v1';
	readonly richHookEnv: boolean;
	/** 2.1.330 prefixes a PreToolUse JSON deny reason with `PreToolUse:<tool> hook error: `. */
	readonly prefixesDenyReason: boolean;
	readonly wroteLinesAlwaysPlural: boolean;
	readonly firesPermissionRequestInPrint: boolean;
	readonly rawApiKeyError: boolean;
	readonly costPerMTok: {readonly input: number; readonly output: number};
	readonly contextWindow: number;
};

const PROFILES: Record<VersionId, VersionProfile> = {
	'2.1.330': {
		id: '2.1.330',
		model: 'claude-opus-5-5',
		modelLabel: 'Opus 5.5',
		defaultPermissionMode: 'auto',
		limitWording: 'modern',
		limitUi: 'auto-wait',
		trust: 'no-first',
		permissionUi: 'modern',
		hookEvents: EVENTS_330,
		warnsOnUnknownHooks: false,
		effort: 'medium',
		statusFile: true,
		hasSessionIdFlag: true,
		resumeKeepsId: true,
		maxTurnsIsError: true,
		streamSchema: 'full',
		doneLine: 'clock',
		busyStyle: 'modern',
		richHookEnv: true,
		prefixesDenyReason: true,
		wroteLinesAlwaysPlural: false,
		firesPermissionRequestInPrint: true,
		rawApiKeyError: false,
		costPerMTok: {input: 4, output: 20},
		contextWindow: 1_000_000,
	},
	'2.1.197': {
		id: '2.1.197',
		model: 'claude-opus-4-8',
		modelLabel: 'Opus 4.8 (1M context)',
		defaultPermissionMode: 'default',
		limitWording: 'session',
		limitUi: 'dialog',
		trust: 'yes-first-accessing',
		permissionUi: 'v197',
		hookEvents: EVENTS_197,
		warnsOnUnknownHooks: true,
		effort: 'high',
		statusFile: true,
		hasSessionIdFlag: true,
		resumeKeepsId: true,
		maxTurnsIsError: true,
		streamSchema: 'full',
		doneLine: 'plain',
		busyStyle: 'modern',
		richHookEnv: false,
		prefixesDenyReason: false,
		wroteLinesAlwaysPlural: true,
		firesPermissionRequestInPrint: false,
		rawApiKeyError: false,
		costPerMTok: {input: 5, output: 25},
		contextWindow: 1_000_000,
	},
	'2.0.77': {
		id: '2.0.77',
		model: 'claude-opus-4-5-20251101',
		modelLabel: 'Opus 4.5',
		defaultPermissionMode: 'default',
		limitWording: 'session',
		limitUi: 'dialog-extra-usage',
		trust: 'yes-first-proceed',
		permissionUi: 'v2077',
		hookEvents: EVENTS_2077,
		warnsOnUnknownHooks: false,
		effort: undefined,
		statusFile: false,
		hasSessionIdFlag: true,
		resumeKeepsId: true,
		maxTurnsIsError: false,
		streamSchema: 'v2',
		doneLine: 'plain',
		busyStyle: 'v2077',
		richHookEnv: false,
		prefixesDenyReason: false,
		wroteLinesAlwaysPlural: false,
		firesPermissionRequestInPrint: false,
		rawApiKeyError: true,
		costPerMTok: {input: 5, output: 25},
		contextWindow: 200_000,
	},
	'1.0.30': {
		id: '1.0.30',
		model: 'claude-opus-4-20250514',
		modelLabel: 'Opus 4',
		defaultPermissionMode: 'default',
		limitWording: 'epoch',
		limitUi: 'inline',
		trust: 'boxed',
		permissionUi: 'boxed',
		hookEvents: [],
		warnsOnUnknownHooks: false,
		effort: undefined,
		statusFile: false,
		hasSessionIdFlag: false,
		resumeKeepsId: false,
		maxTurnsIsError: false,
		streamSchema: 'v1',
		doneLine: 'none',
		busyStyle: 'v1',
		richHookEnv: false,
		prefixesDenyReason: false,
		wroteLinesAlwaysPlural: false,
		firesPermissionRequestInPrint: false,
		rawApiKeyError: true,
		costPerMTok: {input: 15, output: 75},
		contextWindow: 200_000,
	},
};

export const VERSION_IDS = Object.keys(PROFILES) as VersionId[];

export function versionProfile(requested: string | undefined): VersionProfile {
	const id = (requested ?? '2.1.330').trim();
	return PROFILES[id as VersionId] ?? PROFILES['2.1.330'];
}

/** `--model` aliases resolve to the version's family. */
export function resolveModel(profile: VersionProfile, requested: string | undefined): string {
	if (!requested) return profile.model;
	const alias = requested.toLowerCase();
	if (alias === 'opus' || alias === 'default') return profile.model;
	if (alias === 'sonnet') return profile.id === '2.1.330' ? 'claude-sonnet-5-5' : 'claude-sonnet-4-5';
	if (alias === 'haiku') return 'claude-haiku-4-5';
	if (alias === 'fable') return 'claude-fable-1';
	return requested;
}
