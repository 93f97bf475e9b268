// The layout: every row belongs to exactly one owner (Ink's chrome or one pane), nothing
// leaves the screen, the grid sizes follow the issue (1, 2, 4, 6, 9), the selected
// session is always shown, and the space is used at every size from 80×24 to 250×80.
import {describe, expect, it} from 'vitest';
import {computeLayout, innerOf, MIN_INNER, nextSessionSize, PTY_FLOOR, ptySizeFor, type Layout, type LayoutInput} from '../../source/ui/layout/layout.js';

const ids = (n: number): string[] => Array.from({length: n}, (_, i) => `t${i + 1}`);

function input(cols: number, rows: number, sessions: number, extra: Partial<LayoutInput> = {}): LayoutInput {
	return {size: {cols, rows}, headerLines: 1, alertLines: 0, taskRows: Math.max(1, sessions + 2), sessions: ids(sessions), overlay: false, ...extra};
}

/** Every cell is owned once: chrome rows are whole rows, panes are disjoint rectangles. */
function checkCoverage(layout: Layout): void {
	const {cols, rows} = layout.size;
	const owner: string[][] = Array.from({length: rows}, () => Array.from({length: cols}, () => ''));
	const problems: string[] = [];
	const claim = (x: number, y: number, who: string): void => {
		if (y < 0 || y >= rows || x < 0 || x >= cols) problems.push(`${who} outside the screen at ${x},${y}`);
		else if (owner[y]![x]) problems.push(`${who} overlaps ${owner[y]![x]} at ${x},${y}`);
		else owner[y]![x] = who;
	};
	for (const row of layout.chromeRows) for (let x = 0; x < cols; x++) claim(x, row, 'chrome');
	for (const pane of layout.panes) {
		const {x, y, w, h} = pane.rect;
		for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) claim(c, r, pane.taskId);
	}
	// Nothing left unowned: the grid uses the space.
	for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (!owner[r]![c]) problems.push(`nobody owns ${c},${r}`);
	expect(problems.slice(0, 5)).toEqual([]);
}

describe('computeLayout', () => {
	it.each([
		[80, 24],
		[100, 30],
		[160, 48],
		[204, 90],
		[250, 80],
	])('%i×%i: for 0 to 9 sessions, rows are owned once and nothing is left over', (cols, rows) => {
		for (let n = 0; n <= 9; n++) {
			const layout = computeLayout(input(cols, rows, n));
			checkCoverage(layout);
			expect(layout.panes.length + layout.hiddenSessions).toBe(n);
			for (const pane of layout.panes) {
				const inner = innerOf(pane.rect);
				expect(inner.w).toBeGreaterThanOrEqual(MIN_INNER.cols);
				expect(inner.h).toBeGreaterThanOrEqual(MIN_INNER.rows);
			}
		}
	});

	it.each([
		[160, 48, 1, 1],
		[160, 48, 2, 2],
		[160, 48, 3, 3],
		[160, 48, 4, 4],
		[160, 48, 6, 6],
		[250, 80, 9, 9],
		[80, 24, 3, 3],
	])('%i×%i with %i sessions shows %i panes', (cols, rows, sessions, shown) => {
		expect(computeLayout(input(cols, rows, sessions)).panes).toHaveLength(shown);
	});

	it('places 2 sessions side by side when wide, and 4 as a 2×2 grid', () => {
		const two = computeLayout(input(160, 48, 2)).panes;
		expect(two[0]!.rect.y).toBe(two[1]!.rect.y);
		const four = computeLayout(input(160, 48, 4)).panes;
		expect(new Set(four.map((p) => p.rect.y)).size).toBe(2);
		expect(new Set(four.map((p) => p.rect.x)).size).toBe(2);
	});

	it('at 160×48 a pane of a 2×2 grid is as wide as an agent needs', () => {
		for (const pane of computeLayout(input(160, 48, 4)).panes) expect(innerOf(pane.rect).w).toBeGreaterThanOrEqual(PTY_FLOOR.cols);
	});

	it('a short last row spreads its panes over the whole width', () => {
		const panes = computeLayout(input(160, 48, 3)).panes;
		const last = panes[panes.length - 1]!;
		expect(last.rect.w).toBe(160);
	});

	it('keeps the selected session in view when there are more sessions than panes', () => {
		const layout = computeLayout(input(160, 48, 8, {maxPanes: 4, selectedId: 't8'}));
		expect(layout.panes).toHaveLength(4);
		expect(layout.panes.map((p) => p.taskId)).toContain('t8');
		expect(layout.hiddenSessions).toBe(4);
	});

	it.each([1, 2, 4, 6, 9])('maxPanes %i limits the grid', (max) => {
		expect(computeLayout(input(250, 80, 9, {maxPanes: max})).panes).toHaveLength(max);
	});

	it('zoom gives one session the table and grid rows', () => {
		const layout = computeLayout(input(160, 48, 4, {zoomId: 't2', selectedId: 't2'}));
		expect(layout.panes).toEqual([{taskId: 't2', rect: {x: 0, y: 1, w: 160, h: 46}}]);
		expect(layout.table).toBeUndefined();
		checkCoverage(layout);
	});

	it('zoom on a task without a session falls back to the grid', () => {
		expect(computeLayout(input(160, 48, 2, {zoomId: 'gone'})).panes).toHaveLength(2);
	});

	it('an overlay takes the middle; Ink owns the other rows', () => {
		const layout = computeLayout(input(120, 40, 3, {overlay: true, alertLines: 2}));
		expect(layout.panes).toHaveLength(0);
		expect(layout.chromeRows).toEqual([0, 37, 38, 39]);
		expect(layout.overlay).toEqual({x: 0, y: 1, w: 120, h: 36});
	});

	it('without sessions the table takes the space', () => {
		const layout = computeLayout(input(80, 24, 0, {taskRows: 100}));
		expect(layout.grid).toBeUndefined();
		expect(layout.table!.h).toBe(22);
	});

	it('header lines for holds and the alerts strip come out of the middle', () => {
		const layout = computeLayout(input(160, 48, 2, {headerLines: 3, alertLines: 2}));
		expect(layout.header.h).toBe(3);
		expect(layout.alerts).toEqual({x: 0, y: 45, w: 160, h: 2});
		expect(layout.footer.y).toBe(47);
		checkCoverage(layout);
	});

	it('the key changes with the geometry and only with it', () => {
		const a = computeLayout(input(160, 48, 3));
		expect(computeLayout(input(160, 48, 3)).key).toBe(a.key);
		expect(computeLayout(input(160, 47, 3)).key).not.toBe(a.key);
		expect(computeLayout(input(160, 48, 2)).key).not.toBe(a.key);
	});

	it('survives absurdly small terminals', () => {
		for (const [cols, rows] of [
			[10, 3],
			[1, 1],
			[40, 10],
		] as const) {
			const layout = computeLayout(input(cols, rows, 3));
			for (const row of layout.chromeRows) expect(row).toBeLessThan(rows);
		}
	});
});

describe('session sizes', () => {
	it('never gives a session less than the floor', () => {
		expect(ptySizeFor({x: 0, y: 0, w: 20, h: 6})).toEqual(PTY_FLOOR);
		expect(ptySizeFor({x: 0, y: 0, w: 160, h: 46})).toEqual({cols: 158, rows: 44});
	});

	it('a new session starts at the size of the pane it will get', () => {
		const size = nextSessionSize(input(160, 48, 1));
		const layout = computeLayout({...input(160, 48, 1), sessions: ['t1', 't2']});
		expect(size).toEqual(ptySizeFor(layout.panes[1]!.rect));
	});
});
