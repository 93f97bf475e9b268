// A work folder: tasks/, templates/, state/ and auto-claude.config.json, read and
// validated once. Config problems are fatal (exit 2) with file:line:column messages.
import fs from 'node:fs';
import path from 'node:path';
import {CONFIG_FILE, formatConfigIssues, parseConfig, type Config} from '../core/config.js';
import type {EngineSettings} from '../core/engine-state.js';
import {workPaths, type WorkPaths} from '../runtime/store/paths.js';
import {ConfigError} from './errors.js';

export type Workspace = {
	readonly paths: WorkPaths;
	readonly config: Config;
	readonly settings: EngineSettings;
};

export type WorkspaceOverrides = {readonly concurrency?: number};

export function openWorkspace(dir: string, overrides: WorkspaceOverrides = {}): Workspace {
	const paths = workPaths(dir);
	if (!fs.existsSync(paths.root) || !fs.statSync(paths.root).isDirectory()) {
		throw new ConfigError(`work folder ${paths.root} does not exist`);
	}
	let text: string | undefined;
	try {
		text = fs.readFileSync(paths.config, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`cannot read ${paths.config}: ${(error as Error).message}`);
	}
	const parsed = parseConfig(text);
	if (!parsed.ok) throw new ConfigError(`invalid ${CONFIG_FILE}:\n${formatConfigIssues(path.relative(process.cwd(), paths.config) || CONFIG_FILE, parsed.errors)}`);
	const config: Config = overrides.concurrency ? {...parsed.config, concurrency: overrides.concurrency} : parsed.config;
	const settings: EngineSettings = {
		config,
		nudgeTemplate: readOptional(path.join(paths.templates, 'continue.md')),
		verifyFeedbackTemplate: readOptional(path.join(paths.templates, 'verify-failed.md')),
	};
	return {paths, config, settings};
}

function readOptional(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

export function ensureStateDirs(paths: WorkPaths): void {
	for (const dir of [paths.state, paths.taskStates, paths.logs, paths.sessions]) fs.mkdirSync(dir, {recursive: true, mode: 0o700});
}
