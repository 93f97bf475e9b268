// The whole state machine: (state, event) → {state, effects}. It never mutates its
// input and never performs I/O; the orchestrator executes the effects it returns.
import {Draft, type EngineState} from './engine-state.js';
import type {Effect} from './effects.js';
import type {EngineEvent} from './events.js';
import {onShutdown, onTick, onUserCommand} from './reducer/commands.js';
import {applyInvalid, applyRemoved, applySpec, onLoaded, refreshCycles} from './reducer/files.js';
import {startTask} from './reducer/lifecycle.js';
import {onProbeFinished} from './reducer/limits.js';
import {onSessionEvent, onVerifyFinished} from './reducer/sessions.js';
import {schedule} from './scheduler.js';

export type ReduceResult = {readonly state: EngineState; readonly effects: readonly Effect[]};

export function reduce(state: EngineState, event: EngineEvent): ReduceResult {
	const draft = new Draft(state, event.at);
	switch (event.type) {
		case 'loaded':
			onLoaded(draft, event.records, event.specs, event.invalid);
			break;
		case 'taskFileChanged':
			applySpec(draft, event.spec);
			refreshCycles(draft);
			break;
		case 'taskFileInvalid':
			applyInvalid(draft, event.id, event.errors);
			refreshCycles(draft);
			break;
		case 'taskFileRemoved':
			applyRemoved(draft, event.id);
			refreshCycles(draft);
			break;
		case 'sessionAssigned':
		case 'worktreeReady':
		case 'worktreeFailed':
		case 'setupFinished':
		case 'sessionStarted':
		case 'sessionSpawnFailed':
		case 'sessionExited':
		case 'sessionIdle':
		case 'agentSignal':
			onSessionEvent(draft, event);
			break;
		case 'verifyFinished':
			onVerifyFinished(draft, event);
			break;
		case 'userCommand':
			onUserCommand(draft, event.command);
			break;
		case 'tick':
			onTick(draft);
			break;
		case 'probeFinished':
			onProbeFinished(draft, event);
			break;
		case 'shutdown':
			onShutdown(draft);
			return draft.finish();
	}
	const filesChanged = event.type === 'loaded' || event.type === 'taskFileChanged' || event.type === 'taskFileInvalid' || event.type === 'taskFileRemoved';
	schedule(draft, (record, account) => startTask(draft, record, account), {full: filesChanged});
	return draft.finish();
}

export {checkCommand, replyKeys} from './reducer/commands.js';
