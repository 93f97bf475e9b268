// Placeholder until the dashboard lands: run headless so `auto-claude` still works.
import type {Workspace} from '../app/workspace.js';
import {runHeadless} from '../headless/run-headless.js';

export async function runTui(workspace: Workspace): Promise<number> {
	return runHeadless(workspace, {json: false, watch: true, wait: true});
}
