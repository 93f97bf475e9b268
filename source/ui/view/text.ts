// Cell widths, truncation and padding for plain (unstyled) text, so every line the
// dashboard draws is cut to its column before it reaches the terminal (nothing wraps).

/** East Asian wide and emoji ranges: two cells. */
function isWide(code: number): boolean {
	return (
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0x303e) ||
		(code >= 0x3041 && code <= 0x33ff) ||
		(code >= 0x3400 && code <= 0x4dbf) ||
		(code >= 0x4e00 && code <= 0x9fff) ||
		(code >= 0xa000 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		(code >= 0x1f300 && code <= 0x1f64f) ||
		(code >= 0x1f900 && code <= 0x1f9ff) ||
		(code >= 0x20000 && code <= 0x3fffd)
	);
}

function isZeroWidth(code: number): boolean {
	return (code >= 0x0300 && code <= 0x036f) || code === 0x200b || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f);
}

export function charWidth(code: number): number {
	if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
	if (isZeroWidth(code)) return 0;
	return isWide(code) ? 2 : 1;
}

export function textWidth(text: string): number {
	let width = 0;
	for (const ch of text) width += charWidth(ch.codePointAt(0)!);
	return width;
}

/** Control characters (tabs, newlines, escapes) would move the cursor: show them as spaces. */
export function sanitize(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

/** Cuts to `width` cells, ending with … when something was cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (textWidth(text) <= width) return text;
	let out = '';
	let used = 0;
	for (const ch of text) {
		const w = charWidth(ch.codePointAt(0)!);
		if (used + w > width - 1) break;
		out += ch;
		used += w;
	}
	return `${out}…`;
}

/** Exactly `width` cells: truncated or padded with spaces. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	const gap = ' '.repeat(Math.max(0, width - textWidth(cut)));
	return align === 'left' ? cut + gap : gap + cut;
}

/** Word-wraps plain text to `width` cells (long words are cut); newlines are kept. */
export function wrapText(text: string, width: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split(/\r?\n/)) {
		let line = '';
		for (const word of sanitize(paragraph).split(/ +/)) {
			let rest = word;
			while (textWidth(rest) > width) {
				if (line) {
					lines.push(line);
					line = '';
				}
				let cut = '';
				for (const ch of rest) {
					if (textWidth(cut + ch) > width) break;
					cut += ch;
				}
				lines.push(cut);
				rest = rest.slice(cut.length);
			}
			if (!rest) continue;
			if (!line) line = rest;
			else if (textWidth(line) + 1 + textWidth(rest) <= width) line += ` ${rest}`;
			else {
				lines.push(line);
				line = rest;
			}
		}
		lines.push(line);
	}
	return lines;
}

/** Cells a styled string takes (escape sequences take none). */
export function styledWidth(text: string): number {
	// eslint-disable-next-line no-control-regex
	return textWidth(text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, ''));
}
