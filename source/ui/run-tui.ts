// `auto-claude` on a terminal: the dashboard. Wires the engine (startApp) to the store,
// Ink (chrome) and the compositor (the only writer to the terminal), reads keys, and
// leaves the terminal as it found it on every way out. Quitting stops the sessions;
// their tasks resume on the next start.
import {startApp, type RunningApp} from '../app/runtime.js';
import {catchStopSignals} from '../app/stop-signals.js';
import type {Workspace} from '../app/workspace.js';
import {fileLogger} from '../runtime/logging/logger.js';
import {KeyDispatcher} from './keys/dispatch.js';
import {nextSessionSize, type Size} from './layout/layout.js';
import {Compositor} from './render/compositor.js';
import {InkSink} from './render/ink-sink.js';
import {Panes} from './render/panes.js';
import {plainChrome} from './render/plain-chrome.js';
import {UiActions} from './state/actions.js';
import {UiStore} from './state/store.js';
import {startUiStats} from './stats.js';
import type {Key} from './terminal/keys.js';
import {Tty} from './terminal/tty.js';
import {alertsHeight, headerHeight} from './view/header.js';

const SIGNAL_CODES: Partial<Record<NodeJS.Signals, number>> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

export type TuiOptions = {
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
	readonly fps?: number;
};

