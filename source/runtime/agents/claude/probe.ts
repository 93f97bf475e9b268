// Probing an account whose limit has no known reset time: one short `claude -p` turn on
// that account's config dir. Still limited → when it resets (if the answer says so);
// otherwise the account is free again.
import {execa} from 'execa';
import os from 'node:os';
import path from 'node:path';
import type {Config} from '../../../core/config.js';
import {parseLimitText, parseStreamEvent} from '../../../core/rate-limit/index.js';
import {machineTimeZone} from '../screen-limit.js';
import {expandHome} from './launch.js';

export type ProbeResult = {readonly limited: boolean; readonly resetsAt?: number; readonly text?: string; readonly error?: string};

export function probeArgv(config: Config, account: string, root: string): {argv: string[]; env: Record<string, string>} | undefined {
	const pool = config.accounts.find((a) => a.name === account);
	const agent = Object.values(config.agents).find((a) => a.kind === 'claude' && (pool || (a.configDir ?? 'default') === account || account === 'default'));
	if (!agent && !pool) return undefined;
	const configDir = pool?.configDir ?? agent?.configDir;
	const env: Record<string, string> = {...(process.env as Record<string, string>), ...(agent?.env ?? {})};
	if (configDir) env.CLAUDE_CONFIG_DIR = path.resolve(root, expandHome(configDir));
	const command = config.limits.probeCommand ?? [...(agent?.command ?? ['claude']), '-p', 'Reply with the single word OK.', '--output-format', 'json', '--max-turns', '1'];
	return {argv: command, env};
}

export async function probeAccount(config: Config, account: string, root: string): Promise<ProbeResult> {
	const plan = probeArgv(config, account, root);
	if (!plan) return {limited: false, error: `no claude agent for account ${account}`};
	const [file, ...args] = plan.argv;
	const result = await execa(file!, args, {env: plan.env, cwd: os.tmpdir(), reject: false, timeout: 120_000, stdin: 'ignore', all: true});
	const context = {now: Date.now(), timeZone: machineTimeZone()};
	const output = result.stdout.trim();
	try {
		const parsed = parseStreamEvent(JSON.parse(output), context);
		if (parsed?.kind === 'usage_limit') return {limited: true, resetsAt: parsed.resetsAt, text: parsed.text};
		if (result.exitCode === 0) return {limited: false};
	} catch {
		// Not JSON: a custom probe command or an old CLI; read it as text.
	}
	const line = output.split('\n').find((text) => parseLimitText(text, {...context, source: 'probe'})?.kind === 'usage_limit');
	if (line) {
		const parsed = parseLimitText(line, {...context, source: 'probe'});
		return {limited: true, resetsAt: parsed?.resetsAt, text: line};
	}
	return result.exitCode === 0 ? {limited: false} : {limited: false, error: `probe exited ${result.exitCode ?? result.signal}: ${(result.all ?? '').split('\n').slice(-2).join(' ').slice(0, 200)}`};
}
