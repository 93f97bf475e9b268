// Runs a control request against the running orchestrator when there is one, and
// directly on state/ otherwise, so every task command works in both cases.
import {ControlUnavailable, controlRequest} from '../../runtime/control/client.js';
import {controlSocketPath} from '../../runtime/control/socket-path.js';
import {ownerAlive, readLock} from '../../runtime/store/lock.js';
import type {ControlApi} from '../control-api.js';
import {controlHandler} from '../control-api.js';
import {FatalError} from '../errors.js';
import {withOfflineState} from '../offline.js';
import type {Workspace} from '../workspace.js';

/** An orchestrator that has just taken the lock needs a moment before its socket listens. */
const STARTUP_WAIT_MS = 10_000;

export async function control(workspace: Workspace, method: string, params?: unknown): Promise<unknown> {
	const deadline = Date.now() + STARTUP_WAIT_MS;
	for (;;) {
		const owner = readLock(workspace.paths.lock);
		if (!owner || !ownerAlive(owner) || owner.kind === 'cli') {
			// No orchestrator (another one-shot command is waited for by the lock itself).
			const offline = await tryOffline(workspace, method, params);
			if (offline.done) return offline.value;
			continue;
		}
		try {
			return await controlRequest(controlSocketPath(workspace.paths.state), method, params);
		} catch (error) {
			if (!(error instanceof ControlUnavailable)) throw new FatalError((error as Error).message, 2);
			if (Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				continue;
			}
			throw new FatalError(`auto-claude (pid ${owner.pid}) holds ${workspace.paths.root} but does not answer: ${error.message}`, 1);
		}
	}
}

/** Runs the request directly on state/; not done when an orchestrator took the lock meanwhile. */
async function tryOffline(workspace: Workspace, method: string, params: unknown): Promise<{done: true; value: unknown} | {done: false}> {
	try {
		const value = await withOfflineState(workspace, (api: ControlApi) => {
			try {
				return controlHandler(api)(method, params);
			} catch (error) {
				throw new FatalError((error as Error).message, 2);
			}
		});
		return {done: true, value};
	} catch (error) {
		if (error instanceof FatalError && /is already running on/.test(error.message)) return {done: false};
		throw error;
	}
}
