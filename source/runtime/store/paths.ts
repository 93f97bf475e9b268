// Where everything lives inside a work folder. One place, so tests and the CLI agree.
import path from 'node:path';

export type WorkPaths = {
	readonly root: string;
	readonly tasks: string;
	readonly templates: string;
	readonly state: string;
	readonly taskStates: string;
	readonly sessions: string;
	readonly logs: string;
	readonly db: string;
	readonly alerts: string;
	readonly audit: string;
	readonly lock: string;
	readonly config: string;
	readonly orchestratorLog: string;
	readonly specCache: string;
};

export function workPaths(root: string): WorkPaths {
	const abs = path.resolve(root);
	const state = path.join(abs, 'state');
	return {
		root: abs,
		tasks: path.join(abs, 'tasks'),
		templates: path.join(abs, 'templates'),
		state,
		taskStates: path.join(state, 'tasks'),
		sessions: path.join(state, 'sessions'),
		logs: path.join(state, 'logs'),
		db: path.join(state, 'db.json'),
		alerts: path.join(state, 'alerts.jsonl'),
		audit: path.join(state, 'audit.jsonl'),
		lock: path.join(state, 'lock'),
		config: path.join(abs, 'auto-claude.config.json'),
		orchestratorLog: path.join(state, 'logs', 'auto-claude.log'),
		specCache: path.join(state, 'spec-cache.json'),
	};
}
