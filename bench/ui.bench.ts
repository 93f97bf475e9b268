// The dashboard's budgets (issue 5), each against a floor measured in the same run:
//   - 8 sessions × 200 KB/s of Claude-like output, 160×48, 4 panes shown: CPU ≤ 1.5× the
//     same engine and sessions without a UI (--no-ui); event-loop delay p99 ≤ 20 ms;
//   - a key typed in a focused pane, echoed by the agent, is on screen within 50 ms under
//     that load (floor: the same echo read straight from node-pty);
//   - one session flooding 50 MB is on the dashboard's screen (its last line shown) at
//     ≥ 50% of raw node-pty speed, and the dashboard answers keys within 100 ms meanwhile
//     (three rounds of raw, engine alone and dashboard, interleaved; medians);
//   - the first full frame is on screen ≤ 400 ms after launch (floor: `node -e 0`).
import {execa} from 'execa';
import fs from 'node:fs';
import path from 'node:path';
import * as pty from 'node-pty';
import {WorkerPtyFactory} from '../source/runtime/pty/worker-pty-factory.js';
import {Session} from '../source/runtime/pty/session.js';
import {nextSessionSize} from '../source/ui/layout/layout.js';
import {benchDir, cpuMs, loadCommand, quit, readStats, sleep, spawnOuter, type Outer} from './ui-harness.js';
import {median, percentile, type Result} from './util.js';

const SESSIONS = 8;
const RATE = 200_000;
const WINDOW_MS = 10_000;

function loadConfig(command: string[]): object {
	return {
		concurrency: SESSIONS,
		defaultAgent: 'load',
		agents: {load: {kind: 'command', command}},
		// Headless sessions get the size a 4-pane grid gives at 160×48.
		terminal: {cols: 78, rows: 24, scrollback: 2000},
		defaults: {idleTimeoutMinutes: 60, timeoutMinutes: 60},
	};
}

function loadTasks(): Record<string, string> {
	return Object.fromEntries(Array.from({length: SESSIONS}, (_, i) => [`load-${i + 1}`, `---\ntitle: Busy session ${i + 1}\n---\nstream\n`]));
}

function runningCount(root: string): number {
	let n = 0;
	for (const file of fs.readdirSync(path.join(root, 'state', 'tasks'), {withFileTypes: true})) {
		if (!file.name.endsWith('.json')) continue;
		try {
			const record = JSON.parse(fs.readFileSync(path.join(root, 'state', 'tasks', file.name), 'utf8')) as {status: {state: string}};
			if (record.status.state === 'running') n++;
		} catch {
			// Being written.
		}
	}
	return n;
}

async function until(check: () => boolean, timeout = 30_000): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await sleep(100);
	}
}

/** CPU share of one core over the window. */
async function cpuShare(pid: number, windowMs = WINDOW_MS): Promise<number> {
	const c0 = cpuMs(pid);
	const t0 = performance.now();
	await sleep(windowMs);
	return (cpuMs(pid) - c0) / (performance.now() - t0);
}

async function floorCpu(): Promise<number> {
	const root = benchDir(loadConfig(loadCommand(['--rate', String(RATE)])), loadTasks());
	const child = execa(process.execPath, [path.resolve(import.meta.dirname, '..', 'bin', 'auto-claude.js'), '--no-ui', '--watch'], {cwd: root, reject: false, stdin: 'ignore'});
	try {
		await until(() => fs.existsSync(path.join(root, 'state', 'tasks')) && runningCount(root) === SESSIONS);
		await sleep(2000);
		return await cpuShare(child.pid!);
	} finally {
		child.kill('SIGTERM');
		await child;
		fs.rmSync(root, {recursive: true, force: true});
	}
}

/** Raw echo round trip: the generator in node-pty, read directly, with 7 more running. */
async function rawEcho(): Promise<number[]> {
	const children = Array.from({length: SESSIONS}, () => {
		const [file, ...args] = loadCommand(['--rate', String(RATE)]);
		return pty.spawn(file!, args, {cols: 78, rows: 24, encoding: null as unknown as string});
	});
	let text = '';
	for (const [i, child] of children.entries()) {
		child.onData((data) => {
			if (i === 0) text = (text + Buffer.from(data as unknown as Uint8Array).toString('latin1')).slice(-4096);
		});
	}
	try {
		await sleep(2000);
		return await probeEcho(
			(data) => children[0]!.write(data),
			async (token) => {
				const t0 = performance.now();
				while (!text.includes(token)) {
					if (performance.now() - t0 > 2000) throw new Error('no echo');
					await new Promise((resolve) => setImmediate(resolve));
				}
				return performance.now();
			},
		);
	} finally {
		for (const child of children) child.kill('SIGKILL');
	}
}

