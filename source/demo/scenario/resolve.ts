// Which steps answer a user message. Precedence: directives in the message itself, then
// steps the session still owes (after a nudge, crash, limit, interrupt or fix-on-feedback),
// then scenario rules, then the demo plan or the default.

import type {Scenario} from './scenario-file.js';
import {demoContinuation, demoPlan} from './demo-plan.js';
import {hasDirectives, parseDirectives, type Step} from './steps.js';
import type {SessionMemory} from '../store/session-state.js';

export type ResolveInput = {
	readonly message: string;
	readonly memory: SessionMemory;
	readonly scenario: Scenario;
	readonly demo: boolean;
	/** True when this message is the session's first prompt (the demo plan applies). */
	readonly firstPrompt: boolean;
	readonly defaultSteps: readonly Step[] | undefined;
};

export type Resolution = {readonly steps: Step[]; readonly source: 'directives' | 'pending' | 'rule' | 'demo' | 'default'};

export const BUILTIN_DEFAULT: readonly Step[] = [{kind: 'done'}];

export function resolveSteps(input: ResolveInput): Resolution {
	const {message, memory, scenario} = input;
	if (hasDirectives(message)) {
		const parsed = parseDirectives(message);
		memory.pending = null;
		return {steps: withErrors(parsed.steps, parsed.errors), source: 'directives'};
	}
	if (memory.pending && memory.pending.length > 0) {
		const steps = memory.pending;
		memory.pending = null;
		return {steps, source: 'pending'};
	}
	for (const rule of scenario.rules) {
		if (rule.once && memory.usedRules.includes(rule.index)) continue;
		if (!rule.match(message)) continue;
		if (rule.once) memory.usedRules.push(rule.index);
		return {steps: withErrors([...rule.steps], scenario.errors), source: 'rule'};
	}
	if (input.demo) {
		const steps = input.firstPrompt ? demoPlan(message) : demoContinuation(memory.firstPrompt ?? message, message);
		return {steps, source: 'demo'};
	}
	const fallback = scenario.defaultSteps ?? input.defaultSteps ?? BUILTIN_DEFAULT;
	return {steps: withErrors([...fallback], scenario.errors), source: 'default'};
}

/** Mistakes in directives or scenario files are said out loud rather than ignored. */
function withErrors(steps: Step[], errors: readonly string[]): Step[] {
	if (errors.length === 0) return steps;
	return [{kind: 'say', text: `[fake claude] cannot use: ${errors.join('; ')}`}, ...steps];
}
