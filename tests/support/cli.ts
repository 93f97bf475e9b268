// Drives the built binary the way a person would: temp work folders, the real CLI,
// and polling for conditions (never fixed sleeps).
import {execa} from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'bin', 'auto-claude.js');

export type WorkDir = {readonly root: string; write(file: string, text: string): void; read(file: string): string; exists(file: string): boolean; cleanup(): void};

export function makeWorkDir(config: object | undefined, files: Record<string, string> = {}): WorkDir {
	const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ac-e2e-')));
	const write = (file: string, text: string): void => {
		const full = path.join(root, file);
		fs.mkdirSync(path.dirname(full), {recursive: true});
		fs.writeFileSync(full, text);
	};
	fs.mkdirSync(path.join(root, 'tasks'));
	if (config) write('auto-claude.config.json', JSON.stringify(config, null, 2));
	for (const [file, text] of Object.entries(files)) write(file, text);
	return {
		root,
		write,
		read: (file) => fs.readFileSync(path.join(root, file), 'utf8'),
		exists: (file) => fs.existsSync(path.join(root, file)),
		cleanup: () => fs.rmSync(root, {recursive: true, force: true}),
	};
}

export function cli(args: readonly string[], options: {cwd: string; env?: Record<string, string>; timeout?: number}) {
	return execa(process.execPath, [BIN, ...args], {
		cwd: options.cwd,
		env: {...options.env, FORCE_COLOR: '0'},
		reject: false,
		timeout: options.timeout ?? 60_000,
		stdin: 'ignore',
	});
}

export function spawnCli(args: readonly string[], options: {cwd: string; env?: Record<string, string>}) {
	return execa(process.execPath, [BIN, ...args], {cwd: options.cwd, env: {...options.env, FORCE_COLOR: '0'}, reject: false, stdin: 'ignore', buffer: true, all: true});
}

export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, options: {timeout?: number; interval?: number; what?: string} = {}): Promise<T> {
	const deadline = Date.now() + (options.timeout ?? 20_000);
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined && value !== false) return value as T;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a condition'}${last ? `: ${String(last)}` : ''}`);
		await new Promise((resolve) => setTimeout(resolve, options.interval ?? 50));
	}
}

export type TaskJson = {id: string; state: string; reason?: string; attempts: number; file?: string};

export async function listTasks(root: string): Promise<TaskJson[]> {
	const result = await cli(['task', 'list', '--json'], {cwd: root});
	if (result.exitCode !== 0) throw new Error(`task list failed: ${result.stderr}`);
	return JSON.parse(result.stdout) as TaskJson[];
}

export type RecordJson = {
	status: {state: string; reason?: string; question?: string; result?: {kind: string; dependency?: string}};
	history: {from: string | null; to: string; at: number; reason: string}[];
	attempts: number;
};

export function readRecord(root: string, id: string): RecordJson {
	return JSON.parse(fs.readFileSync(path.join(root, 'state', 'tasks', `${id}.json`), 'utf8'));
}

export function shellAgentConfig(extra: Record<string, unknown> = {}) {
	return {
		concurrency: 2,
		defaultAgent: 'sh',
		agents: {sh: {kind: 'command', command: ['sh', '-c', '{prompt}']}},
		retry: {baseDelaySeconds: 0, maxDelaySeconds: 0},
		...extra,
	};
}
