// The only writer to the terminal. Ink renders the chrome (header, table, alerts,
// footer) into lines; the compositor puts each line on its row and paints the panes from
// the sessions' xterm screens, and an open dialog from its rows (overlay-box.ts). Ink
// works only when the chrome changes, and a busy pane costs a row walk of its screen
// (~2 µs a row) instead of an Ink commit (~2 µs a cell for the whole screen). Each frame:
//   - is skipped when nothing changed, and capped while output streams (30 fps for the
//     selected or focused pane, 15 for the others: streaming text a glance away does
//     not need more, and it halves the bytes written);
//   - repaints only rows that differ from what is on the terminal (row diff);
//   - is one write inside a synchronized update (CSI ?2026h … ?2026l): no tearing.
// Chrome and panes never share a row, and only the compositor moves the cursor.
import type {Session} from '../../runtime/pty/session.js';
import {innerOf, PTY_FLOOR, type Layout} from '../layout/layout.js';
import type {UiSnapshot} from '../state/snapshot.js';
import {overlayRows} from './overlay-box.js';
import {bottomBorder, paneTitle, sideBorder, topBorder, type PaneLook} from './pane-frame.js';
import type {Panes} from './panes.js';
import {renderViewport, RESET, viewport} from './screen-rows.js';
import {styledWidth} from '../view/text.js';

export type Writer = {write(data: string): unknown};

export const BEGIN_SYNC = '\u001b[?2026h';
export const END_SYNC = '\u001b[?2026l';

export type CompositorStats = {
	frames: number;
	skipped: number;
	chromeRows: number;
	paneRows: number;
	bytes: number;
	fullRepaints: number;
	/** Milliseconds from a key to the next frame written, since the stats were last read. */
	keyToFrame: number[];
};

type Painted = {rows: string[]; look: PaneLook};

export type CompositorOptions = {
	readonly fps?: number;
	/** Frame rate for panes that are neither selected nor focused. */
	readonly backgroundFps?: number;
	readonly now?: () => number;
	/** Keystroke echoes in the focused pane are painted at once within this window. */
	readonly echoWindowMs?: number;
};

export class Compositor {
	private chromeLines: readonly string[] = [];
	private chromeKey: string | undefined;
	private paintedKey: string | undefined;
	private paintedChrome: (string | undefined)[] = [];
	private paintedOverlay: (string | undefined)[] = [];
	private readonly paintedPanes = new Map<string, Painted>();
	private readonly dirty = new Set<string>();
	private timer: NodeJS.Timeout | undefined;
	private queued = false;
	private lastFrame = 0;
	private cursorState = '';
	private disposed = false;
	private fitKey = '';
	readonly stats: CompositorStats = {frames: 0, skipped: 0, chromeRows: 0, paneRows: 0, bytes: 0, fullRepaints: 0, keyToFrame: []};
	private keyAt: number | undefined;
	private readonly interval: number;
	private readonly backgroundInterval: number;
	private readonly lastPaint = new Map<string, number>();
	private readonly now: () => number;

	constructor(
		private readonly out: Writer,
		private readonly snapshot: () => UiSnapshot,
		private readonly sessions: {get(taskId: string): Session | undefined},
		private readonly panes: Panes,
		private readonly options: CompositorOptions = {},
	) {
		this.interval = 1000 / (options.fps ?? 30);
		this.backgroundInterval = 1000 / Math.min(options.backgroundFps ?? 15, options.fps ?? 30);
		this.now = options.now ?? (() => performance.now());
	}

	/** A frame from Ink, rendered for the layout with this key. */
	chrome(lines: readonly string[], layoutKey: string): void {
		this.chromeLines = lines;
		this.chromeKey = layoutKey;
		this.request(true);
	}

	markDirty(taskId: string): void {
		this.dirty.add(taskId);
		const focus = this.snapshot().ui.focusId;
		const session = focus === taskId ? this.sessions.get(taskId) : undefined;
		this.request(session !== undefined && this.panes.sinceTyped(session) < (this.options.echoWindowMs ?? 250));
	}

