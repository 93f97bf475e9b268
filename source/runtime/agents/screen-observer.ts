// Turns what a screen detector sees into agent signals, once per change. It also decides
// when an idle prompt means "the turn ended": only after the agent was seen working (or
// its last message changed) since auto-claude last typed something, so the idle box
// shown at start-up or right after a nudge is not mistaken for a finished turn.
import type {ScreenDetector, ScreenObservation} from '../../core/detect/types.js';
import type {AgentSignal} from '../../core/events.js';
import type {Session} from '../pty/session.js';

export type ScreenObserverOptions = {
	readonly detector: ScreenDetector;
	readonly emit: (signal: AgentSignal) => void;
	/** Typed once, the first time the agent is ready for input. */
	readonly initialInput?: string;
	/** Turns a limit line into a signal (parsing reset times is the adapter's business). */
	readonly limitSignal?: (observation: Extract<ScreenObservation, {kind: 'limit'}>) => AgentSignal | undefined;
	readonly loginMessage?: (observation: Extract<ScreenObservation, {kind: 'onboarding'}>) => string;
	/** When hooks report turn ends, the screen must not report them twice. */
	readonly screenTurnEnds?: boolean;
	/**
	 * How long an idle screen must stay idle before it counts as a turn end (ms). Hooks
	 * report turn ends with the agent's exact last message; when they work, the screen
	 * waits for them and only fills in when they stay silent.
	 */
	readonly turnEndDelayMs?: () => number;
	/** Extra check on every screen (e.g. an error the CLI prints before its TUI starts). */
	readonly inspect?: (lines: readonly string[]) => void;
};

const RESUBMIT_AFTER_MS = 20_000;

export class ScreenObserver {
	private lastKey = '';
	private sawBusy = false;
	/** The agent's last message when auto-claude last typed; a different one means it answered. */
	private messageAtInput: string | undefined;
	/** What the screen showed when auto-claude last typed (an old "Interrupted" is not a new one). */
	private kindAtInput: ScreenObservation['kind'] | undefined;
	private lastKind: ScreenObservation['kind'] | undefined;
	private lastMessage: string | undefined;
	private turnReported = false;
	private pendingInput: string | undefined;
	private turnTimer: NodeJS.Timeout | undefined;
	private resubmitTimer: NodeJS.Timeout | undefined;
	private readonly unsubscribe: () => void;

	constructor(
		private readonly session: Session,
		private readonly options: ScreenObserverOptions,
	) {
		this.pendingInput = options.initialInput;
		this.unsubscribe = session.onSettled((lines) => this.observe(lines));
	}

	/**
	 * Looks at the current screen again and reports what it shows even if unchanged (after
	 * another source said something the screen may contradict, e.g. a prompt still open).
	 */
	reobserve(): void {
		this.lastKey = '';
		this.session.refresh();
	}

	/** A hook already reported the end of this turn. */
	markTurnReported(): void {
		this.turnReported = true;
		clearTimeout(this.turnTimer);
		this.turnTimer = undefined;
	}

	inputSent(): void {
		clearTimeout(this.turnTimer);
		this.turnTimer = undefined;
		this.sawBusy = false;
		this.turnReported = false;
		this.lastKey = '';
		this.messageAtInput = this.lastMessage ?? '';
		this.kindAtInput = this.lastKind;
		// A TUI sometimes takes typed text but misses the Enter (a redraw in between): if the
		// agent is still sitting idle a while later, press Enter once more.
		clearTimeout(this.resubmitTimer);
		this.resubmitTimer = setTimeout(() => {
			if (!this.sawBusy && !this.turnReported && this.lastKind === 'idle' && this.session.alive) this.session.write('\r');
		}, RESUBMIT_AFTER_MS);
		this.resubmitTimer.unref?.();
	}

	dispose(): void {
		clearTimeout(this.turnTimer);
		clearTimeout(this.resubmitTimer);
		this.unsubscribe();
	}

	observe(lines: readonly string[]): void {
		this.options.inspect?.(lines);
		const observation = this.options.detector(lines);
		this.lastKind = observation.kind;
		if (observation.kind !== 'idle' && observation.kind !== 'interrupted') {
			clearTimeout(this.turnTimer);
			this.turnTimer = undefined;
		}
		if (observation.kind === 'busy') {
			this.sawBusy = true;
			this.suspendWatchdog(false);
		}
		if (observation.kind === 'idle' || observation.kind === 'interrupted') {
			this.onIdle(observation.kind === 'idle' ? observation.lastMessage : undefined, observation.kind === 'interrupted');
			if (observation.kind === 'idle') this.lastMessage = observation.lastMessage;
			return;
		}
		const signal = this.toSignal(observation);
		if (!signal) return;
		const key = JSON.stringify(signal);
		if (key === this.lastKey) return;
		this.lastKey = key;
		this.options.emit(signal);
	}

	private onIdle(lastMessage: string | undefined, interrupted: boolean): void {
		this.suspendWatchdog(false);
		if (this.pendingInput !== undefined) {
			const text = this.pendingInput;
			this.pendingInput = undefined;
			this.lastMessage = lastMessage;
			this.session.typeText(text);
			this.inputSent();
			return;
		}
		// Start-up: the first idle screen is the baseline, not an answer.
		if (this.messageAtInput === undefined) this.messageAtInput = lastMessage ?? '';
		const answered = (lastMessage ?? '') !== this.messageAtInput;
		const newlyInterrupted = interrupted && this.kindAtInput !== 'interrupted';
		if (this.turnReported || !(this.sawBusy || answered || newlyInterrupted)) return;
		if (this.options.screenTurnEnds === false) return;
		const delay = this.options.turnEndDelayMs?.() ?? 0;
		const report = (): void => {
			this.turnTimer = undefined;
			if (this.turnReported) return;
			this.turnReported = true;
			this.lastKey = 'idle';
			this.options.emit({kind: 'turn_ended', lastMessage, source: 'screen'});
		};
		if (delay <= 0) report();
		else if (!this.turnTimer) this.turnTimer = setTimeout(report, delay);
	}

	private suspendWatchdog(suspended: boolean): void {
		this.session.suspendIdle(suspended);
	}

	private toSignal(observation: ScreenObservation): AgentSignal | undefined {
		switch (observation.kind) {
			case 'busy':
				return {kind: 'busy', source: 'screen'};
			case 'permission':
				this.suspendWatchdog(true);
				return {
					kind: 'question',
					question: observation.question,
					tool: observation.tool,
					subject: observation.subject,
					approveKeys: observation.approveKeys,
					rejectKeys: observation.rejectKeys,
					source: 'screen',
				};
			case 'trust':
				return {kind: 'trust_dialog', trustKeys: observation.trustKeys, exitKeys: observation.exitKeys};
			case 'onboarding':
				return {kind: 'needs_login', text: this.options.loginMessage?.(observation) ?? `the agent shows a first-run screen (${observation.screen}); finish it by hand once`};
			case 'limit':
				this.suspendWatchdog(true);
				return this.options.limitSignal?.(observation);
			case 'dialog':
				this.suspendWatchdog(true);
				return {kind: 'dialog', title: observation.title};
			default:
				return undefined;
		}
	}
}
