// Plain-text tables and times for CLI output.
export function table(headers: readonly string[], rows: readonly (readonly string[])[], maxWidth = process.stdout.columns || 120): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	// The last column absorbs what does not fit.
	const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
	const last = widths.length - 1;
	widths[last] = Math.max(headers[last]!.length, Math.min(widths[last]!, maxWidth - fixed));
	const fit = (text: string, width: number, isLast: boolean): string => (text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : isLast ? text : text.padEnd(width));
	const line = (cells: readonly string[]): string => cells.map((c, i) => fit(c ?? '', widths[i]!, i === last)).join('  ').trimEnd();
	return [line(headers), ...rows.map(line)].join('\n');
}

export function ago(at: number | undefined, now = Date.now()): string {
	if (at === undefined) return '';
	const s = Math.max(0, Math.round((now - at) / 1000));
	if (s < 60) return `${s}s`;
	if (s < 3600) return `${Math.floor(s / 60)}m`;
	if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
	return `${Math.floor(s / 86_400)}d`;
}

export function stripAnsi(text: string): string {
	return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '').replace(/\u001b[()][A-Z0-9]/g, '');
}
