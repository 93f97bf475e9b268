// A pane's border, titled with the task id, state and elapsed time. The focused pane has
// a heavy green border, the selected one a cyan border, the others a grey one.
import type {TaskRecord} from '../../core/task.js';
import {duration, STATE_STYLE} from '../view/format.js';
import type {Segment} from '../view/header.js';
import {styled} from '../view/style.js';
import {sanitize, textWidth, truncate} from '../view/text.js';

export type PaneLook = 'focused' | 'selected' | 'normal';

const BOX: Record<PaneLook, {tl: string; tr: string; bl: string; br: string; h: string; v: string; style: string}> = {
	focused: {tl: '┏', tr: '┓', bl: '┗', br: '┛', h: '━', v: '┃', style: '\u001b[1;32m'},
	selected: {tl: '╭', tr: '╮', bl: '╰', br: '╯', h: '─', v: '│', style: '\u001b[1;36m'},
	normal: {tl: '╭', tr: '╮', bl: '╰', br: '╯', h: '─', v: '│', style: '\u001b[90m'},
};

export type PaneTitle = {readonly left: readonly Segment[]; readonly right: readonly Segment[]};

export type TitleExtras = {
	/** Lines the view is scrolled back by. */
	readonly scrolledBy: number;
	/** The pane is smaller than the session's screen. */
	readonly cropped: boolean;
	readonly live: boolean;
};

export function paneTitle(taskId: string, record: TaskRecord | undefined, now: number, extras: TitleExtras): PaneTitle {
	const style = record ? STATE_STYLE[record.status.state] : undefined;
	const started = record?.session?.startedAt;
	const left: Segment[] = [
		{text: `${style?.glyph ?? '·'} `, tone: style?.tone},
		{text: sanitize(taskId), bold: true},
		{text: ` ${style?.label ?? ''}`, tone: style?.tone},
	];
	if (started !== undefined && extras.live) left.push({text: ` ${duration(now - started)}`, dim: true});
	if (!extras.live) left.push({text: ' (session ended)', dim: true});
	const right: Segment[] = [];
	if (extras.scrolledBy > 0) right.push({text: `↑ ${extras.scrolledBy} lines · PgDn`, tone: 'yellow', bold: true});
	else if (extras.cropped) right.push({text: 'cropped · z zooms', dim: true});
	return {left, right};
}

function fitTitle(segments: readonly Segment[], width: number): {text: string; width: number} {
	let used = 0;
	let text = '';
	for (const segment of segments) {
		const room = width - used;
		if (room <= 0) break;
		const cut = truncate(segment.text, room);
		text += styled({...segment, text: cut});
		used += textWidth(cut);
	}
	return {text, width: used};
}

export function topBorder(width: number, title: PaneTitle, look: PaneLook): string {
	const box = BOX[look];
	if (width < 2) return '';
	const inner = width - 2;
	// "─ " before the title, " ─" around the right part; the right part only when the
	// whole left part fits beside it.
	const leftFull = title.left.reduce((sum, s) => sum + textWidth(s.text), 0);
	const rightFull = title.right.reduce((sum, s) => sum + textWidth(s.text), 0);
	const showRight = rightFull > 0 && leftFull + rightFull + 6 <= inner;
	const right = showRight ? fitTitle(title.right, rightFull) : {text: '', width: 0};
	const leftRoom = Math.max(0, inner - 3 - (right.width > 0 ? right.width + 3 : 0));
	const left = fitTitle(title.left, leftRoom);
	const fill = Math.max(0, inner - 3 - left.width - (right.width > 0 ? right.width + 2 : 0));
	let out = `${box.style}${box.tl}${box.h}\u001b[0m `;
	out += left.text;
	out += ` ${box.style}${box.h.repeat(fill)}\u001b[0m`;
	if (right.width > 0) out += ` ${right.text} `;
	out += `${box.style}${box.tr}\u001b[0m`;
	return out;
}

export function bottomBorder(width: number, look: PaneLook): string {
	const box = BOX[look];
	if (width < 2) return '';
	return `${box.style}${box.bl}${box.h.repeat(width - 2)}${box.br}\u001b[0m`;
}

export function sideBorder(look: PaneLook): string {
	const box = BOX[look];
	return `${box.style}${box.v}\u001b[0m`;
}
