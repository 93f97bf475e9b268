// Screens before the session starts, in the real order: onboarding (never passed: the
// simulator has no login flow), the 2.1.197 Settings Warning for unknown hook events, and
// the workspace trust dialog (acceptance is written back to .claude.json).

import {acceptTrust, hasCompletedOnboarding, isTrusted} from '../config.js';
import type {SessionContext} from '../engine/context.js';
import type {StatusFile} from '../store/status-file.js';
import {onboardingLines, settingsWarningLines, trustChoices, trustLines} from './dialogs.js';
import type {Key} from './keys.js';

type Phase = 'onboarding' | 'settings-warning' | 'trust';

export type StartupDeps = {
	readonly ctx: SessionContext;
	readonly claudeJson: Record<string, unknown>;
	readonly demo: boolean;
	readonly status: StatusFile | undefined;
	readonly schedule: () => void;
	readonly exit: (code: number) => void;
	readonly done: () => void;
};

export class StartupScreens {
	private phase: Phase | undefined;
	private cursor = 0;

	constructor(private readonly deps: StartupDeps) {}

	get active(): boolean {
		return this.phase !== undefined;
	}

	private unknownHooks(): string[] {
		const {settings, profile} = this.deps.ctx;
		return settings.hookEventNames.filter((name) => !profile.hookEvents.includes(name));
	}

	begin(): void {
		const {ctx, demo, claudeJson} = this.deps;
		if (!demo && !hasCompletedOnboarding(claudeJson)) this.enter('onboarding');
		else if (ctx.profile.warnsOnUnknownHooks && this.unknownHooks().length > 0) this.enter('settings-warning');
		else this.afterWarnings();
	}

	private enter(phase: Phase): void {
		this.phase = phase;
		this.cursor = 0;
		this.deps.status?.set('waiting', 'dialog open');
		this.deps.schedule();
	}

	private afterWarnings(): void {
		const {ctx, demo, claudeJson} = this.deps;
		if (!demo && !isTrusted(claudeJson, ctx.cwd)) {
			this.enter('trust');
			return;
		}
		this.phase = undefined;
		this.deps.done();
	}

	lines(width: number): string[] | undefined {
		const {ctx} = this.deps;
		switch (this.phase) {
			case 'onboarding':
				return onboardingLines(width);
			case 'settings-warning':
				return settingsWarningLines(ctx.settings.hookSources[0] ?? 'settings', this.unknownHooks(), ctx.profile.hookEvents, this.cursor, width);
			case 'trust':
				return trustLines(ctx.profile, ctx.cwd, this.cursor, width);
			default:
				return undefined;
		}
	}

	/** Returns false when no start-up screen is showing. */
	onKey(key: Key): boolean {
		const {ctx, exit} = this.deps;
		switch (this.phase) {
			case 'onboarding':
				if (key.kind === 'ctrl-c') exit(0);
				return true;
			case 'settings-warning':
				this.menuKey(key, 3, true, (index) => (index === 2 ? exit(1) : this.afterWarnings()));
				return true;
			case 'trust': {
				const choices = trustChoices(ctx.profile);
				if (key.kind === 'escape') exit(1);
				else
					this.menuKey(key, choices.length, ctx.profile.trust !== 'no-first', (index) => {
						if (choices[index]?.value !== 'trust') return exit(1);
						acceptTrust(ctx.paths, ctx.cwd);
						this.phase = undefined;
						this.deps.done();
					});
				return true;
			}
			default:
				return false;
		}
	}

	private menuKey(key: Key, count: number, digits: boolean, choose: (index: number) => void): void {
		if (key.kind === 'up') this.cursor = (this.cursor + count - 1) % count;
		else if (key.kind === 'down' || key.kind === 'tab') this.cursor = (this.cursor + 1) % count;
		else if (key.kind === 'enter') choose(this.cursor);
		else if (key.kind === 'text' && digits && /^[1-9]$/.test(key.text) && Number(key.text) <= count) choose(Number(key.text) - 1);
		else if (key.kind === 'ctrl-c') this.deps.exit(0);
	}
}
