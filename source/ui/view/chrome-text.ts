// Each chrome region of a snapshot as styled lines, exactly as tall as the layout says.
// The Ink components draw these; the first frame (before Ink has loaded) is the same
// lines put together directly.
import {footerLine} from '../keys/footer.js';
import type {UiSnapshot} from '../state/snapshot.js';
import {alertLines, headerLines} from './header.js';
import {overlayModel, scrolled} from './overlays.js';
import {lineText, styled} from './style.js';
import {tableModel, type TableRow} from './table.js';
import {fit} from './text.js';

const pad = (lines: readonly string[], height: number): string[] => Array.from({length: height}, (_, i) => lines[i] ?? '');

export function headerText(snap: UiSnapshot): string[] {
	const {layout, ui, engine, now} = snap;
	const lines = headerLines({
		engine,
		now,
		width: layout.size.cols,
		panesShown: layout.panes.length,
		sessions: layout.overlay ? 0 : snap.sessions.length,
		metricsUrl: snap.metricsUrl,
		unacknowledged: snap.unacknowledged,
		filter: ui.filter,
	});
	return pad(lines.map(lineText), layout.header.h);
}

export function rowText(row: TableRow): string {
	const [state, ...rest] = row.cells;
	const marker = styled({text: row.selected ? '› ' : '  ', tone: row.selected ? undefined : 'cyan', bold: true, inverse: row.selected});
	return `${marker}${styled({text: state ?? '', tone: row.tone, inverse: row.selected})}${styled({text: ` ${rest.join(' ')}`, inverse: row.selected, dim: row.quiet && !row.selected})}`;
}

export function tableText(snap: UiSnapshot): string[] {
	const table = snap.layout.table;
	if (!table) return [];
	const model = tableModel({
		rows: snap.rows,
		total: snap.engine.tasks.size,
		selectedId: snap.selected?.id,
		top: snap.tableTop,
		height: table.h - 1,
		width: snap.layout.size.cols,
		now: snap.now,
		settings: snap.engine.settings,
		filter: snap.ui.filter,
	});
	const lines = [styled({text: `  ${model.heading.join(' ')}`, bold: true, dim: true})];
	if (model.empty) lines.push(styled({text: `  ${model.empty}`, dim: true}));
	for (const row of model.rows) lines.push(rowText(row));
	return pad(lines, table.h);
}

export function alertsText(snap: UiSnapshot): string[] {
	const alerts = snap.layout.alerts;
	if (!alerts) return [];
	return pad(alertLines(snap.alerts, alerts.h, snap.layout.size.cols).map(lineText), alerts.h);
}

export function footerText(snap: UiSnapshot): string[] {
	return snap.layout.footer.h > 0 ? [lineText(footerLine(snap, snap.layout.size.cols))] : [];
}

/** Content width inside a dialog's frame (a border and one column of padding each side). */
export const overlayContentWidth = (width: number): number => Math.max(1, width - 4);

/** A dialog's title line and body lines, scrolled to fit inside its frame. */
export function overlayText(snap: UiSnapshot): {title: string; body: string[]} | undefined {
	const rect = snap.layout.overlay;
	if (!rect || !snap.ui.overlay) return undefined;
	const width = overlayContentWidth(rect.w);
	const model = overlayModel(snap.ui.overlay, snap.engine, width);
	const bodyHeight = Math.max(0, rect.h - 3);
	const view = scrolled(model.lines, model.scroll ?? 0, bodyHeight);
	const position = view.total > bodyHeight ? `${view.start + 1}–${Math.min(view.total, view.start + bodyHeight)} of ${view.total}` : '';
	const title = `${styled({text: fit(model.title, Math.max(1, width - position.length - 1)), bold: true, tone: 'cyan'})} ${styled({text: position, dim: true})}`;
	return {title, body: pad(view.lines.map(lineText), bodyHeight)};
}
