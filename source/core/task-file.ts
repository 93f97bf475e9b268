// Turns the text of a task file into a TaskSpec or a list of problems with file, field,
// line and column. Pure: the caller reads files (and templates) and passes their text.
import {parse as parseJsonc, parseTree, findNodeAtLocation, printParseErrorCode, type ParseError} from 'jsonc-parser';
import jsYaml from 'js-yaml';
import {parse as parseYaml, parseDocument, isMap, isScalar, YAMLParseError} from 'yaml';
import {z} from 'zod';
import {PRIORITY_LEVELS, type TaskSpec, type ValidationIssue} from './task.js';
import {stableHash} from './hash.js';
import {renderTemplate} from './template.js';

/** Bumped whenever parsing changes, so cached parse results from older versions are ignored. */
export const TASK_PARSER_VERSION = 2;

export const TASK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const TITLE_MAX = 80;

// A union's own error says only "Invalid input"; these say what the field accepts instead.
const says = (message: string) => ({errorMap: () => ({message})});
const stringList = z
	.union([z.string().min(1), z.array(z.string().min(1))], says('must be a name or a list of names, e.g. [a, b] or "a, b"'))
	.transform((v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v));
const positiveInt = z.number().int().min(1);
const count = z.number().int().min(0);
const minutes = z.number().positive();

const taskFields = z
	.object({
		id: z.string().optional(),
		title: z.string().trim().min(1, 'must not be empty').optional(),
		prompt: z.string().optional(),
		cwd: z.string().min(1).optional(),
		priority: z.union([z.enum(['urgent', 'high', 'normal', 'low']), z.number().int()], says('must be urgent, high, normal, low or a whole number')).optional(),
		dependsOn: stringList.optional(),
		template: z.string().min(1).optional(),
		vars: z.record(z.union([z.string(), z.number(), z.boolean()], says('a template variable must be a string, a number or true/false'))).optional(),
		agent: z.string().min(1).optional(),
		account: z.string().min(1).optional(),
		model: z.string().min(1).optional(),
		permissionMode: z.string().min(1).optional(),
		allowedTools: stringList.optional(),
		disallowedTools: stringList.optional(),
		args: z.array(z.string()).optional(),
		worktree: z.boolean().optional(),
		setup: z.string().trim().min(1).optional(),
		verify: z.string().trim().min(1).optional(),
		maxAttempts: positiveInt.optional(),
		maxVerifyRounds: count.optional(),
		maxNudges: count.optional(),
		timeoutMinutes: minutes.optional(),
		idleTimeoutMinutes: minutes.optional(),
		resume: z.enum(['session', 'restart', 'none']).optional(),
	})
	.strict();

type TaskFields = z.infer<typeof taskFields>;

export type TaskFileInput = {
	/** Path relative to the work folder, e.g. "tasks/fix-login.md". */
	readonly file: string;
	readonly text: string;
	readonly mtimeMs: number;
	/** Looks up templates/<name>.md; undefined when there is no such template. */
	readonly template?: (name: string) => string | undefined;
};

export type TaskFileResult = {readonly ok: true; readonly spec: TaskSpec} | {readonly ok: false; readonly id: string; readonly errors: readonly ValidationIssue[]};

export function taskIdFromFile(file: string): string {
	const base = file.split('/').pop() ?? file;
	return base.replace(/\.(md|json)$/i, '');
}

export function isTaskFileName(name: string): boolean {
	return /\.(md|json)$/i.test(name) && !isIgnoredFileName(name);
}

/** Editor droppings and hidden files never become tasks. */
export function isIgnoredFileName(name: string): boolean {
	return (
		name.startsWith('.') ||
		name.startsWith('#') ||
		name.startsWith('~') ||
		name.endsWith('~') ||
		/\.(swp|swo|swx|tmp|bak|orig|part|crdownload)$/i.test(name) ||
		/^\d+$/.test(name) // vim's write-test file "4913"
	);
}

