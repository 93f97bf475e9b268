// Where everything goes on the screen, as a pure function of the terminal size and what
// there is to show. Ink draws the chrome rows (header, table or overlay, alerts, footer);
// the compositor owns the pane grid's rows. The two never share a row, so they never
// fight over the cursor or a cell.

export type Rect = {readonly x: number; readonly y: number; readonly w: number; readonly h: number};
export type Size = {readonly cols: number; readonly rows: number};

export type LayoutInput = {
	readonly size: Size;
	readonly headerLines: number;
	readonly alertLines: number;
	/** Rows of the (filtered) task table, without its heading. */
	readonly taskRows: number;
	/** Task ids with a live session, in a stable order (oldest first). */
	readonly sessions: readonly string[];
	readonly selectedId?: string;
	/** The session shown alone over the table and the grid (`z`). */
	readonly zoomId?: string;
	/** A dialog (help, details, add, reply) takes the table's and the grid's rows. */
	readonly overlay: boolean;
	/** At most this many panes (the `v` key); 0 or undefined: as many as fit, up to 9. */
	readonly maxPanes?: number;
};

export type PaneRect = {readonly taskId: string; readonly rect: Rect};

export type Layout = {
	readonly size: Size;
	readonly header: Rect;
	readonly table?: Rect;
	readonly overlay?: Rect;
	readonly grid?: Rect;
	readonly alerts?: Rect;
	readonly footer: Rect;
	readonly panes: readonly PaneRect[];
	/** Live sessions that did not fit in the grid. */
	readonly hiddenSessions: number;
	/** Screen row of each line Ink renders, in order. */
	readonly chromeRows: readonly number[];
	/** Identity of the geometry: a change means a full repaint. */
	readonly key: string;
};

/** Grid capacities (panes shown at once) and their column × row arrangements. */
const ARRANGEMENTS: readonly (readonly [number, number])[] = [
	[1, 1],
	[2, 1],
	[1, 2],
	[2, 2],
	[4, 1],
	[1, 4],
	[3, 2],
	[2, 3],
	[3, 3],
];
export const CAPACITIES = [1, 2, 4, 6, 9] as const;

/** Smallest useful pane interior; below this a pane is not worth its border. */
export const MIN_INNER = {cols: 30, rows: 4} as const;
/**
 * Sessions never get a pseudo-terminal smaller than this, even in a smaller pane (the
 * pane then shows the part around the cursor): agents lay out their screen by width, and
 * the screen detectors read that screen.
 */
export const PTY_FLOOR = {cols: 60, rows: 24} as const;
/** Claude-like screens read best a little wider than 3:1 (cells are about 1:2). */
const IDEAL_ASPECT = 3.2;

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));

export function innerOf(rect: Rect): Rect {
	return {x: rect.x + 1, y: rect.y + 1, w: Math.max(0, rect.w - 2), h: Math.max(0, rect.h - 2)};
}

/** The pseudo-terminal size for a pane: its interior, never below the floor. */
export function ptySizeFor(rect: Rect): Size {
	const inner = innerOf(rect);
	return {cols: Math.max(PTY_FLOOR.cols, inner.w), rows: Math.max(PTY_FLOOR.rows, inner.h)};
}

/** Splits `total` cells into `parts` nearly equal sizes (the first ones get the remainder). */
function split(total: number, parts: number): number[] {
	const base = Math.floor(total / parts);
	const extra = total - base * parts;
	return Array.from({length: parts}, (_, i) => base + (i < extra ? 1 : 0));
}

type Arrangement = {readonly cols: number; readonly rows: number; readonly shown: number};

function chooseArrangement(area: Rect, count: number): Arrangement | undefined {
	let best: {arr: Arrangement; score: number} | undefined;
	for (const [cols, rows] of ARRANGEMENTS) {
		const capacity = cols * rows;
		if (!CAPACITIES.includes(capacity as (typeof CAPACITIES)[number])) continue;
		const shown = Math.min(count, capacity);
		// Never pick a grid bigger than needed (a 9-grid for 3 sessions wastes the space).
		const smallestFit = CAPACITIES.find((c) => c >= count) ?? 9;
		if (capacity > smallestFit) continue;
		const usedRows = Math.ceil(shown / cols);
		const paneW = Math.floor(area.w / cols) - 2;
		const paneH = Math.floor(area.h / usedRows) - 2;
		if (paneW < MIN_INNER.cols || paneH < MIN_INNER.rows) continue;
		const aspect = paneW / paneH;
		// How much of an agent's screen (never smaller than the floor) the pane shows; a cut
		// right edge hurts more than hidden top rows (agents keep their prompt at the bottom).
		const visible = Math.min(1, paneW / PTY_FLOOR.cols) ** 2 * Math.min(1, paneH / PTY_FLOOR.rows);
		// Every session in view first, then the most of each screen, then the best shape.
		const score = shown * 100 + visible * 50 - Math.abs(Math.log(aspect / IDEAL_ASPECT));
		if (!best || score > best.score) best = {arr: {cols, rows, shown}, score};
	}
	return best?.arr;
}

