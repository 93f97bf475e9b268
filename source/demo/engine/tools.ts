// One tool call from start to result: PreToolUse, the permission check (rules, mode,
// PermissionRequest hook, the interactive prompt), the real side effect (Bash runs through
// /bin/sh in the project dir, Write writes the file), PostToolUse(Failure) and PostToolBatch.

import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import type {HookOutcome} from '../hooks.js';
import {hookEnv, hookPayload, permissionVerdict, type SessionContext} from './context.js';
import type {EngineEvent, EngineHost, ToolCall, ToolRun} from './events.js';

export type ToolResultKind = 'ran' | 'blocked' | 'interrupted';

export type ToolDeps = {
	readonly ctx: SessionContext;
	readonly host: EngineHost;
	readonly promptId: string;
	readonly signal: AbortSignal;
	readonly emit: (event: EngineEvent) => void;
	readonly reportFailures: (label: string, outcome: HookOutcome) => void;
	readonly permissionDenials: Record<string, unknown>[];
};

const REJECTED =
	"The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";

export async function runToolCall(deps: ToolDeps, call: ToolCall): Promise<ToolResultKind> {
	const {ctx, emit} = deps;
	const started = Date.now();
	const subject = call.name === 'Bash' ? (call.input['command'] ?? '') : (call.input['file_path'] ?? '');
	const base = {tool_name: call.name, tool_input: call.input};
	const env = hookEnv(ctx);

	const pre = await ctx.hooks.run('PreToolUse', hookPayload(ctx, 'PreToolUse', deps.promptId, {...base, tool_use_id: call.id}, {mode: true, effort: true}), call.name, env);
	deps.reportFailures(`PreToolUse:${call.name}`, pre);
	if (pre.block) {
		const reason = `PreToolUse:${call.name} hook error: [${pre.block.command}]: ${pre.block.reason}`;
		return block(deps, call, reason, 'pre-hook');
	}
	if (pre.permissionDecision?.decision === 'deny') {
		const why = pre.permissionDecision.reason;
		return block(deps, call, ctx.profile.prefixesDenyReason ? `PreToolUse:${call.name} hook error: ${why}` : why, 'pre-hook');
	}

	let note: string | undefined;
	let decision: Record<string, unknown> | undefined;
	const verdict = pre.permissionDecision?.decision === 'allow' ? 'allow' : pre.permissionDecision?.decision === 'ask' ? 'ask' : permissionVerdict(ctx, call.name, subject);
	if (verdict === 'deny') {
		return block(deps, call, `Permission to use ${call.name} has been denied.`, 'rule');
	}
	if (verdict === 'allow') {
		decision = {decision: 'accept', source: 'config', reasonType: 'rule', ruleSource: 'cliArg'};
	} else {
		const firesRequest = ctx.interactive || ctx.profile.firesPermissionRequestInPrint;
		const request = firesRequest
			? await ctx.hooks.run(
					'PermissionRequest',
					hookPayload(ctx, 'PermissionRequest', deps.promptId, {...base, permission_suggestions: [{type: 'setMode', mode: 'acceptEdits', destination: 'session'}]}, {mode: true, effort: true}),
					call.name,
					env,
				)
			: undefined;
		if (request) deps.reportFailures(`PermissionRequest:${call.name}`, request);
		if (request?.permissionRequest?.behavior === 'allow') {
			note = 'Allowed by PermissionRequest hook';
			decision = {decision: 'accept', source: 'hook'};
		} else if (request?.permissionRequest?.behavior === 'deny') {
			return block(deps, call, request.permissionRequest.message || 'Denied by PermissionRequest hook', 'permission-hook');
		} else if (!ctx.interactive) {
			const message =
				call.name === 'Write'
					? `Claude requested permissions to write to ${subject}, but you haven't granted it yet.`
					: `Claude requested permissions to use ${call.name}, but you haven't granted it yet.`;
			deps.permissionDenials.push({tool_name: call.name, tool_use_id: call.id, tool_input: call.input});
			return block(deps, call, message, 'no-prompt');
		} else {
			const answer = await askWithReminder(deps, call);
			if (answer === 'no') {
				const uuid = ctx.transcript.toolResult(call.id, REJECTED, true, 'User rejected tool use');
				ctx.transcript.interrupted(true);
				emit({type: 'tool-rejected', call, uuid});
				return 'interrupted';
			}
			if (answer === 'always') ctx.allowRules.push(call.name === 'Bash' ? `Bash(${subject})` : 'Write');
			decision = {decision: 'accept', source: 'user'};
		}
	}

	const run = call.name === 'Bash' ? await runBash(ctx.cwd, subject, deps.signal) : runWrite(ctx.cwd, call, ctx.profile.wroteLinesAlwaysPlural);
	if (run === 'interrupted') {
		ctx.transcript.interrupted(false);
		return 'interrupted';
	}
	const finalRun: ToolRun = note ? {...run, note} : run;
	const uuid = ctx.transcript.toolResult(call.id, run.content, run.isError, run.structured, decision);
	emit({type: 'tool-done', call, run: finalRun, uuid});
	const duration = Date.now() - started;
	if (run.isError) {
		const post = await ctx.hooks.run(
			'PostToolUseFailure',
			hookPayload(ctx, 'PostToolUseFailure', deps.promptId, {...base, tool_use_id: call.id, error: run.content, is_interrupt: false, duration_ms: duration}, {mode: true, effort: true}),
			call.name,
			env,
		);
		deps.reportFailures(`PostToolUseFailure:${call.name}`, post);
	} else {
		const post = await ctx.hooks.run(
			'PostToolUse',
			hookPayload(ctx, 'PostToolUse', deps.promptId, {...base, tool_response: run.structured, tool_use_id: call.id, duration_ms: duration}, {mode: true, effort: true}),
			call.name,
			env,
		);
		deps.reportFailures(`PostToolUse:${call.name}`, post);
	}
	await batch(deps, call, run.content);
	return 'ran';
}

