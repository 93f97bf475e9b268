// Task files coming, changing and going, and the start-up reconciliation of persisted
// records with the files on disk (including recovery of tasks that were mid-run).
import {findCycles} from '../deps.js';
import {buildDependents} from '../queue-index.js';
import {agentOf, newRecord, type Draft} from '../engine-state.js';
import type {InvalidTaskFile} from '../events.js';
import {hasSession, isTerminal, type TaskRecord, type TaskSpec, type TaskStatus, type ValidationIssue} from '../task.js';
import {stopSession} from './lifecycle.js';

export function onLoaded(draft: Draft, records: readonly TaskRecord[], specs: readonly TaskSpec[], invalid: readonly InvalidTaskFile[]): void {
	for (const record of records) {
		draft.put(record, {persist: false});
		draft.seqAbove(record.seq);
		recover(draft, record);
	}
	const seen = new Set<string>();
	const ordered = [...specs].sort((a, b) => a.mtimeMs - b.mtimeMs || (a.id < b.id ? -1 : 1));
	for (const spec of ordered) {
		seen.add(spec.id);
		applySpec(draft, spec, {quiet: true});
	}
	for (const file of invalid) {
		seen.add(file.id);
		applyInvalid(draft, file.id, file.errors);
	}
	for (const record of records) {
		if (!seen.has(record.id)) applyRemoved(draft, record.id);
	}
	refreshCycles(draft);
}

/**
 * A task found mid-run at start-up has no process any more (the previous orchestrator
 * is gone and took its children with it): it is queued to resume, never left running.
 */
function recover(draft: Draft, record: TaskRecord): void {
	const session = record.session ? {...record.session, live: false, pid: undefined} : undefined;
	const s = record.status;
	if (s.state === 'verifying') {
		// The agent had finished; only the check was interrupted. Run it again.
		draft.patch(record.id, {session, verifyRounds: Math.max(0, record.verifyRounds - 1)});
		draft.transition(record.id, {state: 'queued', resume: true}, 'verify was interrupted by a restart; resuming');
		return;
	}
	if (s.state === 'starting' || s.state === 'running' || s.state === 'waiting_input') {
		draft.transition(record.id, {state: 'queued', resume: true}, `found ${s.state} after a restart; resuming`, {session});
		return;
	}
	if (s.state === 'rate_limited') {
		draft.transition(record.id, {...s, sessionAlive: false}, 'session ended by a restart; resumes when the limit resets', {session});
		return;
	}
	if (s.state === 'paused' && (s.from === 'running' || s.from === 'waiting_input')) {
		draft.transition(record.id, {state: 'paused', since: s.since, from: 'queued'}, 'session ended by a restart; resumes when unpaused', {session});
		return;
	}
	if (session !== record.session) draft.patch(record.id, {session});
}

export function applySpec(draft: Draft, spec: TaskSpec, options: {quiet?: boolean} = {}): void {
	const unknownAgent = spec.agent && !draft.settings.config.agents[spec.agent];
	if (unknownAgent) {
		applyInvalid(draft, spec.id, [{file: spec.file, field: 'agent', message: `no agent named "${spec.agent}" in auto-claude.config.json`}]);
		return;
	}
	const record = draft.get(spec.id);
	if (!record) {
		draft.put(newRecord(spec.id, spec, {state: 'queued'}, draft.takeSeq(), draft.at), {persist: false});
		if (!options.quiet) draft.emit({type: 'transition', taskId: spec.id, from: null, to: 'queued', reason: `new task file ${spec.file}`, at: draft.at});
		return;
	}
	const s = record.status;
	if (s.state === 'rejected') {
		draft.transition(spec.id, {state: 'queued'}, 'task file is valid again', fresh(draft, record, spec));
		return;
	}
	const sameContent = record.spec?.hash === spec.hash;
	if (sameContent) {
		if (record.fileRemoved || record.spec?.file !== spec.file || record.spec?.mtimeMs !== spec.mtimeMs) draft.patch(spec.id, {spec, fileRemoved: undefined});
		return;
	}
	if (isTerminal(s)) {
		// A changed file is a new request: run it again from the start, keeping history.
		draft.transition(spec.id, {state: 'queued'}, `task file changed after it ended (${s.state}); running it again`, fresh(draft, record, spec));
		return;
	}
	// Queued, waiting or running: take the new definition; a live session is not disturbed.
	draft.patch(spec.id, {spec, fileRemoved: undefined});
	if (hasSession(s)) draft.alert('P3', `file-changed:${spec.id}`, `${spec.id}: task file changed while it runs; the change applies to its next step`, spec.id);
}

