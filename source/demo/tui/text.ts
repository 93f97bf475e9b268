// Width-aware text helpers. Every line the renderer writes must fit the terminal width
// exactly, otherwise the terminal wraps it and the cursor arithmetic used to redraw the
// bottom region goes wrong.

/** Display width of one code point as xterm counts it (CJK and fullwidth forms take 2). */
export function charWidth(codePoint: number): number {
	if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
	if (codePoint >= 0x300 && codePoint <= 0x36f) return 0;
	if (codePoint === 0x200b || codePoint === 0x200d || codePoint === 0xfe0f) return 0;
	if (
		(codePoint >= 0x1100 && codePoint <= 0x115f) ||
		(codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
		(codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
		(codePoint >= 0xf900 && codePoint <= 0xfaff) ||
		(codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
		(codePoint >= 0xff00 && codePoint <= 0xff60) ||
		(codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
		(codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
		(codePoint >= 0x20000 && codePoint <= 0x3fffd)
	) {
		return 2;
	}
	return 1;
}

export function stringWidth(text: string): number {
	let width = 0;
	for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
	return width;
}

/** Cuts `text` so that it is at most `width` columns wide. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	let used = 0;
	let out = '';
	for (const char of text) {
		const w = charWidth(char.codePointAt(0) ?? 0);
		if (used + w > width) break;
		used += w;
		out += char;
	}
	return out;
}

export function padEnd(text: string, width: number): string {
	const w = stringWidth(text);
	return w >= width ? truncate(text, width) : text + ' '.repeat(width - w);
}

/** Places `right` at the right edge of a `width`-wide line that starts with `left`. */
export function spread(left: string, right: string, width: number): string {
	const gap = width - stringWidth(left) - stringWidth(right);
	if (gap < 1) return truncate(left, width);
	return left + ' '.repeat(gap) + right;
}

/**
 * Word-wraps one paragraph (no newlines) to `width` columns. Words longer than a line
 * are broken hard, as a terminal would.
 */
export function wrapParagraph(text: string, width: number): string[] {
	const max = Math.max(1, width);
	if (stringWidth(text) <= max) return [text];
	const lines: string[] = [];
	let line = '';
	let lineWidth = 0;
	for (const word of text.split(/(\s+)/)) {
		if (word === '') continue;
		const w = stringWidth(word);
		if (lineWidth + w <= max) {
			line += word;
			lineWidth += w;
			continue;
		}
		if (/^\s+$/.test(word)) {
			lines.push(line);
			line = '';
			lineWidth = 0;
			continue;
		}
		if (line.trim() !== '') lines.push(line.replace(/\s+$/, ''));
		line = '';
		lineWidth = 0;
		let rest = word;
		while (stringWidth(rest) > max) {
			const head = truncate(rest, max);
			lines.push(head);
			rest = rest.slice(head.length);
		}
		line = rest;
		lineWidth = stringWidth(rest);
	}
	if (line !== '' || lines.length === 0) lines.push(line.replace(/\s+$/, ''));
	return lines;
}

/**
 * Wraps multi-line text: the first visual line starts with `prefix`, every other one with
 * `indent` (the hanging indent the TUI uses under `● ` and `⎿  `).
 */
export function wrapWithPrefix(text: string, prefix: string, indent: string, width: number): string[] {
	const out: string[] = [];
	const available = Math.max(1, width - stringWidth(indent));
	const paragraphs = text.split('\n');
	paragraphs.forEach((paragraph, index) => {
		const lead = index === 0 ? prefix : indent;
		const room = Math.max(1, width - stringWidth(lead));
		const [first = '', ...rest] = wrapParagraph(paragraph, room);
		out.push(lead + first);
		if (rest.length > 0) {
			const rewrapped = wrapParagraph(rest.join(' '), available);
			for (const line of rewrapped) out.push(indent + line);
		}
	});
	return out.map((line) => truncate(line, width));
}
