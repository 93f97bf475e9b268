// Start-up with 10k task files: from launching `auto-claude --no-ui` to the first agent
// process running (it touches a file), compared with the bare cost of starting Node.
import {execa} from 'execa';
import fs from 'node:fs';
import path from 'node:path';
import {median, tempDir, type Result} from './util.js';

const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'auto-claude.js');

async function firstDispatch(root: string, warm: boolean): Promise<number> {
	if (warm) {
		// Keep the parse cache from the previous run, drop the task states (as after a crash).
		fs.rmSync(path.join(root, 'state', 'tasks'), {recursive: true, force: true});
		fs.rmSync(path.join(root, 'state', 'lock'), {force: true});
	} else {
		fs.rmSync(path.join(root, 'state'), {recursive: true, force: true});
	}
	fs.rmSync(path.join(root, 'started'), {force: true});
	const started = performance.now();
	const child = execa(process.execPath, [BIN, '--no-ui', '--concurrency', '1'], {cwd: root, reject: false, stdin: 'ignore'});
	let elapsed = -1;
	while (performance.now() - started < 30_000) {
		if (fs.existsSync(path.join(root, 'started'))) {
			elapsed = performance.now() - started;
			break;
		}
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	// A graceful stop saves the parse cache like a normal shutdown would.
	child.kill('SIGTERM');
	await child;
	return elapsed;
}

export async function startupBench(): Promise<Result[]> {
	const root = tempDir('ac-bench-start-');
	fs.mkdirSync(path.join(root, 'tasks'));
	fs.writeFileSync(
		path.join(root, 'auto-claude.config.json'),
		JSON.stringify({defaultAgent: 'sh', agents: {sh: {kind: 'command', command: ['sh', '-c', 'touch started; sleep 60']}}}),
	);
	for (let i = 0; i < 10_000; i++) {
		const body = `---\ntitle: Task ${i}\npriority: ${['low', 'normal', 'high'][i % 3]}\nverify: npm test\n---\nDo thing number ${i} carefully and write tests for it.\n`;
		fs.writeFileSync(path.join(root, 'tasks', `task-${String(i).padStart(5, '0')}.md`), body);
	}
	const nodeStart: number[] = [];
	for (let i = 0; i < 3; i++) {
		const t = performance.now();
		await execa(process.execPath, ['-e', '0']);
		nodeStart.push(performance.now() - t);
	}
	const cold: number[] = [];
	for (let i = 0; i < 2; i++) cold.push(await firstDispatch(root, false));
	const warm: number[] = [];
	for (let i = 0; i < 3; i++) warm.push(await firstDispatch(root, true));
	fs.rmSync(root, {recursive: true, force: true});
	const base = median(nodeStart);
	const coldValue = median(cold);
	const warmValue = median(warm);
	return [
		{name: 'node -e 0 (baseline)', value: base, unit: 'ms'},
		{name: 'first dispatch, 10k task files, first start (no cache)', value: coldValue, unit: 'ms', note: `${(coldValue / base).toFixed(1)}x node start`},
		{name: 'first dispatch, 10k task files, restart', value: warmValue, unit: 'ms', budget: '≤ 1000', ok: warmValue > 0 && warmValue <= 1000, note: `${(warmValue / base).toFixed(1)}x node start`},
	];
}
