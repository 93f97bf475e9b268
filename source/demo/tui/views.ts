// Screen pieces of the main view per CLI generation (claude-cli.md §6.4–6.5): banner,
// prompt box, footer, spinner, finished-turn line, and the conversation blocks.

import {formatDoneClock} from '../limit-text.js';
import type {VersionProfile} from '../versions.js';
import type {Block} from './screen.js';
import {padEnd, spread, truncate, wrapWithPrefix} from './text.js';

export const SPINNER_FRAMES = ['·', '✢', '*', '✶', '✻', '✽', '✻', '✶', '*', '✢'];
export const TITLE_FRAMES = ['◐', '◓', '◑', '◒'];
export const SPINNER_WORDS = ['Perusing', 'Nesting', 'Booping', 'Pondering', 'Crafting', 'Scurrying', 'Percolating', 'Noodling', 'Tinkering', 'Mulling'];
export const DONE_VERBS = ['Baked', 'Brewed', 'Churned', 'Cogitated', 'Cooked', 'Crunched', 'Sautéed', 'Worked'];

export function rule(width: number, char = '─'): string {
	return char.repeat(width);
}

export function elapsedText(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
	return `${Math.floor(minutes / 60)}h ${minutes % 60}m ${seconds % 60}s`;
}

export function bannerBlock(profile: VersionProfile, cwd: string, planLabel: string): Block {
	return {
		gap: false,
		render: (width) => {
			if (profile.id === '2.1.330') {
				return [` ▐▛███▛█   Claude Code v${profile.id}`, `▝▜██████▀  ${profile.modelLabel} · ${planLabel}`, ` ▝▝   ▝▝   ${cwd}`];
			}
			if (profile.id === '1.0.30') {
				const inner = Math.min(width - 2, Math.max(51, cwd.length + 10));
				const row = (text: string) => `│${padEnd(text, inner)}│`;
				return [`╭${'─'.repeat(inner)}╮`, row(' ✻ Welcome to Claude Code!'), row(''), row('   /help for help, /status for your current setup'), row(''), row(`   cwd: ${cwd}`), `╰${'─'.repeat(inner)}╯`];
			}
			const box = Math.min(width, 94);
			const left = 37;
			const right = box - left - 3;
			const title = `─── Claude Code v${profile.id} `;
			const top = `╭${title}${'─'.repeat(Math.max(0, box - 2 - title.length))}╮`;
			const center = (text: string) => {
				const pad = Math.max(0, Math.floor((left - text.length) / 2));
				return padEnd(' '.repeat(pad) + text, left);
			};
			const rows: [string, string][] = [
				['', ' Tips for getting started'],
				[center('Welcome back!'), ' Ask Claude to create a new app or clone a repository'],
				['', ` ${'─'.repeat(Math.max(0, right - 2))}`],
				[center('▐▛███▜▌'), ' Recent activity'],
				[center('▝▜█████▛▘'), ' No recent activity'],
				[center('▘▘ ▝▝'), ''],
				['', ''],
				[center(`${profile.modelLabel} · ${planLabel}`), ''],
				[center(truncate(cwd, left - 2)), ''],
			];
			const lines = [top, ...rows.map(([l, r]) => `│${padEnd(l, left)}│${padEnd(r, right)}│`), `╰${'─'.repeat(box - 2)}╯`];
			return right < 10 ? [top, `│${padEnd(` ${profile.modelLabel} · ${cwd}`, box - 2)}│`, `╰${'─'.repeat(box - 2)}╯`] : lines;
		},
	};
}

export function promptEchoBlock(profile: VersionProfile, text: string): Block {
	const mark = profile.id === '1.0.30' ? '> ' : '❯ ';
	return {gap: true, render: (width) => wrapWithPrefix(text, mark, '  ', width)};
}

export function assistantBlock(text: string): Block {
	return {gap: true, render: (width) => wrapWithPrefix(text, '● ', '  ', width)};
}

/** `  ⎿  text` lines hanging under the previous block (no blank line before). */
export function gutterBlock(lines: readonly string[], gap = false): Block {
	return {
		gap,
		render: (width) => lines.flatMap((line, index) => wrapWithPrefix(line, index === 0 ? '  ⎿  ' : '     ', '     ', width)),
	};
}

