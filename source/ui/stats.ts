// Measurements for the benchmarks, written only when AUTO_CLAUDE_UI_STATS names a file:
// event-loop delay samples (a 10 ms timer's lateness) and the renderer's counters, one
// JSON line a second. Off by default; it costs a timer when on.
import fs from 'node:fs';

export type StatsSource = () => Record<string, unknown>;

export function startUiStats(file: string | undefined, read: StatsSource): () => void {
	if (!file) return () => undefined;
	const period = 10;
	let delays: number[] = [];
	let last = performance.now();
	const sampler = setInterval(() => {
		const now = performance.now();
		delays.push(Math.max(0, now - last - period));
		last = now;
	}, period);
	const writer = setInterval(() => {
		const line = {t: Date.now(), delays: delays.map((d) => Math.round(d * 10) / 10), cpu: process.cpuUsage(), rss: process.memoryUsage.rss(), heap: process.memoryUsage().heapUsed, ...read()};
		delays = [];
		try {
			fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
		} catch {
			// Measurements are best effort.
		}
	}, 1000);
	sampler.unref();
	writer.unref();
	return () => {
		clearInterval(sampler);
		clearInterval(writer);
	};
}
