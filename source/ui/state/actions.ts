// Everything a key can do, as named actions over the store. Each one either does what
// it says or leaves a one-line reason in the footer; none fails silently.
import {checkCommand} from '../../core/reducer.js';
import type {TaskRecord} from '../../core/task.js';
import type {Key} from '../terminal/keys.js';
import {CAPACITIES} from '../layout/layout.js';
import {listTemplates, writeNewTask} from '../actions/add-task.js';
import {detailHead, detailLines} from '../actions/details.js';
import {ADD_FIELDS, newAddForm, PRIORITY_CHOICES, type AddForm, type Overlay, type UiState} from './ui-state.js';
import {editText, textInput} from './text-input.js';
import {overlayContentWidth} from '../view/chrome-text.js';
import {overlayModel} from '../view/overlays.js';
import type {UiStore} from './store.js';

export type PaneControl = {
	/** Scrolls a pane's scrollback by pages (positive = back in time); 'end' returns to live. */
	scroll(taskId: string, pages: number | 'end'): string | undefined;
};

export type ActionDeps = {
	readonly paths: {readonly root: string; readonly tasks: string; readonly templates: string; readonly logs: string};
	readonly panes?: PaneControl;
	/** Stops the app (sessions left resumable) and leaves the dashboard. */
	readonly quit: () => void;
	/** A second Ctrl-C while stopping: kill the sessions now. */
	readonly forceQuit?: () => void;
};

const describe = (record: TaskRecord): string => `${record.id}${record.spec?.title && record.spec.title !== record.id ? ` (${record.spec.title})` : ''}`;

export class UiActions {
	/** A details refresh is reading the log. */
	private reading = false;

	constructor(
		private readonly store: UiStore,
		private readonly deps: ActionDeps,
	) {}

	private get selected(): TaskRecord | undefined {
		return this.store.getSnapshot().selected;
	}

	private set(change: Partial<UiState>): void {
		this.store.update((ui) => ({...ui, ...change}));
	}

	moveSelection(delta: number): void {
		const snap = this.store.getSnapshot();
		if (snap.rows.length === 0) return;
		const index = Math.max(0, Math.min(snap.rows.length - 1, snap.selectedIndex + delta));
		this.set({selectedId: snap.rows[index]!.id});
	}

	selectEdge(edge: 'first' | 'last'): void {
		const rows = this.store.getSnapshot().rows;
		const record = edge === 'first' ? rows[0] : rows[rows.length - 1];
		if (record) this.set({selectedId: record.id});
	}

	/** Moves the selection to the next task that has a pane (Tab). */
	nextPane(delta: number): void {
		const snap = this.store.getSnapshot();
		const panes = snap.layout.panes.map((p) => p.taskId);
		if (panes.length === 0) return this.store.flash('no live sessions');
		const at = panes.indexOf(snap.selected?.id ?? '');
		const next = panes[(at + delta + panes.length) % panes.length]!;
		this.set({selectedId: next});
	}

	focus(): void {
		const record = this.selected;
		if (!record) return this.store.flash('no task selected');
		if (!this.store.engine.sessions.get(record.id)?.alive) return this.store.flash(`${record.id} has no live session (${record.status.state}); only running agents take keys`);
		this.set({focusId: record.id, selectedId: record.id});
	}

	leaveFocus(): void {
		const id = this.store.state.focusId;
		if (id) this.deps.panes?.scroll(id, 'end');
		this.set({focusId: undefined});
	}

	toggleZoom(): void {
		if (this.store.state.zoom) return this.set({zoom: false});
		const record = this.selected;
		if (!record || !this.store.engine.sessions.get(record.id)?.alive) return this.store.flash(`${record?.id ?? 'nothing'} has no live session to zoom`);
		this.set({zoom: true});
	}

	/** Cycles the grid size: as many as fit, then 1, 2, 4, 6, 9 panes. */
	cycleGrid(): void {
		const sizes = [0, ...CAPACITIES];
		const next = sizes[(sizes.indexOf(this.store.state.gridMax) + 1) % sizes.length]!;
		this.set({gridMax: next, flash: {text: next === 0 ? 'grid: as many panes as fit' : `grid: at most ${next} pane${next === 1 ? '' : 's'}`, tone: 'info', until: Date.now() + 3000}});
	}

