// Agents run as session leaders in their PTY, so a signal to the group reaches every
// process they started (test runners, dev servers), not only the agent itself.
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// Already gone.
		}
	}
}
