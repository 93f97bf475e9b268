// Task templates: templates/<name>.md with optional front matter (defaults for the task's
// fields) and a body with {{variable}} placeholders. Unknown placeholders are errors, so
// a typo never reaches the agent as literal braces.
import {parse as parseYaml} from 'yaml';

export type RenderedTemplate = {readonly ok: true; readonly body: string; readonly fields: Record<string, unknown>} | {readonly ok: false; readonly error: string};

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

export function renderTemplate(text: string, vars: Readonly<Record<string, string>>): RenderedTemplate {
	let fields: Record<string, unknown> = {};
	let body = text.replace(/^\uFEFF/, '');
	const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/.exec(body);
	if (match) {
		try {
			const parsed: unknown = parseYaml(match[1] ?? '');
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
		} catch (error) {
			return {ok: false, error: `invalid front matter: ${String(error instanceof Error ? error.message.split('\n')[0] : error)}`};
		}
		body = body.slice(match[0].length);
	}
	const missing = new Set<string>();
	const rendered = body.replace(PLACEHOLDER, (_all, name: string) => {
		const value = vars[name];
		if (value === undefined) {
			missing.add(name);
			return '';
		}
		return value;
	});
	if (missing.size > 0) return {ok: false, error: `no value for ${[...missing].map((name) => `{{${name}}}`).join(', ')} (set it in "vars")`};
	return {ok: true, body: rendered, fields};
}

export function placeholders(text: string): string[] {
	return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}