	scrollPane(pages: number | 'end'): void {
		const id = this.store.state.focusId ?? this.selected?.id;
		if (!id || !this.store.engine.sessions.get(id)) return this.store.flash(`${id ?? 'nothing'} has no pane to scroll`);
		const problem = this.deps.panes?.scroll(id, pages);
		if (problem) this.store.flash(problem, 'info');
	}

	retry(): void {
		const record = this.selected;
		if (record) this.store.command({kind: 'retry', id: record.id}, `${record.id}: queued again`);
	}

	togglePause(): void {
		const record = this.selected;
		if (!record) return;
		if (record.status.state === 'paused') this.store.command({kind: 'resume', id: record.id}, `${record.id}: resumed`);
		else this.store.command({kind: 'pause', id: record.id}, `${record.id}: paused`);
	}

	toggleQueue(): void {
		const paused = this.store.engine.getState().queuePaused;
		this.store.command({kind: paused ? 'resume_queue' : 'pause_queue'}, paused ? 'queue resumed: new tasks start again' : 'queue paused: running tasks go on, no new ones start');
	}

	askCancel(): void {
		const record = this.selected;
		if (!record) return;
		const problem = checkCommand(this.store.engine.getState(), {kind: 'cancel', id: record.id});
		if (problem) return this.store.flash(problem);
		const live = this.store.engine.sessions.get(record.id)?.alive;
		this.set({prompt: {kind: 'confirm', action: 'cancel', taskId: record.id, message: `Cancel ${describe(record)}?${live ? ' Its session is stopped.' : ''}`}});
	}

	quit(): void {
		const live = this.store.liveSessions().length;
		if (live === 0) return this.stop();
		this.set({prompt: {kind: 'confirm', action: 'quit', message: `Quit? ${live} session${live === 1 ? ' is' : 's are'} stopped now and resume${live === 1 ? 's' : ''} on the next start.`}});
	}

	confirm(yes: boolean): void {
		const prompt = this.store.state.prompt;
		if (prompt?.kind !== 'confirm') return;
		this.set({prompt: undefined});
		if (!yes) return;
		if (prompt.action === 'quit') return this.stop();
		if (prompt.taskId) this.store.command({kind: 'cancel', id: prompt.taskId}, `${prompt.taskId}: cancelled`);
	}

	forceQuit(): void {
		this.deps.forceQuit?.();
	}

	private stop(): void {
		this.set({stopping: true, prompt: undefined, overlay: undefined, focusId: undefined});
		this.deps.quit();
	}

	openReply(): void {
		const record = this.selected;
		if (!record) return;
		const problem = checkCommand(this.store.engine.getState(), {kind: 'reply', id: record.id, text: 'x'});
		if (problem) return this.store.flash(problem);
		this.set({overlay: {kind: 'reply', taskId: record.id, input: textInput()}});
	}

	openHelp(): void {
		this.set({overlay: {kind: 'help', scroll: 0}});
	}

	openDetails(): void {
		const record = this.selected;
		if (!record) return this.store.flash('no task selected');
		this.set({overlay: {kind: 'details', taskId: record.id, scroll: 0, lines: [...detailHead(record, this.deps.paths), '    (reading the log…)']}});
		this.refreshDetails();
	}

	/** Re-reads the details (history and log tail move while a task runs). */
	refreshDetails(): void {
		const overlay = this.store.state.overlay;
		if (overlay?.kind !== 'details' || this.reading) return;
		const record = this.store.engine.getState().tasks.get(overlay.taskId);
		if (!record) return;
		this.reading = true;
		void detailLines(record, this.deps.paths)
			.then((lines) => {
				const current = this.store.state.overlay;
				if (current?.kind === 'details' && current.taskId === overlay.taskId) this.set({overlay: {...current, lines}});
			})
			.finally(() => {
				this.reading = false;
			});
	}

	openAdd(): void {
		this.set({overlay: {kind: 'add', form: newAddForm(listTemplates(this.deps.paths.templates))}});
	}

	closeOverlay(): void {
		this.set({overlay: undefined});
	}

