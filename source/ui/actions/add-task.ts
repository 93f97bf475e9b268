// The `a` form's result as a task file in tasks/ (the orchestrator picks it up like any
// dropped file). Validated with the same parser first, so a bad value is reported in the
// form instead of becoming a rejected task.
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'yaml';
import {slugify} from '../../app/commands/task.js';
import {parseTaskFile, TASK_ID_PATTERN} from '../../core/task-file.js';

export type NewTask = {
	readonly title: string;
	readonly prompt: string;
	readonly priority: string;
	readonly template?: string;
	readonly verify?: string;
};

/** Templates a task can use: templates/*.md except the engine's own (continue, verify-failed). */
export function listTemplates(templatesDir: string): string[] {
	try {
		return fs
			.readdirSync(templatesDir)
			.filter((name) => name.endsWith('.md') && !name.startsWith('.'))
			.map((name) => name.slice(0, -3))
			.filter((name) => name !== 'continue' && name !== 'verify-failed')
			.sort();
	} catch {
		return [];
	}
}

export function writeNewTask(dirs: {tasks: string; templates: string}, task: NewTask): {ok: true; id: string; file: string} | {ok: false; error: string} {
	const title = task.title.trim();
	if (!title) return {ok: false, error: 'a title is needed'};
	let id = slugify(title);
	if (!TASK_ID_PATTERN.test(id)) id = 'task';
	const base = id;
	for (let n = 2; fs.existsSync(path.join(dirs.tasks, `${id}.md`)) || fs.existsSync(path.join(dirs.tasks, `${id}.json`)); n++) id = `${base}-${n}`;
	const fields: Record<string, unknown> = {title};
	if (task.priority && task.priority !== 'normal') fields.priority = /^-?\d+$/.test(task.priority) ? Number(task.priority) : task.priority;
	if (task.template) fields.template = task.template;
	if (task.verify?.trim()) fields.verify = task.verify.trim();
	const prompt = task.prompt.trim() || title;
	const text = `---\n${stringify(fields).trimEnd()}\n---\n${prompt}\n`;
	const file = `tasks/${id}.md`;
	const readTemplate = (name: string): string | undefined => {
		try {
			return fs.readFileSync(path.join(dirs.templates, `${name}.md`), 'utf8');
		} catch {
			return undefined;
		}
	};
	const check = parseTaskFile({file, text, mtimeMs: Date.now(), template: readTemplate});
	if (!check.ok) return {ok: false, error: check.errors.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message}`).join('; ')};
	try {
		fs.mkdirSync(dirs.tasks, {recursive: true});
		const tmp = path.join(dirs.tasks, `.${id}.md.${process.pid}.tmp`);
		fs.writeFileSync(tmp, text);
		fs.renameSync(tmp, path.join(dirs.tasks, `${id}.md`));
	} catch (error) {
		return {ok: false, error: `cannot write ${file}: ${(error as Error).message}`};
	}
	return {ok: true, id, file};
}
