// The key table. One list drives the key handlers, the footer's hints and the `?` help:
// a key listed here does what it says, shows where it applies, and explains itself when
// it cannot apply (the `when` reason goes to the footer instead of doing nothing).
import {checkCommand} from '../../core/reducer.js';
import type {UiActions} from '../state/actions.js';
import type {UiSnapshot} from '../state/snapshot.js';
import type {KeyContext} from '../state/ui-state.js';
import type {Key} from '../terminal/keys.js';

export type Binding = {
	readonly keys: readonly string[];
	/** How the keys are written in the footer and the help. */
	readonly display: string;
	readonly contexts: readonly KeyContext[];
	/** Footer label (short). */
	readonly label: string;
	/** Help text (a sentence). */
	readonly help: string;
	/** Footer position; bindings without one are listed only in the help. */
	readonly footer?: number;
	/** Why the binding cannot apply now; undefined when it can. */
	readonly when?: (snap: UiSnapshot) => string | undefined;
	readonly run: (actions: UiActions, key: Key) => void;
};

const needTask = (snap: UiSnapshot): string | undefined => (snap.selected ? undefined : 'no task selected');

const engineCheck =
	(kind: 'retry' | 'cancel' | 'reply') =>
	(snap: UiSnapshot): string | undefined => {
		if (!snap.selected) return 'no task selected';
		return checkCommand(snap.engine, kind === 'reply' ? {kind, id: snap.selected.id, text: 'x'} : {kind, id: snap.selected.id});
	};

const pauseCheck = (snap: UiSnapshot): string | undefined => {
	if (!snap.selected) return 'no task selected';
	const id = snap.selected.id;
	return checkCommand(snap.engine, snap.selected.status.state === 'paused' ? {kind: 'resume', id} : {kind: 'pause', id});
};

const liveSession = (snap: UiSnapshot): string | undefined => {
	if (!snap.selected) return 'no task selected';
	return snap.sessions.includes(snap.selected.id) ? undefined : `${snap.selected.id} has no live session (${snap.selected.status.state})`;
};

const hasPane = (snap: UiSnapshot): string | undefined => {
	const id = snap.ui.focusId ?? snap.selected?.id;
	return id && snap.sessions.includes(id) ? undefined : `${id ?? 'nothing'} has no live session to scroll`;
};

const N: readonly KeyContext[] = ['normal'];

