// The simulated claude in print mode: usage limits, resume semantics, hooks and
// transcripts, stalls and signals, and the demo agent's plans.
// Needs `npm run build` first (spawns dist/demo-agent.js).

import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {jsonLines, runFake, startFake, transcriptLines, useSandboxes} from './harness.js';

const sandbox = useSandboxes({beforeAll, afterEach});

describe('usage limits in -p', () => {
	it('text: the limit message on stdout, exit 1, StopFailure with the exact text', async () => {
		const s = sandbox();
		const settings = s.hookSettings(['StopFailure', 'Stop']);
		const resetsAt = 1795284000;
		const result = await runFake(['-p', '--settings', settings, `go [[fake: limit @${resetsAt}]]`], {env: s.env, cwd: s.work});
		expect(result).toMatchObject({code: 1, stdout: "You've hit your 5-hour limit · resets 6pm (UTC)\n"});
		const log = s.hookLog();
		expect(log.map((l) => l.event)).toEqual(['StopFailure']);
		expect(log[0]?.payload).toMatchObject({hook_event_name: 'StopFailure', error: 'rate_limit', last_assistant_message: "You've hit your 5-hour limit · resets 6pm (UTC)"});
	});

	it('stream-json: rate_limit_event, synthetic assistant, error result; the transcript line', async () => {
		const s = sandbox();
		const result = await runFake(['-p', '--output-format', 'stream-json', '--verbose', 'go [[fake: limit @1795284000]]'], {env: s.env, cwd: s.work});
		expect(result.code).toBe(1);
		const events = jsonLines(result.stdout) as Record<string, any>[];
		expect(events.map((e) => e['type'])).toEqual(['system', 'rate_limit_event', 'assistant', 'result']);
		expect(events[1]?.rate_limit_info).toMatchObject({status: 'rejected', resetsAt: 1795284000, rateLimitType: 'five_hour'});
		expect(events[2]).toMatchObject({error: 'rate_limit', is_api_error_message: true, api_error_status: 429, api_error: 'usage_limit_reached', message: {model: '<synthetic>'}});
		expect(events[3]).toMatchObject({subtype: 'success', is_error: true, terminal_reason: 'api_error', api_error_status: 429, result: "You've hit your 5-hour limit · resets 6pm (UTC)"});
		const line = transcriptLines(s, String(events[0]?.session_id)).find((l) => l['isApiErrorMessage'] === true);
		expect(line).toMatchObject({type: 'assistant', error: 'rate_limit', apiError: 'usage_limit_reached', apiErrorStatus: 429, message: {model: '<synthetic>'}});
	});

	it.each([
		['1.0.30', 'limit @1795284000', 'Claude AI usage limit reached|1795284000'],
		['2.0.77', 'limit @1795284000', "You've hit your session limit · resets 6pm (UTC)"],
		['2.1.330', 'limit @1795284000 weekly', "You've hit your weekly limit · resets 6pm (UTC)"],
		['2.1.330', 'limit @1795284000 v1', '5-hour limit reached ∙ resets 6pm'],
		['2.1.330', 'limit apikey', "API Error: Request rejected (429) · This request would exceed your account's rate limit. Please try again later."],
		['2.0.77', 'limit apikey', 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your account\'s rate limit. Please try again later."}}'],
	])('%s %s', async (version, step, text) => {
		const s = sandbox({FAKE_CLAUDE_VERSION: version});
		const result = await runFake(['-p', `go [[fake: ${step}]]`], {env: s.env, cwd: s.work});
		expect(result).toMatchObject({code: 1, stdout: `${text}\n`});
	});

	it('holds the account until the reset, then resume continues the remaining steps', async () => {
		const s = sandbox();
		const first = await runFake(['-p', '--output-format', 'json', 'go [[fake: limit 2; write after-limit.txt; done]]'], {env: s.env, cwd: s.work});
		const id = String(JSON.parse(first.stdout).session_id);
		const early = await runFake(['-p', '--resume', id, 'continue'], {env: s.env, cwd: s.work});
		expect(early.code).toBe(1);
		expect(early.stdout).toMatch(/^You've hit your 5-hour limit/);
		const resetsAt = Number(JSON.parse(readFileSync(join(s.config, 'fake-claude', 'account.json'), 'utf8')).resetsAt);
		// Reset is whole seconds ahead; write the account file as already reset instead of waiting.
		writeFileSync(join(s.config, 'fake-claude', 'account.json'), JSON.stringify({resetsAt: resetsAt - 10, kind: 'five_hour'}));
		const later = await runFake(['-p', '--permission-mode', 'acceptEdits', '--resume', id, 'continue'], {env: s.env, cwd: s.work});
		expect(later).toMatchObject({code: 0, stdout: 'All done — the task is complete.\n\nAUTO-CLAUDE: DONE\n'});
		expect(existsSync(join(s.work, 'after-limit.txt'))).toBe(true);
	});

	it('transient 529s are retried (api_retry events), a 500 fails with StopFailure server_error', async () => {
		const s = sandbox({CLAUDE_CODE_MAX_RETRIES: '2'});
		const transient = await runFake(['-p', '--output-format', 'stream-json', '--verbose', 'x [[fake: overloaded 2; say recovered]]'], {env: s.env, cwd: s.work});
		const events = jsonLines(transient.stdout);
		expect(events.filter((e) => e['subtype'] === 'api_retry')).toHaveLength(2);
		expect(events.at(-1)).toMatchObject({type: 'result', is_error: false, result: 'recovered'});
		const settings = s.hookSettings(['StopFailure']);
		const failed = await runFake(['-p', '--settings', settings, 'x [[fake: api-error 500]]'], {env: s.env, cwd: s.work});
		expect(failed.code).toBe(1);
		expect(failed.stdout).toMatch(/^API Error: 500 Internal server error\./);
		expect(s.hookLog()[0]?.payload).toMatchObject({error: 'server_error'});
	});
});

describe('sessions', () => {
	it('--resume keeps the id and appends; unknown ids fail; legacy mode returns a new id', async () => {
		const s = sandbox();
		const first = JSON.parse((await runFake(['-p', '--output-format', 'json', 'one [[fake: say one]]'], {env: s.env, cwd: s.work})).stdout);
		const again = JSON.parse((await runFake(['-p', '--output-format', 'json', '--resume', first.session_id, 'two [[fake: say two]]'], {env: s.env, cwd: s.work})).stdout);
		expect(again.session_id).toBe(first.session_id);
		const prompts = transcriptLines(s, first.session_id).filter((l) => l['type'] === 'user' && typeof (l['message'] as any).content === 'string');
		expect(prompts.map((l) => (l['message'] as any).content)).toEqual(['one [[fake: say one]]', 'two [[fake: say two]]']);
		const unknown = await runFake(['-p', '--resume', '00000000-0000-4000-8000-000000000000', 'x'], {env: s.env, cwd: s.work});
		expect(unknown).toMatchObject({code: 1, stdout: '', stderr: 'No conversation found with session ID: 00000000-0000-4000-8000-000000000000\n'});
		const legacy = JSON.parse((await runFake(['-p', '--output-format', 'json', '--resume', first.session_id, 'three'], {env: {...s.env, FAKE_CLAUDE_LEGACY_RESUME: '1'}, cwd: s.work})).stdout);
		expect(legacy.session_id).not.toBe(first.session_id);
		expect(transcriptLines(s, legacy.session_id).length).toBeGreaterThan(transcriptLines(s, first.session_id).length);
		const forked = JSON.parse((await runFake(['-p', '--output-format', 'json', '--continue', '--fork-session', 'four'], {env: s.env, cwd: s.work})).stdout);
		expect([first.session_id, legacy.session_id]).not.toContain(forked.session_id);
	});

	it('--session-id sets the id of a new session and refuses one in use', async () => {
		const s = sandbox();
		const id = '3f2b8c1e-7a4d-4e6f-9b0a-1c2d3e4f5a6b';
		const created = JSON.parse((await runFake(['-p', '--output-format', 'json', '--session-id', id, 'hi'], {env: s.env, cwd: s.work})).stdout);
		expect(created.session_id).toBe(id);
		const again = await runFake(['-p', '--session-id', id, 'hi'], {env: s.env, cwd: s.work});
		expect(again).toMatchObject({code: 1, stderr: `Error: Session ID ${id} is already in use.\n`});
	});

	it('crash-once exits mid-turn without a result, and --resume then finishes the work', async () => {
		const s = sandbox();
		const id = '6d1f7a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
		const crashed = await runFake(['-p', '--output-format', 'stream-json', '--verbose', '--session-id', id, 'go [[fake: say step one; crash-once 3; done]]'], {env: s.env, cwd: s.work});
		expect(crashed.code).toBe(3);
		expect(jsonLines(crashed.stdout).some((e) => e['type'] === 'result')).toBe(false);
		const resumed = await runFake(['-p', '--resume', id, 'please continue'], {env: s.env, cwd: s.work});
		expect(resumed).toMatchObject({code: 0, stdout: 'All done — the task is complete.\n\nAUTO-CLAUDE: DONE\n'});
		const replayed = await runFake(['-p', 'go [[fake: say step one; crash-once 3; done]]'], {env: s.env, cwd: s.work});
		expect(replayed.code).toBe(0);
	});

	it('nudge ends the turn without a marker; the next message finishes', async () => {
		const s = sandbox();
		const first = JSON.parse((await runFake(['-p', '--output-format', 'json', 'go [[fake: say half; nudge]]'], {env: s.env, cwd: s.work})).stdout);
		expect(first.result).not.toContain('AUTO-CLAUDE');
		const next = await runFake(['-p', '--resume', first.session_id, 'anything at all'], {env: s.env, cwd: s.work});
		expect(next.stdout).toContain('AUTO-CLAUDE: DONE');
	});
});

describe('hooks in -p', () => {
	it('fires the lifecycle with the documented payloads; a Stop block feeds the reason back and fix-on-feedback fixes', async () => {
		const s = sandbox();
		const blockOnce = join(s.root, 'stop-once.sh');
		writeFileSync(blockOnce, `#!/bin/sh\nif [ ! -f '${s.root}/blocked' ]; then touch '${s.root}/blocked'; echo '{"decision":"block","reason":"verify failed: fixed.txt missing"}'; fi\n`, {mode: 0o755});
		const envDump = `env | grep -E '^CLAUDE' | sort > '${s.root}/hook-env.txt'`;
		const settings = s.hookSettings(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'SessionEnd'], {
			Stop: [{hooks: [{type: 'command', command: blockOnce}]}],
			SessionStart: [{hooks: [{type: 'command', command: envDump}]}],
		});
		const result = await runFake(['-p', '--output-format', 'json', '--settings', settings, '--allowedTools', 'Bash', '--', 'go [[fake: bash echo hi; fix-on-feedback fixed.txt; done]]'], {env: s.env, cwd: s.work});
		expect(result.code).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json).toMatchObject({num_turns: 4, result: 'Addressed the feedback: wrote fixed.txt.\n\nAUTO-CLAUDE: DONE'});
		expect(existsSync(join(s.work, 'fixed.txt'))).toBe(true);
		const log = s.hookLog();
		expect(log.map((l) => l.event)).toEqual(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'PreToolUse', 'PostToolUse', 'Stop', 'SessionEnd']);
		const common = {session_id: json.session_id, cwd: s.work};
		expect(log[0]?.payload).toEqual({...common, transcript_path: expect.stringMatching(/\.jsonl$/), hook_event_name: 'SessionStart', source: 'startup'});
		expect(log[1]?.payload).toMatchObject({...common, hook_event_name: 'UserPromptSubmit', prompt: expect.stringContaining('go [[fake'), permission_mode: 'auto', prompt_id: expect.any(String)});
		expect(log[2]?.payload).toMatchObject({hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {command: 'echo hi'}, tool_use_id: expect.stringMatching(/^toolu_/), effort: {level: 'medium'}});
		expect(log[3]?.payload).toMatchObject({hook_event_name: 'PostToolUse', tool_response: {stdout: 'hi', stderr: '', interrupted: false}});
		expect(log[4]?.payload).toMatchObject({hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: 'All done — the task is complete.\n\nAUTO-CLAUDE: DONE'});
		expect(log[5]?.payload).toMatchObject({tool_name: 'Write', tool_input: {file_path: join(s.work, 'fixed.txt')}});
		expect(log[7]?.payload).toMatchObject({hook_event_name: 'Stop', stop_hook_active: true});
		expect(log[8]?.payload).toMatchObject({hook_event_name: 'SessionEnd', reason: 'other'});
		const env = readFileSync(join(s.root, 'hook-env.txt'), 'utf8');
		for (const line of ['CLAUDECODE=1', 'CLAUDE_CODE_ENTRYPOINT=sdk-cli', `CLAUDE_PROJECT_DIR=${s.work}`, `CLAUDE_CODE_SESSION_ID=${json.session_id}`, `CLAUDE_CONFIG_DIR=${s.config}`, 'CLAUDE_CODE_SESSION_ATTENDED=0']) {
			expect(env).toContain(`${line}\n`);
		}
		expect(env).toMatch(/^CLAUDE_ENV_FILE=.*sessionstart-hook-0\.sh$/m);
		const feedback = transcriptLines(s, json.session_id).find((l) => typeof (l['message'] as any)?.content === 'string' && String((l['message'] as any).content).startsWith('Stop hook feedback:'));
		expect((feedback?.['message'] as any).content).toBe('Stop hook feedback:\nverify failed: fixed.txt missing');
	});

	it('PreToolUse exit 2 and JSON deny block the tool; the model sees the reason', async () => {
		const s = sandbox();
		const deny = join(s.root, 'deny.sh');
		writeFileSync(deny, `#!/bin/sh\necho '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"HOOK-DENY: no"}}'\n`, {mode: 0o755});
		const exit2 = join(s.root, 'exit2.sh');
		writeFileSync(exit2, `#!/bin/sh\necho 'HOOK-EXIT2: stop' >&2\nexit 2\n`, {mode: 0o755});
		for (const [script, content] of [
			[deny, 'PreToolUse:Bash hook error: HOOK-DENY: no'],
			[exit2, `PreToolUse:Bash hook error: [${exit2}]: HOOK-EXIT2: stop\n`],
		] as const) {
			const settings = JSON.stringify({hooks: {PreToolUse: [{matcher: 'Bash', hooks: [{type: 'command', command: script}]}]}});
			const result = await runFake(['-p', '--output-format', 'stream-json', '--verbose', '--settings', settings, '--allowedTools', 'Bash', '--', 'x [[fake: bash touch never.txt]]'], {env: s.env, cwd: s.work});
			const toolResult = jsonLines(result.stdout).find((e) => e['type'] === 'user') as any;
			expect(toolResult.message.content[0]).toMatchObject({is_error: true, content});
			expect(existsSync(join(s.work, 'never.txt'))).toBe(false);
		}
	});

	it('writes assistant usage into the transcript for cost accounting', async () => {
		const s = sandbox();
		const json = JSON.parse((await runFake(['-p', '--output-format', 'json', '--permission-mode', 'acceptEdits', '--', 'x [[fake: write a.txt; done]]'], {env: s.env, cwd: s.work})).stdout);
		const assistant = transcriptLines(s, json.session_id).filter((l) => l['type'] === 'assistant');
		const byMessage = new Map<string, any>();
		for (const line of assistant) byMessage.set((line['message'] as any).id, (line['message'] as any).usage);
		const output = [...byMessage.values()].reduce((sum, usage) => sum + usage.output_tokens, 0);
		expect(output).toBe(json.usage.output_tokens);
		expect(readdirSync(join(s.config, 'projects'))).toEqual([s.work.replace(/[^A-Za-z0-9]/g, '-')]);
	});
});