/** Types a fresh token and times until its echo shows, `probes` times. */
async function probeEcho(write: (data: string) => void, seen: (token: string) => Promise<number>, probes = 20): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < probes; i++) {
		const token = `p${i}q${Math.floor(Math.random() * 1e6)}`;
		const t0 = performance.now();
		const shown = seen(`ECHO:${token}`);
		write(token);
		times.push((await shown.catch(() => t0 + 2000)) - t0);
		await sleep(100);
	}
	return times;
}

async function uiUnderLoad(): Promise<{cpu: number; eldP99: number; eldMax: number; echo: number[]; frames: number; inkRenders: number}> {
	const root = benchDir(loadConfig(loadCommand(['--rate', String(RATE)])), loadTasks());
	const statsFile = path.join(root, 'ui-stats.jsonl');
	const outer = spawnOuter([], {cwd: root, cols: 160, rows: 48, env: {AUTO_CLAUDE_UI_STATS: statsFile}});
	try {
		await outer.waitFor('STATE');
		await until(() => runningCount(root) === SESSIONS);
		// Grid: as many as fit → 1 → 2 → 4 panes.
		for (let i = 0; i < 3; i++) outer.write('v');
		await outer.waitFor('at most 4 panes');
		await sleep(2000);
		const t0 = Date.now();
		const cpu = await cpuShare(outer.pid);
		const t1 = Date.now();
		const lines = readStats(statsFile).filter((line) => line.t > t0 + 1000 && line.t <= t1);
		const delays = lines.flatMap((line) => line.delays);
		const last = lines[lines.length - 1];
		const first = lines[0];
		// Focus the first pane and type.
		const mark = outer.mark();
		outer.write('\r');
		await outer.waitFor('FOCUS', {from: mark});
		const echo = await probeEcho(
			(data) => outer.write(data),
			(token) => outer.waitFor(token, {from: outer.mark(), timeout: 2000}),
		);
		return {
			cpu,
			eldP99: percentile(delays, 99),
			eldMax: Math.max(0, ...delays),
			echo,
			frames: last && first ? ((last.frames ?? 0) - (first.frames ?? 0)) / Math.max(1, lines.length - 1) : 0,
			inkRenders: last && first ? ((last.inkRenders ?? 0) - (first.inkRenders ?? 0)) / Math.max(1, lines.length - 1) : 0,
		};
	} finally {
		outer.write('\u001d');
		await quit(outer);
		fs.rmSync(root, {recursive: true, force: true});
	}
}

const FLOOD = 50_000_000;

async function rawFlood(): Promise<number> {
	const root = benchDir({}, {});
	const startFile = path.join(root, 'start');
	const [file, ...args] = loadCommand(['--flood', String(FLOOD), '--start-file', startFile]);
	const child = pty.spawn(file!, args, {cols: 78, rows: 24, encoding: null as unknown as string});
	let tail = '';
	const done = new Promise<number>((resolve) => {
		child.onData((data) => {
			tail = (tail + Buffer.from(data as unknown as Uint8Array).toString('latin1')).slice(-64);
			if (tail.includes('FLOOD-DONE')) resolve(Date.now());
		});
	});
	try {
		const end = await done;
		return end - Number(fs.readFileSync(startFile, 'utf8'));
	} finally {
		child.kill('SIGKILL');
		fs.rmSync(root, {recursive: true, force: true});
	}
}

