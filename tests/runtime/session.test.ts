// A session tells of its end only once everything the agent wrote is on its screen: an
// agent that writes a lot and exits at once leaves a parsing backlog behind.
import {describe, expect, it} from 'vitest';
import {Session} from '../../source/runtime/pty/session.js';
import {FakePty} from '../support/fake-pty.js';

describe('session end', () => {
	it('is told after the last output is parsed, even 4 MB of it', async () => {
		const pty = new FakePty({file: 'agent', args: [], cwd: '/', env: {}, cols: 80, rows: 24}, 4242);
		const session = new Session({taskId: 't', launch: 1, pty, cols: 80, rows: 24, scrollback: 100, idleTimeoutMs: 60_000});
		const line = `${'0123456789'.repeat(7)}\n`;
		pty.print(line.repeat(Math.ceil(4_000_000 / line.length)));
		pty.print('THE LAST LINE\n');
		pty.exit(0);
		const screen = await new Promise<string[]>((resolve) => session.onExit(() => resolve(session.screenLines())));
		expect(screen.join('\n')).toContain('THE LAST LINE');
		session.dispose();
	});
});