/** Which sessions get a pane: a stable order, with the selected one always among them. */
function visibleSessions(sessions: readonly string[], shown: number, selectedId: string | undefined): string[] {
	const first = sessions.slice(0, shown);
	if (!selectedId || first.includes(selectedId) || !sessions.includes(selectedId) || shown === 0) return first;
	return [...first.slice(0, shown - 1), selectedId];
}

function placePanes(area: Rect, ids: readonly string[], cols: number): PaneRect[] {
	const usedRows = Math.ceil(ids.length / cols);
	const heights = split(area.h, usedRows);
	const panes: PaneRect[] = [];
	let y = area.y;
	for (let row = 0; row < usedRows; row++) {
		const rowIds = ids.slice(row * cols, row * cols + cols);
		// A short last row spreads its panes over the whole width.
		const widths = split(area.w, rowIds.length);
		let x = area.x;
		rowIds.forEach((taskId, i) => {
			panes.push({taskId, rect: {x, y, w: widths[i]!, h: heights[row]!}});
			x += widths[i]!;
		});
		y += heights[row]!;
	}
	return panes;
}

const rowsOf = (rect: Rect | undefined): number[] => (rect ? Array.from({length: rect.h}, (_, i) => rect.y + i) : []);

export function computeLayout(input: LayoutInput): Layout {
	const cols = Math.max(1, input.size.cols);
	const rows = Math.max(1, input.size.rows);
	const headerH = clamp(input.headerLines, 1, Math.max(1, rows - 2));
	const footerH = rows > headerH ? 1 : 0;
	const alertsH = clamp(input.alertLines, 0, Math.max(0, Math.floor((rows - headerH - footerH) / 4)));
	const header: Rect = {x: 0, y: 0, w: cols, h: headerH};
	const footer: Rect = {x: 0, y: rows - footerH, w: cols, h: footerH};
	const alerts: Rect | undefined = alertsH > 0 ? {x: 0, y: footer.y - alertsH, w: cols, h: alertsH} : undefined;
	const middle: Rect = {x: 0, y: headerH, w: cols, h: Math.max(0, rows - headerH - alertsH - footerH)};

	let table: Rect | undefined;
	let overlay: Rect | undefined;
	let grid: Rect | undefined;
	let panes: PaneRect[] = [];
	let hiddenSessions = 0;

	const zoomed = input.zoomId !== undefined && input.sessions.includes(input.zoomId) ? input.zoomId : undefined;
	if (input.overlay) {
		overlay = middle;
	} else if (zoomed && middle.h >= MIN_INNER.rows + 2) {
		grid = middle;
		panes = [{taskId: zoomed, rect: middle}];
		hiddenSessions = input.sessions.length - 1;
	} else {
		const wantTable = input.taskRows + 1;
		const tableMax = input.sessions.length === 0 ? middle.h : clamp(Math.floor(middle.h * 0.3), 3, 16);
		const tableH = Math.min(middle.h, Math.max(Math.min(3, middle.h), Math.min(wantTable, tableMax)));
		table = tableH > 0 ? {x: 0, y: middle.y, w: cols, h: tableH} : undefined;
		const area: Rect = {x: 0, y: middle.y + tableH, w: cols, h: middle.h - tableH};
		const want = Math.min(input.sessions.length, input.maxPanes || 9);
		const arrangement = want > 0 && area.h > 0 ? chooseArrangement(area, want) : undefined;
		if (arrangement) {
			grid = area;
			panes = placePanes(area, visibleSessions(input.sessions, arrangement.shown, input.selectedId), arrangement.cols);
			hiddenSessions = input.sessions.length - panes.length;
		} else if (table) {
			// No room for panes: the table takes the space.
			table = {...table, h: middle.h};
			hiddenSessions = input.sessions.length;
		}
	}

	// A dialog's rows are the compositor's (overlay-box.ts), like the panes: Ink draws the rest.
	const chromeRows = [...rowsOf(header), ...rowsOf(overlay ? undefined : table), ...rowsOf(alerts), ...rowsOf(footer)];
	const key = [cols, rows, chromeRows.join(','), panes.map((p) => `${p.taskId}@${p.rect.x},${p.rect.y},${p.rect.w},${p.rect.h}`).join(';')].join('|');
	return {size: {cols, rows}, header, table, overlay, grid, alerts, footer, panes, hiddenSessions, chromeRows, key};
}

/** The pane size a session about to start would get (the orchestrator asks at spawn). */
export function nextSessionSize(input: LayoutInput, newId = '\u0000next'): Size {
	const layout = computeLayout({...input, sessions: [...input.sessions, newId], zoomId: undefined, overlay: false});
	const pane = layout.panes.find((p) => p.taskId === newId) ?? layout.panes[layout.panes.length - 1];
	if (pane) return ptySizeFor(pane.rect);
	return {cols: Math.max(PTY_FLOOR.cols, input.size.cols - 2), rows: Math.max(PTY_FLOOR.rows, input.size.rows - 8)};
}
