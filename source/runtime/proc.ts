// Process facts from /proc (Linux) with safe fallbacks elsewhere.
import fs from 'node:fs';

export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined. */
export function processStartTime(pid: number): number | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may contain spaces and parentheses: split after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const value = Number(fields[19]);
		return Number.isFinite(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Kills a process group left behind by a crashed orchestrator, if it is still ours. */
export function killOrphan(pid: number, pidStart: number | undefined): boolean {
	if (!processAlive(pid)) return false;
	const start = processStartTime(pid);
	if (pidStart !== undefined && start !== undefined && start !== pidStart) return false;
	for (const target of [-pid, pid]) {
		try {
			process.kill(target, 'SIGKILL');
		} catch {
			// Already gone, or not a group leader.
		}
	}
	return true;
}