function fresh(draft: Draft, record: TaskRecord, spec: TaskSpec): Partial<TaskRecord> {
	return {
		spec,
		attempts: 0,
		nudges: 0,
		verifyRounds: 0,
		seq: draft.takeSeq(),
		session: undefined,
		lastResult: undefined,
		pendingReply: undefined,
		fileRemoved: undefined,
	};
}

export function applyInvalid(draft: Draft, id: string, errors: readonly ValidationIssue[]): void {
	const record = draft.get(id);
	const summary = errors.map((e) => `${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${e.field ? `${e.field}: ` : ''}${e.message}`).join('; ');
	if (!record) {
		draft.put(newRecord(id, null, {state: 'rejected', errors}, draft.takeSeq(), draft.at), {persist: false});
		draft.emit({type: 'transition', taskId: id, from: null, to: 'rejected', reason: summary, at: draft.at});
		draft.alert('P2', `invalid:${id}`, `task file rejected: ${summary}`, id);
		return;
	}
	if (hasSession(record.status) || (record.status.state === 'paused' && record.status.from !== 'queued')) {
		draft.alert('P3', `invalid:${id}`, `${id}: task file became invalid while it runs (${summary}); the run continues`, id);
		return;
	}
	if (record.status.state === 'rejected' && JSON.stringify(record.status.errors) === JSON.stringify(errors)) return;
	draft.transition(id, {state: 'rejected', errors}, summary);
	draft.alert('P2', `invalid:${id}`, `task file rejected: ${summary}`, id);
}

export function applyRemoved(draft: Draft, id: string): void {
	const record = draft.get(id);
	if (!record) return;
	const s = record.status;
	const idle = s.state === 'queued' || s.state === 'blocked' || s.state === 'rejected' || s.state === 'retrying' || (s.state === 'paused' && s.from !== 'running' && s.from !== 'waiting_input');
	if (idle) {
		stopSession(draft, record, 'task file removed');
		draft.remove(id);
		draft.emit({type: 'transition', taskId: id, from: s.state, to: 'cancelled', reason: 'task file removed', at: draft.at});
		return;
	}
	if (!record.fileRemoved) draft.patch(id, {fileRemoved: true});
}

/** Cycles are validation errors; a task leaves "rejected" when its cycle is broken. */
export function refreshCycles(draft: Draft): void {
	draft.setDependents(buildDependents(draft.all()));
	const graph = new Map<string, readonly string[]>();
	for (const record of draft.all()) {
		if (record.spec && record.spec.dependsOn.length > 0) graph.set(record.id, record.spec.dependsOn);
	}
	const cycles = graph.size > 0 ? findCycles(graph) : new Map<string, string>();
	for (const record of draft.all()) {
		const cycle = cycles.get(record.id);
		const rejectedForCycle = record.status.state === 'rejected' && record.spec !== null && record.status.errors.every((e) => e.field === 'dependsOn' && e.message.startsWith('dependency cycle'));
		if (cycle && record.spec && !hasSession(record.status) && !isTerminal(record.status)) {
			const errors: ValidationIssue[] = [{file: record.spec.file, field: 'dependsOn', message: cycle}];
			if (record.status.state !== 'rejected' || JSON.stringify(record.status.errors) !== JSON.stringify(errors)) {
				draft.transition(record.id, {state: 'rejected', errors}, cycle);
				draft.alert('P2', `invalid:${record.id}`, `task file rejected: ${record.spec.file}: ${cycle}`, record.id);
			}
		} else if (!cycle && rejectedForCycle) {
			draft.transition(record.id, {state: 'queued'} satisfies TaskStatus, 'dependency cycle resolved');
		}
	}
}

export {agentOf};
