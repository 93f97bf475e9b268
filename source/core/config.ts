// auto-claude.config.json: validated with zod, comments allowed (JSONC) so the file
// `auto-claude init` writes can explain itself. Errors name the field and its line.
import {parse as parseJsonc, parseTree, findNodeAtLocation, printParseErrorCode, type ParseError} from 'jsonc-parser';
import {z} from 'zod';

export const CONFIG_FILE = 'auto-claude.config.json';

const permissionRules = z
	.object({
		/** Tool rules answered "yes" automatically, e.g. "Bash(npm test*)", "Write", "Edit". */
		allow: z.array(z.string().min(1)).default([]),
		/** Tool rules answered "no" automatically (deny wins over allow). */
		deny: z.array(z.string().min(1)).default([]),
		/** What happens to a question no rule covers. */
		otherwise: z.enum(['escalate', 'allow', 'deny']).default('escalate'),
	})
	.strict();

const agentConfig = z
	.object({
		kind: z.enum(['command', 'claude', 'demo']),
		/** argv; for "command" agents the elements may contain {prompt}, {cwd}, {taskId}. */
		command: z.array(z.string().min(1)).min(1).optional(),
		env: z.record(z.string()).default({}),
		/** Extra arguments appended for every task (claude). */
		args: z.array(z.string()).default([]),
		/** CLAUDE_CONFIG_DIR for this agent (claude); one config dir is one account. */
		configDir: z.string().min(1).optional(),
		model: z.string().min(1).optional(),
		permissionMode: z.string().min(1).optional(),
		permissions: permissionRules.default({}),
		/** Answer the workspace trust dialog with "trust" for task folders. */
		trustWorkspace: z.boolean().default(true),
		/** When a tool-call gate cannot reach auto-claude, deny the call (true) or let it through (false). */
		failClosed: z.boolean().default(true),
	})
	.strict();

const accountConfig = z
	.object({
		name: z.string().min(1),
		configDir: z.string().min(1),
	})
	.strict();

const configSchema = z
	.object({
		$schema: z.string().optional(),
		concurrency: z.number().int().min(1).max(64).default(2),
		defaultAgent: z.string().min(1).default('claude'),
		defaultCwd: z.string().min(1).default('.'),
		agents: z.record(agentConfig),
		accounts: z.array(accountConfig).default([]),
		defaults: z
			.object({
				maxAttempts: z.number().int().min(1).default(3),
				maxVerifyRounds: z.number().int().min(0).default(3),
				maxNudges: z.number().int().min(0).default(5),
				timeoutMinutes: z.number().positive().default(240),
				idleTimeoutMinutes: z.number().positive().default(20),
				resume: z.enum(['session', 'restart', 'none']).default('session'),
				setupTimeoutMinutes: z.number().positive().default(30),
				verifyTimeoutMinutes: z.number().positive().default(30),
			})
			.strict()
			.default({}),
		retry: z
			.object({
				baseDelaySeconds: z.number().min(0).default(15),
				maxDelaySeconds: z.number().min(0).default(900),
			})
			.strict()
			.default({}),
		limits: z
			.object({
				/** Resume this long after the announced reset time. */
				marginSeconds: z.number().min(0).default(60),
				/**
				 * After a reset, a CLI that said it would continue by itself (2.1.x) gets this long to
				 * do so before auto-claude types "continue".
				 */
				autoContinueGraceSeconds: z.number().min(0).default(120),
				/** Headless runs wait out holds that lift within this many minutes; longer ones exit 75. */
				headlessWaitMinutes: z.number().min(0).default(10),
				/** Probe delays (minutes) when the reset time is unknown; [] disables probing. */
				probeMinutes: z.array(z.number().positive()).default([5, 10, 20, 40, 60]),
				/** Back-off for transient 429/529/5xx (seconds, doubled per repeat). */
				transientBackoffSeconds: z.number().min(0).default(30),
				/** argv of the probe run when the reset time is unknown (default: a one-turn `claude -p`). */
				probeCommand: z.array(z.string().min(1)).min(1).optional(),
			})
			.strict()
			.default({}),
		alerts: z
			.object({
				dedupMinutes: z.number().min(0).default(30),
				webhook: z.string().url().optional(),
				bell: z.boolean().default(false),
			})
			.strict()
			.default({}),
		terminal: z
			.object({
				cols: z.number().int().min(20).max(500).default(120),
				rows: z.number().int().min(5).max(200).default(40),
				scrollback: z.number().int().min(0).max(100_000).default(2000),
			})
			.strict()
			.default({}),
		metrics: z
			.object({
				port: z.number().int().min(0).max(65535).optional(),
			})
			.strict()
			.default({}),
	})
	.strict()
	.superRefine((config, ctx) => {
		if (!config.agents[config.defaultAgent]) {
			ctx.addIssue({code: 'custom', path: ['defaultAgent'], message: `no agent named "${config.defaultAgent}" in "agents"`});
		}
		for (const [name, agent] of Object.entries(config.agents)) {
			if (agent.kind === 'command' && !agent.command) {
				ctx.addIssue({code: 'custom', path: ['agents', name, 'command'], message: 'a "command" agent needs "command": ["program", "arg", …]'});
			}
		}
	});

