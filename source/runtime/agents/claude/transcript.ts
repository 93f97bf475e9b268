// Reading a claude transcript (~/.claude/projects/<escaped cwd>/<session>.jsonl): token
// usage and cost, and a recap of what an earlier session did when it cannot be resumed.
import fs from 'node:fs';
import path from 'node:path';
import type {Usage} from '../../../core/task.js';

export function escapeProjectDir(cwd: string): string {
	return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

export function transcriptPath(configDir: string, cwd: string, sessionId: string): string {
	return path.join(configDir, 'projects', escapeProjectDir(cwd), `${sessionId}.jsonl`);
}

type Line = Record<string, unknown>;

function readLines(file: string): Line[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return [];
	}
	const lines: Line[] = [];
	for (const raw of text.split('\n')) {
		if (!raw.trim()) continue;
		try {
			lines.push(JSON.parse(raw) as Line);
		} catch {
			// A line being written right now; it is read on the next pass.
		}
	}
	return lines;
}

/**
 * Tokens: the last usage seen for each message id (every content block of a message
 * repeats it). Cost: the CLI's own `cost-state` records (one per process, cumulative).
 */
export function transcriptUsage(file: string): Usage | undefined {
	const lines = readLines(file);
	if (lines.length === 0) return undefined;
	const byMessage = new Map<string, Record<string, number>>();
	const costByProcess = new Map<string, number>();
	for (const line of lines) {
		if (line.type === 'assistant') {
			const message = line.message as {id?: string; usage?: Record<string, number>} | undefined;
			if (message?.id && message.usage) byMessage.set(message.id, message.usage);
		} else if (line.type === 'cost-state' && typeof line.totalCostUSD === 'number') {
			costByProcess.set(String(line.startTime ?? line.sessionId ?? 'one'), line.totalCostUSD);
		}
	}
	let inputTokens = 0;
	let outputTokens = 0;
	let cacheReadTokens = 0;
	let cacheCreationTokens = 0;
	for (const usage of byMessage.values()) {
		inputTokens += usage.input_tokens ?? 0;
		outputTokens += usage.output_tokens ?? 0;
		cacheReadTokens += usage.cache_read_input_tokens ?? 0;
		cacheCreationTokens += usage.cache_creation_input_tokens ?? 0;
	}
	const costs = [...costByProcess.values()];
	return {inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, ...(costs.length > 0 ? {costUsd: costs.reduce((a, b) => a + b, 0)} : {})};
}

/** A short account of an earlier conversation: what the agent said and which tools it ran. */
export function transcriptRecap(file: string, maxItems = 12): string | undefined {
	const items: string[] = [];
	for (const line of readLines(file)) {
		if (line.type !== 'assistant' || line.isApiErrorMessage) continue;
		const content = (line.message as {content?: unknown[]} | undefined)?.content ?? [];
		for (const block of content as Record<string, unknown>[]) {
			if (block.type === 'text' && typeof block.text === 'string' && block.text.trim()) items.push(`- said: ${block.text.trim().split('\n')[0]!.slice(0, 200)}`);
			if (block.type === 'tool_use') {
				const input = block.input as Record<string, unknown> | undefined;
				const detail = input?.command ?? input?.file_path ?? input?.path ?? '';
				items.push(`- ran ${String(block.name)}${detail ? `: ${String(detail).slice(0, 160)}` : ''}`);
			}
		}
	}
	return items.length > 0 ? items.slice(-maxItems).join('\n') : undefined;
}
