// A load generator that looks like a busy Claude Code session: a transcript of coloured
// tool calls and text streaming in, a spinner line redrawn in place, and the prompt box
// at the bottom, written at a fixed byte rate (or as fast as the terminal takes it).
// Typed keys are echoed as "ECHO:<keys>" at once, so the benchmarks can time them.
//
//   ui-load.ts --rate 200000        200 KB/s until killed
//   ui-load.ts --flood 50000000     50 MB as fast as possible, then "FLOOD-DONE", then idle
import fs from 'node:fs';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
	const index = args.indexOf(`--${name}`);
	return index >= 0 ? args[index + 1] : undefined;
};
const rate = Number(option('rate') ?? 0);
const flood = Number(option('flood') ?? 0);
const startFile = option('start-file');

const PALETTE = [174, 114, 75, 220, 203, 246];
const WORDS = 'the parser now splits tokens before it validates them so every error keeps its line and column and the tests cover each case'.split(' ');
let n = 0;

function transcriptBlock(): string {
	n++;
	const colour = PALETTE[n % PALETTE.length];
	const words = Array.from({length: 8 + (n % 9)}, (_, i) => WORDS[(n + i) % WORDS.length]).join(' ');
	switch (n % 4) {
		case 0:
			return `\u001b[38;5;${colour}m●\u001b[39m \u001b[1mRead\u001b[22m(src/parser-${n % 97}.ts)\r\n  \u001b[2m⎿  Read ${120 + (n % 300)} lines\u001b[22m\r\n`;
		case 1:
			return `\u001b[38;5;${colour}m●\u001b[39m ${words}.\r\n`;
		case 2:
			return `  \u001b[48;5;236m ${n % 400} │ const value${n % 10} = compute(input, ${n % 1000});\u001b[49m\u001b[K\r\n  \u001b[48;5;22m+${n % 400} │ return value${n % 10} ?? fallback;\u001b[49m\u001b[K\r\n`;
		default:
			return `\u001b[38;5;${colour}m●\u001b[39m \u001b[1mBash\u001b[22m(npm test -- --grep case-${n % 50})\r\n  \u001b[2m⎿  ✓ ${n % 50} passing (${n % 900}ms)\u001b[22m\r\n`;
	}
}

const SPIN = ['✻', '✽', '✶', '✢', '·', '*'];
let typed = '';
/**
 * The spinner and the prompt box below the transcript, redrawn after every write like
 * Ink's log-update does; the cursor goes back to the spinner line, where the next
 * transcript text overwrites it.
 */
function statusBlock(): string {
	const spinner = `\u001b[38;5;174m${SPIN[n % SPIN.length]}\u001b[39m Working… (${Math.floor(n / 10)}s · ↓ ${n * 7} tokens · esc to interrupt)`;
	const rule = `\u001b[2m${'─'.repeat(60)}\u001b[22m`;
	return `\r\u001b[2K${spinner}\r\n\u001b[2K${rule}\r\n\u001b[2K❯ ${typed}\r\n\u001b[2K${rule}\r\n\u001b[2K  ⏵⏵ auto mode on\u001b[4A\r`;
}

function chunk(bytes: number): string {
	let out = '';
	while (out.length < bytes) out += transcriptBlock().replace(/\r\n/g, '\u001b[K\r\n');
	return out + statusBlock();
}

// Typed keys show in the prompt line at once ("ECHO:<keys>"): the benchmarks time them.
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.on('data', (data: Buffer) => {
	const text = data.toString('utf8').replace(/[^\x20-\x7e]/g, '');
	if (!text) return;
	typed = `ECHO:${text}`;
	process.stdout.write(statusBlock());
});

if (startFile) fs.writeFileSync(startFile, String(Date.now()));

if (flood > 0) {
	const block = Buffer.from(chunk(64 * 1024));
	let sent = 0;
	const pump = (): void => {
		while (sent < flood) {
			sent += block.length;
			if (!process.stdout.write(block)) {
				process.stdout.once('drain', pump);
				return;
			}
		}
		process.stdout.write('\r\n\u001b[0mFLOOD-DONE\r\n');
	};
	pump();
	// Stay alive (idle) so the session does not end while the bench watches.
	setInterval(() => undefined, 60_000);
} else {
	const tickMs = 10;
	const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
	let due = performance.now();
	let owed = 0;
	const tick = (): void => {
		const now = performance.now();
		owed += ((now - due) / tickMs) * perTick;
		due = now;
		if (owed >= perTick) {
			const text = chunk(Math.floor(owed));
			owed -= Buffer.byteLength(text);
			process.stdout.write(text);
		}
	};
	setInterval(tick, tickMs);
}
