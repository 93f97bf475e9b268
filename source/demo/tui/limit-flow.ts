// What the interactive UI does after a usage limit (claude-cli.md §5.3, Part B §1.6):
// 2.1.330 waits and continues by itself at the reset time (unless
// `autoContinueAtUsageLimit` is false), 2.1.197 and 2.0.77 open the
// `What do you want to do?` dialog, 1.0.30 only prints the message.

import {AUTO_CONTINUE_MESSAGE} from '../engine/turn.js';
import type {TurnOutcome} from '../engine/events.js';
import {formatReset, legacyInteractiveLimitMessage} from '../limit-text.js';
import {limitChoices, limitDialogLines, type Choice, type LimitAction} from './dialogs.js';
import type {Key} from './keys.js';
import type {InteractiveApp} from './app.js';
import {assistantBlock, DONE_VERBS, doneLine, gutterBlock, plainBlock, promptEchoBlock} from './views.js';

type Limit = Extract<TurnOutcome, {kind: 'limit'}>;

export class LimitFlow {
	private last: Limit | undefined;
	private waitTimer: NodeJS.Timeout | undefined;
	private waitingUntil: number | undefined;
	private dialog: {choices: Choice<LimitAction>[]; cursor: number} | undefined;
	private cancelledNote: string | undefined;

	constructor(private readonly app: InteractiveApp) {}

	private clock(resetsAt: number): string {
		return formatReset(resetsAt, Date.now(), undefined, false);
	}

	onLimit(limit: Limit, elapsedMs: number): void {
		const {screen, ctx} = this.app;
		const profile = ctx.profile;
		this.last = limit;
		if (limit.apiKeyForm) {
			screen.commit(assistantBlock(limit.text));
			this.app.toIdle(false);
			return;
		}
		const clock = this.clock(limit.resetsAt);
		switch (profile.limitUi) {
			case 'inline': {
				const text = limit.text.startsWith('Claude AI usage limit reached|') ? legacyInteractiveLimitMessage(limit.resetsAt) : limit.text;
				screen.commit(gutterBlock([text]));
				screen.commit(plainBlock(['      • /upgrade to increase your usage limit.'], false));
				this.app.toIdle(false);
				return;
			}
			case 'auto-wait':
				screen.commit(gutterBlock([limit.text]));
				if (!ctx.settings.autoContinueAtUsageLimit) {
					screen.commit(promptEchoBlock(profile, '/rate-limit-options'));
					this.openDialog(clock);
					return;
				}
				screen.commit(assistantBlock(`Usage limit reached · set to continue automatically at ${clock}`));
				this.armWait(limit.resetsAt);
				return;
			case 'dialog': {
				screen.commit(gutterBlock([limit.text]));
				const line = doneLine(profile, DONE_VERBS[1] ?? 'Brewed', elapsedMs, Date.now());
				if (line) screen.commit(plainBlock([line]));
				screen.commit(promptEchoBlock(profile, '/rate-limit-options'));
				this.openDialog(clock);
				return;
			}
			case 'dialog-extra-usage':
				screen.commit(gutterBlock([limit.text, 'Opening your options…']));
				this.openDialog(clock);
				return;
		}
	}

	private openDialog(clock: string): void {
		this.dialog = {choices: limitChoices(this.app.ctx.profile, clock), cursor: 0};
		this.app.status?.set('waiting', 'dialog open');
		this.app.screen.schedule();
	}

	/** `/rate-limit-options` typed by hand reopens the dialog while a limit is known. */
	reopen(): boolean {
		if (!this.last || this.last.apiKeyForm || this.last.resetsAt * 1000 <= Date.now()) return false;
		this.openDialog(this.clock(this.last.resetsAt));
		return true;
	}

	private armWait(resetsAt: number): void {
		this.cancelledNote = undefined;
		this.waitingUntil = resetsAt;
		this.app.toIdle(false);
		const check = () => {
			const remaining = resetsAt * 1000 - Date.now();
			if (remaining > 0) {
				this.waitTimer = setTimeout(check, Math.min(remaining + 50, 2 ** 31 - 1));
				return;
			}
			this.waitTimer = undefined;
			this.waitingUntil = undefined;
			if (this.app.busy) return;
			void this.app.runTurn(AUTO_CONTINUE_MESSAGE, 'auto-continue');
		};
		check();
	}

	clear(): void {
		clearTimeout(this.waitTimer);
		this.waitTimer = undefined;
		this.waitingUntil = undefined;
		this.dialog = undefined;
		this.cancelledNote = undefined;
	}

	blocking(): boolean {
		return this.dialog !== undefined || this.waitingUntil !== undefined;
	}

	note(): string | undefined {
		return this.cancelledNote;
	}

	footerLines(): string[] {
		if (this.waitingUntil === undefined) return [];
		const clock = this.clock(this.waitingUntil);
		return [`  ⚠ Usage limit reached · limit resets ${clock}`, `    Continuing automatically at ${clock} · Esc to cancel`];
	}

	dialogLines(width: number): string[] | undefined {
		return this.dialog ? limitDialogLines(this.dialog.choices, this.dialog.cursor, width) : undefined;
	}

	/** Handles keys for the dialog and the auto-wait; returns true when consumed. */
	onKey(key: Key): boolean {
		const dialog = this.dialog;
		if (dialog) {
			const count = dialog.choices.length;
			if (key.kind === 'up') dialog.cursor = (dialog.cursor + count - 1) % count;
			else if (key.kind === 'down') dialog.cursor = (dialog.cursor + 1) % count;
			else if (key.kind === 'escape') this.choose(undefined);
			else if (key.kind === 'enter') this.choose(dialog.choices[dialog.cursor]?.value);
			else if (key.kind === 'text' && /^[1-9]$/.test(key.text[0] ?? '') && Number(key.text[0]) <= count) this.choose(dialog.choices[Number(key.text[0]) - 1]?.value);
			return true;
		}
		if (this.waitingUntil !== undefined && key.kind === 'escape' && !this.app.busy) {
			this.clear();
			this.app.screen.commit(assistantBlock('Automatic continue cancelled · /rate-limit-options to wait again'));
			this.cancelledNote = 'automatic continue cancelled';
			return true;
		}
		return false;
	}

	private choose(action: LimitAction | undefined): void {
		this.dialog = undefined;
		const last = this.last;
		if (action === 'wait' && last) {
			const clock = this.clock(last.resetsAt);
			this.app.screen.commit(gutterBlock([`Claude Code will continue automatically at ${clock}. Keep this session open; it may still pause for permission prompts.`]));
			this.armWait(last.resetsAt);
			return;
		}
		if (action === 'upgrade') this.app.screen.commit(gutterBlock(['Opening https://claude.ai/upgrade …']));
		this.app.toIdle(false);
	}
}
