// The simulated claude's CLI surface (versions, help, usage errors, root guard) and the
// -p output formats (text, json, stream-json in and out), plus scenario files.
// Needs `npm run build` first (spawns dist/demo-agent.js).

import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {jsonLines, runFake, useSandboxes} from './harness.js';

const sandbox = useSandboxes({beforeAll, afterEach});

describe('CLI surface', () => {
	it.each([
		['2.1.330', '2.1.330 (Claude Code)\n'],
		['2.1.197', '2.1.197 (Claude Code)\n'],
		['2.0.77', '2.0.77 (Claude Code)\n'],
		['1.0.30', '1.0.30 (Claude Code)\n'],
	])('--version as %s', async (version, expected) => {
		const s = sandbox({FAKE_CLAUDE_VERSION: version});
		for (const flag of ['--version', '-v']) {
			const result = await runFake([flag], {env: s.env, cwd: s.work});
			expect(result).toMatchObject({code: 0, stdout: expected});
		}
	});

	it('prints the help text', async () => {
		const s = sandbox();
		const result = await runFake(['--help'], {env: s.env, cwd: s.work});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Usage: claude \[options\] \[command\] \[prompt\]\n/);
		expect(result.stdout).toContain('  -p, --print ');
	});

	it.each([
		[['--no-such-flag'], "error: unknown option '--no-such-flag'"],
		[['-p', '--output-format', 'xml', 'hi'], "error: option '--output-format <format>' argument 'xml' is invalid. Allowed choices are text, json, stream-json."],
		[['--permission-mode', 'bogus'], "error: option '--permission-mode <mode>' argument 'bogus' is invalid. Allowed choices are acceptEdits, auto, bypassPermissions, manual, dontAsk, plan."],
		[['-p', 'hi', '--output-format', 'stream-json'], 'Error: When using --print, --output-format=stream-json requires --verbose'],
		[['-p', '--session-id', 'not-a-uuid', 'hi'], 'Error: Invalid session ID. Must be a valid UUID.'],
	])('usage error %j', async (args, message) => {
		const s = sandbox();
		const result = await runFake(args, {env: s.env, cwd: s.work});
		expect(result).toMatchObject({code: 1, stdout: '', stderr: `${message}\n`});
	});

	it('1.0.30 has no --session-id', async () => {
		const s = sandbox({FAKE_CLAUDE_VERSION: '1.0.30'});
		const result = await runFake(['-p', '--session-id', '11111111-1111-4111-8111-111111111111', 'hi'], {env: s.env, cwd: s.work});
		expect(result).toMatchObject({code: 1, stderr: "error: unknown option '--session-id'\n"});
	});

	it.each([
		[{FAKE_CLAUDE_AS_ROOT: '1'}, 1],
		[{FAKE_CLAUDE_AS_ROOT: '1', IS_SANDBOX: '1'}, 0],
		[{FAKE_CLAUDE_AS_ROOT: '0'}, 0],
	])('root guard with %j', async (env, code) => {
		const s = sandbox(env);
		const result = await runFake(['-p', '--dangerously-skip-permissions', '--output-format', 'json', 'hi'], {env: s.env, cwd: s.work});
		expect(result.code).toBe(code);
		if (code === 1) expect(result).toMatchObject({stdout: '', stderr: '--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n'});
		else expect(JSON.parse(result.stdout)).toMatchObject({type: 'result', is_error: false});
	});

	it('-p without a prompt and with empty stdin fails', async () => {
		const s = sandbox();
		const result = await runFake(['-p'], {env: s.env, cwd: s.work});
		expect(result).toMatchObject({code: 1, stderr: 'Error: Input must be provided either through stdin or as a prompt argument when using --print\n'});
	});

	it('variadic flags eat the prompt unless it follows --', async () => {
		const s = sandbox();
		const eaten = await runFake(['-p', '--allowedTools', 'Bash', 'say [[fake: say eaten]]'], {env: s.env, cwd: s.work});
		expect(eaten.code).toBe(1);
		const kept = await runFake(['-p', '--allowedTools', 'Bash', '--', 'go [[fake: say kept]]'], {env: s.env, cwd: s.work});
		expect(kept).toMatchObject({code: 0, stdout: 'kept\n'});
	});
});

