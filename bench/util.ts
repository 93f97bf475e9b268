// Small helpers for the benchmarks: timing, temp folders and a budget table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Result = {readonly name: string; readonly value: number; readonly unit: string; readonly budget?: string; readonly ok?: boolean; readonly note?: string};

export function tempDir(prefix: string): string {
	return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function printResults(title: string, results: readonly Result[]): void {
	process.stdout.write(`\n${title}\n`);
	for (const r of results) {
		const mark = r.ok === undefined ? ' ' : r.ok ? '✓' : '✗';
		process.stdout.write(`  ${mark} ${r.name.padEnd(58)} ${r.value.toFixed(r.value < 10 ? 3 : 1).padStart(10)} ${r.unit.padEnd(6)}${r.budget ? `  budget ${r.budget}` : ''}${r.note ? `  (${r.note})` : ''}\n`);
	}
}
