// Styled lines drawn by Ink. Ink lays out a blank block of the right size (the same
// string every time, so its measuring caches stay small), and the lines are put in at
// output time through <Transform>: changing text never enters Ink's caches, which keep
// every distinct string they ever measured.
import {Box, Text, Transform} from 'ink';
import React, {memo, useCallback} from 'react';

const blanks = new Map<string, string>();
function blank(width: number, height: number): string {
	const key = `${width}x${height}`;
	let text = blanks.get(key);
	if (text === undefined) {
		text = Array.from({length: height}, () => ' '.repeat(width)).join('\n');
		blanks.set(key, text);
	}
	return text;
}

export const Lines = memo(function Lines({lines, width, height}: {readonly lines: readonly string[]; readonly width: number; readonly height?: number}) {
	const rows = height ?? lines.length;
	const transform = useCallback((_line: string, index: number) => lines[index] ?? '', [lines]);
	if (rows <= 0 || width <= 0) return null;
	return (
		<Box height={rows} width={width} overflow="hidden">
			<Transform transform={transform}>
				<Text>{blank(width, rows)}</Text>
			</Transform>
		</Box>
	);
});