	/** A key was read: the next frame written tells how long the dashboard took to answer. */
	noteKey(): void {
		this.keyAt ??= this.now();
	}

	/** Everything again (after a resize, or when the terminal may have been cleared). */
	invalidate(): void {
		this.paintedKey = undefined;
		this.request(true);
	}

	/**
	 * Schedules a frame: soon after the last one while output streams, or right away (in a
	 * microtask, before the event loop goes back to reading a flood of output) for what a
	 * person just did.
	 */
	private request(urgent: boolean): void {
		if (this.disposed || this.queued) return;
		const wait = urgent ? 0 : Math.max(0, this.lastFrame + this.interval - this.now());
		if (wait === 0) {
			clearTimeout(this.timer);
			this.timer = undefined;
			this.queued = true;
			queueMicrotask(() => {
				this.queued = false;
				this.frame();
			});
			return;
		}
		this.timer ??= setTimeout(() => {
			this.timer = undefined;
			this.frame();
		}, wait);
	}

	frame(): void {
		if (this.disposed) return;
		const snap = this.snapshot();
		const layout = snap.layout;
		// Ink has not drawn this layout yet: its frame follows in a moment.
		if (this.chromeKey !== layout.key) return;
		this.lastFrame = this.now();
		let out = '';
		if (this.paintedKey !== layout.key) {
			out += `${RESET}\u001b[2J`;
			this.paintedChrome = [];
			this.paintedOverlay = [];
			this.paintedPanes.clear();
			this.paintedKey = layout.key;
			this.cursorState = '';
			this.stats.fullRepaints++;
			this.fitSessions(layout);
		}
		out += this.paintChrome(layout);
		out += this.paintOverlay(snap);
		out += this.paintPanes(snap, layout);
		out = this.placeCursor(snap, layout, out);
		if (!out) {
			this.stats.skipped++;
			return;
		}
		this.stats.frames++;
		this.stats.bytes += out.length;
		if (this.keyAt !== undefined) {
			if (this.stats.keyToFrame.length < 1000) this.stats.keyToFrame.push(Math.round((this.now() - this.keyAt) * 10) / 10);
			this.keyAt = undefined;
		}
		this.out.write(BEGIN_SYNC + out + END_SYNC);
	}

	private fitSessions(layout: Layout): void {
		const key = layout.panes.map((p) => `${p.taskId}:${p.rect.w}x${p.rect.h}`).join(';');
		if (key === this.fitKey) return;
		this.fitKey = key;
		this.panes.fit(layout.panes);
	}

	private paintChrome(layout: Layout): string {
		let out = '';
		layout.chromeRows.forEach((row, i) => {
			const line = this.chromeLines[i] ?? '';
			if (this.paintedChrome[row] === line) return;
			this.paintedChrome[row] = line;
			// Clearing the rest of a full row would erase its last cell: the cursor stays on it.
			const clear = styledWidth(line) < layout.size.cols ? '\u001b[K' : '';
			out += `\u001b[${row + 1};1H${RESET}${line}${RESET}${clear}`;
			this.stats.chromeRows++;
		});
		return out;
	}

	private paintOverlay(snap: UiSnapshot): string {
		const rect = snap.layout.overlay;
		const rows = rect ? overlayRows(snap) : undefined;
		if (!rect || !rows) return '';
		let out = '';
		rows.forEach((line, i) => {
			if (this.paintedOverlay[i] === line) return;
			this.paintedOverlay[i] = line;
			out += `\u001b[${rect.y + i + 1};${rect.x + 1}H${RESET}${line}${RESET}`;
			this.stats.chromeRows++;
		});
		return out;
	}

