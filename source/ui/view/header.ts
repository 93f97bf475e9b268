// The header and alerts strip as view-models: lines of styled segments, already cut to
// the width, so the components only map segments to <Text>.
import type {EngineState} from '../../core/engine-state.js';
import type {Alert} from '../../runtime/alerts/alerts.js';
import {clockTime, COUNT_ORDER, countdown, STATE_STYLE, type Tone} from './format.js';
import {sanitize, textWidth, truncate} from './text.js';

export type Segment = {readonly text: string; readonly tone?: Tone; readonly bold?: boolean; readonly dim?: boolean; readonly inverse?: boolean};
export type Line = readonly Segment[];

export type Item = {readonly segment: Segment; readonly priority: number; /** Cut to fit instead of dropped. */ readonly flex?: boolean};

/**
 * Keeps segments in order, dropping the least important ones until the line fits; a
 * flexible segment (a message) is never dropped but cut to the room that is left.
 */
export function fitSegments(items: readonly Item[], width: number): Segment[] {
	const kept = new Set(items.map((_, i) => i));
	const FLEX_MIN = 12;
	const w = (i: number): number => textWidth(items[i]!.segment.text);
	const need = (flexAtMost: number): number => [...kept].reduce((sum, i) => sum + (items[i]!.flex ? Math.min(flexAtMost, w(i)) : w(i)), 0);
	const flexPriority = Math.max(-Infinity, ...items.filter((item) => item.flex).map((item) => item.priority));
	const byPriority = items
		.map((item, i) => ({i, p: item.priority, flex: item.flex}))
		.filter((entry) => !entry.flex)
		.sort((a, b) => a.p - b.p || b.i - a.i);
	// Less important segments make way for a message shown whole, then for one cut short.
	for (const {i, p} of byPriority) {
		if (need(Infinity) <= width || p >= flexPriority) break;
		kept.delete(i);
	}
	for (const {i} of byPriority) {
		if (need(FLEX_MIN) <= width || kept.size <= 1) break;
		if (kept.has(i)) kept.delete(i);
	}
	const fixed = [...kept].reduce((sum, i) => sum + (items[i]!.flex ? 0 : textWidth(items[i]!.segment.text)), 0);
	let flexRoom = Math.max(0, width - fixed);
	let used = 0;
	return items.flatMap((item, i) => {
		if (!kept.has(i)) return [];
		const room = width - used;
		if (room <= 0) return [];
		let limit = room;
		if (item.flex) {
			limit = Math.min(room, flexRoom);
			flexRoom -= Math.min(flexRoom, textWidth(item.segment.text));
		}
		const text = truncate(item.segment.text, limit);
		used += textWidth(text);
		return text ? [{...item.segment, text}] : [];
	});
}

export type HeaderInput = {
	readonly engine: EngineState;
	readonly now: number;
	readonly width: number;
	readonly panesShown: number;
	readonly sessions: number;
	readonly metricsUrl?: string;
	readonly unacknowledged: number;
	readonly filter: string;
};

export const MAX_HOLD_LINES = 2;

export function headerLines(input: HeaderInput): Line[] {
	const {engine, width} = input;
	const items: Item[] = [];
	const add = (segment: Segment, priority: number): void => {
		items.push({segment, priority});
	};
	add({text: ' auto-claude ', bold: true, inverse: true}, 100);
	add({text: ' workers ', dim: true}, 40);
	add({text: `${engine.activeCount}/${engine.settings.config.concurrency}`, bold: true}, 90);
	const narrow = width < 100;
	for (const state of COUNT_ORDER) {
		const n = engine.counts[state] ?? 0;
		if (n === 0) continue;
		const style = STATE_STYLE[state];
		const important = state === 'waiting_input' || state === 'needs_review' || state === 'failed' || state === 'rejected';
		add({text: narrow ? `  ${style.glyph}${n}` : `  ${style.glyph} ${n} ${style.label}`, tone: style.tone, bold: important}, important ? 80 : 60 - COUNT_ORDER.indexOf(state));
	}
	if (engine.queuePaused) add({text: '  ‖ queue paused', tone: 'yellow', bold: true}, 85);
	if (input.unacknowledged > 0) add({text: `  ▲ ${input.unacknowledged} alert${input.unacknowledged === 1 ? '' : 's'}`, tone: 'red', bold: true}, 75);
	if (input.sessions > input.panesShown) add({text: `  panes ${input.panesShown}/${input.sessions}`, dim: true}, 30);
	if (input.metricsUrl) add({text: `  ${input.metricsUrl}`, dim: true}, 20);
	const lines: Line[] = [fitSegments(items, width)];
	const holds = [...engine.holds.values()].sort((a, b) => a.resumeAt - b.resumeAt);
	holds.slice(0, MAX_HOLD_LINES).forEach((hold, index) => {
		const more = index === MAX_HOLD_LINES - 1 && holds.length > MAX_HOLD_LINES ? ` (+${holds.length - MAX_HOLD_LINES} more)` : '';
		const resets = hold.resetsAt ? ` · resets ${clockTime(hold.resetsAt)}` : ' · reset time unknown, probing';
		lines.push(
			fitSegments(
				[
					{segment: {text: ` ◷ ${hold.account} held`, tone: 'magenta', bold: true}, priority: 100},
					{segment: {text: ` · resumes in ${countdown(hold.resumeAt - input.now)}`, tone: 'magenta', bold: true}, priority: 90},
					{segment: {text: resets, tone: 'magenta'}, priority: 50},
					{segment: {text: ` · ${sanitize(hold.text)}${more}`, dim: true}, priority: 10, flex: true},
				],
				width,
			),
		);
	});
	return lines;
}

export function headerHeight(engine: EngineState): number {
	return 1 + Math.min(MAX_HOLD_LINES, engine.holds.size);
}

const SEVERITY_TONE: Record<string, Tone> = {P1: 'red', P2: 'yellow', P3: 'cyan'};

/** How many alert lines to show: none without alerts, more on taller screens. */
export function alertsHeight(alerts: readonly Alert[], rows: number): number {
	if (alerts.length === 0) return 0;
	const max = rows < 30 ? 1 : rows < 60 ? 2 : 3;
	return Math.min(max, alerts.length);
}

export function alertLines(alerts: readonly Alert[], height: number, width: number): Line[] {
	const unacked = alerts.filter((a) => !a.acknowledged).length;
	return alerts.slice(0, height).map((alert, index) => {
		const acked = alert.acknowledged === true;
		const last = index === height - 1;
		const hidden = alerts.length - height;
		const tone: Tone = acked ? 'gray' : (SEVERITY_TONE[alert.severity] ?? 'white');
		const suffix = last && hidden > 0 ? `  (+${hidden} older${unacked > 0 ? ' · A acknowledges' : ''})` : last && unacked > 0 ? '  (A acknowledges)' : '';
		const items: Item[] = [
				{segment: {text: ` ${alert.severity} `, tone, bold: !acked, inverse: !acked}, priority: 100},
				{segment: {text: ` ${clockTime(alert.at)} `, dim: true}, priority: 60},
				{segment: {text: alert.taskId ? `${alert.taskId}: ` : '', tone, bold: !acked}, priority: 70},
				{segment: {text: sanitize(alert.message), tone: acked ? 'gray' : undefined, dim: acked}, priority: 90, flex: true},
				{segment: {text: suffix, dim: true}, priority: 20},
		];
		return fitSegments(items.filter((item) => item.segment.text), width);
	});
}
