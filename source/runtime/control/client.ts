// A one-request client for the control socket.
import net from 'node:net';
import {encode, splitLines, type ControlResponse} from './protocol.js';

export class ControlUnavailable extends Error {}

export async function controlRequest(socketPath: string, method: string, params?: unknown, timeoutMs = 5000): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const socket = net.createConnection(socketPath);
		let buffer = '';
		let settled = false;
		const finish = (error: Error | undefined, value?: unknown): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			socket.destroy();
			if (error) reject(error);
			else resolve(value);
		};
		const timer = setTimeout(() => finish(new ControlUnavailable(`no answer from the orchestrator within ${timeoutMs} ms`)), timeoutMs);
		socket.setEncoding('utf8');
		socket.on('connect', () => socket.write(encode({id: 1, method, params})));
		socket.on('error', (error: NodeJS.ErrnoException) => finish(new ControlUnavailable(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? 'no orchestrator is listening' : error.message)));
		socket.on('data', (chunk: string) => {
			buffer = splitLines(buffer + chunk, (line) => {
				let response: ControlResponse;
				try {
					response = JSON.parse(line) as ControlResponse;
				} catch {
					return finish(new Error('invalid response from the orchestrator'));
				}
				if (response.ok) finish(undefined, response.result);
				else finish(new Error(response.error));
			});
		});
		socket.on('close', () => finish(new ControlUnavailable('the orchestrator closed the connection')));
	});
}
