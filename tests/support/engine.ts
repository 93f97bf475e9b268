// Builders for reducer tests: specs, settings and a tiny driver that feeds events and
// keeps the effects, so tests read as a story of events and the states they lead to.
import {defaultConfig, type Config} from '../../source/core/config.js';
import {accountOf, createEngineState, type EngineState} from '../../source/core/engine-state.js';
import type {Effect} from '../../source/core/effects.js';
import type {EngineEvent} from '../../source/core/events.js';
import {reduce} from '../../source/core/reducer.js';
import {buildDependents, compareForStart, inStartOrder, occupiesWorker} from '../../source/core/queue-index.js';
import type {TaskSpec} from '../../source/core/task.js';

export function spec(id: string, overrides: Partial<TaskSpec> = {}): TaskSpec {
	return {
		id,
		file: `tasks/${id}.md`,
		title: id,
		prompt: `do ${id}`,
		priority: 0,
		dependsOn: [],
		args: [],
		worktree: false,
		hash: `h-${id}-${JSON.stringify(overrides)}`,
		mtimeMs: 1000,
		...overrides,
	};
}

export function config(overrides: Partial<Config> = {}): Config {
	const base = defaultConfig();
	return {
		...base,
		agents: {
			sh: {kind: 'command', command: ['sh', '-c', '{prompt}'], env: {}, args: [], permissions: {allow: [], deny: [], otherwise: 'escalate'}, trustWorkspace: true, failClosed: true},
			claude: {kind: 'claude', env: {}, args: [], permissions: {allow: ['Bash(npm test*)', 'Write'], deny: ['Bash(rm *)'], otherwise: 'escalate'}, trustWorkspace: true, failClosed: true},
		},
		defaultAgent: 'sh',
		...overrides,
	};
}

export class Engine {
	state: EngineState;
	effects: Effect[] = [];
	now = 1_000_000;

	constructor(cfg: Config = config(), options: {dispatching?: boolean} = {}) {
		this.state = createEngineState({config: cfg, nudgeTemplate: '', verifyFeedbackTemplate: ''}, {dispatching: options.dispatching ?? true, now: this.now});
	}

	send(event: EngineEvent | ((at: number) => EngineEvent)): Effect[] {
		const e = typeof event === 'function' ? event(this.now) : event;
		const result = reduce(this.state, e);
		this.state = result.state;
		checkIndexes(this.state);
		this.effects.push(...result.effects);
		return [...result.effects];
	}

	load(specs: TaskSpec[], records: EngineState['tasks'] extends ReadonlyMap<string, infer R> ? R[] : never = []): Effect[] {
		return this.send({type: 'loaded', at: this.now, records, specs, invalid: []});
	}

	advance(ms: number): Effect[] {
		this.now += ms;
		return this.send({type: 'tick', at: this.now});
	}

	task(id: string) {
		const record = this.state.tasks.get(id);
		if (!record) throw new Error(`no task ${id}`);
		return record;
	}

	stateOf(id: string): string {
		return this.state.tasks.get(id)?.status.state ?? 'absent';
	}

	launch(id: string): number {
		return this.task(id).launches;
	}

	/** The task's session starts (pid 100+). */
	started(id: string): Effect[] {
		return this.send({type: 'sessionStarted', at: this.now, taskId: id, launch: this.launch(id), pid: 100});
	}

	exited(id: string, exitCode: number | null, signal: string | null = null): Effect[] {
		return this.send({type: 'sessionExited', at: this.now, taskId: id, launch: this.launch(id), exitCode, signal});
	}

	signal(id: string, signal: Extract<EngineEvent, {type: 'agentSignal'}>['signal']): Effect[] {
		return this.send({type: 'agentSignal', at: this.now, taskId: id, launch: this.launch(id), signal});
	}

	verify(id: string, exitCode: number, outputTail = ''): Effect[] {
		const s = this.task(id).status;
		const round = s.state === 'verifying' ? s.round : -1;
		return this.send({type: 'verifyFinished', at: this.now, taskId: id, round, exitCode, durationMs: 10, outputTail, timedOut: false});
	}
}

export function ofType<T extends Effect['type']>(effects: readonly Effect[], type: T): Extract<Effect, {type: T}>[] {
	return effects.filter((e): e is Extract<Effect, {type: T}> => e.type === type);
}

/** The incremental indexes must always equal a recomputation from scratch. */
export function checkIndexes(state: EngineState): void {
	const records = [...state.tasks.values()];
	const order = records.filter(inStartOrder).sort(compareForStart).map((r) => r.id);
	const active = records.filter(occupiesWorker).length;
	const counts: Record<string, number> = {};
	for (const r of records) counts[r.status.state] = (counts[r.status.state] ?? 0) + 1;
	const actualCounts = Object.fromEntries(Object.entries(state.counts).filter(([, n]) => n !== 0));
	const problems: string[] = [];
	if (JSON.stringify(order) !== JSON.stringify(state.order)) problems.push(`order ${JSON.stringify(state.order)} != ${JSON.stringify(order)}`);
	if (active !== state.activeCount) problems.push(`activeCount ${state.activeCount} != ${active}`);
	if (JSON.stringify(Object.entries(counts).sort()) !== JSON.stringify(Object.entries(actualCounts).sort())) problems.push(`counts ${JSON.stringify(actualCounts)} != ${JSON.stringify(counts)}`);
	const byAccount: Record<string, number> = {};
	for (const r of records.filter(occupiesWorker)) {
		const account = accountOf(state.settings, r.spec, r);
		byAccount[account] = (byAccount[account] ?? 0) + 1;
	}
	const indexedByAccount = Object.fromEntries(Object.entries(state.activeByAccount).filter(([, n]) => n !== 0));
	if (JSON.stringify(Object.entries(byAccount).sort()) !== JSON.stringify(Object.entries(indexedByAccount).sort())) problems.push(`activeByAccount ${JSON.stringify(indexedByAccount)} != ${JSON.stringify(byAccount)}`);
	const dependents = buildDependents(records);
	for (const [dep, ids] of dependents) {
		const indexed = state.dependents.get(dep) ?? [];
		if (JSON.stringify([...ids].sort()) !== JSON.stringify([...indexed].sort())) problems.push(`dependents of ${dep}`);
	}
	if (problems.length > 0) throw new Error(`index out of date: ${problems.join('; ')}`);
}
