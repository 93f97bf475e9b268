import {describe, expect, it} from 'vitest';
import {parse as parseYaml} from 'yaml';
import {isIgnoredFileName, loadFrontMatter, parseTaskFile, type TaskFileResult} from '../../source/core/task-file.js';
import {parseConfig} from '../../source/core/config.js';

const parse = (file: string, text: string, templates: Record<string, string> = {}): TaskFileResult =>
	parseTaskFile({file, text, mtimeMs: 1, template: (name) => templates[name]});

describe('valid task files', () => {
	it('reads markdown front matter and takes the body as the prompt', () => {
		const result = parse('tasks/fix-login.md', '---\ntitle: Fix login\npriority: high\ndependsOn: [setup-db]\nverify: npm test\n---\nThe login form rejects valid users.\n');
		expect(result).toMatchObject({ok: true, spec: {id: 'fix-login', title: 'Fix login', priority: 100, dependsOn: ['setup-db'], verify: 'npm test', prompt: 'The login form rejects valid users.'}});
	});

	it('accepts a markdown file without front matter; the title is the first line', () => {
		const result = parse('tasks/a.md', '# Add a README\n\nWrite a short README.');
		expect(result).toMatchObject({ok: true, spec: {id: 'a', title: 'Add a README', priority: 0, dependsOn: [], worktree: false}});
	});

	it('reads JSON tasks with integer priorities and comma lists', () => {
		const result = parse('tasks/b.json', JSON.stringify({prompt: 'do it', priority: 7, dependsOn: 'a, c', allowedTools: ['Bash(npm *)']}));
		expect(result).toMatchObject({ok: true, spec: {priority: 7, dependsOn: ['a', 'c'], allowedTools: ['Bash(npm *)']}});
	});

	it.each([
		['urgent', 1000],
		['high', 100],
		['normal', 0],
		['low', -100],
	])('priority %s → %i', (name, value) => {
		expect(parse('tasks/p.md', `---\npriority: ${name}\n---\nx`)).toMatchObject({ok: true, spec: {priority: value}});
	});

	it('renders a template with vars, the body and template defaults', () => {
		const templates = {fix: '---\nverify: npm test\n---\nFix {{area}}. Notes: {{prompt}}'};
		const result = parse('tasks/t.md', '---\ntemplate: fix\nvars: {area: login}\n---\nbe careful', templates);
		expect(result).toMatchObject({ok: true, spec: {prompt: 'Fix login. Notes: be careful', verify: 'npm test'}});
	});

	it('the same content gives the same hash; different content a different one', () => {
		const a = parse('tasks/h.md', 'one');
		const b = parse('tasks/h.md', 'one');
		const c = parse('tasks/h.md', 'two');
		if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid');
		expect(a.spec.hash).toBe(b.spec.hash);
		expect(a.spec.hash).not.toBe(c.spec.hash);
	});
});

describe('invalid task files: file, field, line and a reason', () => {
	it.each([
		['bad JSON', 'tasks/j.json', '{"prompt": "x",\n  "priority": }', {line: 2, message: /invalid JSON/}],
		['JSON array', 'tasks/j.json', '[1,2]', {message: /one JSON object/}],
		['bad YAML', 'tasks/y.md', '---\ntitle: [unclosed\n---\nx', {message: /invalid YAML/}],
		['duplicate YAML key', 'tasks/y.md', '---\ntitle: a\ntitle: b\n---\nx', {message: /invalid YAML/, line: 3}],
		['unclosed front matter', 'tasks/y.md', '---\ntitle: a\nno end', {message: /no closing/}],
		['wrong type', 'tasks/w.md', '---\npriority: soon\n---\nx', {field: 'priority', line: 2, message: /must be urgent, high, normal, low or a whole number/}],
		['a list of numbers for a list of ids', 'tasks/w.md', '---\ndependsOn: [1, 2]\n---\nx', {field: 'dependsOn', line: 2, message: /a name or a list of names/}],
		['a list as a template variable', 'tasks/w.md', '---\nvars: {a: [1]}\n---\nx', {field: 'vars.a', message: /string, a number or true\/false/}],
		['wrong type in JSON', 'tasks/w.json', '{\n  "prompt": "x",\n  "maxAttempts": "three"\n}', {field: 'maxAttempts', line: 3}],
		['unknown field', 'tasks/u.md', '---\ntitle: a\nretries: 4\n---\nx', {field: 'retries', line: 3, message: /unknown field "retries"/}],
		['unknown field in JSON', 'tasks/u.json', '{"prompt":"x","promt":"y"}', {field: 'promt', message: /unknown field/}],
		['empty prompt', 'tasks/e.md', '---\ntitle: nothing\n---\n   \n', {field: 'prompt', message: /empty/}],
		['missing prompt in JSON', 'tasks/e.json', '{"title":"x"}', {field: 'prompt', message: /missing "prompt"/}],
		['binary garbage', 'tasks/g.md', 'abc\u0000\u0001\u0002def', {message: /not a text file/}],
		['invalid UTF-8', 'tasks/g.md', 'abc\uFFFDdef', {message: /not a text file/}],
		['self dependency', 'tasks/s.md', '---\ndependsOn: s\n---\nx', {field: 'dependsOn'}],
		['bad dependency id', 'tasks/s.md', '---\ndependsOn: ["../etc"]\n---\nx', {field: 'dependsOn'}],
		['bad file name', 'tasks/has space.md', 'x', {message: /not a valid task id/}],
		['id mismatch', 'tasks/a.json', '{"id":"b","prompt":"x"}', {field: 'id'}],
		['prompt twice', 'tasks/a.md', '---\nprompt: x\n---\ny', {field: 'prompt', message: /twice/}],
		['missing template', 'tasks/t.md', '---\ntemplate: nope\n---\nx', {field: 'template', message: /not found/}],
		['missing template var', 'tasks/t.md', '---\ntemplate: fix\n---\nx', {field: 'vars', message: /\{\{area\}\}/}],
		['front matter not a map', 'tasks/l.md', '---\n- a\n- b\n---\nx', {message: /mapping/}],
		['negative attempts', 'tasks/n.md', '---\nmaxAttempts: 0\n---\nx', {field: 'maxAttempts'}],
		['bad resume mode', 'tasks/r.md', '---\nresume: maybe\n---\nx', {field: 'resume'}],
	])('%s', (_name, file, text, expected) => {
		const result = parse(file, text, {fix: 'Fix {{area}}'});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const error = result.errors[0]!;
		expect(error.file).toBe(file);
		if ('field' in expected) expect(error.field).toBe(expected.field);
		if ('line' in expected) expect(error.line).toBe(expected.line);
		if ('message' in expected) expect(error.message).toMatch(expected.message as RegExp);
	});
});

