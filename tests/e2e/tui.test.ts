// The dashboard, end to end: the built binary in tmux (a private server), driven with
// send-keys and read with capture-pane, over demo-agent tasks whose [[fake: …]]
// directives make the timing deterministic. Needs `npm run build` and tmux.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BIN, makeWorkDir, waitFor, type WorkDir} from '../support/cli.js';

const hasTmux = (() => {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
})();

const SOCKET = `ac-tui-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', SOCKET, ...args], {encoding: 'utf8'});
const screen = (): string => tmux('capture-pane', '-p', '-t', 'ui');
const lines = (): string[] => screen().split('\n');
const keys = (...k: string[]): void => void tmux('send-keys', '-t', 'ui', ...k);
const type = (text: string): void => void tmux('send-keys', '-t', 'ui', '-l', text);
const until = (check: (text: string) => boolean, what: string, timeout = 20_000): Promise<string> =>
	waitFor(
		() => {
			const text = screen();
			return check(text) ? text : undefined;
		},
		{timeout, interval: 100, what: `${what}\n--- screen ---\n${safeScreen()}`},
	);
function safeScreen(): string {
	try {
		return screen();
	} catch {
		return '(no screen)';
	}
}
const footer = (): string => lines().filter((l) => l.trim()).at(-1) ?? '';
/** Selects the one task matching a filter (the table then shows only it). */
async function select(id: string): Promise<void> {
	keys('/');
	await until((t) => t.includes('filter:'), 'the filter prompt');
	type(id);
	keys('Enter');
	await until((t) => t.includes(`filter "${id}": 1 of`), `the table filtered to ${id}`);
}
async function clearFilter(): Promise<void> {
	keys('Escape');
	await until((t) => !t.includes('filter "'), 'the filter cleared');
}

let dir: WorkDir;

describe.skipIf(!hasTmux)('the dashboard in tmux', () => {
	beforeAll(() => {
		dir = makeWorkDir(
			{
				concurrency: 3,
				defaultAgent: 'demo',
				agents: {demo: {kind: 'demo', permissionMode: 'default', permissions: {allow: ['Write'], deny: [], otherwise: 'escalate'}}},
				retry: {baseDelaySeconds: 1, maxDelaySeconds: 2},
			},
			{
				'tasks/asker.md': '---\ntitle: Run the build\npriority: high\n---\nRun the build. [[fake: bash echo built > built.txt; done Built.]]\n',
				'tasks/thinker.md': '---\ntitle: Think it over\n---\nThink hard. [[fake: think 90s; done Thought.]]\n',
				'tasks/blocker.md': '---\ntitle: Fix the flaky test\n---\nFix it. [[fake: think 6s; blocked Needs real credentials.]]\n',
				'tasks/limiter.md': '---\ntitle: Hit the usage limit\ndependsOn: [asker]\n---\nGo. [[fake: limit 600; done Done.]]\n',
			},
		);
		tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'ui', '-x', '160', '-y', '48', '-c', dir.root, '-e', 'FAKE_CLAUDE_DELAY_MS=60', '-e', 'FAKE_CLAUDE_RETRY_MS=50', '-e', 'PS1=$ ', 'sh');
		tmux('set-option', '-g', 'window-size', 'manual');
	});

	afterAll(() => {
		try {
			const socket = tmux('display-message', '-p', '#{socket_path}').trim();
			tmux('kill-server');
			fs.rmSync(socket, {force: true});
		} catch {
			// Already gone.
		}
		dir?.cleanup();
	});

	it('runs the whole scenario: panes, focus and type, reply, retry, cancel, resize, quit and reopen', async () => {
		const command = `${process.execPath} ${BIN}; echo "EXIT=$?"`;
		type(command);
		keys('Enter');

		// Three sessions, three panes, titled with id and state.
		await until((t) => ['asker', 'thinker', 'blocker'].every((id) => new RegExp(`[╭┏]─ . ${id} `).test(t)), 'three panes');
		const first = lines();
		expect(first[0]).toMatch(/^ auto-claude {2}workers 3\/3/);

		// Focus the thinker and type: the keys reach the agent, whose prompt box echoes them.
		await select('thinker');
		keys('Enter');
		await until((t) => t.includes('FOCUS thinker'), 'focus on the thinker');
		type('hello-from-the-dashboard');
		await until((t) => t.includes('❯ hello-from-the-dashboard'), 'the typed text in the agent prompt');
		keys('C-]');
		await until((t) => !t.includes('FOCUS thinker'), 'back to the dashboard');

		// Cancel asks first.
		keys('c');
		await until((t) => t.includes('Cancel thinker (Think it over)? Its session is stopped. [y/N]'), 'the cancel question');
		keys('y');
		await until((t) => /⊘ cancelled\s+thinker/.test(t), 'the thinker cancelled');
		await clearFilter();

		// The asker waits on a question nobody allowed: R shows it and sends the answer.
		await select('asker');
		await until((t) => /\? waiting\s+asker/.test(t), 'the asker waiting for input');
		keys('R');
		await until((t) => t.includes('Reply to asker') && t.includes('The agent asks:') && t.includes('y approves'), 'the reply dialog');
		type('y');
		keys('Enter');
		await until((t) => /✓ done\s+asker/.test(t), 'the asker done after the answer', 30_000);
		expect(fs.readFileSync(path.join(dir.root, 'built.txt'), 'utf8').trim()).toBe('built');
		await clearFilter();

		// The blocker ends up needing review; r retries it.
		await select('blocker');
		await until((t) => /! review\s+blocker/.test(t), 'the blocker in review', 30_000);
		keys('r');
		await until((t) => t.includes('blocker: queued again'), 'the retry');
		await clearFilter();

		// The limiter (after the asker) hits a usage limit: the header counts down to the reset.
		await until((t) => /◷ default held · resumes in \d+m \d\ds/.test(t), 'the account hold with its countdown', 30_000);

		// 80×24: nothing wraps or overlaps.
		tmux('resize-window', '-t', 'ui', '-x', '80', '-y', '24');
		const small = await until((t) => t.split('\n')[0]!.length <= 80 && /^ auto-claude /.test(t), 'the dashboard at 80×24');
		const rows = small.split('\n').slice(0, 24);
		for (const row of rows) expect([...row].length).toBeLessThanOrEqual(80);
		expect(rows[0]).toMatch(/^ auto-claude /);
		expect(rows[1]).toMatch(/◷ default held/);
		expect(rows[23]).toMatch(/\S/);
		for (const row of rows) {
			// A pane row is one bordered box or two side by side, never a broken one.
			if (/^[│┃]/.test(row)) expect(row).toMatch(/[│┃]$/);
			if (/^[╭┏]/.test(row)) expect(row).toMatch(/[╮┓]$/);
			if (/^[╰┗]/.test(row)) expect(row).toMatch(/[╯┛]$/);
		}
		tmux('resize-window', '-t', 'ui', '-x', '160', '-y', '48');
		await until((t) => t.split('\n')[0]!.includes('workers'), 'back at 160×48');

		// Quit (asks while sessions run) and reopen: the same queue, hold and alerts.
		keys('q');
		await until((t) => /Quit\? \d+ sessions? (is|are) stopped now/.test(t) || t.includes('EXIT=0'), 'the quit question or the exit');
		if (!screen().includes('EXIT=0')) keys('y');
		await until((t) => t.includes('EXIT=0'), 'auto-claude exited 0');
		type(command);
		keys('Enter');
		const reopened = await until((t) => /✓ done\s+asker/.test(t) && /⊘ cancelled\s+thinker/.test(t), 'the same queue after reopening');
		expect(reopened).toMatch(/◷ default held · resumes in/);
		expect(reopened).toMatch(/P[123] {2}\d\d:\d\d /);

		// SIGTERM: sessions stopped, the terminal given back (the shell's own lines show again).
		const shell = tmux('display-message', '-p', '-t', 'ui', '#{pane_pid}').trim();
		const child = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0]!;
		process.kill(Number(child), 'SIGTERM');
		const after = await until((t) => t.includes('EXIT=143'), 'auto-claude exited 143 after SIGTERM');
		expect(after).toContain('EXIT=0');
		expect(after).not.toContain('auto-claude  workers');
	}, 90_000);
});