	private paintPanes(snap: UiSnapshot, layout: Layout): string {
		let out = '';
		const focus = snap.ui.focusId;
		const selected = snap.selected?.id;
		for (const pane of layout.panes) {
			const {taskId, rect} = pane;
			const look: PaneLook = taskId === focus ? 'focused' : taskId === selected ? 'selected' : 'normal';
			const painted = this.paintedPanes.get(taskId);
			const session = this.sessions.get(taskId);
			if (session && this.panes.midUpdate(session)) {
				// Half-drawn agent screen: try again next frame.
				this.request(false);
				continue;
			}
			const inner = innerOf(rect);
			const record = snap.engine.tasks.get(taskId);
			const scrolledBy = session ? this.panes.scrolledBy(session, inner.h) : 0;
			// Cut columns are worth a word; hidden top rows are not (agents keep their prompt at the bottom).
			const cropped = session !== undefined && session.cols > inner.w && inner.w < PTY_FLOOR.cols;
			const title = topBorder(rect.w, paneTitle(taskId, record, snap.now, {scrolledBy, cropped, live: session?.alive === true}), look);
			let contentDirty = this.dirty.has(taskId) || !painted || painted.look !== look;
			if (contentDirty && painted && painted.look === look && look === 'normal') {
				const since = this.now() - (this.lastPaint.get(taskId) ?? 0);
				if (since < this.backgroundInterval - 1) {
					// A background pane painted a moment ago: its output waits for a later frame.
					contentDirty = false;
					this.request(false);
				}
			}
			if (contentDirty) this.lastPaint.set(taskId, this.now());
			const rows: string[] = painted && !contentDirty ? [...painted.rows] : this.paneRows(session, inner.w, inner.h, look, taskId === focus);
			rows[0] = title;
			const next: Painted = {rows, look};
			for (let y = 0; y < rows.length; y++) {
				if (painted?.rows[y] === rows[y]) continue;
				out += `\u001b[${rect.y + y + 1};${rect.x + 1}H${rows[y]}`;
				this.stats.paneRows++;
			}
			this.paintedPanes.set(taskId, next);
			if (contentDirty) this.dirty.delete(taskId);
		}
		return out;
	}

	/** Full pane rows: [title placeholder, bordered interior rows…, bottom border]. */
	private paneRows(session: Session | undefined, width: number, height: number, look: PaneLook, focused: boolean): string[] {
		const side = sideBorder(look);
		const rows: string[] = [''];
		let body: string[];
		if (session) {
			const cursorVisible = this.panes.cursorVisible(session);
			const view = viewport(session.terminal, height, this.panes.scrolledTop(session), cursorVisible);
			// The focused pane shows the terminal's own cursor; the others an inverted cell.
			body = renderViewport(session.terminal, view, width, height, !focused);
		} else {
			body = Array.from({length: height}, () => ' '.repeat(width));
		}
		for (const line of body) rows.push(`${side}${line}${RESET}${side}`);
		rows.push(bottomBorder(width + 2, look));
		return rows;
	}

	/** Hides the cursor while painting and puts it back in the focused pane, if it shows there. */
	private placeCursor(snap: UiSnapshot, layout: Layout, painted: string): string {
		const focus = snap.ui.focusId;
		const pane = focus ? layout.panes.find((p) => p.taskId === focus) : undefined;
		const session = pane ? this.sessions.get(pane.taskId) : undefined;
		let state = 'hidden';
		if (pane && session && this.panes.cursorVisible(session) && this.panes.scrolledTop(session) === undefined) {
			const inner = innerOf(pane.rect);
			const view = viewport(session.terminal, inner.h, undefined, true);
			if (view.cursor && view.cursor.x < inner.w) state = `${inner.y + view.cursor.y + 1};${inner.x + view.cursor.x + 1}`;
		}
		const changed = state !== this.cursorState;
		this.cursorState = state;
		if (state === 'hidden') return changed ? `${painted}\u001b[?25l` : painted;
		if (!painted && !changed) return '';
		return `\u001b[?25l${painted}\u001b[${state}H\u001b[?25h`;
	}

	dispose(): void {
		this.disposed = true;
		clearTimeout(this.timer);
	}
}
