// The control socket server: CLI subcommands and agent hooks talk to a running
// orchestrator through it. Only the owner can connect (mode 0600, private directory).
import fs from 'node:fs';
import net from 'node:net';
import {encode, splitLines, type ControlRequest} from './protocol.js';
import {ensureSocketDir} from './socket-path.js';

export type ControlHandler = (method: string, params: unknown) => unknown | Promise<unknown>;

const MAX_LINE = 4 * 1024 * 1024;

export class ControlServer {
	private server: net.Server | undefined;

	constructor(
		readonly socketPath: string,
		private readonly handler: ControlHandler,
	) {}

	async listen(): Promise<void> {
		ensureSocketDir(this.socketPath);
		// Only a stale socket can be here: the pid lock guarantees no other orchestrator runs.
		fs.rmSync(this.socketPath, {force: true});
		const server = net.createServer((socket) => this.serve(socket));
		const previous = process.umask(0o177);
		try {
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(this.socketPath, () => resolve());
			});
		} finally {
			process.umask(previous);
		}
		fs.chmodSync(this.socketPath, 0o600);
		server.unref();
		this.server = server;
	}

	async close(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
		fs.rmSync(this.socketPath, {force: true});
	}

	private serve(socket: net.Socket): void {
		let buffer = '';
		socket.setEncoding('utf8');
		socket.on('error', () => socket.destroy());
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			if (buffer.length > MAX_LINE) {
				socket.destroy();
				return;
			}
			buffer = splitLines(buffer, (line) => void this.respond(socket, line));
		});
	}

	private async respond(socket: net.Socket, line: string): Promise<void> {
		let request: ControlRequest;
		try {
			request = JSON.parse(line) as ControlRequest;
		} catch {
			socket.write(encode({id: -1, ok: false, error: 'invalid request'}));
			return;
		}
		try {
			const result = await this.handler(request.method, request.params);
			if (!socket.destroyed) socket.write(encode({id: request.id, ok: true, result: result ?? null}));
		} catch (error) {
			if (!socket.destroyed) socket.write(encode({id: request.id, ok: false, error: (error as Error).message}));
		}
	}
}
