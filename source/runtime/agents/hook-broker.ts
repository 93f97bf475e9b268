// Routes hook calls from agent sessions (forwarded by `auto-claude hook <event>` over the
// control socket) to the observer of that task's current launch, and carries decisions
// (allow / deny / ask a person) back to the waiting hook process.
export type HookCall = {readonly event: string; readonly taskId: string; readonly launch: number; readonly payload: Record<string, unknown>};

/** What the hook process prints (JSON on stdout) and its exit code. */
export type HookReply = {readonly output?: Record<string, unknown>; readonly exitCode?: number; readonly stderr?: string};

export type HookHandler = (call: HookCall) => HookReply | Promise<HookReply | undefined> | undefined;

export type HookDecision = 'allow' | 'deny' | 'ask';

const DECISION_TIMEOUT_MS = 20_000;

export class HookBroker {
	private readonly handlers = new Map<string, {launch: number; handler: HookHandler}>();
	private readonly pending = new Map<string, (decision: {decision: HookDecision; reason?: string}) => void>();
	private nextId = 1;

	register(taskId: string, launch: number, handler: HookHandler): () => void {
		this.handlers.set(taskId, {launch, handler});
		return () => {
			if (this.handlers.get(taskId)?.launch === launch) this.handlers.delete(taskId);
		};
	}

	async handle(call: HookCall): Promise<HookReply> {
		const entry = this.handlers.get(call.taskId);
		// A hook from a session that is no longer the task's current one: answer nothing.
		if (!entry || entry.launch !== call.launch) return {};
		return (await entry.handler(call)) ?? {};
	}

	/** Starts waiting for a decision; the id goes out in the question signal. */
	waitForDecision(): {requestId: string; decision: Promise<{decision: HookDecision; reason?: string}>} {
		const requestId = `h${this.nextId++}`;
		const decision = new Promise<{decision: HookDecision; reason?: string}>((resolve) => {
			const timer = setTimeout(() => {
				this.pending.delete(requestId);
				resolve({decision: 'ask'});
			}, DECISION_TIMEOUT_MS);
			this.pending.set(requestId, (value) => {
				clearTimeout(timer);
				this.pending.delete(requestId);
				resolve(value);
			});
		});
		return {requestId, decision};
	}

	answer(requestId: string, decision: HookDecision, reason?: string): void {
		this.pending.get(requestId)?.({decision, reason});
	}
}