	scrollOverlay(delta: number | 'top' | 'bottom'): void {
		const snap = this.store.getSnapshot();
		const overlay = snap.ui.overlay;
		if ((overlay?.kind !== 'help' && overlay?.kind !== 'details') || !snap.layout.overlay) return;
		const rect = snap.layout.overlay;
		const total = overlayModel(overlay, snap.engine, overlayContentWidth(rect.w)).lines.length;
		const last = Math.max(0, total - (rect.h - 3));
		const scroll = delta === 'top' ? 0 : delta === 'bottom' ? last : Math.max(0, Math.min(last, overlay.scroll + delta));
		this.set({overlay: {...overlay, scroll} as Overlay});
	}

	acknowledgeAlerts(): void {
		const unacked = this.store.getSnapshot().unacknowledged;
		if (unacked === 0) return this.store.flash('no alerts to acknowledge', 'info');
		this.store.engine.alerts.acknowledge();
		this.store.flash(`${unacked} alert${unacked === 1 ? '' : 's'} acknowledged`, 'info');
	}

	startFilter(): void {
		const filter = this.store.state.filter;
		this.set({prompt: {kind: 'filter', input: textInput(filter), previous: filter}});
	}

	/** Esc on the dashboard: clear the filter, else leave the zoom. */
	escape(): void {
		if (this.store.state.filter) return this.set({filter: ''});
		if (this.store.state.zoom) return this.set({zoom: false});
	}

	endFilter(keep: boolean): void {
		const prompt = this.store.state.prompt;
		if (prompt?.kind !== 'filter') return;
		this.set({prompt: undefined, filter: keep ? prompt.input.value.trim() : ''});
	}

	/** A key typed into the open text field (filter, reply, add form). */
	edit(key: Key): boolean {
		const ui = this.store.state;
		if (ui.prompt?.kind === 'filter') {
			const input = editText(ui.prompt.input, key);
			if (!input) return false;
			this.set({prompt: {...ui.prompt, input}, filter: input.value.trim()});
			return true;
		}
		if (ui.overlay?.kind === 'reply') {
			const input = editText(ui.overlay.input, key, {multiline: true});
			if (!input) return false;
			this.set({overlay: {...ui.overlay, input}});
			return true;
		}
		if (ui.overlay?.kind === 'add') return this.editForm(ui.overlay.form, key);
		return false;
	}

	submitReply(): void {
		const overlay = this.store.state.overlay;
		if (overlay?.kind !== 'reply') return;
		const text = overlay.input.value;
		if (!text.trim()) return this.store.flash('type an answer first (y, n, a menu number or text), or Esc');
		if (this.store.command({kind: 'reply', id: overlay.taskId, text}, `${overlay.taskId}: answer sent`)) this.set({overlay: undefined});
	}

	nextField(delta: number): void {
		const overlay = this.store.state.overlay;
		if (overlay?.kind !== 'add') return;
		const index = (ADD_FIELDS.indexOf(overlay.form.field) + delta + ADD_FIELDS.length) % ADD_FIELDS.length;
		this.set({overlay: {kind: 'add', form: {...overlay.form, field: ADD_FIELDS[index]!}}});
	}

	submitAdd(): void {
		const overlay = this.store.state.overlay;
		if (overlay?.kind !== 'add') return;
		const form = overlay.form;
		const result = writeNewTask(this.deps.paths, {
			title: form.title.value,
			prompt: form.prompt.value,
			priority: PRIORITY_CHOICES[form.priority] ?? 'normal',
			template: form.template > 0 ? form.templates[form.template] : undefined,
			verify: form.verify.value,
		});
		if (!result.ok) return this.set({overlay: {kind: 'add', form: {...form, error: result.error}}});
		this.set({overlay: undefined, selectedId: result.id, flash: {text: `created ${result.file}`, tone: 'info', until: Date.now() + 5000}});
	}

	private editForm(form: AddForm, key: Key): boolean {
		const field = form.field;
		if (field === 'priority' || field === 'template') {
			const count = field === 'priority' ? PRIORITY_CHOICES.length : form.templates.length;
			const step = key.name === 'left' ? -1 : key.name === 'right' || (key.name === 'char' && key.text === ' ') ? 1 : 0;
			if (step === 0) return false;
			const value = (form[field] + step + count) % count;
			this.set({overlay: {kind: 'add', form: {...form, [field]: value, error: undefined}}});
			return true;
		}
		const input = editText(form[field], key, {multiline: field === 'prompt'});
		if (!input) return false;
		this.set({overlay: {kind: 'add', form: {...form, [field]: input, error: undefined}}});
		return true;
	}
}