export const BINDINGS: readonly Binding[] = [
	// The dashboard.
	{keys: ['up', 'k'], display: '↑/k', contexts: N, label: 'up', help: 'Select the task above', run: (a) => a.moveSelection(-1)},
	{keys: ['down', 'j'], display: '↓/j', contexts: N, label: 'down', help: 'Select the task below', footer: 1, run: (a) => a.moveSelection(1)},
	{keys: ['home', 'g'], display: 'Home/g', contexts: N, label: 'first', help: 'Select the first task', run: (a) => a.selectEdge('first')},
	{keys: ['end', 'G'], display: 'End/G', contexts: N, label: 'last', help: 'Select the last task', run: (a) => a.selectEdge('last')},
	{keys: ['tab'], display: 'Tab', contexts: N, label: 'next pane', help: 'Select the next task that has a pane', run: (a) => a.nextPane(1)},
	{keys: ['shift+tab'], display: 'S-Tab', contexts: N, label: 'prev pane', help: 'Select the previous task that has a pane', run: (a) => a.nextPane(-1)},
	{keys: ['enter'], display: '⏎', contexts: N, label: 'focus', help: "Focus the selected task's pane: keys go to the agent until Ctrl-]", footer: 2, when: liveSession, run: (a) => a.focus()},
	{keys: ['z'], display: 'z', contexts: N, label: 'zoom', help: "Zoom the selected task's pane to full size (again to go back)", footer: 3, when: (s) => (s.ui.zoom ? undefined : liveSession(s)), run: (a) => a.toggleZoom()},
	{keys: ['v'], display: 'v', contexts: N, label: 'grid', help: 'Grid size: as many panes as fit, or at most 1, 2, 4, 6 or 9', footer: 15, run: (a) => a.cycleGrid()},
	{keys: ['pageup'], display: 'PgUp', contexts: N, label: 'scroll', help: "Scroll the selected pane back through its scrollback (the agent is not disturbed)", footer: 16, when: hasPane, run: (a) => a.scrollPane(1)},
	{keys: ['pagedown'], display: 'PgDn', contexts: N, label: 'scroll down', help: 'Scroll the selected pane forward; at the bottom it follows the live output again', when: hasPane, run: (a) => a.scrollPane(-1)},
	{keys: ['r'], display: 'r', contexts: N, label: 'retry', help: 'Retry the selected task (failed, cancelled, done, needs review) or retry a waiting retry now', footer: 4, when: engineCheck('retry'), run: (a) => a.retry()},
	{keys: ['p'], display: 'p', contexts: N, label: 'pause', help: 'Pause the selected task (its process is stopped) or resume it', footer: 5, when: pauseCheck, run: (a) => a.togglePause()},
	{keys: ['c'], display: 'c', contexts: N, label: 'cancel', help: 'Cancel the selected task (asks first)', footer: 6, when: engineCheck('cancel'), run: (a) => a.askCancel()},
	{keys: ['R'], display: 'R', contexts: N, label: 'reply', help: "Answer the selected task's question (shown with the keys it takes)", footer: 7, when: engineCheck('reply'), run: (a) => a.openReply()},
	{keys: ['a'], display: 'a', contexts: N, label: 'add', help: 'Add a task: title, prompt, priority, template, verify (writes a file in tasks/)', footer: 8, run: (a) => a.openAdd()},
	{keys: ['d'], display: 'd', contexts: N, label: 'details', help: 'Details of the selected task: history, attempts, verify output, log tail', footer: 9, when: needTask, run: (a) => a.openDetails()},
	{keys: ['/'], display: '/', contexts: N, label: 'filter', help: 'Filter the table by id, title or state', footer: 10, run: (a) => a.startFilter()},
	{keys: ['P'], display: 'P', contexts: N, label: 'pause queue', help: 'Pause or resume the whole queue (running tasks go on; no new ones start)', footer: 11, run: (a) => a.toggleQueue()},
	{keys: ['A'], display: 'A', contexts: N, label: 'ack alerts', help: 'Acknowledge the alerts', footer: 12, when: (s) => (s.unacknowledged > 0 ? undefined : 'no alerts to acknowledge'), run: (a) => a.acknowledgeAlerts()},
	{keys: ['escape'], display: 'Esc', contexts: N, label: 'clear', help: 'Clear the filter, or leave the zoom', run: (a) => a.escape()},
	{keys: ['?'], display: '?', contexts: N, label: 'help', help: 'Show this help', footer: 13, run: (a) => a.openHelp()},
	{keys: ['q', 'ctrl+c'], display: 'q', contexts: N, label: 'quit', help: 'Quit (asks while sessions run; they stop and resume on the next start)', footer: 14, run: (a) => a.quit()},

	{keys: ['ctrl+c'], display: 'Ctrl-C', contexts: ['stopping'], label: 'stop now', help: 'While stopping: kill the sessions at once instead of waiting', footer: 1, run: (a) => a.forceQuit()},

	// A focused pane: everything else goes to the agent.
	{keys: ['ctrl+]'], display: 'Ctrl-]', contexts: ['focus'], label: 'back to the dashboard', help: 'Leave the pane: keys go to the dashboard again', footer: 1, run: (a) => a.leaveFocus()},
	{keys: ['pageup'], display: 'PgUp', contexts: ['focus'], label: 'scroll', help: "Scroll the pane's scrollback (sent to the agent when it uses the alternate screen)", footer: 2, run: (a) => a.scrollPane(1)},
	{keys: ['pagedown'], display: 'PgDn', contexts: ['focus'], label: 'scroll down', help: 'Scroll forward; at the bottom the pane follows the live output', run: (a) => a.scrollPane(-1)},

	// Yes/no questions.
	{keys: ['y', 'Y'], display: 'y', contexts: ['confirm'], label: 'yes', help: 'Yes: do it', footer: 1, run: (a) => a.confirm(true)},
	{keys: ['n', 'N', 'escape', 'enter'], display: 'n/Esc', contexts: ['confirm'], label: 'no', help: 'Do nothing', footer: 2, run: (a) => a.confirm(false)},

	// Text fields.
	{keys: ['enter'], display: '⏎', contexts: ['filter'], label: 'keep filter', help: 'Keep the filter and go back to the table', footer: 1, run: (a) => a.endFilter(true)},
	{keys: ['escape'], display: 'Esc', contexts: ['filter'], label: 'clear', help: 'Clear the filter', footer: 2, run: (a) => a.endFilter(false)},
	{keys: ['enter'], display: '⏎', contexts: ['reply'], label: 'send', help: 'Send the answer to the agent', footer: 1, run: (a) => a.submitReply()},
	{keys: ['enter', 'ctrl+s'], display: '⏎', contexts: ['add'], label: 'create', help: 'Write the task file', footer: 1, run: (a) => a.submitAdd()},
	{keys: ['tab', 'down'], display: 'Tab/↓', contexts: ['add'], label: 'next field', help: 'Next field', footer: 2, run: (a) => a.nextField(1)},
	{keys: ['shift+tab', 'up'], display: 'S-Tab/↑', contexts: ['add'], label: 'previous field', help: 'Previous field', run: (a) => a.nextField(-1)},
	{keys: ['escape'], display: 'Esc', contexts: ['reply', 'add'], label: 'cancel', help: 'Close without sending', footer: 4, run: (a) => a.closeOverlay()},

	// Help and details.
	{keys: ['up', 'k'], display: '↑↓', contexts: ['help', 'details'], label: 'scroll', help: 'Scroll up', footer: 1, run: (a) => a.scrollOverlay(-1)},
	{keys: ['down', 'j'], display: '↓/j', contexts: ['help', 'details'], label: 'down', help: 'Scroll down', run: (a) => a.scrollOverlay(1)},
	{keys: ['pageup'], display: 'PgUp', contexts: ['help', 'details'], label: 'page up', help: 'Scroll a page up', run: (a) => a.scrollOverlay(-10)},
	{keys: ['pagedown', 'space'], display: 'PgDn', contexts: ['help', 'details'], label: 'page down', help: 'Scroll a page down', run: (a) => a.scrollOverlay(10)},
	{keys: ['home', 'g'], display: 'g', contexts: ['help', 'details'], label: 'top', help: 'Go to the top', run: (a) => a.scrollOverlay('top')},
	{keys: ['end', 'G'], display: 'G', contexts: ['help', 'details'], label: 'bottom', help: 'Go to the bottom', run: (a) => a.scrollOverlay('bottom')},
	{keys: ['escape', 'q', '?', 'd'], display: 'Esc/q', contexts: ['help', 'details'], label: 'close', help: 'Close the dialog', footer: 2, run: (a) => a.closeOverlay()},
];

/** Context names as the help shows them. */
export const CONTEXT_TITLES: Readonly<Record<KeyContext, string>> = {
	normal: 'Dashboard',
	focus: 'Focused pane (every other key goes to the agent)',
	confirm: 'Questions',
	filter: 'Filter',
	reply: 'Reply',
	add: 'Add a task',
	help: 'Help and details',
	details: 'Help and details',
	stopping: 'Stopping',
};

export function findBinding(context: KeyContext, id: string, bindings: readonly Binding[] = BINDINGS): Binding | undefined {
	return bindings.find((b) => b.contexts.includes(context) && b.keys.includes(id));
}

const KEY_LABELS: Readonly<Record<string, string>> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'shift+tab': 'Shift-Tab',
	space: 'Space',
};

/** A key id as people write it: Ctrl-C, PgUp, ↑, Shift-Tab. */
export function keyLabel(id: string): string {
	const label = KEY_LABELS[id];
	if (label) return label;
	const ctrl = /^ctrl\+(.)$/.exec(id);
	if (ctrl) return `Ctrl-${ctrl[1]!.toUpperCase()}`;
	return id;
}
