// Panes render the xterm screen model: colours and attributes as SGR, exact widths (cut
// or padded, wide characters never straddling the edge), the cursor, and the viewport a
// small pane shows of a bigger screen.
import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import {renderLine, renderViewport, sgr, viewport} from '../../source/ui/render/screen-rows.js';
import {styledWidth} from '../../source/ui/view/text.js';

type Terminal = InstanceType<typeof xterm.Terminal>;

async function terminal(text: string, cols = 20, rows = 5): Promise<Terminal> {
	const t = new xterm.Terminal({cols, rows, scrollback: 100, allowProposedApi: true});
	await new Promise<void>((resolve) => t.write(text, resolve));
	return t;
}

const line = (t: Terminal, y: number, width: number, cursorX = -1): string => {
	const buffer = t.buffer.active;
	return renderLine(buffer, buffer.baseY + y, width, buffer.getNullCell(), cursorX);
};

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('renderLine', () => {
	it('keeps colours and attributes as SGR, and resets at both ends', async () => {
		const t = await terminal('\u001b[1;31mred\u001b[0m \u001b[38;5;208mamber\u001b[0m \u001b[48;2;10;20;30mrgb\u001b[0m \u001b[4;7mu\u001b[0m');
		const out = line(t, 0, 20);
		expect(out.startsWith('\u001b[0m')).toBe(true);
		expect(out).toContain('\u001b[0;1;31mred');
		expect(out).toContain('\u001b[0;38;5;208mamber');
		expect(out).toContain('\u001b[0;48;2;10;20;30mrgb');
		expect(out).toContain('\u001b[0;4;7mu');
		expect(plain(out)).toBe('red amber rgb u     ');
	});

	it.each([
		['short', 10, 'short     '],
		['exactly ten', 11, 'exactly ten'],
		['longer than the pane', 6, 'longer'],
	])('%j in %i cells', async (text, width, expected) => {
		const t = await terminal(text, 30);
		expect(plain(line(t, 0, width))).toBe(expected);
		expect(styledWidth(line(t, 0, width))).toBe(width);
	});

	it('a wide character that would straddle the edge becomes a space', async () => {
		const t = await terminal('ab日本');
		expect(plain(line(t, 0, 5))).toBe('ab日 ');
		expect(styledWidth(line(t, 0, 5))).toBe(5);
	});

	it('draws the cursor as an inverted cell, also past the end of the text', async () => {
		const t = await terminal('abc');
		expect(line(t, 0, 6, 1)).toContain('\u001b[0;7mb');
		expect(line(t, 0, 6, 4)).toContain('\u001b[0;7m ');
	});

	it.each([
		[-1, -1, 0, '\u001b[0m'],
		[1, -1, 0, '\u001b[0;31m'],
		[9, -1, 0, '\u001b[0;91m'],
		[-1, 4, 0, '\u001b[0;44m'],
		[-1, 12, 0, '\u001b[0;104m'],
		[0x1000000 + 0x0a141e, -1, 1, '\u001b[0;1;38;2;10;20;30m'],
	])('sgr(%i, %i, %i)', (fg, bg, flags, expected) => {
		expect(sgr(fg, bg, flags)).toBe(expected);
	});
});

describe('viewport', () => {
	it('shows the whole screen when the pane is tall enough', async () => {
		const t = await terminal('one\r\ntwo', 20, 5);
		const view = viewport(t, 5, undefined, true);
		expect(view.top).toBe(0);
		expect(view.cursor).toEqual({x: 3, y: 1});
	});

	it('a smaller pane shows the bottom, where agents keep their prompt', async () => {
		const t = await terminal('\r\n'.repeat(4) + 'prompt', 20, 5);
		const view = viewport(t, 2, undefined, true);
		expect(renderViewport(t, view, 10, 2, false).map(plain)).toEqual(['          ', 'prompt    ']);
	});

	it('but the top while a program has only written the top so far', async () => {
		const t = await terminal('hello', 20, 10);
		const view = viewport(t, 3, undefined, true);
		expect(plain(renderViewport(t, view, 10, 3, false)[0]!)).toBe('hello     ');
	});

	it('scrolled back, it shows the scrollback from the given line', async () => {
		const t = await terminal(Array.from({length: 30}, (_, i) => `line ${i}`).join('\r\n'), 20, 5);
		const view = viewport(t, 5, 3, false);
		expect(view.cursor).toBeUndefined();
		expect(renderViewport(t, view, 10, 5, false).map((s) => plain(s).trim())).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
	});

	it('rows below the screen of a taller pane are blank', async () => {
		const t = await terminal('x', 20, 2);
		const rows = renderViewport(t, viewport(t, 4, undefined, false), 5, 4, false);
		expect(rows.map(plain)).toEqual(['x    ', '     ', '     ', '     ']);
	});
});