/** The engine's own floor: the same session (node-pty → xterm screen + masked log), no UI. */
async function engineFlood(): Promise<number> {
	const root = benchDir({}, {});
	const startFile = path.join(root, 'start');
	const [file, ...args] = loadCommand(['--flood', String(FLOOD), '--start-file', startFile]);
	// The size the dashboard gives a lone session at 160×48: the same screen work per byte.
	const size = nextSessionSize({size: {cols: 160, rows: 48}, headerLines: 1, alertLines: 0, taskRows: 1, sessions: [], overlay: false});
	// node-pty on its own thread, as the built CLI runs it.
	const factory = new WorkerPtyFactory(path.resolve(import.meta.dirname, '..', 'dist', 'pty-worker.js'));
	const pty = factory.spawn({file: file!, args, cwd: root, env: process.env as Record<string, string>, cols: size.cols, rows: size.rows, logFile: path.join(root, 'flood.log')});
	const session = new Session({taskId: 'flood', launch: 1, pty, cols: size.cols, rows: size.rows, scrollback: 2000, idleTimeoutMs: 600_000});
	try {
		const end = await new Promise<number>((resolve) => {
			session.onOutput(() => {
				// Look at the screen only once everything has been read (not on each of ~12k chunks).
				if (session.bytesIn >= FLOOD && session.screenLines().some((line) => line.includes('FLOOD-DONE'))) resolve(Date.now());
			});
		});
		return end - Number(fs.readFileSync(startFile, 'utf8'));
	} finally {
		session.killNow();
		session.dispose();
		factory.dispose();
		fs.rmSync(root, {recursive: true, force: true});
	}
}

async function uiFlood(): Promise<{ms: number; keys: number[]; inApp: number[]}> {
	const root = benchDir({concurrency: 1, defaultAgent: 'load', agents: {load: {kind: 'command', command: loadCommand(['--flood', String(FLOOD), '--start-file', 'start'])}}}, {flood: '---\ntitle: Flood\n---\nflood\n'});
	const statsFile = path.join(root, 'ui-stats.jsonl');
	const outer = spawnOuter([], {cwd: root, cols: 160, rows: 48, env: {AUTO_CLAUDE_UI_STATS: statsFile}});
	const keys: number[] = [];
	try {
		await outer.waitFor('STATE');
		const startFile = path.join(root, 'start');
		await until(() => fs.existsSync(startFile) && fs.readFileSync(startFile, 'utf8').length > 0, 30_000);
		const started = Number(fs.readFileSync(startFile, 'utf8'));
		const done = outer.waitFor('FLOOD-DONE', {timeout: 120_000}).then(() => Date.now());
		let finished = false;
		void done.then(() => {
			finished = true;
		});
		// Keys while it floods: open and close the help, timing each until it shows.
		while (!finished && keys.length < 16) {
			let mark = outer.mark();
			let t0 = performance.now();
			outer.write('?');
			keys.push((await outer.waitFor('Esc/q close', {from: mark})) - t0);
			mark = outer.mark();
			t0 = performance.now();
			outer.write('\u001b');
			keys.push((await outer.waitFor('⏎ focus', {from: mark})) - t0);
			await sleep(100);
		}
		const ms = (await done) - started;
		await sleep(1100);
		const inApp = readStats(statsFile).flatMap((line) => (line as unknown as {keyToFrame?: number[]}).keyToFrame ?? []);
		return {ms, keys, inApp};
	} finally {
		await quit(outer);
		fs.rmSync(root, {recursive: true, force: true});
	}
}

/** Launch → first frame (the header, painted before the engine is up) and → the full dashboard. */
async function firstFrame(): Promise<{first: number[]; full: number[]}> {
	const root = benchDir({concurrency: 3, defaultAgent: 'sh', agents: {sh: {kind: 'command', command: ['sh', '-c', 'sleep 30']}}}, {a: 'a', b: 'b', c: 'c'});
	const first: number[] = [];
	const full: number[] = [];
	try {
		for (let i = 0; i < 5; i++) {
			const t0 = performance.now();
			const outer: Outer = spawnOuter([], {cwd: root, cols: 160, rows: 48});
			const painted = outer.waitFor('auto-claude');
			const table = outer.waitFor('STATE');
			first.push((await painted) - t0);
			full.push((await table) - t0);
			await quit(outer);
		}
	} finally {
		fs.rmSync(root, {recursive: true, force: true});
	}
	return {first, full};
}

/** Flood rounds: raw, engine and dashboard one after the other, each figure the median of its rounds. */
const FLOOD_ROUNDS = 3;

