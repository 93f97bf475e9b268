// The dashboard's side of each session: output marks its pane dirty, the cursor's
// visibility is followed (xterm keeps it private), scrollback positions are kept per
// session (anchored to a marker so new output does not move what is being read), keys
// typed in a focused pane are written to it, and visible sessions are resized to their
// panes (debounced: dragging a window edge must not send a storm of SIGWINCHes).
import type {Session} from '../../runtime/pty/session.js';
import {ptySizeFor, type PaneRect} from '../layout/layout.js';
import type {AgentModes} from '../terminal/passthrough.js';

type Marker = {readonly line: number; readonly isDisposed: boolean; dispose(): void};

type PaneState = {
	cursorVisible: boolean;
	/** Scrolled back: the marker on the pane's first line. */
	scroll?: Marker;
	/** When the agent began a synchronized update it has not finished. */
	syncSince?: number;
	typedAt: number;
};

export type SessionLookup = {get(taskId: string): Session | undefined};

export class Panes {
	private readonly states = new WeakMap<Session, PaneState>();
	private resizeTimer: NodeJS.Timeout | undefined;
	private wanted = new Map<string, {cols: number; rows: number}>();
	/** Interior heights of the shown panes (a page of scrolling). */
	private heights = new Map<string, number>();

	constructor(
		private readonly sessions: SessionLookup,
		private readonly onDirty: (taskId: string) => void,
		private readonly options: {resizeDelayMs?: number; now?: () => number} = {},
	) {}

	/** Follows a new session: output makes its pane dirty; DECTCEM shows or hides its cursor. */
	attach(session: Session): void {
		if (this.states.has(session)) return;
		const state: PaneState = {cursorVisible: true, typedAt: 0};
		this.states.set(session, state);
		const cursorMode = (visible: boolean) => (params: (number | number[])[]) => {
			if (params.some((p) => p === 25)) {
				state.cursorVisible = visible;
				this.onDirty(session.taskId);
			}
			return false;
		};
		try {
			session.terminal.parser.registerCsiHandler({prefix: '?', final: 'h'}, cursorMode(true));
			session.terminal.parser.registerCsiHandler({prefix: '?', final: 'l'}, cursorMode(false));
		} catch {
			// A disposed terminal: nothing to follow.
		}
		session.onOutput(() => this.onDirty(session.taskId));
	}

	private state(session: Session): PaneState {
		let state = this.states.get(session);
		if (!state) {
			this.attach(session);
			state = this.states.get(session)!;
		}
		return state;
	}

	cursorVisible(session: Session): boolean {
		return this.state(session).cursorVisible;
	}

	/** The absolute line a scrolled-back pane starts at, or undefined when it follows the output. */
	scrolledTop(session: Session): number | undefined {
		const marker = this.state(session).scroll;
		if (!marker) return undefined;
		if (marker.isDisposed) return 0;
		return marker.line;
	}

	/** Lines between the pane's view and the live screen. */
	scrolledBy(session: Session, height: number): number {
		const top = this.scrolledTop(session);
		if (top === undefined) return 0;
		const buffer = session.terminal.buffer.active;
		return Math.max(0, buffer.baseY + session.terminal.rows - height - top);
	}

	scroll(taskId: string, pages: number | 'end'): string | undefined {
		const height = this.heights.get(taskId) ?? 10;
		const session = this.sessions.get(taskId);
		if (!session) return `${taskId} has no session`;
		const state = this.state(session);
		const terminal = session.terminal;
		const buffer = terminal.buffer.active;
		if (pages === 'end') {
			if (!state.scroll) return undefined;
			state.scroll.dispose();
			state.scroll = undefined;
			this.onDirty(taskId);
			return undefined;
		}
		if (buffer.type === 'alternate') return `${taskId} uses the full screen: it has no scrollback here`;
		const bottomTop = Math.max(0, buffer.baseY + terminal.rows - height);
		if (buffer.baseY === 0 && terminal.rows <= height && pages > 0) return `${taskId}: nothing to scroll back to yet`;
		const current = this.scrolledTop(session) ?? bottomTop;
		const target = Math.max(0, Math.min(bottomTop, current - pages * Math.max(1, height - 1)));
		state.scroll?.dispose();
		state.scroll = undefined;
		if (target < bottomTop) {
			// Markers are placed relative to the cursor line.
			const marker = terminal.registerMarker(target - (buffer.baseY + buffer.cursorY));
			if (marker) state.scroll = marker;
		}
		this.onDirty(taskId);
		return undefined;
	}

	/** Agent modes a focused pane's keys must follow. */
	modes(taskId: string): AgentModes {
		const terminal = this.sessions.get(taskId)?.terminal;
		if (!terminal) return {applicationCursorKeys: false, bracketedPaste: false, alternateScreen: false};
		return {
			applicationCursorKeys: terminal.modes.applicationCursorKeysMode,
			bracketedPaste: terminal.modes.bracketedPasteMode,
			alternateScreen: terminal.buffer.active.type === 'alternate',
		};
	}

	write(taskId: string, data: string): void {
		this.sessions.get(taskId)?.write(data);
	}

	/** A keystroke: back to the live screen, and the echo is painted as soon as it comes. */
	typed(taskId: string): void {
		const session = this.sessions.get(taskId);
		if (!session) return;
		const state = this.state(session);
		state.typedAt = (this.options.now ?? Date.now)();
		if (state.scroll) this.scroll(taskId, 'end');
	}

	/** Milliseconds since a key was typed into this session's pane. */
	sinceTyped(session: Session): number {
		return (this.options.now ?? Date.now)() - this.state(session).typedAt;
	}

	/**
	 * Whether the agent is in the middle of a synchronized update (`CSI ?2026h`): its
	 * screen is half drawn, so painting waits (at most a quarter second).
	 */
	midUpdate(session: Session): boolean {
		const state = this.state(session);
		if (!session.terminal.modes.synchronizedOutputMode) {
			state.syncSince = undefined;
			return false;
		}
		const now = (this.options.now ?? Date.now)();
		state.syncSince ??= now;
		return now - state.syncSince < 250;
	}

	/** Gives each shown session its pane's size, once the layout has stopped changing. */
	fit(panes: readonly PaneRect[]): void {
		this.wanted = new Map(panes.map((p) => [p.taskId, ptySizeFor(p.rect)]));
		this.heights = new Map(panes.map((p) => [p.taskId, Math.max(1, p.rect.h - 2)]));
		clearTimeout(this.resizeTimer);
		this.resizeTimer = setTimeout(() => this.applySizes(), this.options.resizeDelayMs ?? 150);
		this.resizeTimer.unref?.();
	}

	private applySizes(): void {
		for (const [taskId, size] of this.wanted) {
			const session = this.sessions.get(taskId);
			if (!session?.alive) continue;
			if (session.cols === size.cols && session.rows === size.rows) continue;
			session.resize(size.cols, size.rows);
			// The agent redraws for its new size; detectors look at the screen again.
			session.refresh();
			this.onDirty(taskId);
		}
	}

	dispose(): void {
		clearTimeout(this.resizeTimer);
	}
}