describe('stalls, signals and other failures in -p', () => {
	it('hang prints nothing more; SIGTERM then exits 143 without a result', async () => {
		const s = sandbox();
		const run = startFake(['-p', '--output-format', 'stream-json', '--verbose', 'x [[fake: say before the stall; hang]]'], {env: s.env, cwd: s.work});
		await run.waitOutput('before the stall');
		expect(run.child.exitCode).toBeNull();
		run.child.kill('SIGTERM');
		const result = await run.done;
		expect(result.code).toBe(143);
		expect(jsonLines(result.stdout).some((e) => e['type'] === 'result')).toBe(false);
	});

	it('SIGINT emits the interruption and an error_during_execution result with rc 0', async () => {
		const s = sandbox();
		const run = startFake(['-p', '--output-format', 'stream-json', '--verbose', 'x [[fake: say partial; think 30s; done]]'], {env: s.env, cwd: s.work});
		await run.waitOutput('partial');
		run.child.kill('SIGINT');
		const result = await run.done;
		expect(result.code).toBe(0);
		const events = jsonLines(result.stdout) as Record<string, any>[];
		expect(events.at(-2)).toMatchObject({type: 'user', message: {content: [{type: 'text', text: '[Request interrupted by user]'}]}});
		expect(events.at(-1)).toMatchObject({type: 'result', subtype: 'error_during_execution', terminal_reason: 'aborted_streaming'});
	});

	it('a usage warning is an allowed_warning rate_limit_event and the turn succeeds', async () => {
		const s = sandbox();
		const result = await runFake(['-p', '--output-format', 'stream-json', '--verbose', 'x [[fake: warn 92; say fine]]'], {env: s.env, cwd: s.work});
		const events = jsonLines(result.stdout) as Record<string, any>[];
		expect(events.find((e) => e['rate_limit_info']?.status === 'allowed_warning')?.rate_limit_info).toMatchObject({utilization: 0.92, rateLimitType: 'five_hour'});
		expect(events.at(-1)).toMatchObject({is_error: false, result: 'fine'});
	});

	it.each([
		['auth', 'Not logged in · Please run /login'],
		['401', 'Invalid API key · Fix external API key'],
		['refused', 'API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)'],
	])('api-error %s', async (kind, text) => {
		const s = sandbox({CLAUDE_CODE_MAX_RETRIES: '0'});
		const result = await runFake(['-p', `x [[fake: api-error ${kind}]]`], {env: s.env, cwd: s.work});
		expect(result).toMatchObject({code: 1, stdout: `${text}\n`});
	});

	it('uses $HOME/.claude and $HOME/.claude.json when CLAUDE_CONFIG_DIR is unset', async () => {
		const s = sandbox();
		const {CLAUDE_CONFIG_DIR: _unset, ...env} = s.env;
		const json = JSON.parse((await runFake(['-p', '--output-format', 'json', 'hi'], {env, cwd: s.work})).stdout);
		expect(existsSync(join(String(env['HOME']), '.claude', 'projects', s.work.replace(/[^A-Za-z0-9]/g, '-'), `${json.session_id}.jsonl`))).toBe(true);
	});
});

