// Upgrades persisted state written by older versions. Each step takes the previous
// schema to the next; a fixture test loads checked-in old files through this.
import {TASK_SCHEMA_VERSION, type TaskRecord} from '../../core/task.js';

type Raw = Record<string, unknown>;

export class SchemaError extends Error {}

export function migrateTaskRecord(raw: unknown): TaskRecord {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new SchemaError('not a JSON object');
	let record = raw as Raw;
	const version = typeof record.schemaVersion === 'number' ? record.schemaVersion : 0;
	if (version > TASK_SCHEMA_VERSION) throw new SchemaError(`written by a newer auto-claude (schema ${version}, this one reads up to ${TASK_SCHEMA_VERSION})`);
	if (version < 1) record = fromV0(record);
	if (typeof record.id !== 'string' || !record.status || typeof record.status !== 'object') throw new SchemaError('missing id or status');
	return record as unknown as TaskRecord;
}

/**
 * Schema 0 (the first prototype): status was a bare string plus top-level fields,
 * there were no launch numbers and no per-session liveness.
 */
function fromV0(old: Raw): Raw {
	const state = typeof old.status === 'string' ? old.status : ((old.status as Raw | undefined)?.state as string | undefined) ?? 'queued';
	const at = typeof old.updatedAt === 'number' ? old.updatedAt : 0;
	const attempts = typeof old.attempts === 'number' ? old.attempts : typeof old.attempt === 'number' ? old.attempt : 0;
	let status: Raw;
	switch (state) {
		case 'done':
			status = {state: 'done', at, result: {kind: 'success'}};
			break;
		case 'failed':
			status = {state: 'failed', at, result: {kind: 'agent_error', message: String(old.error ?? 'failed')}};
			break;
		case 'cancelled':
			status = {state: 'cancelled', at, reason: 'cancelled'};
			break;
		case 'running':
		case 'starting':
		case 'verifying':
		case 'waiting_input':
			// Mid-run in an old version: recovery resumes it.
			status = {state: 'running', attempt: Math.max(1, attempts), since: at};
			break;
		default:
			status = {state: 'queued'};
	}
	const sessionId = typeof old.sessionId === 'string' ? old.sessionId : undefined;
	return {
		schemaVersion: 1,
		id: old.id,
		spec: old.spec ?? null,
		status,
		attempts,
		launches: attempts,
		nudges: typeof old.nudges === 'number' ? old.nudges : 0,
		verifyRounds: 0,
		seq: typeof old.seq === 'number' ? old.seq : 0,
		createdAt: typeof old.createdAt === 'number' ? old.createdAt : at,
		updatedAt: at,
		session: sessionId ? {agentSessionId: sessionId, startedAt: at, attempt: attempts, launch: attempts, live: false, resumable: true} : undefined,
		verifyRuns: [],
		history: Array.isArray(old.history) ? old.history : [{at, from: null, to: status.state, reason: 'migrated from schema 0'}],
	};
}
