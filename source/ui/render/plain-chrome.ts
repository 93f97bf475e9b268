// The chrome's first frame without Ink: the same lines the components draw, put
// together directly. Loading Ink, React and Yoga takes a couple of hundred milliseconds;
// the dashboard shows the real queue with this meanwhile, then Ink takes over (the
// compositor repaints only the rows that differ).
import type {UiSnapshot} from '../state/snapshot.js';
import {alertsText, footerText, headerText, tableText} from '../view/chrome-text.js';

export function plainChrome(snap: UiSnapshot): string[] {
	const middle = snap.layout.overlay ? [] : tableText(snap);
	return [...headerText(snap), ...middle, ...alertsText(snap), ...footerText(snap)];
}