export function toolBlock(title: string, lines: readonly string[], maxLines = 6): Block {
	const shown = lines.length > maxLines ? [...lines.slice(0, maxLines - 1), `… +${lines.length - maxLines + 1} lines (ctrl+o to expand)`] : lines;
	return {
		gap: true,
		render: (width) => [
			...wrapWithPrefix(title, '● ', '  ', width),
			...shown.flatMap((line, index) => wrapWithPrefix(line, index === 0 ? '  ⎿  ' : '     ', '     ', width)),
		],
	};
}

export function plainBlock(lines: readonly string[], gap = true): Block {
	return {gap, render: (width) => lines.flatMap((line) => wrapWithPrefix(line, '', '', width))};
}

export function doneLine(profile: VersionProfile, verb: string, elapsedMs: number, nowMs: number): string | undefined {
	if (profile.doneLine === 'none') return undefined;
	const base = `✻ ${verb} for ${elapsedText(elapsedMs)}`;
	return profile.doneLine === 'clock' ? `${base} · done ${formatDoneClock(nowMs)}` : base;
}

export function spinnerLine(profile: VersionProfile, frame: number, word: string, elapsedMs: number, tokens: number): string {
	const glyph = SPINNER_FRAMES[frame % SPINNER_FRAMES.length] ?? '·';
	if (profile.busyStyle === 'v2077') return `${glyph} ${word}… (esc to interrupt)`;
	if (profile.busyStyle === 'v1') return `${glyph} ${word}… (${Math.floor(elapsedMs / 1000)}s · ↓ ${tokens} tokens · esc to interrupt)`;
	return `${glyph} ${word}… (${elapsedText(elapsedMs)} · ↓ ${tokens} tokens)`;
}

export function modeFooter(profile: VersionProfile, mode: string): string {
	const modern = profile.id === '2.1.330';
	switch (mode) {
		case 'auto':
			return '  ⏵⏵ auto mode on (shift+tab to cycle)';
		case 'acceptEdits':
			return '  ⏵⏵ accept edits on (shift+tab to cycle)';
		case 'plan':
			return '  ⏸ plan mode on (shift+tab to cycle)';
		case 'bypassPermissions':
			return '  ⏵⏵ bypass permissions on (shift+tab to cycle)';
		case 'dontAsk':
			return "  ⏵⏵ don't ask on (shift+tab to cycle)";
		default:
			return modern ? '  ⏸ manual mode on · ? for shortcuts' : '  ? for shortcuts';
	}
}

export function footerLines(profile: VersionProfile, mode: string, busy: boolean, width: number, note: string | undefined): string[] {
	let left = modeFooter(profile, mode);
	if (busy && profile.busyStyle === 'modern') left = left === '  ? for shortcuts' ? '  esc to interrupt' : `${left} · esc to interrupt`;
	return [note ? spread(left, note, width) : left];
}

export function promptBox(profile: VersionProfile, input: string, width: number): string[] {
	if (profile.id === '1.0.30') {
		const inner = width - 2;
		const text = input === '' ? '> Try "how does <filepath> work?"' : `> ${input}`;
		const body = wrapWithPrefix(text, ' ', '   ', inner - 1).map((line) => `│${padEnd(line, inner)}│`);
		return [`╭${'─'.repeat(inner)}╮`, ...body, `╰${'─'.repeat(inner)}╯`];
	}
	const body = wrapWithPrefix(input, '❯ ', '  ', width);
	return [rule(width), ...body, rule(width)];
}

export function cyclePermissionMode(profile: VersionProfile, mode: string): string {
	const order = profile.id === '2.1.330' ? ['auto', 'manual', 'acceptEdits', 'plan'] : ['default', 'acceptEdits', 'plan'];
	const current = mode === 'default' && profile.id === '2.1.330' ? 'manual' : mode === 'manual' && profile.id !== '2.1.330' ? 'default' : mode;
	const index = order.indexOf(current);
	return order[(index + 1) % order.length] ?? order[0] ?? mode;
}
