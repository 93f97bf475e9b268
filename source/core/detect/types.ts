// What a pure screen detector can tell from the visible lines of an agent's terminal.
// Screen text is the least trusted signal (hooks and the CLI's status file come first),
// so every variant carries only what the screen proves, never a guess.

export type MenuOption = {
	/** The key that picks this option ("1", "2", … or a named key such as "Down Enter"). */
	readonly key: string;
	readonly label: string;
	readonly selected: boolean;
};

/** A keystroke sequence written to the PTY, already encoded ("\r", "\u001b[B", "1"). */
export type KeySequence = readonly string[];

export type ScreenObservation =
	/** The agent is working: spinner line and/or "esc to interrupt" in the footer. */
	| {readonly kind: 'busy'}
	/** The prompt box is empty and nothing runs: the agent finished its turn. */
	| {readonly kind: 'idle'; readonly lastMessage?: string}
	/** A permission question waits for a key. */
	| {
			readonly kind: 'permission';
			/** The question line, e.g. "Do you want to proceed?". */
			readonly question: string;
			/** Tool heading, e.g. "Bash command", "Create file". */
			readonly tool?: string;
			/** The command or file the question is about, when shown. */
			readonly subject?: string;
			readonly options: readonly MenuOption[];
			/** Keys that answer yes once / no (reject). */
			readonly approveKeys: KeySequence;
			readonly rejectKeys: KeySequence;
	  }
	/** Workspace trust dialog; trustKeys select "yes, trust" for this version's layout. */
	| {
			readonly kind: 'trust';
			readonly folder?: string;
			readonly trustKeys: KeySequence;
			readonly exitKeys: KeySequence;
	  }
	/** First-run / login screens a person must complete by hand. */
	| {
			readonly kind: 'onboarding';
			readonly screen: 'theme' | 'login-method' | 'oauth' | 'security-notes' | 'connectivity' | 'api-key' | 'not-logged-in';
			readonly text: string;
	  }
	/** A usage/rate-limit message shown by the CLI itself (not quoted by the agent). */
	| {
			readonly kind: 'limit';
			readonly text: string;
			/** 2.1.330 "Continuing automatically at 7pm · Esc to cancel" is armed. */
			readonly autoContinue: boolean;
			/** The "What do you want to do?" rate-limit options dialog is open. */
			readonly dialog: boolean;
			/** Keys that choose "wait and continue" (or "stop and wait") in that dialog. */
			readonly waitKeys?: KeySequence;
	  }
	/** Some other modal the CLI shows (settings warning, auto-mode offer, model switch…). */
	| {readonly kind: 'dialog'; readonly title: string; readonly options: readonly MenuOption[]}
	/** "Interrupted · What should Claude do instead?" was the last thing shown. */
	| {readonly kind: 'interrupted'}
	/** The CLI printed its exit banner ("Resume this session with: claude --resume <id>"). */
	| {readonly kind: 'exited'; readonly sessionId?: string}
	| {readonly kind: 'unknown'};

export type ScreenDetector = (lines: readonly string[]) => ScreenObservation;
