// Scenario files (env FAKE_CLAUDE_SCENARIO): turn rules matched against each user message.
//
//   {"rules": [{"match": "MOCK_WRITE", "steps": "write notes.txt hello; done"},
//              {"regex": "^Stop hook feedback:", "flags": "m", "once": true, "steps": ["say Fixing", "done"]}],
//    "default": "done"}
//
// `steps` is a directive string (`a; b`), a list of step strings, or a list of one-key
// objects such as {"say": "two\nlines"}.

import {readFileSync} from 'node:fs';
import {parseStep, parseStepList, parseSteps, type ParseResult, type Step} from './steps.js';

export type ScenarioRule = {
	readonly index: number;
	readonly match: ((message: string) => boolean);
	readonly once: boolean;
	readonly steps: readonly Step[];
};

export type Scenario = {
	readonly rules: readonly ScenarioRule[];
	readonly defaultSteps: readonly Step[] | undefined;
	readonly errors: readonly string[];
};

export const EMPTY_SCENARIO: Scenario = {rules: [], defaultSteps: undefined, errors: []};

export function stepsFromJson(value: unknown, where: string): ParseResult {
	if (typeof value === 'string') return parseStepList(value);
	if (!Array.isArray(value)) return {steps: [], errors: [`${where}: steps must be a string or a list`]};
	const strings: string[] = [];
	const steps: Step[] = [];
	const errors: string[] = [];
	value.forEach((item, index) => {
		if (typeof item === 'string') {
			strings.push(item);
			return;
		}
		if (strings.length > 0) {
			const parsed = parseSteps(strings.splice(0));
			steps.push(...parsed.steps);
			errors.push(...parsed.errors);
		}
		const entries = item && typeof item === 'object' ? Object.entries(item as Record<string, unknown>) : [];
		const [verb, arg] = entries[0] ?? [];
		if (entries.length !== 1 || typeof verb !== 'string') {
			errors.push(`${where}[${index}]: a step object must have exactly one key`);
			return;
		}
		const parsed = parseStep(arg === undefined || arg === null || arg === true ? verb : `${verb} ${String(arg)}`, `${where}:${index}`);
		if (typeof parsed === 'string') errors.push(`${where}[${index}]: ${parsed}`);
		else steps.push(parsed);
	});
	if (strings.length > 0) {
		const parsed = parseSteps(strings);
		steps.push(...parsed.steps);
		errors.push(...parsed.errors);
	}
	return {steps, errors};
}

export function loadScenario(path: string | undefined): Scenario {
	if (!path) return EMPTY_SCENARIO;
	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		return {...EMPTY_SCENARIO, errors: [`cannot read scenario ${path}: ${(error as Error).message}`]};
	}
	const body = (Array.isArray(raw) ? {rules: raw} : raw) as {rules?: unknown; default?: unknown};
	const errors: string[] = [];
	const rules: ScenarioRule[] = [];
	(Array.isArray(body.rules) ? body.rules : []).forEach((entry: unknown, index: number) => {
		const rule = (entry ?? {}) as {match?: unknown; regex?: unknown; flags?: unknown; once?: unknown; steps?: unknown};
		const parsed = stepsFromJson(rule.steps ?? [], `rules[${index}].steps`);
		errors.push(...parsed.errors);
		let match: (message: string) => boolean = () => true;
		if (typeof rule.regex === 'string') {
			try {
				const regex = new RegExp(rule.regex, typeof rule.flags === 'string' ? rule.flags : '');
				match = (message) => regex.test(message);
			} catch (error) {
				errors.push(`rules[${index}].regex: ${(error as Error).message}`);
				return;
			}
		} else if (typeof rule.match === 'string') {
			const needle = rule.match;
			match = (message) => message.includes(needle);
		}
		rules.push({index, match, once: rule.once === true, steps: parsed.steps});
	});
	let defaultSteps: Step[] | undefined;
	if (body.default !== undefined) {
		const parsed = stepsFromJson(body.default, 'default');
		errors.push(...parsed.errors);
		defaultSteps = parsed.steps;
	}
	return {rules, defaultSteps, errors};
}
