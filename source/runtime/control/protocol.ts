// The control protocol: one JSON object per line each way. Requests carry an id; the
// response repeats it. Small and dependency-free so `auto-claude hook` starts fast.
export type ControlRequest = {readonly id: number; readonly method: string; readonly params?: unknown};
export type ControlResponse = {readonly id: number; readonly ok: true; readonly result: unknown} | {readonly id: number; readonly ok: false; readonly error: string};

export function encode(message: ControlRequest | ControlResponse): string {
	return `${JSON.stringify(message)}\n`;
}

/** Splits a stream of bytes into complete lines; returns the unfinished rest. */
export function splitLines(buffer: string, onLine: (line: string) => void): string {
	let start = 0;
	for (let i = buffer.indexOf('\n'); i !== -1; i = buffer.indexOf('\n', start)) {
		const line = buffer.slice(start, i).trim();
		if (line) onLine(line);
		start = i + 1;
	}
	return buffer.slice(start);
}
