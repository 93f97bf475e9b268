// `auto-claude hook <event>`: run by claude for each hook event. It forwards the hook's
// JSON (stdin) to the orchestrator over the control socket and prints its answer. It
// must never hold claude up: every call is bounded, and when the orchestrator cannot be
// reached it answers nothing — except the PreToolUse policy gate, which then denies.
import {controlRequest} from '../../runtime/control/client.js';

const READ_LIMIT = 8 * 1024 * 1024;
const WAITS_FOR_DECISION = new Set(['PreToolUse', 'PermissionRequest']);

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY) return '';
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of process.stdin) {
		size += (chunk as Buffer).length;
		if (size > READ_LIMIT) break;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export async function runHook(argv: readonly string[]): Promise<number> {
	const event = argv.find((arg) => !arg.startsWith('-')) ?? '';
	const socket = process.env.AUTO_CLAUDE_SOCKET;
	const taskId = process.env.AUTO_CLAUDE_TASK;
	const launch = Number(process.env.AUTO_CLAUDE_LAUNCH ?? 0);
	const failClosed = process.env.AUTO_CLAUDE_FAIL_CLOSED === '1' && event === 'PreToolUse';
	const text = await readStdin();
	if (!socket || !taskId) return 0; // not started by auto-claude: do nothing
	let payload: Record<string, unknown> = {};
	try {
		payload = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {};
	} catch {
		payload = {raw: text.slice(0, 2000)};
	}
	try {
		const reply = (await controlRequest(socket, 'hook', {event, taskId, launch, payload}, WAITS_FOR_DECISION.has(event) ? 50_000 : 1000)) as {output?: unknown; exitCode?: number; stderr?: string} | null;
		if (reply?.output) process.stdout.write(`${JSON.stringify(reply.output)}\n`);
		if (reply?.stderr) process.stderr.write(`${reply.stderr}\n`);
		return reply?.exitCode ?? 0;
	} catch (error) {
		if (failClosed) {
			process.stderr.write(`auto-claude is not reachable (${(error as Error).message}); denying this tool call to be safe\n`);
			return 2;
		}
		return 0;
	}
}
