// The terminal layer: it enters the alternate screen with raw keys, bracketed paste and
// no auto-wrap, gives all of it back exactly once, reads keys (an unfinished escape
// sequence is flushed after a moment), and stops writing when the terminal is gone.
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {keyId} from '../../source/ui/terminal/keys.js';
import {Tty} from '../../source/ui/terminal/tty.js';
import {until} from './fake-engine.js';

class FakeOut extends EventEmitter {
	columns = 120;
	rows = 40;
	written: string[] = [];
	failing = false;
	write(data: string): boolean {
		if (this.failing) throw new Error('write EIO');
		this.written.push(data);
		return true;
	}
}

class FakeIn extends EventEmitter {
	isTTY = true;
	raw: boolean[] = [];
	paused = false;
	setRawMode(on: boolean): this {
		this.raw.push(on);
		return this;
	}
	resume(): this {
		this.paused = false;
		return this;
	}
	pause(): this {
		this.paused = true;
		return this;
	}
}

function setup() {
	const out = new FakeOut();
	const input = new FakeIn();
	const tty = new Tty(out as unknown as NodeJS.WriteStream, input as unknown as NodeJS.ReadStream);
	return {out, input, tty};
}

describe('Tty', () => {
	it('enters the alternate screen and leaves it exactly once', () => {
		const {out, input, tty} = setup();
		tty.enter();
		const entered = out.written.join('');
		for (const sequence of ['\u001b[?1049h', '\u001b[?25l', '\u001b[?7l', '\u001b[?2004h']) expect(entered).toContain(sequence);
		expect(input.raw).toEqual([true]);
		tty.restore();
		tty.restore();
		const left = out.written.join('').slice(entered.length);
		for (const sequence of ['\u001b[?1049l', '\u001b[?25h', '\u001b[?7h', '\u001b[?2004l', '\u001b[?2026l']) expect(left).toContain(sequence);
		expect(left.split('\u001b[?1049l')).toHaveLength(2);
		expect(input.raw).toEqual([true, false]);
		expect(input.paused).toBe(true);
	});

	it('reads keys, completing sequences and flushing a lone escape', async () => {
		const {input, tty} = setup();
		const got: string[] = [];
		tty.enter();
		tty.onKeys((keys) => got.push(...keys.map(keyId)));
		input.emit('data', Buffer.from('j\u001b['));
		input.emit('data', Buffer.from('A'));
		expect(got).toEqual(['j', 'up']);
		input.emit('data', Buffer.from('\u001b[1;'));
		await until(() => got.length === 3);
		expect(got[2]).toBe('unknown');
		// A UTF-8 character split across reads.
		const bytes = Buffer.from('é');
		input.emit('data', bytes.subarray(0, 1));
		input.emit('data', bytes.subarray(1));
		expect(got[3]).toBe('é');
		tty.restore();
	});

	it('reports a terminal that went away once, and writes nothing more', () => {
		const {out, tty} = setup();
		let gone = 0;
		tty.onGone(() => gone++);
		tty.enter();
		out.failing = true;
		tty.write('x');
		tty.write('y');
		out.emit('error', new Error('EIO'));
		expect(gone).toBe(1);
		expect(tty.gone).toBe(true);
		out.failing = false;
		tty.write('z');
		expect(out.written.join('')).not.toContain('z');
	});

	it('knows the size, with a fallback', () => {
		const {out, tty} = setup();
		expect(tty.size()).toEqual({cols: 120, rows: 40});
		out.columns = 0;
		expect(tty.size().cols).toBe(80);
	});
});
