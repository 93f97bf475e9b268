// `auto-claude --no-ui`: the same orchestrator with a line reporter. Exits when the
// queue is drained (unless --watch): 0 all done, 1 something failed or needs a person,
// 75 stopped while an account is held (unless --wait), 130/143 after SIGINT/SIGTERM
// with every session stopped and left resumable.
import {summarize} from '../core/summary.js';
import {startApp, type RunningApp} from '../app/runtime.js';
import {catchStopSignals} from '../app/stop-signals.js';
import type {Workspace} from '../app/workspace.js';
import {Reporter} from './reporter.js';
import {VERSION} from '../version.js';

export type HeadlessOptions = {
	readonly json: boolean;
	readonly watch: boolean;
	readonly wait: boolean;
	readonly out?: NodeJS.WritableStream;
};

const COUNTDOWN_MS = 60_000;

export async function runHeadless(workspace: Workspace, options: HeadlessOptions): Promise<number> {
	const out = options.out ?? process.stdout;
	const reporter = new Reporter({json: options.json, out, color: !options.json && (out as NodeJS.WriteStream).isTTY === true});
	let finishing = false;
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>((resolve) => {
		resolveExit = resolve;
	});

	const stopSignals = catchStopSignals();

	let app: RunningApp;
	try {
		app = await startApp(workspace, {
			beforeStart: (orchestrator) => {
				reporter.note(`auto-claude ${VERSION} in ${workspace.paths.root} (${workspace.config.concurrency} at a time)`);
				orchestrator.onTransition((notice) => reporter.transition(notice, orchestrator.getState().tasks.get(notice.taskId)));
				orchestrator.onAlert((alert) => reporter.alert(alert));
			},
		});
	} catch (error) {
		stopSignals.remove();
		throw error;
	}
	const {orchestrator} = app;

	const finish = async (code: number, note?: string): Promise<void> => {
		if (finishing) return;
		finishing = true;
		if (note) reporter.note(note);
		await app.stop();
		reporter.summary(summarize(orchestrator.getState()));
		resolveExit(code);
	};

	const check = (): void => {
		if (finishing || options.watch) return;
		const summary = summarize(orchestrator.getState());
		if (!summary.drained) return;
		if (summary.held > 0) {
			// A hold that lifts soon is waited out; cron is for the long ones.
			const soon = summary.nextResumeAt !== undefined && summary.nextResumeAt - Date.now() <= workspace.config.limits.headlessWaitMinutes * 60_000;
			if (options.wait || soon) return;
			const resume = summary.nextResumeAt ? ` (resets around ${new Date(summary.nextResumeAt).toISOString()})` : '';
			void finish(75, `every remaining task waits for a usage limit${resume}; exiting 75 so a scheduler can try again`);
			return;
		}
		const waiting = summary.counts.waiting_input;
		const note = waiting > 0 ? `${waiting} task${waiting === 1 ? ' waits' : 's wait'} for input: answer with "auto-claude task reply <id> <answer>"` : undefined;
		void finish(summary.exitCode === 0 ? 0 : 1, note);
	};

	const handle = (signal: NodeJS.Signals): void => {
		if (finishing) {
			// A second Ctrl-C: stop waiting for sessions to exit.
			orchestrator.sessions.killAllNow();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		}
		void finish(signal === 'SIGINT' ? 130 : 143, `${signal}: stopping sessions; they resume on the next start`);
	};

	reporter.summary(summarize(orchestrator.getState()));
	const countdown = setInterval(() => {
		for (const hold of orchestrator.getState().holds.values()) reporter.hold(hold.account, hold.resumeAt, hold.text);
	}, COUNTDOWN_MS);
	let lastHolds = orchestrator.getState().holds;
	orchestrator.subscribe(() => {
		const holds = orchestrator.getState().holds;
		if (holds !== lastHolds) {
			for (const [account, hold] of holds) if (lastHolds.get(account) !== hold) reporter.hold(account, hold.resumeAt, hold.text);
			lastHolds = holds;
		}
		check();
	});
	stopSignals.handle(handle);
	const earlySignal = stopSignals.takeEarly();
	if (earlySignal) handle(earlySignal);
	else check();

	try {
		return await exited;
	} finally {
		clearInterval(countdown);
		stopSignals.remove();
	}
}
