// Segments → terminal text. Chrome lines are styled here once, as plain strings, so Ink
// never measures, wraps or caches changing text (its text caches never shrink: a clock
// in a <Text> would grow them every second, all night).
import type {Tone} from './format.js';
import type {Line, Segment} from './header.js';

const TONE_CODE: Record<Tone, string> = {green: '32', red: '31', yellow: '33', blue: '34', magenta: '35', cyan: '36', white: '37', gray: '90'};

export function styled(segment: Segment): string {
	const codes: string[] = [];
	if (segment.bold) codes.push('1');
	if (segment.dim) codes.push('2');
	if (segment.inverse) codes.push('7');
	if (segment.tone) codes.push(TONE_CODE[segment.tone]);
	return codes.length > 0 && segment.text ? `\u001b[${codes.join(';')}m${segment.text}\u001b[0m` : segment.text;
}

export function lineText(line: Line): string {
	return line.map(styled).join('');
}