export type Config = z.infer<typeof configSchema>;
export type AgentConfig = z.infer<typeof agentConfig>;
export type PermissionRules = z.infer<typeof permissionRules>;
export type ConfigIssue = {readonly path: string; readonly line?: number; readonly column?: number; readonly message: string};

export type ConfigResult = {readonly ok: true; readonly config: Config} | {readonly ok: false; readonly errors: readonly ConfigIssue[]};

export function defaultConfig(): Config {
	return configSchema.parse(withBuiltinAgents({}));
}

/**
 * "claude" and "demo" are always available unless the config defines agents with those
 * names, so a task can say `agent: demo` in any work folder.
 */
function withBuiltinAgents(value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const raw = value as Record<string, unknown>;
	const agents = raw.agents && typeof raw.agents === 'object' && !Array.isArray(raw.agents) ? (raw.agents as Record<string, unknown>) : {};
	return {...raw, agents: {claude: {kind: 'claude'}, demo: {kind: 'demo'}, ...agents}};
}

export function parseConfig(text: string | undefined): ConfigResult {
	if (text === undefined || !text.trim()) return {ok: true, config: defaultConfig()};
	const parseErrors: ParseError[] = [];
	const value: unknown = parseJsonc(text, parseErrors, {allowTrailingComma: true});
	if (parseErrors.length > 0) {
		return {
			ok: false,
			errors: parseErrors.slice(0, 5).map((error) => ({path: '', ...lineColumn(text, error.offset), message: `invalid JSON: ${printParseErrorCode(error.error)}`})),
		};
	}
	const checked = configSchema.safeParse(withBuiltinAgents(value));
	if (checked.success) return {ok: true, config: checked.data};
	const tree = parseTree(text);
	return {
		ok: false,
		errors: checked.error.issues.flatMap((issue) => {
			const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
			return paths.map((path) => {
				const node = tree ? findNodeAtLocation(tree, path) : undefined;
				const message = issue.code === 'unrecognized_keys' ? `unknown field "${String(path.at(-1))}"` : issue.message;
				return {path: path.join('.'), ...(node ? lineColumn(text, node.offset) : {}), message};
			});
		}),
	};
}

function lineColumn(text: string, offset: number): {line: number; column: number} {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return {line, column: offset - before.lastIndexOf('\n')};
}

export function formatConfigIssues(file: string, errors: readonly ConfigIssue[]): string {
	return errors
		.map((error) => `${file}${error.line ? `:${error.line}:${error.column ?? 1}` : ''}: ${error.path ? `${error.path}: ` : ''}${error.message}`)
		.join('\n');
}
