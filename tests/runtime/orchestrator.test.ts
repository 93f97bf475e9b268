// The orchestrator end to end with a fake PTY: screens in, keystrokes and states out.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {claudeScreen, type FakePty} from '../support/fake-pty.js';
import {rig, type TestRig} from '../support/orchestrator.js';
import {waitFor} from '../support/cli.js';

const rigs: TestRig[] = [];
afterEach(async () => {
	for (const r of rigs.splice(0)) await r.stop();
});

async function start(tasks: Record<string, string>, script: (pty: FakePty) => void, extra: Record<string, unknown> = {}): Promise<TestRig> {
	const r = await rig({
		config: {
			concurrency: 2,
			defaultAgent: 'demo',
			agents: {demo: {kind: 'demo', permissions: {allow: ['Bash(npm test*)'], deny: ['Bash(rm *)'], otherwise: 'escalate'}}},
			retry: {baseDelaySeconds: 0, maxDelaySeconds: 0},
			...extra,
		},
		tasks,
		script,
	});
	rigs.push(r);
	return r;
}

/** A scripted agent: works, then answers each typed message with the next reply. */
function agent(replies: ((pty: FakePty, input: string) => void)[]): (pty: FakePty) => void {
	return (pty) => {
		pty.print(claudeScreen({busy: true}));
		let turn = 0;
		setTimeout(() => replies[turn++]?.(pty, ''), 150);
		let typed = '';
		pty.onInput((data) => {
			typed += data;
			// A digit answers a menu at once, as in the real TUI; text waits for Enter.
			if (!data.includes('\r') && !/^\d$/.test(data)) return;
			const input = typed;
			typed = '';
			pty.print(claudeScreen({busy: true}));
			setTimeout(() => replies[turn++]?.(pty, input), 150);
		});
	};
}

describe('orchestrator with a screen-read agent', () => {
	it('marks done when the agent reports completion, and stops the session', async () => {
		const r = await start({'a.md': 'do a'}, agent([(pty) => pty.print(claudeScreen({message: 'Finished.\nAUTO-CLAUDE: DONE'}))]));
		await waitFor(() => r.state('a') === 'done', {what: 'done'});
		await waitFor(() => r.factory.spawned[0]?.signals.includes('SIGTERM'), {what: 'session stopped'});
	});

	it('nudges an agent that stops early, then finishes', async () => {
		const r = await start(
			{'a.md': 'do a'},
			agent([(pty) => pty.print(claudeScreen({message: 'I did half.'})), (pty) => pty.print(claudeScreen({message: 'All of it now.\nAUTO-CLAUDE: DONE'}))]),
		);
		await waitFor(() => r.state('a') === 'done', {what: 'done after a nudge'});
		const typed = r.factory.spawned[0]!.written.join('');
		expect(typed).toContain('nudge 1 of 5');
		expect(r.record('a')?.nudges).toBe(1);
	});

	it('answers permission questions by policy and escalates the rest', async () => {
		const ask = (command: string) => (pty: FakePty) => pty.print(claudeScreen({question: command}));
		const r = await start(
			{'allow.md': 'a', 'deny.md': 'b'},
			(pty) => {
				const command = pty.options.args.at(-1) === 'a' ? 'npm test -- --watch=false' : 'rm -rf build';
				agent([ask(command), (p) => p.print(claudeScreen({message: 'ok\nAUTO-CLAUDE: DONE'}))])(pty);
			},
		);
		await waitFor(() => r.state('allow') === 'done', {what: 'allowed task done'});
		await waitFor(() => r.state('deny') === 'done', {what: 'denied task done'});
		const written = (id: string) => r.factory.spawned.find((p) => p.options.args.at(-1) === (id === 'allow' ? 'a' : 'b'))!.written;
		expect(written('allow')[0]).toBe('1');
		expect(written('deny')[0]).toBe('3');
		expect(r.record('deny')?.history.some((h) => h.reason.includes('denied by policy: Bash: rm -rf build'))).toBe(true);
	});

	it('escalates an unknown question to waiting_input; a reply unblocks it', async () => {
		const r = await start({'q.md': 'q'}, agent([(pty) => pty.print(claudeScreen({question: 'curl https://example.com'})), (pty) => pty.print(claudeScreen({message: 'AUTO-CLAUDE: DONE'}))]));
		await waitFor(() => r.state('q') === 'waiting_input', {what: 'waiting'});
		const status = r.record('q')?.status;
		expect(status?.state === 'waiting_input' && status.question).toContain('curl https://example.com');
		expect(r.orchestrator.command({kind: 'reply', id: 'q', text: 'yes'})).toBeUndefined();
		await waitFor(() => r.state('q') === 'done', {what: 'done after the reply'});
		expect(r.factory.spawned[0]!.written).toContain('1');
	});

	it('feeds a failed verify back to the agent and is done only when it passes', async () => {
		let root = '';
		const r = await start(
			{'v.md': '---\nverify: test -f fixed.txt\n---\nfix it'},
			agent([
				(pty) => pty.print(claudeScreen({message: 'Done, I think.\nAUTO-CLAUDE: DONE'})),
				(pty, input) => {
					if (input.includes('test -f fixed.txt')) fs.writeFileSync(path.join(root, 'fixed.txt'), 'ok');
					pty.print(claudeScreen({message: 'Fixed for real.\nAUTO-CLAUDE: DONE'}));
				},
			]),
		);
		root = r.root;
		await waitFor(() => r.state('v') === 'done', {what: 'done after verify passes', timeout: 15_000});
		const runs = r.record('v')?.verifyRuns ?? [];
		expect(runs.map((run) => run.exitCode)).toEqual([1, 0]);
	});

	it('kills a silent agent as hung and retries it', async () => {
		let launches = 0;
		const r = await start({'h.md': '---\nidleTimeoutMinutes: 0.01\nmaxAttempts: 2\n---\nhang'}, (pty) => {
			launches++;
			if (launches === 1) return; // prints nothing at all
			// The retry resumes the conversation: auto-claude types "continue" at the first idle prompt.
			const done = (p: FakePty) => p.print(claudeScreen({message: 'AUTO-CLAUDE: DONE'}));
			agent([(p) => p.print(claudeScreen({message: 'Resumed.'})), done])(pty);
		});
		await waitFor(() => r.state('h') === 'done', {what: 'done on the second attempt', timeout: 15_000});
		expect(r.record('h')?.history.some((h) => h.reason.startsWith('no output for 0.01 min'))).toBe(true);
		expect(r.record('h')?.attempts).toBe(2);
		expect(r.factory.spawned[1]!.options.args).toContain('--resume');
		expect(r.factory.spawned[1]!.written.join('')).toContain('Continue the task where you left off.');
	});
});