export async function runTui(workspace: Workspace, options: TuiOptions = {}): Promise<number> {
	const tty = new Tty(options.stdout ?? process.stdout, options.stdin ?? process.stdin);
	const logger = fileLogger(workspace.paths.orchestratorLog);
	let store: UiStore | undefined;
	let app: RunningApp | undefined;

	// Every way out puts the terminal back; a crash also stops the agents (no orphans).
	const onExit = (): void => tty.restore();
	const onCrash = (error: unknown): void => {
		tty.restore();
		logger.error('dashboard crashed', {error: String((error as Error)?.stack ?? error)});
		process.stderr.write(`auto-claude: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
		app?.orchestrator.sessions.killAllNow();
		process.exit(1);
	};
	process.on('exit', onExit);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	// Nothing may write around the compositor while it owns the screen.
	const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const savedConsole = consoleMethods.map((name) => console[name]);
	for (const name of consoleMethods) console[name] = (...args: unknown[]) => logger.warn(`console.${name}`, {args: args.map(String)});

	tty.enter();
	// Something on screen at once; the dashboard replaces it as soon as the engine is up.
	tty.write(`\u001b[1;1H\u001b[1;7m auto-claude \u001b[0m\u001b[2m  starting in ${workspace.paths.root}…\u001b[0m`);
	// A stop signal while starting up gives the terminal back once the engine is up.
	const stopSignals = catchStopSignals();

	// Keys typed while starting up are kept and handled once the dashboard is up.
	let handleKeys: ((keys: Key[]) => void) | undefined;
	const early: Key[] = [];
	tty.onKeys((keys) => (handleKeys ? handleKeys(keys) : early.push(...keys)));
	const size = (): Size => tty.size();
	const terminalSize = (): Size => {
		const snap = store?.getSnapshot();
		const engine = app?.orchestrator.getState();
		return nextSessionSize({
			size: size(),
			headerLines: engine ? headerHeight(engine) : 1,
			alertLines: snap ? alertsHeight(snap.alerts, size().rows) : 0,
			taskRows: snap?.rows.length ?? engine?.tasks.size ?? 1,
			sessions: app?.orchestrator.sessions.all().filter((s) => s.alive).map((s) => s.taskId) ?? [],
			overlay: false,
		});
	};

	const cleanup = (): void => {
		stopSignals.remove();
		process.off('exit', onExit);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		consoleMethods.forEach((name, i) => {
			console[name] = savedConsole[i]!;
		});
	};

	try {
		// Work starts once the dashboard is ready (below), so warming it up does not compete
		// with the first agents' output.
		app = await startApp(workspace, {terminalSize, deferStart: true});
	} catch (error) {
		tty.restore();
		cleanup();
		throw error;
	}
	const running = app;
	const {orchestrator} = running;
	const registry = orchestrator.sessions;

	let compositor: Compositor | undefined;
	const panes = new Panes(registry, (taskId) => compositor?.markDirty(taskId));
	const metricsPort = workspace.config.metrics.port;
	store = new UiStore({
		engine: orchestrator,
		size: size(),
		metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}/metrics` : undefined,
		onSession: (session) => panes.attach(session),
	});
	const ui = store;
	compositor = new Compositor(tty, ui.getSnapshot, registry, panes, {fps: options.fps ?? 30});
	const paint = compositor;
	const sink = new InkSink(size(), (lines, layoutKey) => paint.chrome(lines, layoutKey));

	let exitCode = 0;
	let stopping: Promise<void> | undefined;
	let resolveDone!: () => void;
	const done = new Promise<void>((resolve) => {
		resolveDone = resolve;
	});
	const stop = (code: number): void => {
		exitCode = code;
		stopping ??= running
			.stop()
			.catch((error: unknown) => logger.error('stop failed', {error: String(error)}))
			.then(() => resolveDone());
	};
	const actions = new UiActions(ui, {
		paths: {root: workspace.paths.root, tasks: workspace.paths.tasks, templates: workspace.paths.templates, logs: workspace.paths.logs},
		panes,
		quit: () => stop(0),
		forceQuit: () => registry.killAllNow(),
	});
	const dispatcher = new KeyDispatcher(ui, actions, panes);

	// The first frame now, from the same view-models; Ink takes over once it has loaded.
	let inkMounted = false;
	const plain = (): void => {
		if (!inkMounted) paint.chrome(plainChrome(ui.getSnapshot()), ui.getSnapshot().layout.key);
	};
	const unsubscribePlain = ui.subscribe(plain);
	plain();
	paint.frame();
	// Keys and signals work from here on, with or without Ink.
	handleKeys = (keys) => {
		paint.noteKey();
		dispatcher.handle(keys);
	};
	if (early.length > 0) dispatcher.handle(early.splice(0));
	const handleSignal = (signal: NodeJS.Signals): void => {
		if (stopping) {
			// Asked twice: do not wait for the sessions any longer.
			registry.killAllNow();
			return;
		}
		ui.update((state) => ({...state, stopping: true, prompt: undefined, overlay: undefined, focusId: undefined}));
		stop(SIGNAL_CODES[signal] ?? 1);
	};
	stopSignals.handle(handleSignal);
	tty.onGone(() => handleSignal('SIGHUP'));
	const earlySignal = stopSignals.takeEarly();
	if (earlySignal) handleSignal(earlySignal);
	tty.onResize(() => {
		const next = size();
		sink.resize(next);
		ui.setSize(next);
		paint.invalidate();
	});
	const {mountChrome, warmUp} = await import('./mount-ink.js');
	inkMounted = true;
	unsubscribePlain();
	const ink = mountChrome(ui, sink);
	warmUp(ui);
	let startError: unknown;
	await running.begin().catch((error: unknown) => {
		startError = error ?? new Error('start failed');
		resolveDone();
	});

	const onContinue = (): void => paint.invalidate();
	process.on('SIGCONT', onContinue);

	// The clock, on the second: countdowns and elapsed times tick together.
	let clock: NodeJS.Timeout | undefined;
	let ticks = 0;
	const align = setTimeout(
		() => {
			clock = setInterval(() => {
				ui.tick();
				if (++ticks % 2 === 0) actions.refreshDetails();
			}, 1000);
			ui.tick();
		},
		1000 - (Date.now() % 1000),
	);
	const stopStats = startUiStats(process.env.AUTO_CLAUDE_UI_STATS, () => ({
		inkRenders: sink.renders,
		inkMs: Math.round(sink.renderMs),
		inkMaxMs: Math.round(sink.renderMaxMs),
		...paint.stats,
		keyToFrame: paint.stats.keyToFrame.splice(0),
	}));

	await done;

	clearTimeout(align);
	clearInterval(clock);
	stopStats();
	process.off('SIGCONT', onContinue);
	paint.dispose();
	panes.dispose();
	ink.unmount();
	ui.dispose();
	tty.restore();
	cleanup();
	if (startError) throw startError;
	return exitCode;
}
