// Runs settings hooks the way the real CLI does (claude-cli.md Part B §2): `/bin/sh -c`,
// payload JSON on stdin, cwd = project dir, own session (no controlling terminal), 600 s
// default timeout, matching hooks in parallel.

import {spawn} from 'node:child_process';
import type {HookCommand, HooksConfig} from './config.js';

export type HookResult = {
	readonly command: string;
	readonly exitCode: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly json: Record<string, unknown> | undefined;
};

export type HookOutcome = {
	readonly ran: number;
	readonly results: readonly HookResult[];
	/** Exit 2, or JSON `decision: "block"`. */
	readonly block: {readonly reason: string; readonly command: string; readonly viaExit2: boolean} | undefined;
	/** PreToolUse JSON `hookSpecificOutput.permissionDecision`. */
	readonly permissionDecision: {readonly decision: 'allow' | 'deny' | 'ask'; readonly reason: string} | undefined;
	/** PermissionRequest JSON `hookSpecificOutput.decision`. */
	readonly permissionRequest: {readonly behavior: 'allow' | 'deny'; readonly message: string} | undefined;
	/** Non-blocking failures (any exit code but 0 and 2): their stderr is shown. */
	readonly failures: readonly HookResult[];
};

const EMPTY: HookOutcome = {ran: 0, results: [], block: undefined, permissionDecision: undefined, permissionRequest: undefined, failures: []};

export type HookRunnerOptions = {
	readonly hooks: HooksConfig;
	readonly knownEvents: readonly string[];
	readonly cwd: string;
	readonly env: () => NodeJS.ProcessEnv;
};

export function matcherMatches(matcher: string | undefined, value: string | undefined): boolean {
	if (matcher === undefined || matcher === '' || matcher === '*') return true;
	if (value === undefined) return true;
	if (/^[A-Za-z0-9_|]+$/.test(matcher)) return matcher.split('|').includes(value);
	try {
		return new RegExp(`^(?:${matcher})$`).test(value);
	} catch {
		return false;
	}
}

export class HookRunner {
	private readonly running = new Set<number>();

	constructor(private readonly options: HookRunnerOptions) {}

	has(event: string): boolean {
		return this.options.knownEvents.includes(event) && (this.options.hooks.get(event)?.length ?? 0) > 0;
	}

	async run(event: string, payload: Record<string, unknown>, matchValue?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<HookOutcome> {
		if (!this.has(event)) return EMPTY;
		const commands: HookCommand[] = [];
		const seen = new Set<string>();
		for (const group of this.options.hooks.get(event) ?? []) {
			if (!matcherMatches(group.matcher, matchValue)) continue;
			for (const hook of group.hooks) {
				if (seen.has(hook.command)) continue;
				seen.add(hook.command);
				commands.push(hook);
			}
		}
		if (commands.length === 0) return EMPTY;
		const input = JSON.stringify(payload);
		const env = {...this.options.env(), ...extraEnv};
		const results = await Promise.all(commands.map((hook) => this.spawnOne(hook, input, env)));
		return summarise(results);
	}

	private spawnOne(hook: HookCommand, input: string, env: NodeJS.ProcessEnv): Promise<HookResult> {
		return new Promise((resolvePromise) => {
			let stdout = '';
			let stderr = '';
			let settled = false;
			const child = spawn('/bin/sh', ['-c', hook.command], {
				cwd: this.options.cwd,
				env,
				detached: true,
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			const pid = child.pid;
			if (pid !== undefined) this.running.add(pid);
			const finish = (exitCode: number | null) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				if (pid !== undefined) this.running.delete(pid);
				const trimmed = stdout.trim();
				let json: Record<string, unknown> | undefined;
				if (trimmed.startsWith('{')) {
					try {
						json = JSON.parse(trimmed) as Record<string, unknown>;
					} catch {
						json = undefined;
					}
				}
				resolvePromise({command: hook.command, exitCode, stdout, stderr, json});
			};
			const timer = setTimeout(() => {
				if (pid !== undefined) {
					try {
						process.kill(-pid, 'SIGTERM');
					} catch {
						// Already gone.
					}
				}
				finish(null);
			}, hook.timeoutMs);
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
			child.on('error', (error) => {
				stderr += String(error);
				finish(1);
			});
			child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
			child.stdin.on('error', () => {
				// A hook that does not read its stdin closes the pipe early; that is fine.
			});
			child.stdin.end(input);
		});
	}

	/** Ends every hook still running (used on exit, like the real CLI's process-group kill). */
	killAll(): void {
		for (const pid of this.running) {
			try {
				process.kill(-pid, 'SIGTERM');
			} catch {
				// Already gone.
			}
		}
		this.running.clear();
	}
}

function summarise(results: HookResult[]): HookOutcome {
	let block: HookOutcome['block'];
	let permissionDecision: HookOutcome['permissionDecision'];
	let permissionRequest: HookOutcome['permissionRequest'];
	const failures: HookResult[] = [];
	for (const result of results) {
		if (result.exitCode === 2) {
			block ??= {reason: result.stderr, command: result.command, viaExit2: true};
			continue;
		}
		if (result.exitCode !== 0) {
			failures.push(result);
			continue;
		}
		const json = result.json;
		if (!json) continue;
		if (json['decision'] === 'block' && !block) {
			block = {reason: typeof json['reason'] === 'string' ? json['reason'] : '', command: result.command, viaExit2: false};
		}
		const specific = json['hookSpecificOutput'] as Record<string, unknown> | undefined;
		const decision = specific?.['permissionDecision'];
		if (decision === 'allow' || decision === 'deny' || decision === 'ask') {
			const reason = specific?.['permissionDecisionReason'];
			if (!permissionDecision || decision === 'deny') permissionDecision = {decision, reason: typeof reason === 'string' ? reason : ''};
		}
		const request = specific?.['decision'] as Record<string, unknown> | undefined;
		if (request && (request['behavior'] === 'allow' || request['behavior'] === 'deny')) {
			const message = request['message'];
			if (!permissionRequest || request['behavior'] === 'deny') {
				permissionRequest = {behavior: request['behavior'], message: typeof message === 'string' ? message : ''};
			}
		}
	}
	return {ran: results.length, results, block, permissionDecision, permissionRequest, failures};
}
