// The simulated claude in a PTY, read back through an @xterm/headless screen: start-up
// dialogs, the prompt box, busy/idle, permission prompts, usage limits, hooks, the live
// status file and exit paths. Needs `npm run build` first.

import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BUNDLE, makeSandbox, PtySession, waitFor, type Sandbox} from './harness.js';

let cleanups: (() => void)[] = [];

beforeAll(() => {
	if (!existsSync(BUNDLE)) throw new Error('dist/demo-agent.js is missing: run `npm run build` first');
});

afterEach(() => {
	for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function setup(env: NodeJS.ProcessEnv = {}, claudeJson?: Record<string, unknown> | null): Sandbox {
	const s = makeSandbox(env);
	if (claudeJson !== null) s.writeClaudeJson(claudeJson);
	cleanups.push(s.cleanup);
	return s;
}

function launch(s: Sandbox, args: readonly string[], size?: {cols: number; rows: number}): PtySession {
	const session = new PtySession(args, {env: s.env, cwd: s.work, ...size});
	cleanups.push(() => session.dispose());
	return session;
}

const SPINNER = /^[·✢*✶✻✽] \S+… \(\d+s · ↓ \d+ tokens\)$/m;
const IDLE_BOX = (width: number) => new RegExp(`^─{${width}}\\n❯ *\\n─{${width}}$`, 'm');

describe('interactive screens', () => {
	it('shows the idle box, the busy spinner with "esc to interrupt", and Esc interrupts', async () => {
		const s = setup();
		const session = launch(s, ['--permission-mode', 'manual', '--', 'work [[fake: say Starting.; think 30s; done]]'], {cols: 100, rows: 30});
		const busy = await session.waitScreen((screen) => SPINNER.test(screen) && screen.includes('● Starting.'), 'spinner after the first message');
		expect(busy).toContain('❯ work [[fake: say Starting.; think 30s; done]]');
		expect(busy).toContain('● Starting.');
		expect(busy).toMatch(/^ {2}⏸ manual mode on · \? for shortcuts · esc to interrupt$/m);
		await session.waitStatus(s.config, 'busy');
		await waitFor(() => session.titles.some((title) => /^[◐◓◑◒] Claude Code$/.test(title)), 'busy title');
		session.write('\x1b');
		const idle = await session.waitText('⎿  Interrupted · What should Claude do instead?');
		expect(idle).toMatch(IDLE_BOX(100));
		expect(idle).toMatch(/^ {2}⏸ manual mode on · \? for shortcuts$/m);
		await session.waitStatus(s.config, 'idle');
		expect(session.titles.at(-1)).toBe('✳ Claude Code');
	});

	it('blocks on a permission prompt until a key answers it', async () => {
		const s = setup();
		const session = launch(s, ['--permission-mode', 'default', '--', 'go [[fake: bash touch made.txt; done]]']);
		const prompt = await session.waitText('Do you want to proceed?');
		expect(prompt).toContain('● Bash(touch made.txt)');
		expect(prompt).toMatch(/^ ❯ 1\. Yes$/m);
		expect(prompt).toMatch(/^ {3}4\. No$/m);
		expect(prompt).toContain(' Esc to cancel · Tab to amend');
		await session.waitStatus(s.config, 'waiting', 'permission prompt');
		expect(existsSync(join(s.work, 'made.txt'))).toBe(false);
		session.write('1');
		await session.waitText('AUTO-CLAUDE: DONE');
		expect(existsSync(join(s.work, 'made.txt'))).toBe(true);
		await session.waitStatus(s.config, 'idle');
		session.write('again [[fake: bash touch refused.txt; done]]');
		await session.waitText('❯ again [[fake: bash touch refused.txt; done]]');
		session.write('\r');
		await session.waitText('Bash(touch refused.txt)\n  ⎿  Waiting…');
		session.write('4');
		const rejected = await session.waitText('⎿  Interrupted · What should Claude do instead?');
		expect(rejected).toMatch(IDLE_BOX(120));
		expect(existsSync(join(s.work, 'refused.txt'))).toBe(false);
	});

	it.each([
		['2.1.330', '\r', 'exit'],
		['2.1.330', '\x1b[B\r', 'trust'],
		['2.1.197', '\r', 'trust'],
	])('trust dialog of %s answered with %j → %s', async (version, keys, result) => {
		const s = setup({FAKE_CLAUDE_VERSION: version}, {hasCompletedOnboarding: true});
		const session = launch(s, ['--permission-mode', 'acceptEdits']);
		const dialog = await session.waitText('Accessing workspace:');
		expect(dialog).toContain(` ${s.work}`);
		if (version === '2.1.330') expect(dialog).toMatch(/^ ❯ No, exit\n {3}Yes, I trust this folder$/m);
		else expect(dialog).toMatch(/^ ❯ 1\. Yes, I trust this folder\n {3}2\. No, exit$/m);
		await session.waitStatus(s.config, 'waiting', 'dialog open');
		session.write(keys);
		const stored = () => JSON.parse(readFileSync(join(s.config, '.claude.json'), 'utf8')) as {projects?: Record<string, {hasTrustDialogAccepted?: boolean}>};
		if (result === 'exit') {
			expect(await session.waitExit()).toBe(1);
			expect(stored().projects).toBeUndefined();
		} else {
			await session.waitScreen((screen) => IDLE_BOX(120).test(screen), 'idle box');
			expect(stored().projects?.[s.work]?.hasTrustDialogAccepted).toBe(true);
		}
	});

	it('shows the onboarding theme screen and never proceeds on its own', async () => {
		const s = setup({}, null);
		const session = launch(s, ['--', 'hello']);
		await session.waitText("Let's get started.");
		session.write('\r');
		const screen = await session.waitText('❯ ✔ Auto (match terminal)');
		expect(screen).not.toContain('hello');
		expect(session.exitCode).toBeUndefined();
	});
});

describe('usage limits in the TUI', () => {
	it('2.1.330 auto-waits (status idle) and continues by itself at the reset time', async () => {
		const s = setup();
		const settings = s.hookSettings(['StopFailure', 'Stop', 'Notification']);
		const session = launch(s, ['--permission-mode', 'acceptEdits', '--settings', settings, '--', 'go [[fake: limit 3; write resumed.txt; done]]']);
		const waiting = await session.waitText('Continuing automatically at');
		expect(waiting).toMatch(/^ {2}⎿ {2}You've hit your 5-hour limit · resets \d{1,2}(:\d\d)?[ap]m \(UTC\)$/m);
		expect(waiting).toMatch(/^● Usage limit reached · set to continue automatically at \d{1,2}(:\d\d)?[ap]m$/m);
		expect(waiting).toMatch(/^ {2}⚠ Usage limit reached · limit resets \S+\n {4}Continuing automatically at \S+ · Esc to cancel$/m);
		await session.waitStatus(s.config, 'idle');
		expect(existsSync(join(s.work, 'resumed.txt'))).toBe(false);
		await session.waitText('AUTO-CLAUDE: DONE', 10_000);
		expect(existsSync(join(s.work, 'resumed.txt'))).toBe(true);
		await waitFor(() => s.hookLog().some((l) => l.event === 'Stop'), 'Stop hook');
		const events = s.hookLog().map((l) => l.event);
		expect(events).toEqual(['StopFailure', 'Stop']);
		expect(s.hookLog()[0]?.payload).toMatchObject({error: 'rate_limit', last_assistant_message: expect.stringMatching(/^You've hit your 5-hour limit · resets /)});
	});

	it('2.1.197 opens the "What do you want to do?" dialog and waits for a choice', async () => {
		const s = setup({FAKE_CLAUDE_VERSION: '2.1.197'});
		const session = launch(s, ['--permission-mode', 'acceptEdits', '--', 'go [[fake: limit 3600; done]]']);
		const dialog = await session.waitText('What do you want to do?');
		expect(dialog).toMatch(/^ {2}⎿ {2}You've hit your session limit · resets \S+ \(UTC\)$/m);
		expect(dialog).toContain('❯ /rate-limit-options');
		expect(dialog).toMatch(/^ {2}❯ 1\. Stop and wait for limit to reset\n {4}2\. Upgrade your plan$/m);
		await session.waitStatus(s.config, 'waiting', 'dialog open');
		session.write('1');
		await session.waitScreen((screen) => IDLE_BOX(120).test(screen) && !screen.includes('What do you want to do?'), 'idle after dialog');
		await session.waitStatus(s.config, 'idle');
	});
});

describe('hooks and exit paths', () => {
	it('fires interactive hooks with the documented payloads, reminders included', async () => {
		const s = setup({FAKE_CLAUDE_PERMISSION_NOTIFY_MS: '150'}, undefined);
		s.writeClaudeJson({hasCompletedOnboarding: true, messageIdleNotifThresholdMs: 300, projects: {[s.work]: {hasTrustDialogAccepted: true}}});
		const ttyProbe = `if (: > /dev/tty) 2>/dev/null; then echo has-tty; else echo no-tty; fi > '${s.root}/tty.txt'`;
		const settings = s.hookSettings(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'Notification', 'PostToolUse', 'Stop', 'SessionEnd'], {
			SessionStart: [{hooks: [{type: 'command', command: ttyProbe}]}],
		});
		const session = launch(s, ['--permission-mode', 'default', '--settings', settings, '--', 'go [[fake: bash touch hooked.txt; done]]']);
		await session.waitText('Do you want to proceed?');
		await waitFor(() => s.hookLog().some((l) => l.payload['notification_type'] === 'permission_prompt'), 'permission reminder');
		session.write('1');
		await waitFor(() => s.hookLog().some((l) => l.payload['notification_type'] === 'idle_prompt'), 'idle reminder');
		session.write('/exit\r');
		expect(await session.waitExit()).toBe(0);
		const log = s.hookLog();
		expect(log.map((l) => `${l.event}${l.payload['notification_type'] ? `:${l.payload['notification_type']}` : ''}`)).toEqual([
			'SessionStart',
			'UserPromptSubmit',
			'PreToolUse',
			'PermissionRequest',
			'Notification:permission_prompt',
			'PostToolUse',
			'Stop',
			'Notification:idle_prompt',
			'SessionEnd',
		]);
		const byEvent = Object.fromEntries(log.map((l) => [l.event, l.payload]));
		expect(byEvent['SessionStart']).toMatchObject({hook_event_name: 'SessionStart', source: 'startup', model: 'claude-opus-5-5', cwd: s.work});
		expect(byEvent['PermissionRequest']).toMatchObject({tool_name: 'Bash', tool_input: {command: 'touch hooked.txt'}, permission_suggestions: [{type: 'setMode', mode: 'acceptEdits', destination: 'session'}]});
		expect(log[4]?.payload).toMatchObject({message: 'Claude needs your permission', notification_type: 'permission_prompt'});
		expect(log[7]?.payload).toMatchObject({message: 'Claude is waiting for your input', notification_type: 'idle_prompt'});
		expect(byEvent['SessionEnd']).toMatchObject({reason: 'prompt_input_exit'});
		expect(readFileSync(join(s.root, 'tty.txt'), 'utf8')).toBe('no-tty\n');
		expect(new Set(log.map((l) => l.payload['session_id'])).size).toBe(1);
		expect(String(byEvent['Stop']?.['transcript_path'])).toContain(`/projects/${s.work.replace(/[^A-Za-z0-9]/g, '-')}/`);
	});

	it('a Stop-hook block becomes the next user message and the turn continues', async () => {
		const s = setup();
		const hook = join(s.root, 'stop-once.sh');
		writeFileSync(hook, `#!/bin/sh\nif [ ! -f '${s.root}/blocked' ]; then touch '${s.root}/blocked'; echo '{"decision":"block","reason":"verify failed: fixed.txt is missing"}'; fi\n`, {mode: 0o755});
		const settings = JSON.stringify({hooks: {Stop: [{hooks: [{type: 'command', command: hook}]}]}});
		const session = launch(s, ['--permission-mode', 'acceptEdits', '--settings', settings, '--', 'go [[fake: fix-on-feedback fixed.txt; done]]']);
		const screen = await session.waitText('Addressed the feedback: wrote fixed.txt.');
		expect(screen).toMatch(/^● Ran 1 stop hook\n {2}⎿ {2}Stop hook reported a problem\n {5}verify failed: fixed.txt is missing$/m);
		expect(existsSync(join(s.work, 'fixed.txt'))).toBe(true);
		await session.waitScreen((text) => /stop hook problem · ctrl\+o to see$/m.test(text) && IDLE_BOX(120).test(text), 'idle with footer note');
	});

	it('Ctrl-C twice prints the resume hint, exits 0 and removes the status file', async () => {
		const s = setup();
		const session = launch(s, ['--permission-mode', 'acceptEdits']);
		await session.waitStatus(s.config, 'idle');
		const statusFile = join(s.config, 'sessions', `${session.proc.pid}.json`);
		session.write('\x03');
		await session.waitText('Press Ctrl-C again to exit');
		session.write('\x03');
		expect(await session.waitExit()).toBe(0);
		const screen = await session.waitText('Resume this session with:');
		expect(screen).toMatch(/^Resume this session with:\nclaude --resume [0-9a-f-]{36}$/m);
		expect(existsSync(statusFile)).toBe(false);
	});

	it('SIGTERM runs SessionEnd(other) and exits 143', async () => {
		const s = setup();
		const settings = s.hookSettings(['SessionStart', 'SessionEnd']);
		const session = launch(s, ['--permission-mode', 'acceptEdits', '--settings', settings]);
		await waitFor(() => s.hookLog().some((l) => l.event === 'SessionStart'), 'SessionStart');
		session.kill('SIGTERM');
		expect(await session.waitExit()).toBe(143);
		expect(s.hookLog().at(-1)?.payload).toMatchObject({hook_event_name: 'SessionEnd', reason: 'other'});
	});
});

describe('more interactive behaviour', () => {
	it.each([
		['/exit', 0],
		['exit step', 0],
		['crash step', 7],
		['SIGHUP', 129],
	])('exit path %s → rc %i', async (path, code) => {
		const s = setup();
		const prompt = path === 'exit step' ? ['--', 'x [[fake: say bye; exit]]'] : path === 'crash step' ? ['--', 'x [[fake: say about to fail; crash 7]]'] : [];
		const session = launch(s, ['--permission-mode', 'acceptEdits', ...prompt]);
		if (path === '/exit') {
			await session.waitStatus(s.config, 'idle');
			session.write('/exit\r');
		}
		if (path === 'SIGHUP') {
			await session.waitStatus(s.config, 'idle');
			session.kill('SIGHUP');
		}
		expect(await session.waitExit()).toBe(code);
		if (code === 0) expect(await session.waitText('claude --resume ')).toMatch(/^Resume this session with:$/m);
		if (path === 'crash step') await waitFor(() => session.all().includes('● about to fail'), 'output before the crash');
	});

	it('follows terminal resizes and takes bracketed paste', async () => {
		const s = setup();
		const session = launch(s, ['--permission-mode', 'acceptEdits'], {cols: 100, rows: 30});
		await session.waitScreen((screen) => IDLE_BOX(100).test(screen), 'idle box at 100 columns');
		session.proc.resize(72, 30);
		session.term.resize(72, 30);
		await session.waitScreen((screen) => IDLE_BOX(72).test(screen), 'idle box at 72 columns');
		session.write('\x1b[200~pasted [[fake: say got the paste]]\x1b[201~');
		await session.waitText('❯ pasted [[fake: say got the paste]]');
		session.write('\r');
		await session.waitText('● got the paste');
	});

	it('a PermissionRequest hook answers the prompt; hook exit 1 shows its stderr', async () => {
		const s = setup();
		const allow = join(s.root, 'allow.sh');
		writeFileSync(allow, `#!/bin/sh\necho '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"}}}'\n`, {mode: 0o755});
		const noisy = join(s.root, 'noisy.sh');
		writeFileSync(noisy, `#!/bin/sh\necho 'HOOK-EXIT1: something went wrong' >&2\nexit 1\n`, {mode: 0o755});
		const settings = JSON.stringify({hooks: {PermissionRequest: [{hooks: [{type: 'command', command: allow}]}], UserPromptSubmit: [{hooks: [{type: 'command', command: noisy}]}]}});
		const session = launch(s, ['--permission-mode', 'default', '--settings', settings, '--', 'go [[fake: bash touch allowed.txt; done]]']);
		const screen = await session.waitText('AUTO-CLAUDE: DONE');
		expect(screen).toMatch(/^ {2}⎿ {2}UserPromptSubmit hook failed\n {5}HOOK-EXIT1: something went wrong$/m);
		expect(screen).toMatch(/^● Bash\(touch allowed\.txt\)\n {2}⎿ {2}Allowed by PermissionRequest hook$/m);
		expect(screen).not.toContain('Do you want to proceed?');
		expect(existsSync(join(s.work, 'allowed.txt'))).toBe(true);
	});

	it.each([
		['2.1.197', /^ {3}2\. Yes, and always allow access to work\/ from this project$/m, ' Esc to cancel · Tab to amend · ctrl+e to explain'],
		['2.0.77', /^ {3}3\. Type here to tell Claude what to do differently$/m, '? for shortcuts'],
		['1.0.30', /^│ {3}3\. No, and tell Claude what to do differently \(esc\) +│$/m, '? for shortcuts'],
	])('%s permission prompt layout', async (version, option, marker) => {
		const s = setup({FAKE_CLAUDE_VERSION: version});
		const session = launch(s, ['--', 'go [[fake: bash touch old.txt; done]]']);
		const prompt = await session.waitScreen((screen) => option.test(screen), `${version} option text`);
		expect(prompt).toContain('Do you want to proceed?');
		if (version === '2.1.197') expect(prompt).toContain(marker);
		session.write('1');
		const done = await session.waitText('AUTO-CLAUDE: DONE');
		expect(done).toContain(marker === '? for shortcuts' ? marker : '? for shortcuts');
		expect(existsSync(join(s.work, 'old.txt'))).toBe(true);
	});

	it('2.1.197 warns about hook events it does not know before anything else', async () => {
		const s = setup({FAKE_CLAUDE_VERSION: '2.1.197'});
		const settings = s.hookSettings(['Stop', 'DirectoryAdded']);
		const session = launch(s, ['--permission-mode', 'acceptEdits', '--settings', settings]);
		const warning = await session.waitText('Settings Warning');
		expect(warning).toContain('└ hooks.DirectoryAdded: Unknown hook event "DirectoryAdded" was ignored.');
		expect(warning).toMatch(/^ {2}❯ 1\. Continue$/m);
		session.write('1');
		await session.waitScreen((screen) => IDLE_BOX(120).test(screen), 'idle box');
	});

	it('--resume shows the earlier conversation; a hang freezes output until Esc', async () => {
		const s = setup();
		const id = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
		const first = launch(s, ['--permission-mode', 'acceptEdits', '--session-id', id, '--', 'first [[fake: say earlier answer]]']);
		await first.waitText('● earlier answer');
		first.write('\x03\x03');
		expect(await first.waitExit()).toBe(0);
		const session = launch(s, ['--permission-mode', 'acceptEdits', '--resume', id, '--', 'second [[fake: say still here; hang]]']);
		const screen = await session.waitText('● still here');
		expect(screen).toContain('❯ first [[fake: say earlier answer]]');
		expect(screen).toContain('● earlier answer');
		await session.waitStatus(s.config, 'busy');
		session.write('\x1b');
		await session.waitText('⎿  Interrupted · What should Claude do instead?');
	});
});