describe('file names', () => {
	it.each(['.fix.md.swp', 'fix.md~', '#fix.md#', '.#fix.md', '4913', 'fix.md.tmp', '.hidden.md'])('ignores %s', (name) => {
		expect(isIgnoredFileName(name)).toBe(true);
	});
	it.each(['fix-login.md', 'a.json', 'v1.2.md'])('accepts %s', (name) => {
		expect(isIgnoredFileName(name)).toBe(false);
	});
});

describe('config', () => {
	it('defaults to one claude agent and DESIGN defaults', () => {
		const result = parseConfig(undefined);
		expect(result).toMatchObject({ok: true, config: {concurrency: 2, defaultAgent: 'claude', agents: {claude: {kind: 'claude'}, demo: {kind: 'demo'}}, defaults: {maxAttempts: 3, maxVerifyRounds: 3, maxNudges: 5, timeoutMinutes: 240, idleTimeoutMinutes: 20}}});
	});

	it('accepts comments and reports errors with their line', () => {
		const text = '{\n  // how many at once\n  "concurrency": 0,\n  "agents": {"x": {"kind": "command"}},\n  "defaultAgent": "x",\n  "colour": true\n}';
		const result = parseConfig(text);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual(
			expect.arrayContaining([
				expect.objectContaining({path: 'concurrency', line: 3}),
				expect.objectContaining({path: 'colour', message: 'unknown field "colour"'}),
			]),
		);
	});

	it('a command agent needs a command; the default agent must exist', () => {
		const result = parseConfig('{"defaultAgent": "nope", "agents": {"x": {"kind": "command"}}}');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => e.path).sort()).toEqual(['agents.x.command', 'defaultAgent']);
	});
});

describe('front matter reader', () => {
	// The fast reader must read every front matter exactly as the `yaml` package would.
	const samples = [
		'title: Fix login\npriority: high\nverify: npm test',
		'priority: 7\nmaxAttempts: 0x10\nretries: 0o17\nratio: 1.5e3\nbig: 12345678901234',
		'a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: ~\nh: null\ni:',
		'due: 2026-11-21\nat: 2026-11-21T10:00:00Z\nversion: 1.10',
		'dependsOn: [a, "b", \'c\']\nallowedTools:\n  - Bash(npm *)\n  - Read',
		'prompt: |\n  line one\n  line two\n\nnote: >\n  folded\n  text\n',
		'title: "quoted: with colon"\nother: \'single \'\'quote\'\'\'\nhash: a # comment\nurl: http://x/#y',
		'env:\n  FOO: bar\n  NUM: "42"\nvars: {a: 1, b: two}',
		'empty: ""\nspaces: "  padded  "\nunicode: "caf\\u00e9 ✓"\nnan: .nan\ninf: -.inf',
	];
	it.each(samples)('%j', (text) => {
		const expected = parseYaml(text, {uniqueKeys: true});
		expect(loadFrontMatter(text)).toEqual(expected);
	});

	it('leaves errors to the `yaml` reader, which names line and column', () => {
		expect(() => loadFrontMatter('title: a\ntitle: b')).toThrow(/Map keys must be unique/);
		expect(() => loadFrontMatter('title: [unclosed')).toThrow();
	});
});
