// node-pty on its own thread (dist/pty-worker.js, built by `npm test`): output and exit
// codes arrive as from the in-process adapter, reading pauses while too much output waits
// to be parsed and resumes when it is, the last bytes before an exit are not lost, the
// log is masked, and a process that exits with agents still running ends normally
// (node-pty in a thread being torn down would abort it).
import {execa} from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {HIGH_BYTES} from '../../source/runtime/pty/pty-worker-protocol.js';
import type {PtyExit, PtyProcess} from '../../source/runtime/pty/pty-port.js';
import {WorkerPtyFactory} from '../../source/runtime/pty/worker-pty-factory.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'dist', 'pty-worker.js');
const env = process.env as Record<string, string>;

const factories: WorkerPtyFactory[] = [];
const dirs: string[] = [];
afterEach(() => {
	for (const factory of factories.splice(0)) factory.dispose();
	for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

function factory(): WorkerPtyFactory {
	const made = new WorkerPtyFactory(SCRIPT);
	factories.push(made);
	return made;
}

function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ac-worker-pty-'));
	dirs.push(dir);
	return dir;
}

async function until(check: () => boolean, timeout = 10_000): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

type Collected = {text: () => string; bytes: () => number; exit: Promise<PtyExit>; consume: boolean};

/** Everything the agent writes; each chunk is reported parsed at once while `consume` is on. */
function collect(pty: PtyProcess, consume = true): Collected {
	const chunks: Buffer[] = [];
	let bytes = 0;
	const collected: Collected = {
		text: () => Buffer.concat(chunks).toString('utf8'),
		bytes: () => bytes,
		exit: new Promise<PtyExit>((resolve) => pty.onExit(resolve)),
		consume,
	};
	pty.onData((data) => {
		chunks.push(Buffer.from(data));
		bytes += data.length;
		if (collected.consume) pty.consumed?.(data.length);
	});
	return collected;
}

describe('PTY thread', () => {
	it('needs the build', () => {
		expect(fs.existsSync(SCRIPT)).toBe(true);
	});

	it('delivers output, typed input and the exit code, with the pid known at once', async () => {
		const pty = factory().spawn({file: 'sh', args: ['-c', 'printf "ready\\n"; read line; printf "got:%s\\n" "$line"; exit 3'], cwd: tempDir(), env, cols: 80, rows: 24});
		expect(pty.pid).toBeGreaterThan(0);
		expect(() => process.kill(pty.pid, 0)).not.toThrow();
		const out = collect(pty);
		await until(() => out.text().includes('ready'));
		pty.write('hello\r');
		expect(await out.exit).toEqual({exitCode: 3, signal: undefined});
		expect(out.text()).toContain('got:hello');
	});

	it('reports the terminal size it was given, and a resize', async () => {
		const pty = factory().spawn({file: 'sh', args: ['-c', 'stty size; read x; stty size'], cwd: tempDir(), env, cols: 91, rows: 17});
		const out = collect(pty);
		await until(() => out.text().includes('17 91'));
		pty.resize(100, 30);
		pty.write('\r');
		await out.exit;
		expect(out.text()).toContain('30 100');
	});

	it('stops reading while too much output waits to be parsed, and goes on when it is', async () => {
		const total = HIGH_BYTES * 3;
		const pty = factory().spawn({file: process.execPath, args: ['-e', `process.stdout.write('x'.repeat(${total})); process.stdout.write('\\nEND\\n'); setTimeout(() => {}, 60000)`], cwd: tempDir(), env, cols: 80, rows: 24});
		const out = collect(pty, false);
		await until(() => out.bytes() > HIGH_BYTES);
		// Nothing consumed: reading stops a little past the limit (what was already read when it paused).
		await new Promise((resolve) => setTimeout(resolve, 300));
		const held = out.bytes();
		expect(held).toBeLessThan(HIGH_BYTES + 1024 * 1024);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(out.bytes()).toBe(held);
		out.consume = true;
		pty.consumed!(held);
		await until(() => out.bytes() >= total, 20_000);
		pty.kill('SIGKILL');
		await out.exit;
	});

	it('reads what is left in the PTY at once when the agent ends while reading is paused', async () => {
		// The agent is blocked writing (the PTY buffer is full) when it is killed; node-pty
		// would drop what is in the buffer 200 ms after the exit unless it is read.
		const pty = factory().spawn({file: process.execPath, args: ['-e', `process.stdout.write('y'.repeat(${HIGH_BYTES * 2}))`], cwd: tempDir(), env, cols: 80, rows: 24});
		const out = collect(pty, false);
		await until(() => out.bytes() > HIGH_BYTES);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const held = out.bytes();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(out.bytes()).toBe(held);
		pty.kill('SIGKILL');
		await out.exit;
		expect(out.bytes()).toBeGreaterThan(held);
	});

	it('delivers every byte an agent writes just before it exits (twenty bursts of 1 MB)', async () => {
		const made = factory();
		// Without care about 3 runs in 10 lose their end here (node-pty issue 726).
		for (let i = 0; i < 20; i++) {
			const pty = made.spawn({file: 'sh', args: ['-c', 'yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 1000000; echo "last line"'], cwd: tempDir(), env, cols: 80, rows: 24});
			const out = collect(pty);
			await out.exit;
			// 1,000,000 bytes with \n → \r\n (27,027 lines), then the last line.
			expect(out.text().endsWith('last line\r\n'), `run ${i}: ${out.bytes()} bytes`).toBe(true);
			expect(out.bytes()).toBe(1_000_000 + Math.floor(1_000_000 / 37) + 'last line\r\n'.length);
		}
	});

	it('writes the masked log where the output is read', async () => {
		const dir = tempDir();
		const logFile = path.join(dir, 'logs', 'task', '1.log');
		const secret = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789';
		const pty = factory().spawn({file: 'sh', args: ['-c', `printf 'key is ${secret}\\n'`], cwd: dir, env, cols: 80, rows: 24, logFile});
		await collect(pty).exit;
		await until(() => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes('key is'));
		const log = fs.readFileSync(logFile, 'utf8');
		expect(log).not.toContain(secret);
		expect(log).toContain('key is ***6789');
	});

	it('kills every agent and waits for their exits before the thread goes', () => {
		const made = factory();
		const ptys = [1, 2].map(() => made.spawn({file: 'sh', args: ['-c', 'trap "" TERM HUP; sleep 30'], cwd: tempDir(), env, cols: 80, rows: 24}));
		expect(made.killAllAndWait(5000)).toBe(true);
		for (const pty of ptys) expect(() => process.kill(pty.pid, 0)).toThrow();
	});

	it('a process that exits while its agents run ends normally, and its agents with it', async () => {
		const dir = tempDir();
		const script = path.join(dir, 'exit-with-agents.ts');
		fs.writeFileSync(
			script,
			[
				`import {WorkerPtyFactory} from ${JSON.stringify(path.join(ROOT, 'source', 'runtime', 'pty', 'worker-pty-factory.ts'))};`,
				`const factory = new WorkerPtyFactory(${JSON.stringify(SCRIPT)});`,
				`const a = factory.spawn({file: 'sleep', args: ['30'], cwd: '/', env: process.env as Record<string, string>, cols: 80, rows: 24});`,
				`const b = factory.spawn({file: 'sleep', args: ['30'], cwd: '/', env: process.env as Record<string, string>, cols: 80, rows: 24});`,
				`console.log(a.pid, b.pid);`,
				// SIGKILL from the main thread just before exiting: the exits reach the thread mid-teardown.
				`setTimeout(() => { a.kill('SIGKILL'); b.kill('SIGKILL'); process.exit(0); }, 200);`,
			].join('\n'),
		);
		const result = await execa(process.execPath, ['--import', 'tsx', script], {cwd: ROOT, reject: false, timeout: 20_000});
		expect(result.stderr).not.toContain('terminate called');
		expect(result.exitCode).toBe(0);
		for (const pid of result.stdout.trim().split(' ').map(Number)) expect(() => process.kill(pid, 0)).toThrow();
	});
});
