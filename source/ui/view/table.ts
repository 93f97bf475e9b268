// The task table as a view-model: columns sized to the width (the title absorbs what is
// left), one row of fitted cells per visible task, and a heading with the filter.
import {taskLimits, type EngineSettings} from '../../core/engine-state.js';
import type {TaskRecord} from '../../core/task.js';
import {reasonOf} from '../../app/views.js';
import {attemptsLabel, priorityLabel, STATE_STYLE, taskTime, type Tone} from './format.js';
import {fit, sanitize} from './text.js';

export type Column = {readonly key: 'state' | 'id' | 'title' | 'priority' | 'tries' | 'time'; readonly title: string; readonly width: number; readonly align: 'left' | 'right'};

export type TableRow = {
	readonly id: string;
	readonly cells: readonly string[];
	readonly tone: Tone;
	readonly selected: boolean;
	/** Shown dimmed: finished tasks. */
	readonly quiet: boolean;
};

export type TableModel = {readonly columns: readonly Column[]; readonly heading: readonly string[]; readonly rows: readonly TableRow[]; readonly empty?: string};

const GAP = 1;

export function tableColumns(width: number): Column[] {
	const columns: Column[] = [
		{key: 'state', title: 'STATE', width: 14, align: 'left'},
		{key: 'id', title: 'ID', width: width >= 120 ? 24 : width >= 100 ? 20 : 16, align: 'left'},
		{key: 'title', title: 'TITLE', width: 0, align: 'left'},
		{key: 'priority', title: 'PRI', width: 6, align: 'left'},
		{key: 'tries', title: 'TRIES', width: 5, align: 'right'},
		{key: 'time', title: 'TIME', width: 9, align: 'right'},
	];
	// Narrow screens drop the least useful columns before the title gets too short.
	const drop = (key: Column['key']): void => {
		const index = columns.findIndex((c) => c.key === key);
		if (index >= 0) columns.splice(index, 1);
	};
	const fixed = (): number => columns.reduce((sum, c) => sum + (c.key === 'title' ? 0 : c.width), 0) + GAP * (columns.length - 1) + 2;
	if (width - fixed() < 16) drop('priority');
	if (width - fixed() < 12) drop('tries');
	if (width - fixed() < 10) drop('time');
	const title = columns.find((c) => c.key === 'title')!;
	return columns.map((c) => (c === title ? {...title, width: Math.max(4, width - fixed())} : c));
}

function cell(column: Column, record: TaskRecord, settings: EngineSettings, now: number): string {
	switch (column.key) {
		case 'state': {
			const style = STATE_STYLE[record.status.state];
			return `${style.glyph} ${style.label}`;
		}
		case 'id':
			return record.id;
		case 'title': {
			const title = sanitize(record.spec?.title ?? record.id);
			const reason = reasonOf(record);
			// Why a task is stuck is worth more than the end of its title.
			return reason && record.status.state !== 'rate_limited' ? `${title} — ${sanitize(reason)}` : title;
		}
		case 'priority':
			return priorityLabel(record.spec?.priority ?? 0);
		case 'tries':
			return attemptsLabel(record, taskLimits(settings, record.spec).maxAttempts);
		case 'time':
			return taskTime(record, now);
	}
}

export type TableInput = {
	readonly rows: readonly TaskRecord[];
	readonly total: number;
	readonly selectedId?: string;
	readonly top: number;
	/** Body rows (the heading takes one more). */
	readonly height: number;
	readonly width: number;
	readonly now: number;
	readonly settings: EngineSettings;
	readonly filter: string;
};

export function tableModel(input: TableInput): TableModel {
	const columns = tableColumns(input.width);
	const heading = columns.map((c) => {
		const title = c.key === 'title' && input.filter ? `TITLE  filter "${input.filter}": ${input.rows.length} of ${input.total}` : c.title;
		return fit(title, c.width, c.align);
	});
	const visible = input.rows.slice(input.top, input.top + Math.max(0, input.height));
	const rows = visible.map((record) => ({
		id: record.id,
		cells: columns.map((c) => fit(cell(c, record, input.settings, input.now), c.width, c.align)),
		tone: STATE_STYLE[record.status.state].tone,
		selected: record.id === input.selectedId,
		quiet: record.status.state === 'done' || record.status.state === 'cancelled',
	}));
	const empty = input.total === 0 ? 'No tasks yet: drop a file into tasks/ or press a to add one.' : input.rows.length === 0 ? `No task matches "${input.filter}" (Esc clears the filter).` : undefined;
	return {columns, heading, rows, empty};
}

export const COLUMN_GAP = GAP;
