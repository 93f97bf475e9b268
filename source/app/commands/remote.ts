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

export async function control(workspace: Workspace, method: string, params?: unknown): Promise<unknown> {
	const owner = readLock(workspace.paths.lock);
	if (owner && ownerAlive(owner)) {
		try {
			return await controlRequest(controlSocketPath(workspace.paths.state), method, params);
		} catch (error) {
			if (error instanceof ControlUnavailable) throw new FatalError(`auto-claude (pid ${owner.pid}) holds ${workspace.paths.root} but does not answer: ${error.message}`, 1);
			throw new FatalError((error as Error).message, 2);
		}
	}
	return withOfflineState(workspace, (api: ControlApi) => {
		try {
			return controlHandler(api)(method, params);
		} catch (error) {
			throw new FatalError((error as Error).message, 2);
		}
	});
}