export function parseTaskFile(input: TaskFileInput): TaskFileResult {
	const id = taskIdFromFile(input.file);
	const fail = (errors: ValidationIssue[]): TaskFileResult => ({ok: false, id, errors});
	const issue = (message: string, extra: Partial<ValidationIssue> = {}): ValidationIssue => ({file: input.file, message, ...extra});

	if (!TASK_ID_PATTERN.test(id)) {
		return fail([issue(`the file name "${id}" is not a valid task id (letters, digits, ".", "_", "-"; must start with a letter or digit)`)]);
	}
	if (input.text.includes('\u0000') || input.text.includes('\uFFFD')) {
		return fail([issue('not a text file (binary or invalid UTF-8 content)')]);
	}

	const raw = input.file.toLowerCase().endsWith('.json') ? readJson(input) : readMarkdown(input);
	if (!raw.ok) return fail(raw.errors);

	const checked = taskFields.safeParse(raw.fields);
	if (!checked.success) {
		return fail(
			checked.error.issues.flatMap((zodIssue) => {
				if (zodIssue.code === 'unrecognized_keys') {
					return zodIssue.keys.map((key) => issue(`unknown field "${key}"`, {field: key, ...raw.locate([key])}));
				}
				const path = zodIssue.path.map(String);
				return [issue(zodIssue.message, {field: path.join('.') || undefined, ...raw.locate(path)})];
			}),
		);
	}
	const fields = checked.data;
	const errors: ValidationIssue[] = [];

	if (fields.id !== undefined && fields.id !== id) {
		errors.push(issue(`"id" is "${fields.id}" but the file name gives "${id}"; the id is the file name`, {field: 'id', ...raw.locate(['id'])}));
	}
	let prompt = raw.body ?? '';
	if (fields.prompt !== undefined) {
		if (prompt.trim()) errors.push(issue('the prompt is given twice (in "prompt" and as the body)', {field: 'prompt', ...raw.locate(['prompt'])}));
		prompt = fields.prompt;
	}

	let templated: Partial<TaskFields> = {};
	if (fields.template !== undefined) {
		const text = input.template?.(fields.template);
		if (text === undefined) {
			errors.push(issue(`template "${fields.template}" not found in templates/`, {field: 'template', ...raw.locate(['template'])}));
		} else {
			const rendered = renderTemplate(text, {...stringVars(fields.vars), prompt: prompt.trim(), id, title: fields.title ?? ''});
			if (!rendered.ok) {
				errors.push(issue(`template "${fields.template}": ${rendered.error}`, {field: 'vars', ...raw.locate(['vars'])}));
			} else {
				prompt = rendered.body;
				const defaults = taskFields.partial().safeParse(rendered.fields);
				if (defaults.success) templated = defaults.data;
				else errors.push(issue(`template "${fields.template}" has invalid front matter: ${defaults.error.issues[0]?.message ?? 'invalid'}`, {field: 'template'}));
			}
		}
	}

	if (!prompt.trim()) {
		errors.push(issue(raw.kind === 'md' ? 'the prompt (the text after the front matter) is empty' : 'missing "prompt"', {field: 'prompt', ...raw.locate(['prompt'])}));
	}
	const merged: TaskFields = {...templated, ...fields};
	const dependsOn = merged.dependsOn ?? [];
	for (const dep of dependsOn) {
		if (dep === id) errors.push(issue('a task cannot depend on itself', {field: 'dependsOn', ...raw.locate(['dependsOn'])}));
		else if (!TASK_ID_PATTERN.test(dep)) errors.push(issue(`"${dep}" is not a valid task id`, {field: 'dependsOn', ...raw.locate(['dependsOn'])}));
	}
	if (errors.length > 0) return fail(errors);

	const priority = merged.priority === undefined ? 0 : typeof merged.priority === 'number' ? merged.priority : PRIORITY_LEVELS[merged.priority];
	const normalized = {
		id,
		file: input.file,
		title: (merged.title ?? firstLine(prompt)).slice(0, 200),
		prompt: prompt.trim(),
		cwd: merged.cwd,
		priority,
		dependsOn: [...new Set(dependsOn)],
		agent: merged.agent,
		account: merged.account,
		model: merged.model,
		permissionMode: merged.permissionMode,
		allowedTools: merged.allowedTools,
		disallowedTools: merged.disallowedTools,
		args: merged.args ?? [],
		worktree: merged.worktree ?? false,
		setup: merged.setup,
		verify: merged.verify,
		maxAttempts: merged.maxAttempts,
		maxVerifyRounds: merged.maxVerifyRounds,
		maxNudges: merged.maxNudges,
		timeoutMinutes: merged.timeoutMinutes,
		idleTimeoutMinutes: merged.idleTimeoutMinutes,
		resume: merged.resume,
		template: merged.template,
		vars: merged.vars ? stringVars(merged.vars) : undefined,
	};
	const spec: TaskSpec = {...dropUndefined(normalized), hash: stableHash(JSON.stringify(normalized)), mtimeMs: input.mtimeMs} as TaskSpec;
	return {ok: true, spec};
}

type Locate = (path: readonly string[]) => {line?: number; column?: number};
type RawFields = {ok: true; kind: 'md' | 'json'; fields: unknown; body?: string; locate: Locate} | {ok: false; errors: ValidationIssue[]};

