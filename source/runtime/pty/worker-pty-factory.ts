// node-pty on its own thread (see pty-worker.ts for why), behind the same PtyFactory port
// as the in-process adapter. Spawning waits for the thread's answer (a few milliseconds)
// so the pid is known at once, as callers expect; everything else is a message.
import fs from 'node:fs';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {signalGroup} from './process-group.js';
import type {PtyExit, PtyFactory, PtyProcess, PtySpawnOptions} from './pty-port.js';
import {type FromWorker, REPLY_BYTES, SPAWN_FAILED, SPAWN_PENDING, type ToWorker} from './pty-worker-protocol.js';

/** Tell the thread how much was parsed at most this often (bytes), or when all of it was. */
const CONSUMED_STEP = 512 * 1024;
const SPAWN_TIMEOUT_MS = 10_000;
/** How long the exiting process waits for the PTY thread to see its agents go. */
const EXIT_WAIT_MS = 3000;

class WorkerPty implements PtyProcess {
	private readonly dataListeners: ((data: Uint8Array) => void)[] = [];
	private readonly exitListeners: ((exit: PtyExit) => void)[] = [];
	private received = 0;
	private done = 0;
	private told = 0;
	exited = false;

	constructor(
		readonly id: number,
		readonly pid: number,
		private readonly send: (message: ToWorker) => void,
	) {}

	onData(listener: (data: Uint8Array) => void): void {
		this.dataListeners.push(listener);
	}

	onExit(listener: (exit: PtyExit) => void): void {
		this.exitListeners.push(listener);
	}

	write(data: string | Uint8Array): void {
		if (!this.exited) this.send({type: 'write', id: this.id, data});
	}

	resize(cols: number, rows: number): void {
		if (!this.exited) this.send({type: 'resize', id: this.id, cols, rows});
	}

	kill(signal: NodeJS.Signals): void {
		signalGroup(this.pid, signal);
	}

	consumed(bytes: number): void {
		this.done += bytes;
		if (this.exited) return;
		if (this.done - this.told >= CONSUMED_STEP || this.done === this.received) {
			this.told = this.done;
			this.send({type: 'consumed', id: this.id, bytes: this.done});
		}
	}

	deliver(data: Uint8Array): void {
		this.received += data.length;
		for (const listener of this.dataListeners) listener(data);
	}

	end(exit: PtyExit): void {
		if (this.exited) return;
		this.exited = true;
		for (const listener of this.exitListeners) listener(exit);
	}
}

export class WorkerPtyFactory implements PtyFactory {
	private worker: Worker | undefined;
	private readonly live = new Map<number, WorkerPty>();
	private nextId = 1;

	constructor(
		private readonly script: string,
		private readonly onError: (error: Error) => void = () => undefined,
	) {}

	/** The bundled thread script, when auto-claude runs from its build (dist/). */
	static scriptBeside(moduleUrl: string): string | undefined {
		const dir = path.dirname(new URL(moduleUrl).pathname);
		for (const candidate of [path.join(dir, 'pty-worker.js'), path.join(dir, '..', 'pty-worker.js')]) {
			if (fs.existsSync(candidate)) return candidate;
		}
		return undefined;
	}

	/** Starts the thread ahead of the first spawn, so that spawn does not wait for it to load. */
	warm(): void {
		this.ensure();
	}

	spawn(options: PtySpawnOptions): PtyProcess {
		const worker = this.ensure();
		const id = this.nextId++;
		const reply = new SharedArrayBuffer(REPLY_BYTES);
		const state = new Int32Array(reply, 0, 2);
		worker.postMessage({type: 'spawn', id, options: {...options, args: [...options.args], env: {...options.env}}, reply} satisfies ToWorker);
		if (Atomics.wait(state, 0, SPAWN_PENDING, SPAWN_TIMEOUT_MS) === 'timed-out') throw new Error('the PTY thread did not answer');
		if (Atomics.load(state, 0) === SPAWN_FAILED) {
			const length = Atomics.load(state, 1);
			throw new Error(new TextDecoder().decode(new Uint8Array(reply, 8, length).slice()));
		}
		const pty = new WorkerPty(id, Atomics.load(state, 1), (message) => this.worker?.postMessage(message));
		this.live.set(id, pty);
		worker.ref();
		return pty;
	}

	/**
	 * Kills every agent and waits (blocking, up to `timeoutMs`) until the thread has seen
	 * each exit. Safe in a process 'exit' handler; required before the thread goes.
	 */
	killAllAndWait(timeoutMs = EXIT_WAIT_MS): boolean {
		const worker = this.worker;
		if (!worker) return true;
		const done = new SharedArrayBuffer(4);
		const flag = new Int32Array(done);
		worker.postMessage({type: 'killAll', done} satisfies ToWorker);
		return Atomics.wait(flag, 0, 0, timeoutMs) !== 'timed-out';
	}

	/** Stops the thread (its agents are killed first). */
	dispose(): void {
		const worker = this.worker;
		if (!worker) return;
		this.killAllAndWait();
		this.worker = undefined;
		process.off('exit', this.onProcessExit);
		void worker.terminate();
	}

	private readonly onProcessExit = (): void => {
		this.killAllAndWait();
	};

	private ensure(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(this.script);
		worker.on('message', (message: FromWorker) => {
			const pty = this.live.get(message.id);
			if (!pty) return;
			if (message.type === 'data') pty.deliver(message.data);
			else {
				this.live.delete(message.id);
				if (this.live.size === 0) this.worker?.unref();
				pty.end({exitCode: message.exitCode, signal: message.signal});
			}
		});
		const lost = (error: Error): void => {
			if (this.worker !== worker) return;
			this.worker = undefined;
			this.onError(error);
			// The thread held the PTYs: their agents are gone or cut off. Say so, and make sure.
			for (const pty of this.live.values()) {
				pty.kill('SIGKILL');
				pty.end({exitCode: 1, signal: 9});
			}
			this.live.clear();
		};
		worker.on('error', lost);
		worker.on('exit', (code) => lost(new Error(`the PTY thread stopped (exit code ${code})`)));
		// Like a PTY in process, the thread keeps the process alive only while agents run
		// (unref after the listeners: adding a 'message' listener refs it again).
		worker.unref();
		process.once('exit', this.onProcessExit);
		this.worker = worker;
		return worker;
	}
}
