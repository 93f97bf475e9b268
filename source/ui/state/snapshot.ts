// One immutable picture of everything the dashboard shows: the engine's state, the UI's
// state, the clock, alerts, the ordered rows and the layout. Components and the
// compositor read only this.
import type {EngineState} from '../../core/engine-state.js';
import type {TaskRecord} from '../../core/task.js';
import type {Alert} from '../../runtime/alerts/alerts.js';
import {computeLayout, type Layout} from '../layout/layout.js';
import {alertsHeight, headerHeight} from '../view/header.js';
import {contextOf, windowStart, type KeyContext, type UiState} from './ui-state.js';

export type UiSnapshot = {
	readonly version: number;
	readonly engine: EngineState;
	readonly ui: UiState;
	readonly now: number;
	/** Newest first. */
	readonly alerts: readonly Alert[];
	readonly unacknowledged: number;
	/** Filtered rows in table order. */
	readonly rows: readonly TaskRecord[];
	/** The selected task (the first row when nothing valid is selected). */
	readonly selected?: TaskRecord;
	readonly selectedIndex: number;
	readonly tableTop: number;
	/** Task ids with a live session, oldest first. */
	readonly sessions: readonly string[];
	readonly layout: Layout;
	readonly context: KeyContext;
	readonly metricsUrl?: string;
};

export type SnapshotInput = {
	readonly version: number;
	readonly engine: EngineState;
	readonly ui: UiState;
	readonly now: number;
	readonly alerts: readonly Alert[];
	readonly rows: readonly TaskRecord[];
	readonly sessions: readonly string[];
	readonly previousTop: number;
	/** Where the selection was: when its task leaves the table, its neighbour is selected. */
	readonly previousIndex: number;
	readonly metricsUrl?: string;
};

export function buildSnapshot(input: SnapshotInput): UiSnapshot {
	const {ui, rows} = input;
	let selectedIndex = ui.selectedId !== undefined ? rows.findIndex((r) => r.id === ui.selectedId) : -1;
	if (selectedIndex < 0 && rows.length > 0) selectedIndex = Math.max(0, Math.min(input.previousIndex, rows.length - 1));
	const selected = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
	const zoomTarget = ui.zoom ? (ui.focusId ?? selected?.id) : undefined;
	const layout = computeLayout({
		size: ui.size,
		headerLines: headerHeight(input.engine),
		alertLines: alertsHeight(input.alerts, ui.size.rows),
		taskRows: Math.max(1, rows.length),
		sessions: input.sessions,
		selectedId: ui.focusId ?? selected?.id,
		zoomId: zoomTarget,
		overlay: ui.overlay !== undefined,
		maxPanes: ui.gridMax,
	});
	const bodyHeight = Math.max(0, (layout.table?.h ?? 0) - 1);
	const tableTop = windowStart(input.previousTop, selectedIndex, rows.length, bodyHeight);
	return {
		version: input.version,
		engine: input.engine,
		ui,
		now: input.now,
		alerts: input.alerts,
		unacknowledged: input.alerts.reduce((n, a) => n + (a.acknowledged ? 0 : 1), 0),
		rows,
		selected,
		selectedIndex,
		tableTop,
		sessions: input.sessions,
		layout,
		context: contextOf(ui),
		metricsUrl: input.metricsUrl,
	};
}