async function floodResults(results: Result[]): Promise<void> {
	const raw: number[] = [];
	const engine: number[] = [];
	const dashboard: number[] = [];
	const keys: number[] = [];
	const inApp: number[] = [];
	// Interleaved, so a slow spell of the machine touches all three alike.
	for (let round = 0; round < FLOOD_ROUNDS; round++) {
		raw.push(await rawFlood());
		engine.push(await engineFlood());
		const flood = await uiFlood();
		dashboard.push(flood.ms);
		keys.push(...flood.keys);
		inApp.push(...flood.inApp);
	}
	const rawMs = median(raw);
	const engineMs = median(engine);
	const uiMs = median(dashboard);
	const speed = rawMs / uiMs;
	const list = (values: number[]): string => values.map((v) => String(v)).join(', ');
	results.push({name: 'floor: 50 MB through raw node-pty (median)', value: FLOOD / 1000 / rawMs, unit: 'MB/s', note: `${list(raw)} ms`});
	results.push({name: 'engine alone: node-pty → xterm screen + masked log, no UI', value: FLOOD / 1000 / engineMs, unit: 'MB/s', note: `${list(engine)} ms, ${(rawMs / engineMs).toFixed(2)}× raw`});
	results.push({name: '50 MB flood drained through the dashboard (median)', value: FLOOD / 1000 / uiMs, unit: 'MB/s', note: `${list(dashboard)} ms`});
	results.push({name: 'flood speed ratio dashboard / raw node-pty', value: speed, unit: '×', budget: '≥ 0.5', ok: speed >= 0.5, note: `${(engineMs / uiMs).toFixed(2)}× the engine alone; rounds ${dashboard.map((ms, i) => (raw[i]! / ms).toFixed(2)).join(', ')}`});
	const keyP95 = keys.length > 0 ? percentile(keys, 95) : Number.NaN;
	results.push({name: 'dashboard key answered during the flood, p95', value: keyP95, unit: 'ms', budget: '≤ 100', ok: keyP95 <= 100, note: `${keys.length} keys (help open/close), max ${Math.max(0, ...keys).toFixed(0)} ms; in the app key → frame p95 ${percentile(inApp, 95).toFixed(0)} ms`});
}

export async function uiBench(): Promise<Result[]> {
	const results: Result[] = [];
	// BENCH_UI=flood runs the flood part alone.
	if (process.env.BENCH_UI === 'flood') {
		await floodResults(results);
		return results;
	}
	const floor = await floorCpu();
	const ui = await uiUnderLoad();
	const cpuRatio = ui.cpu / floor;
	results.push({name: 'floor: --no-ui, 8 sessions × 200 KB/s (CPU of one core)', value: floor * 100, unit: '%'});
	results.push({name: 'dashboard 160×48, 4 panes shown, same load', value: ui.cpu * 100, unit: '%', note: `${ui.frames.toFixed(0)} frames/s, ${ui.inkRenders.toFixed(1)} Ink renders/s`});
	results.push({name: 'CPU ratio dashboard / floor', value: cpuRatio, unit: '×', budget: '≤ 1.5', ok: cpuRatio <= 1.5});
	results.push({name: 'event-loop delay p99 under that load', value: ui.eldP99, unit: 'ms', budget: '≤ 20', ok: ui.eldP99 <= 20, note: `max ${ui.eldMax.toFixed(0)} ms`});
	const raw = await rawEcho();
	const echoP95 = percentile(ui.echo, 95);
	results.push({name: 'floor: echo read straight from node-pty, p95', value: percentile(raw, 95), unit: 'ms', note: `median ${median(raw).toFixed(1)} ms`});
	results.push({name: 'keystroke → agent echo on screen, focused pane, p95', value: echoP95, unit: 'ms', budget: '≤ 50', ok: echoP95 <= 50, note: `median ${median(ui.echo).toFixed(1)}, max ${Math.max(...ui.echo).toFixed(1)} ms; ${(echoP95 / Math.max(0.1, percentile(raw, 95))).toFixed(1)}× floor`});
	await floodResults(results);
	const node: number[] = [];
	for (let i = 0; i < 3; i++) {
		const t = performance.now();
		await execa(process.execPath, ['-e', '0']);
		node.push(performance.now() - t);
	}
	const frames = await firstFrame();
	const first = median(frames.first);
	const full = median(frames.full);
	results.push({name: 'floor: node -e 0', value: median(node), unit: 'ms'});
	results.push({name: 'first frame after launch (160×48, 3 tasks)', value: first, unit: 'ms', budget: '≤ 400', ok: first <= 400, note: `${(first / median(node)).toFixed(1)}× node start`});
	results.push({name: 'full dashboard (queue and panes) after launch', value: full, unit: 'ms', note: `${(full / median(node)).toFixed(1)}× node start`});
	return results;
}
