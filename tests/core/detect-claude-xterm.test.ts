import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import {detectClaudeScreen} from '../../source/core/detect/claude.js';
import {allScreenNames, screen} from './detect-claude-fixtures.js';

// The runtime hands the detector rows read back from an @xterm/headless screen. Writing each
// fixture into one and reading it back the same way must not change the observation (wide
// glyphs, no-break spaces, padding and blank rows are the terminal's business).
async function throughXterm(lines: readonly string[], cols: number): Promise<string[]> {
	const term = new xterm.Terminal({cols, rows: 64, allowProposedApi: true});
	const text = lines.join('\n').replace(/\n+$/u, '').replaceAll('\n', '\r\n');
	await new Promise<void>((resolve) => {
		term.write(text, resolve);
	});
	const buffer = term.buffer.active;
	const rows: string[] = [];
	for (let y = 0; y < term.rows; y++) rows.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
	term.dispose();
	return rows;
}

describe('detectClaudeScreen on screens read back from @xterm/headless', () => {
	it.each(allScreenNames())('%s', async (name) => {
		const lines = screen(name);
		const cols = name.endsWith('-80col') ? 80 : 120;
		expect(detectClaudeScreen(await throughXterm(lines, cols))).toEqual(detectClaudeScreen(lines));
	});
});