describe('demo agent', () => {
	it.each([
		['Fix the login page', 'work'],
		['Update dependencies', 'nudge'],
	])('"%s" follows its %s plan and writes into AUTO_CLAUDE_DEMO_HOME', async (prompt, kind) => {
		const s = sandbox();
		const home = join(s.root, 'demo-home');
		const {CLAUDE_CONFIG_DIR: _unset, ...base} = s.env;
		const env = {...base, AUTO_CLAUDE_DEMO: '1', AUTO_CLAUDE_DEMO_HOME: home, FAKE_CLAUDE_SPEED: '100'};
		const first = JSON.parse((await runFake(['-p', '--output-format', 'json', '--permission-mode', 'acceptEdits', prompt], {env, cwd: s.work})).stdout);
		expect(existsSync(join(s.work, `${prompt.toLowerCase().replace(/ /g, '-')}.txt`))).toBe(true);
		expect(existsSync(join(home, 'projects'))).toBe(true);
		if (kind === 'work') {
			expect(first.result).toMatch(/AUTO-CLAUDE: DONE$/);
			return;
		}
		expect(first.result).not.toContain('AUTO-CLAUDE');
		const next = JSON.parse((await runFake(['-p', '--output-format', 'json', '--permission-mode', 'acceptEdits', '--resume', first.session_id, 'please go on'], {env, cwd: s.work})).stdout);
		expect(next.result).toMatch(/AUTO-CLAUDE: DONE$/);
	});
});