function readJson(input: TaskFileInput): RawFields {
	const errors: ParseError[] = [];
	const value = parseJsonc(input.text, errors, {disallowComments: false, allowTrailingComma: false, allowEmptyContent: false});
	if (errors.length > 0) {
		return {
			ok: false,
			errors: errors.slice(0, 5).map((error) => ({file: input.file, message: `invalid JSON: ${describeJsonError(error)}`, ...position(input.text, error.offset)})),
		};
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return {ok: false, errors: [{file: input.file, line: 1, column: 1, message: 'a .json task file must hold one JSON object'}]};
	}
	// The syntax tree (for field positions) is built only when there is an error to locate.
	const locate: Locate = (path) => {
		const tree = parseTree(input.text);
		const node = tree ? findNodeAtLocation(tree, [...path]) : undefined;
		return node ? position(input.text, node.parent?.type === 'property' ? node.parent.offset : node.offset) : {};
	};
	return {ok: true, kind: 'json', fields: value, locate};
}

function readMarkdown(input: TaskFileInput): RawFields {
	const text = input.text.replace(/^\uFEFF/, '');
	const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/.exec(text);
	if (!match) {
		if (/^---[ \t]*\r?\n/.test(text)) {
			return {ok: false, errors: [{file: input.file, line: 1, column: 1, message: 'front matter starts with "---" but has no closing "---" line'}]};
		}
		return {ok: true, kind: 'md', fields: {}, body: text, locate: () => ({})};
	}
	const yamlText = match[1] ?? '';
	const body = text.slice(match[0].length);
	let fields: unknown;
	try {
		fields = yamlText.trim() ? loadFrontMatter(yamlText) : {};
	} catch (error) {
		if (error instanceof YAMLParseError) {
			const pos = error.linePos?.[0];
			return {
				ok: false,
				errors: [{file: input.file, message: `invalid YAML front matter: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`, line: pos ? pos.line + 1 : undefined, column: pos?.col}],
			};
		}
		return {ok: false, errors: [{file: input.file, message: `invalid YAML front matter: ${String(error)}`}]};
	}
	if (fields === null || fields === undefined) fields = {};
	if (typeof fields !== 'object' || Array.isArray(fields)) {
		return {ok: false, errors: [{file: input.file, line: 2, column: 1, message: 'the front matter must be a YAML mapping of field: value'}]};
	}
	// Locating a field needs the YAML document with source ranges; only built on the error path.
	const locate: Locate = (path) => {
		const doc = parseDocument(yamlText);
		if (!isMap(doc.contents)) return {};
		const pair = doc.contents.items.find((item) => isScalar(item.key) && String(item.key.value) === path[0]);
		const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
		if (offset === undefined) return {};
		const pos = position(yamlText, offset);
		return {line: (pos.line ?? 0) + 1, column: pos.column};
	};
	return {ok: true, kind: 'md', fields, body, locate};
}

/**
 * Two YAML readers on purpose: js-yaml is about ten times faster on the small front
 * matter of a task file (10k files at start-up), while `yaml` reports errors with the
 * clearer messages and positions users see. Its core schema matches YAML 1.2 as `yaml`
 * reads it (no dates, "yes" stays a string; tests/core/task-file.test.ts holds the shapes
 * checked). Anything js-yaml rejects is read again with `yaml`, whose verdict counts; a
 * text only js-yaml would accept is the one case where the two could still differ.
 */
export function loadFrontMatter(yamlText: string): unknown {
	try {
		return jsYaml.load(yamlText, {schema: jsYaml.CORE_SCHEMA, json: false});
	} catch {
		return parseYaml(yamlText, {uniqueKeys: true});
	}
}

function describeJsonError(error: ParseError): string {
	const code = printParseErrorCode(error.error);
	return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function position(text: string, offset: number): {line: number; column: number} {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return {line, column: offset - lineStart + 1};
}

function firstLine(prompt: string): string {
	const line = prompt.trim().split(/\r?\n/, 1)[0] ?? '';
	const clean = line.replace(/^#+\s*/, '').trim();
	return clean.length > TITLE_MAX ? `${clean.slice(0, TITLE_MAX - 1)}…` : clean;
}

function stringVars(vars: Record<string, string | number | boolean> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(vars ?? {})) out[key] = String(value);
	return out;
}

function dropUndefined<T extends object>(value: T): T {
	const out: Record<string, unknown> = {};
	for (const key in value) if (value[key] !== undefined) out[key] = value[key];
	return out as T;
}
