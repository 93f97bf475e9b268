// Permission policy: answers an agent's tool question from the agent's allow/deny rules.
// Rules look like Claude Code's own: "Bash", "Bash(npm test*)", "Write", "Edit(src/**)".
import type {PermissionRules} from './config.js';

export type PolicyDecision = 'allow' | 'deny' | 'escalate';

export type ToolQuestion = {readonly tool?: string; readonly subject?: string};

/** Maps screen headings ("Bash command", "Create file") to tool names. */
export function toolNameFromHeading(heading: string | undefined): string | undefined {
	if (!heading) return undefined;
	const h = heading.trim().toLowerCase();
	if (h.startsWith('bash')) return 'Bash';
	if (h === 'create file' || h.startsWith('write')) return 'Write';
	if (h.startsWith('edit') || h === 'update file') return 'Edit';
	if (h.startsWith('read')) return 'Read';
	if (h.startsWith('fetch') || h.startsWith('web fetch')) return 'WebFetch';
	const word = /^[A-Za-z]+/.exec(heading.trim())?.[0];
	return word ? word[0]!.toUpperCase() + word.slice(1) : undefined;
}

export function decide(rules: PermissionRules, question: ToolQuestion): PolicyDecision {
	if (rules.deny.some((rule) => matches(rule, question))) return 'deny';
	if (rules.allow.some((rule) => matches(rule, question))) return 'allow';
	return rules.otherwise;
}

export function matches(rule: string, question: ToolQuestion): boolean {
	const parsed = /^([A-Za-z*][\w*]*)(?:\((.*)\))?$/.exec(rule.trim());
	if (!parsed) return false;
	const [, toolPattern = '', argPattern] = parsed;
	if (!question.tool || !glob(toolPattern, question.tool)) return false;
	if (argPattern === undefined) return true;
	return question.subject !== undefined && glob(argPattern.replace(/:\*$/, '*'), question.subject.trim());
}

/** `*` matches anything (including "/" and spaces); everything else is literal. */
function glob(pattern: string, text: string): boolean {
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('[\\s\\S]*');
	return new RegExp(`^${source}$`).test(text);
}