describe('-p output formats', () => {
	it('text prints the result and a newline; piped stdin+stdout without -p behaves the same', async () => {
		const s = sandbox();
		const printed = await runFake(['-p', 'hello [[fake: say Hello from the fake.]]'], {env: s.env, cwd: s.work});
		expect(printed).toMatchObject({code: 0, stdout: 'Hello from the fake.\n'});
		const piped = await runFake([], {env: s.env, cwd: s.work, input: 'hi [[fake: done Finished it]]\n'});
		expect(piped).toMatchObject({code: 0, stdout: 'Finished it\n\nAUTO-CLAUDE: DONE\n'});
	});

	it('json prints one result object', async () => {
		const s = sandbox();
		const result = await runFake(['-p', '--output-format', 'json', 'x [[fake: blocked no access to prod]]'], {env: s.env, cwd: s.work});
		expect(result.code).toBe(0);
		const lines = jsonLines(result.stdout);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({type: 'result', subtype: 'success', is_error: false, num_turns: 1, terminal_reason: 'completed'});
		expect(String(lines[0]?.['result'])).toMatch(/\nAUTO-CLAUDE: BLOCKED: no access to prod$/);
	});

	it('stream-json emits init, assistant blocks, tool results and the result in order', async () => {
		const s = sandbox();
		const result = await runFake(
			['-p', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'Bash', '--', 'go [[fake: say I will run a command.; bash echo hello-from-tool; done The tool ran.]]'],
			{env: s.env, cwd: s.work},
		);
		expect(result.code).toBe(0);
		const events = jsonLines(result.stdout).filter((e) => e['type'] !== 'rate_limit_event');
		expect(events.map((e) => `${e['type']}${e['subtype'] ? `/${e['subtype']}` : ''}`)).toEqual(['system/init', 'assistant', 'assistant', 'user', 'assistant', 'result/success']);
		const [init, text, tool, toolResult, final, res] = events as Record<string, any>[];
		expect(init).toMatchObject({cwd: s.work, model: 'claude-opus-5-5', permissionMode: 'auto', apiKeySource: 'none', claude_code_version: '2.1.330'});
		expect(init?.['session_id']).toMatch(/^[0-9a-f-]{36}$/);
		expect(text?.message.id).toBe(tool?.message.id);
		expect(text?.message).toMatchObject({content: [{type: 'text', text: 'I will run a command.'}], stop_reason: null});
		expect(tool?.message.content[0]).toMatchObject({type: 'tool_use', name: 'Bash', input: {command: 'echo hello-from-tool'}});
		expect(toolResult).toMatchObject({message: {content: [{type: 'tool_result', content: 'hello-from-tool', is_error: false}]}, tool_use_result: {stdout: 'hello-from-tool', stderr: ''}});
		expect(final?.message.id).not.toBe(tool?.message.id);
		expect(res).toMatchObject({subtype: 'success', is_error: false, num_turns: 2, result: 'The tool ran.\n\nAUTO-CLAUDE: DONE', stop_reason: 'end_turn', terminal_reason: 'completed', session_id: init?.['session_id'], permission_denials: []});
		for (const key of ['duration_ms', 'duration_api_ms', 'total_cost_usd', 'usage', 'modelUsage', 'uuid']) expect(res).toHaveProperty(key);
		expect(res?.usage.output_tokens).toBeGreaterThan(0);
	});

	it('stream-json input runs each message and reports max turns', async () => {
		const s = sandbox();
		const input = ['first [[fake: say one]]', 'second [[fake: say two]]'].map((text) => JSON.stringify({type: 'user', message: {role: 'user', content: text}})).join('\n');
		const result = await runFake(['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose'], {env: s.env, cwd: s.work, input});
		expect(jsonLines(result.stdout).filter((e) => e['type'] === 'result').map((e) => e['result'])).toEqual(['one', 'two']);
		const limited = await runFake(['-p', '--max-turns', '1', '--allowedTools', 'Bash', '--', 'x [[fake: bash true; done]]'], {env: s.env, cwd: s.work});
		expect(limited).toMatchObject({code: 1, stdout: 'Error: Reached max turns (1)'});
	});
});

describe('scenario files', () => {
	it('FAKE_CLAUDE_SCENARIO rules answer matching messages, the default the rest', async () => {
		const s = sandbox();
		const file = join(s.root, 'scenario.json');
		writeFileSync(file, JSON.stringify({rules: [{match: 'MOCK_WRITE', steps: 'write mock_written.txt written by mock; say The tool ran. Done (mock).'}], default: 'say Hello from the mock API.'}));
		const env = {...s.env, FAKE_CLAUDE_SCENARIO: file};
		const write = await runFake(['-p', '--permission-mode', 'acceptEdits', 'MOCK_WRITE please'], {env, cwd: s.work});
		expect(write).toMatchObject({code: 0, stdout: 'The tool ran. Done (mock).\n'});
		expect(readFileSync(join(s.work, 'mock_written.txt'), 'utf8')).toBe('written by mock\n');
		expect(await runFake(['-p', 'say hi'], {env, cwd: s.work})).toMatchObject({code: 0, stdout: 'Hello from the mock API.\n'});
	});
});
