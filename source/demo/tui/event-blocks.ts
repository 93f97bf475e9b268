// How engine events look in the conversation (claude-cli.md §6.5–6.6, Part B §2.5–2.6).

import type {EngineEvent, ToolCall} from '../engine/events.js';
import type {VersionProfile} from '../versions.js';
import type {Block} from './screen.js';
import {assistantBlock, gutterBlock, plainBlock, toolBlock} from './views.js';

export const INTERRUPTED = 'Interrupted · What should Claude do instead?';

export function toolTitle(call: ToolCall): string {
	return `${call.name}(${call.label})`;
}

/** Blocks to commit for an event, plus an optional footer note (right side). */
export function blocksForEvent(profile: VersionProfile, event: EngineEvent): {blocks: Block[]; note?: string} {
	const modern = profile.id === '2.1.330';
	switch (event.type) {
		case 'assistant':
			return {blocks: event.block.type === 'text' ? [assistantBlock(event.block.text)] : []};
		case 'tool-done':
			return {blocks: [toolBlock(toolTitle(event.call), [...(event.run.note ? [event.run.note] : []), ...event.run.display])]};
		case 'tool-blocked':
			if (modern && event.source === 'pre-hook' && event.call.name === 'Bash') {
				return {
					blocks: [
						plainBlock(['  Did not run 1 call', `  ⎿  $ ${event.call.label}`, '  ⎿  Not run · permission denied']),
						{gap: false, render: () => event.reason.trimEnd().split('\n').map((line, index) => `     │ ${index === 0 ? 'Reason: ' : ''}${line}`)},
					],
				};
			}
			return {blocks: [toolBlock(toolTitle(event.call), [`Error: ${event.reason.trimEnd()}`], 8)]};
		case 'tool-rejected':
			return {blocks: [toolBlock(toolTitle(event.call), [INTERRUPTED])]};
		case 'hook-failure': {
			const stderr = event.stderr.trimEnd();
			if (event.label === 'Stop') {
				return modern
					? {blocks: [toolBlockRaw('Ran 1 stop hook', ['Stop hook failed', ...stderr.split('\n')])], note: 'stop hook problem · ctrl+o to see'}
					: {blocks: [toolBlockRaw('Ran 1 stop hook (ctrl+o to expand)', [`Stop hook error: Failed with non-blocking status code: ${stderr}`])], note: 'Stop hook error occurred · ctrl+o to see'};
			}
			return modern
				? {blocks: [gutterBlock([`${event.label} hook failed`, ...stderr.split('\n')])]}
				: {blocks: [gutterBlock([`${event.label} hook error`]), gutterBlock([`Failed with non-blocking status code: ${stderr}`])]};
		}
		case 'stop-hook-block': {
			const lines = event.reason.trimEnd().split('\n');
			return modern
				? {blocks: [toolBlockRaw('Ran 1 stop hook', ['Stop hook reported a problem', ...lines])], note: 'stop hook problem · ctrl+o to see'}
				: {blocks: [toolBlockRaw('Ran 1 stop hook (ctrl+o to expand)', [`Stop hook error: ${lines[0] ?? ''}`, ...lines.slice(1)])], note: 'Stop hook error occurred · ctrl+o to see'};
		}
		case 'prompt-blocked':
			return {blocks: [gutterBlock(['UserPromptSubmit operation blocked by hook:', ...event.reason.trimEnd().split('\n')])]};
		case 'api-error':
			return {blocks: event.error === 'rate_limit' ? [] : [gutterBlock([event.text])]};
		default:
			return {blocks: []};
	}
}

function toolBlockRaw(title: string, lines: readonly string[]): Block {
	return toolBlock(title, lines, 50);
}
