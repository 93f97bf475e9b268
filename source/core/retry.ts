// Retry timing: exponential back-off from a base delay, capped, with a deterministic
// spread derived from the task id so many tasks failing together do not retry in lockstep.
import {stableHash} from './hash.js';

export type RetryPolicy = {readonly baseDelaySeconds: number; readonly maxDelaySeconds: number};

export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, taskId: string): number {
	const exponent = Math.max(0, failedAttempt - 1);
	const raw = policy.baseDelaySeconds * 2 ** exponent;
	const capped = Math.min(raw, policy.maxDelaySeconds);
	// ±10% spread, stable for a given task and attempt.
	const spread = (parseInt(stableHash(`${taskId}:${failedAttempt}`), 36) % 2001) / 10_000 - 0.1;
	return Math.max(0, Math.round(capped * (1 + spread) * 1000));
}
