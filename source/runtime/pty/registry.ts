// The single owner of every child process. Whatever way auto-claude exits (normal
// return, SIGINT, SIGTERM, an uncaught error), every session's process group is killed,
// so no agent keeps running unsupervised.
import type {Session} from './session.js';

export class SessionRegistry {
	private readonly sessions = new Map<string, Session>();
	private exitHookInstalled = false;

	add(session: Session): void {
		const previous = this.sessions.get(session.taskId);
		if (previous && previous !== session) previous.killNow();
		this.sessions.set(session.taskId, session);
		session.onExit(() => {
			if (this.sessions.get(session.taskId) === session) this.sessions.delete(session.taskId);
		});
		this.installExitHook();
	}

	get(taskId: string): Session | undefined {
		return this.sessions.get(taskId);
	}

	all(): Session[] {
		return [...this.sessions.values()];
	}

	get size(): number {
		return this.sessions.size;
	}

	/** Graceful: SIGTERM every group, wait up to `graceMs` for them to exit, then SIGKILL. */
	async stopAll(graceMs = 3000): Promise<void> {
		const live = this.all().filter((s) => s.alive);
		if (live.length === 0) return;
		const exits = live.map((session) => new Promise<void>((resolve) => session.onExit(() => resolve())));
		for (const session of live) session.kill(graceMs);
		await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, graceMs + 500))]);
		this.killAllNow();
	}

	killAllNow(): void {
		for (const session of this.sessions.values()) session.killNow();
	}

	private installExitHook(): void {
		if (this.exitHookInstalled) return;
		this.exitHookInstalled = true;
		// 'exit' handlers must be synchronous: SIGKILL is the only thing that still works here.
		process.once('exit', () => this.killAllNow());
	}
}
