// The PTY thread (dist/pty-worker.js): node-pty runs here, so reading an agent's output
// never waits for the main thread, which is busy parsing it into the screen model and
// painting. On one thread an agent flooding its terminal is held up while a chunk is
// parsed (the kernel's PTY buffer is a few KB), so reading and parsing add up; here they
// overlap. What was read is handed over in batches; the main thread says how much it has
// parsed, and reading pauses while more than HIGH_BYTES wait (memory stays bounded).
// The session's masked log is written here too.
import {parentPort} from 'node:worker_threads';
import type * as pty from 'node-pty';
import {MaskedLog} from '../logging/masked-log.js';
import {signalGroup} from './process-group.js';
import {alive, EndGuard} from './pty-end.js';
import {asBytes, spawnPty} from './spawn-pty.js';
import {type FromWorker, HIGH_BYTES, LOW_BYTES, type ToWorker, SPAWN_FAILED, SPAWN_OK} from './pty-worker-protocol.js';

type Entry = {
	readonly child: pty.IPty;
	pending: Uint8Array[];
	pendingBytes: number;
	sent: number;
	acked: number;
	paused: boolean;
	flushScheduled: boolean;
	lastFlush: number;
	readonly log: MaskedLog | undefined;
	readonly end: EndGuard;
};

const BATCH_BYTES = 256 * 1024;
/**
 * Output that follows a hand-over sooner than this waits for the next one: a flooding
 * agent's 4 KB reads travel in a few hundred messages a second, not ten thousand, while
 * an echo after a pause still goes at once.
 */
const COALESCE_MS = 4;
const entries = new Map<number, Entry>();
const port = parentPort!;
/** Flags to raise once no agent is left (see 'killAll'). */
let waitingForNone: Int32Array[] = [];

function noneLeft(): void {
	if (entries.size > 0) return;
	for (const flag of waitingForNone) {
		Atomics.store(flag, 0, 1);
		Atomics.notify(flag, 0);
	}
	waitingForNone = [];
}

function post(message: FromWorker, transfer?: ArrayBuffer[]): void {
	port.postMessage(message, transfer);
}

function flush(id: number, entry: Entry): void {
	entry.flushScheduled = false;
	if (entry.pendingBytes === 0) return;
	entry.lastFlush = performance.now();
	const data = new Uint8Array(entry.pendingBytes);
	let at = 0;
	for (const chunk of entry.pending) {
		data.set(chunk, at);
		at += chunk.length;
	}
	entry.pending = [];
	entry.pendingBytes = 0;
	// One masking pass per batch, before the bytes are handed over.
	entry.log?.write(data);
	post({type: 'data', id, data}, [data.buffer]);
}

function resume(entry: Entry): void {
	if (!entry.paused) return;
	entry.paused = false;
	entry.child.resume();
}

function spawn(message: Extract<ToWorker, {type: 'spawn'}>): void {
	const reply = new Int32Array(message.reply);
	let child: pty.IPty;
	try {
		child = spawnPty(message.options);
	} catch (error) {
		const text = new TextEncoder().encode(String((error as Error).message ?? error));
		const room = new Uint8Array(message.reply, 8);
		const length = Math.min(text.length, room.length);
		room.set(text.subarray(0, length));
		Atomics.store(reply, 1, length);
		Atomics.store(reply, 0, SPAWN_FAILED);
		Atomics.notify(reply, 0);
		return;
	}
	const id = message.id;
	// Masking the log costs about as much as reading: it is done here, not on the main thread.
	const log = message.options.logFile ? new MaskedLog(message.options.logFile) : undefined;
	const entry: Entry = {
		child,
		pending: [],
		pendingBytes: 0,
		sent: 0,
		acked: 0,
		paused: false,
		flushScheduled: false,
		lastFlush: 0,
		log,
		// Once the agent has exited, reading goes on even if paused: node-pty drops what is
		// left unread soon after.
		end: new EndGuard(child, () => resume(entry)),
	};
	entries.set(id, entry);
	child.onData((data) => {
		const bytes = asBytes(data as string | Uint8Array);
		entry.pending.push(bytes);
		entry.pendingBytes += bytes.length;
		entry.sent += bytes.length;
		entry.end.data();
		if (!entry.paused && entry.sent - entry.acked > HIGH_BYTES && alive(child.pid)) {
			entry.paused = true;
			child.pause();
		}
		if (entry.pendingBytes >= BATCH_BYTES) flush(id, entry);
		else if (!entry.flushScheduled) {
			entry.flushScheduled = true;
			const wait = entry.lastFlush + COALESCE_MS - performance.now();
			if (wait <= 0) setImmediate(() => flush(id, entry));
			else setTimeout(() => flush(id, entry), wait);
		}
	});
	child.onExit((exit) => {
		flush(id, entry);
		entry.end.release();
		// The end is reported once the log is complete on disk: the orchestrator may exit
		// right after the last session ends, and this thread with it.
		void (log?.close() ?? Promise.resolve()).then(() => {
			entries.delete(id);
			post({type: 'exit', id, exitCode: exit.exitCode, signal: exit.signal || undefined});
			noneLeft();
		});
	});
	Atomics.store(reply, 1, child.pid);
	Atomics.store(reply, 0, SPAWN_OK);
	Atomics.notify(reply, 0);
}

port.on('message', (message: ToWorker) => {
	if (message.type === 'spawn') {
		spawn(message);
		return;
	}
	if (message.type === 'killAll') {
		waitingForNone.push(new Int32Array(message.done));
		for (const entry of entries.values()) {
			resume(entry);
			signalGroup(entry.child.pid, 'SIGKILL');
		}
		noneLeft();
		return;
	}
	const entry = entries.get(message.id);
	if (!entry) return;
	switch (message.type) {
		case 'write':
			entry.child.write(typeof message.data === 'string' ? message.data : Buffer.from(message.data));
			break;
		case 'resize':
			try {
				entry.child.resize(message.cols, message.rows);
			} catch {
				// The child may already have exited.
			}
			break;
		case 'consumed':
			entry.acked = Math.max(entry.acked, message.bytes);
			if (entry.paused && entry.sent - entry.acked <= LOW_BYTES) resume(entry);
			break;
	}
});