async function askWithReminder(deps: ToolDeps, call: ToolCall) {
	const {ctx} = deps;
	let open = true;
	const timer = setTimeout(() => {
		if (!open) return;
		void ctx.hooks.run(
			'Notification',
			hookPayload(ctx, 'Notification', deps.promptId, {message: 'Claude needs your permission', notification_type: 'permission_prompt'}),
			'permission_prompt',
			hookEnv(ctx),
		);
	}, ctx.permissionNotifyMs);
	try {
		return await deps.host.askPermission(call, deps.signal);
	} finally {
		open = false;
		clearTimeout(timer);
	}
}

async function block(deps: ToolDeps, call: ToolCall, reason: string, source: 'pre-hook' | 'permission-hook' | 'rule' | 'no-prompt'): Promise<ToolResultKind> {
	const uuid = deps.ctx.transcript.toolResult(call.id, reason, true, `Error: ${reason}`);
	deps.emit({type: 'tool-blocked', call, reason, source, uuid});
	await batch(deps, call, reason);
	return 'blocked';
}

async function batch(deps: ToolDeps, call: ToolCall, response: string): Promise<void> {
	const outcome = await deps.ctx.hooks.run(
		'PostToolBatch',
		hookPayload(deps.ctx, 'PostToolBatch', deps.promptId, {tool_calls: [{tool_name: call.name, tool_input: call.input, tool_use_id: call.id, tool_response: response}]}, {mode: true, effort: true}),
		undefined,
		hookEnv(deps.ctx),
	);
	deps.reportFailures('PostToolBatch', outcome);
}

function runBash(cwd: string, command: string, signal: AbortSignal): Promise<ToolRun | 'interrupted'> {
	return new Promise((resolvePromise) => {
		let stdout = '';
		let stderr = '';
		const child = spawn('/bin/sh', ['-c', command], {cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
		const kill = () => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		};
		const timer = setTimeout(kill, 120_000);
		const onAbort = () => {
			kill();
			resolvePromise('interrupted');
		};
		signal.addEventListener('abort', onAbort, {once: true});
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		child.on('error', (error) => (stderr += String(error)));
		child.on('close', (code) => {
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			if (signal.aborted) return;
			const out = stdout.replace(/\n$/, '');
			const err = stderr.replace(/\n$/, '');
			const structured = {stdout: out, stderr: err, interrupted: false, isImage: false, noOutputExpected: false};
			if (code !== 0) {
				const content = `Exit code ${code ?? 1}\n${[err, out].filter(Boolean).join('\n')}`.trimEnd();
				resolvePromise({content, isError: true, structured, display: [`Error: Exit code ${code ?? 1}`, ...[err, out].filter(Boolean).join('\n').split('\n').filter(Boolean)]});
				return;
			}
			const text = [out, err].filter(Boolean).join('\n');
			resolvePromise({content: text, isError: false, structured, display: text ? text.split('\n') : ['(No output)']});
		});
	});
}

function runWrite(cwd: string, call: ToolCall, alwaysPlural: boolean): ToolRun {
	const path = call.input['file_path'] ?? '';
	const content = call.input['content'] ?? '';
	const existed = existsSync(path);
	const original = existed ? readFileSync(path, 'utf8') : null;
	try {
		mkdirSync(dirname(resolve(cwd, path)), {recursive: true});
		writeFileSync(path, content);
	} catch (error) {
		const message = (error as Error).message;
		return {content: message, isError: true, structured: {error: message}, display: [`Error: ${message}`]};
	}
	const lines = content.replace(/\n$/, '').split('\n');
	const count = lines.length;
	const word = count === 1 && !alwaysPlural ? 'line' : 'lines';
	const shown = lines.slice(0, 4).map((line, index) => `${String(index + 1).padStart(2)} ${line}`);
	const more = count > 4 ? [`… +${count - 4} lines (ctrl+o to expand)`] : [];
	return {
		content: existed
			? `The file ${path} has been updated successfully.`
			: `File created successfully at: ${path} (file state is current in your context — no need to Read it back)`,
		isError: false,
		structured: {type: existed ? 'update' : 'create', filePath: path, content, structuredPatch: [], originalFile: original, userModified: false},
		display: [`Wrote ${count} ${word} to ${call.label}`, ...shown, ...more],
	};
}
