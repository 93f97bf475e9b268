import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {TaskSource} from '../../source/runtime/queue/task-source.js';
import {workPaths} from '../../source/runtime/store/paths.js';
import {waitFor} from '../support/cli.js';

type Event = {kind: 'changed' | 'invalid' | 'removed'; id: string; detail?: string};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function watched(initial: Record<string, string> = {}) {
	const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ac-src-')));
	const paths = workPaths(root);
	fs.mkdirSync(paths.tasks);
	fs.mkdirSync(paths.templates);
	for (const [name, text] of Object.entries(initial)) fs.writeFileSync(path.join(paths.tasks, name), text);
	const source = new TaskSource(paths, {stabilityMs: 150});
	const scan = source.scan();
	const events: Event[] = [];
	await source.watch({
		changed: (spec) => events.push({kind: 'changed', id: spec.id, detail: spec.prompt}),
		invalid: (id, errors) => events.push({kind: 'invalid', id, detail: errors.map((e) => e.message).join('; ')}),
		removed: (id) => events.push({kind: 'removed', id}),
	});
	cleanups.push(async () => {
		await source.close();
		fs.rmSync(root, {recursive: true, force: true});
	});
	return {scan, events, write: (name: string, text: string) => fs.writeFileSync(path.join(paths.tasks, name), text), dir: paths};
}

describe('task source', () => {
	it('scans valid and invalid files, ignores editor droppings, reports duplicate ids for both files', async () => {
		const {scan} = await watched({'a.md': 'do a', 'b.json': '{bad', 'c.md': 'one', 'c.json': '{"prompt":"two"}', '.a.md.swp': 'x', 'a.md~': 'x', 'notes.txt': 'x'});
		expect(scan.specs.map((s) => s.id)).toEqual(['a']);
		expect(scan.invalid.map((i) => i.id).sort()).toEqual(['b', 'c']);
		const dup = scan.invalid.find((i) => i.id === 'c')!;
		expect(dup.errors.map((e) => e.file)).toEqual(['tasks/c.json', 'tasks/c.md']);
		expect(dup.errors[0]!.message).toMatch(/duplicate task id "c": also defined by tasks\/c\.md/);
	});

	it('reports a named pipe, a directory or an oversized file instead of blocking on it or reading it', () => {
		const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ac-src-')));
		cleanups.push(() => fs.rmSync(root, {recursive: true, force: true}));
		const paths = workPaths(root);
		fs.mkdirSync(paths.tasks, {recursive: true});
		execFileSync('mkfifo', [path.join(paths.tasks, 'pipe.md')]);
		fs.mkdirSync(path.join(paths.tasks, 'folder.md'));
		fs.writeFileSync(path.join(paths.tasks, 'big.md'), 'x'.repeat(1024 * 1024 + 1));
		fs.writeFileSync(path.join(paths.tasks, 'ok.md'), 'do it');
		const scan = new TaskSource(paths).scan();
		expect(scan.specs.map((s) => s.id)).toEqual(['ok']);
		const reasons = Object.fromEntries(scan.invalid.map((i) => [i.id, i.errors[0]?.message]));
		expect(reasons).toEqual({pipe: 'not a regular file', folder: 'not a regular file', big: expect.stringMatching(/too large/)});
	});

	it('waits for a file to stop changing before reading it', async () => {
		const {events, write} = await watched();
		write('slow.md', '---\ntitle: half');
		await new Promise((resolve) => setTimeout(resolve, 40));
		write('slow.md', '---\ntitle: half\n---\nthe whole prompt');
		await waitFor(() => events.length > 0, {what: 'an event'});
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(events).toEqual([{kind: 'changed', id: 'slow', detail: 'the whole prompt'}]);
	});

	it('reports changes, removals and a clash that appears and goes away', async () => {
		const {events, write, dir} = await watched({'x.md': 'first'});
		write('x.md', 'second');
		await waitFor(() => events.find((e) => e.detail === 'second'), {what: 'the change'});
		write('x.json', '{"prompt": "clash"}');
		await waitFor(() => events.find((e) => e.kind === 'invalid' && e.id === 'x'), {what: 'the clash'});
		fs.rmSync(path.join(dir.tasks, 'x.json'));
		await waitFor(() => events.filter((e) => e.kind === 'changed' && e.detail === 'second').length === 2, {what: 'x.md back'});
		fs.rmSync(path.join(dir.tasks, 'x.md'));
		await waitFor(() => events.find((e) => e.kind === 'removed' && e.id === 'x'), {what: 'removal'});
		write('.tmp-editor.md.swp', 'x');
		write('4913', 'x');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(events.some((e) => e.id === '4913' || e.id.startsWith('.'))).toBe(false);
	});

	it('re-reads tasks that use a template when the template changes', async () => {
		const {events, dir} = await watched();
		fs.writeFileSync(path.join(dir.templates, 'fix.md'), 'Fix {{area}} v1');
		fs.writeFileSync(path.join(dir.tasks, 't.md'), '---\ntemplate: fix\nvars: {area: login}\n---\n');
		await waitFor(() => events.find((e) => e.detail === 'Fix login v1'), {what: 'first render'});
		fs.writeFileSync(path.join(dir.templates, 'fix.md'), 'Fix {{area}} v2');
		await waitFor(() => events.find((e) => e.detail === 'Fix login v2'), {what: 're-render'});
	});
});
