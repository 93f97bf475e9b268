// SIGINT, SIGTERM and SIGHUP are caught from the very first moment of a run (dashboard or
// headless): one that comes while starting up is kept, and the view handles it as soon
// as it can — the sessions already launched are stopped and the lock is released.
export type StopSignals = {
	/** From now on each stop signal goes to `handler`. */
	handle(handler: (signal: NodeJS.Signals) => void): void;
	/** A signal that came before there was a handler (once). */
	takeEarly(): NodeJS.Signals | undefined;
	remove(): void;
};

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function catchStopSignals(): StopSignals {
	let early: NodeJS.Signals | undefined;
	let handler: ((signal: NodeJS.Signals) => void) | undefined;
	const onSignal = (signal: NodeJS.Signals): void => {
		if (handler) handler(signal);
		else early ??= signal;
	};
	for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
	return {
		handle: (next) => {
			handler = next;
		},
		takeEarly: () => {
			const signal = early;
			early = undefined;
			return signal;
		},
		remove: () => {
			for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
		},
	};
}
