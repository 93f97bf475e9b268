// The one store the dashboard reads (useSyncExternalStore): it follows the orchestrator,
// the alerts and the clock, holds the UI's own state, and exposes named actions. Engine
// changes are coalesced (at most five snapshots a second); a person's actions show at once.
import type {EngineState} from '../../core/engine-state.js';
import type {UserCommand} from '../../core/events.js';
import type {Alert} from '../../runtime/alerts/alerts.js';
import type {Session} from '../../runtime/pty/session.js';
import type {Size} from '../layout/layout.js';
import {buildSnapshot, type UiSnapshot} from './snapshot.js';
import {TaskOrder} from './task-order.js';
import {initialUi, type Flash, type UiState} from './ui-state.js';

export type EngineLike = {
	getState(): EngineState;
	subscribe(listener: () => void): () => void;
	command(command: UserCommand): string | undefined;
	readonly alerts: {list(): readonly Alert[]; acknowledge(id?: number): void; subscribe(listener: (alert: Alert) => void): () => void};
	readonly sessions: {all(): Session[]; get(taskId: string): Session | undefined};
};

export type StoreOptions = {
	readonly engine: EngineLike;
	readonly size: Size;
	readonly now?: () => number;
	readonly metricsUrl?: string;
	/** Called for each session the dashboard has not seen yet (the panes attach to it). */
	readonly onSession?: (session: Session) => void;
	/** Minimum time between two snapshots caused by the engine. */
	readonly engineIntervalMs?: number;
};

const FLASH_MS = 5000;

export class UiStore {
	private readonly listeners = new Set<() => void>();
	private readonly order = new TaskOrder();
	private readonly seen = new WeakSet<Session>();
	private readonly now: () => number;
	private ui: UiState;
	private version = 0;
	private snapshot: UiSnapshot | undefined;
	private time: number;
	private tableTop = 0;
	private selectedIndex = 0;
	private lastEngine: EngineState;
	private sessionKey = '';
	private lastEmit = 0;
	private emitTimer: NodeJS.Timeout | undefined;
	private readonly unsubscribe: (() => void)[] = [];

	constructor(readonly options: StoreOptions) {
		this.now = options.now ?? Date.now;
		this.time = this.now();
		this.ui = initialUi(options.size);
		this.lastEngine = options.engine.getState();
		this.sessionKey = this.liveSessions().join('\n');
		this.attachSessions();
		this.unsubscribe.push(options.engine.subscribe(() => this.onEngine()));
		this.unsubscribe.push(options.engine.alerts.subscribe(() => this.emitSoon()));
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): UiSnapshot => {
		if (this.snapshot?.version !== this.version) {
			const engine = this.options.engine.getState();
			const snapshot = buildSnapshot({
				version: this.version,
				engine,
				ui: this.ui,
				now: this.time,
				alerts: this.options.engine.alerts.list(),
				rows: this.order.rows(engine, this.ui.filter),
				sessions: this.liveSessions(),
				previousTop: this.tableTop,
				previousIndex: this.selectedIndex,
				metricsUrl: this.options.metricsUrl,
			});
			this.tableTop = snapshot.tableTop;
			this.selectedIndex = Math.max(0, snapshot.selectedIndex);
			// The selection stays on its task while rows move (new tasks start, others end).
			if (snapshot.selected && snapshot.selected.id !== this.ui.selectedId) this.ui = {...this.ui, selectedId: snapshot.selected.id};
			this.snapshot = {...snapshot, ui: this.ui};
		}
		return this.snapshot;
	};

	get state(): UiState {
		return this.ui;
	}

	get engine(): EngineLike {
		return this.options.engine;
	}

	/** Replaces the UI state and shows it now (a person's action). */
	update(change: (ui: UiState) => UiState): void {
		const next = change(this.ui);
		if (next === this.ui) return;
		this.ui = next;
		this.emit();
	}

	flash(text: string, tone: Flash['tone'] = 'warn'): void {
		this.update((ui) => ({...ui, flash: {text, tone, until: this.now() + FLASH_MS}}));
	}

	/** Runs a command on the engine; a refusal is shown in the footer. */
	command(command: UserCommand, done?: string): boolean {
		const problem = this.options.engine.command(command);
		if (problem) {
			this.flash(problem, 'warn');
			return false;
		}
		if (done) this.flash(done, 'info');
		else this.emit();
		return true;
	}

	setSize(size: Size): void {
		if (size.cols === this.ui.size.cols && size.rows === this.ui.size.rows) return;
		this.update((ui) => ({...ui, size}));
	}

	/** The clock: countdowns and elapsed times move once a second. */
	tick(): void {
		this.time = this.now();
		if (this.ui.flash && this.ui.flash.until <= this.time) this.ui = {...this.ui, flash: undefined};
		this.emit();
	}

	liveSessions(): string[] {
		return this.options.engine.sessions
			.all()
			.filter((s) => s.alive)
			.map((s) => s.taskId);
	}

	dispose(): void {
		clearTimeout(this.emitTimer);
		for (const off of this.unsubscribe) off();
		this.listeners.clear();
	}

	private attachSessions(): void {
		for (const session of this.options.engine.sessions.all()) {
			if (this.seen.has(session)) continue;
			this.seen.add(session);
			this.options.onSession?.(session);
		}
	}

	private onEngine(): void {
		// Attached synchronously: the session was created in this same turn, before any output.
		this.attachSessions();
		const engine = this.options.engine.getState();
		const key = this.liveSessions().join('\n');
		const last = this.lastEngine;
		const changed =
			engine.tasks !== last.tasks || engine.holds !== last.holds || engine.queuePaused !== last.queuePaused || engine.activeCount !== last.activeCount || key !== this.sessionKey;
		this.lastEngine = engine;
		this.sessionKey = key;
		if (!changed) return;
		const focus = this.ui.focusId;
		if (focus && !this.options.engine.sessions.get(focus)?.alive) {
			this.ui = {...this.ui, focusId: undefined, flash: {text: `${focus}: the session ended; keys go to the dashboard again`, tone: 'info', until: this.now() + FLASH_MS}};
		}
		this.emitSoon();
	}

	private emitSoon(): void {
		if (this.emitTimer) return;
		const wait = Math.max(0, (this.options.engineIntervalMs ?? 200) - (this.now() - this.lastEmit));
		this.emitTimer = setTimeout(() => {
			this.emitTimer = undefined;
			this.emit();
		}, wait);
	}

	private emit(): void {
		this.version++;
		this.lastEmit = this.now();
		for (const listener of this.listeners) listener();
	}
}
