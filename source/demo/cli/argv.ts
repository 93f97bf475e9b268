// A commander-compatible argv parser for the options of `claude` (help text of 2.1.330 plus
// the hidden ones), producing the same error texts. Variadic options eat following
// arguments until the next option or `--`, which is how the real CLI swallows prompts.

export type OptionKind = 'bool' | 'value' | 'optional' | 'variadic';

type OptionSpec = {
	readonly names: readonly string[];
	readonly kind: OptionKind;
	readonly placeholder?: string;
	readonly choices?: readonly string[];
	/** Extra values accepted silently (e.g. `default` for --permission-mode). */
	readonly alsoAccepted?: readonly string[];
	/** Repeatable single-value option (collects into a list). */
	readonly repeat?: boolean;
};

const PERMISSION_MODES_330 = ['acceptEdits', 'auto', 'bypassPermissions', 'manual', 'dontAsk', 'plan'];
const PERMISSION_MODES_OLD = ['acceptEdits', 'bypassPermissions', 'default', 'dontAsk', 'plan'];

function optionTable(modern: boolean): OptionSpec[] {
	return [
		{names: ['--add-dir'], kind: 'variadic', placeholder: '<directories...>'},
		{names: ['--agent'], kind: 'value', placeholder: '<agent>'},
		{names: ['--agents'], kind: 'value', placeholder: '<json-or-file>'},
		{names: ['--allow-dangerously-skip-permissions'], kind: 'bool'},
		{names: ['--allowedTools', '--allowed-tools'], kind: 'variadic', placeholder: '<tools...>'},
		{names: ['--append-system-prompt'], kind: 'value', placeholder: '<prompt>'},
		{names: ['--append-system-prompt-file'], kind: 'value', placeholder: '<file>'},
		{names: ['--autocompact'], kind: 'value', placeholder: '<auto|tokens>'},
		{names: ['--ax-screen-reader'], kind: 'bool'},
		{names: ['--bg', '--background'], kind: 'bool'},
		{names: ['--bare'], kind: 'bool'},
		{names: ['--betas'], kind: 'variadic', placeholder: '<betas...>'},
		{names: ['--brief'], kind: 'bool'},
		{names: ['--chrome'], kind: 'bool'},
		{names: ['--no-chrome'], kind: 'bool'},
		{names: ['--cloud'], kind: 'optional', placeholder: '[description|session_id|url]'},
		{names: ['--continue', '-c'], kind: 'bool'},
		{names: ['--dangerously-skip-permissions'], kind: 'bool'},
		{names: ['--debug', '-d'], kind: 'optional', placeholder: '[filter]'},
		{names: ['--debug-file'], kind: 'value', placeholder: '<path>'},
		{names: ['--debug-to-stderr', '-d2e'], kind: 'bool'},
		{names: ['--demo'], kind: 'bool'},
		{names: ['--desktop'], kind: 'bool'},
		{names: ['--disable-slash-commands'], kind: 'bool'},
		{names: ['--disallowedTools', '--disallowed-tools'], kind: 'variadic', placeholder: '<tools...>'},
		{names: ['--effort'], kind: 'value', placeholder: '<level>'},
		{names: ['--environment'], kind: 'value', placeholder: '<environment_id>'},
		{names: ['--exclude-dynamic-system-prompt-sections'], kind: 'bool'},
		{names: ['--fallback-model'], kind: 'value', placeholder: '<model>'},
		{names: ['--file'], kind: 'variadic', placeholder: '<specs...>'},
		{names: ['--fork-session'], kind: 'bool'},
		{names: ['--forward-subagent-text'], kind: 'bool'},
		{names: ['--from-pr'], kind: 'optional', placeholder: '[value]'},
		{names: ['--help', '-h'], kind: 'bool'},
		{names: ['--ide'], kind: 'bool'},
		{names: ['--include-hook-events'], kind: 'bool'},
		{names: ['--include-partial-messages'], kind: 'bool'},
		{names: ['--init'], kind: 'bool'},
		{names: ['--init-only'], kind: 'bool'},
		{names: ['--input-format'], kind: 'value', placeholder: '<format>', choices: ['text', 'stream-json']},
		{names: ['--json-schema'], kind: 'value', placeholder: '<schema>'},
		{names: ['--maintenance'], kind: 'bool'},
		{names: ['--managed-settings'], kind: 'value', placeholder: '<json>'},
		{names: ['--max-budget-usd'], kind: 'value', placeholder: '<amount>'},
		{names: ['--max-thinking-tokens'], kind: 'value', placeholder: '<tokens>'},
		{names: ['--max-turns'], kind: 'value', placeholder: '<turns>'},
		{names: ['--mcp-config'], kind: 'variadic', placeholder: '<configs...>'},
		{names: ['--mcp-debug'], kind: 'bool'},
		{names: ['--model'], kind: 'value', placeholder: '<model>'},
		{names: ['--name', '-n'], kind: 'value', placeholder: '<name>'},
		{names: ['--no-session-persistence'], kind: 'bool'},
		{names: ['--output-format'], kind: 'value', placeholder: '<format>', choices: ['text', 'json', 'stream-json']},
		{
			names: ['--permission-mode'],
			kind: 'value',
			placeholder: '<mode>',
			choices: modern ? PERMISSION_MODES_330 : PERMISSION_MODES_OLD,
			alsoAccepted: ['default', 'manual', 'auto'],
		},
		{names: ['--permission-prompt-tool'], kind: 'value', placeholder: '<tool>'},
		{names: ['--permission-prompts'], kind: 'value', placeholder: '<target>', choices: ['host', 'none']},
		{names: ['--plugin-dir'], kind: 'value', placeholder: '<path>', repeat: true},
		{names: ['--plugin-url'], kind: 'value', placeholder: '<url>', repeat: true},
		{names: ['--prefill'], kind: 'value', placeholder: '<text>'},
		{names: ['--print', '-p'], kind: 'bool'},
		{names: ['--prompt-suggestions'], kind: 'optional', placeholder: '[value]'},
		{names: ['--remote-control'], kind: 'optional', placeholder: '[name]'},
		{names: ['--remote-control-session-name-prefix'], kind: 'value', placeholder: '<prefix>'},
		{names: ['--replay-user-messages'], kind: 'bool'},
		{names: ['--restricted'], kind: 'bool'},
		{names: ['--resume', '-r'], kind: 'optional', placeholder: '[value]'},
		{names: ['--resume-session-at'], kind: 'value', placeholder: '<message id>'},
		{names: ['--safe-mode'], kind: 'bool'},
		{names: ['--sdk-url'], kind: 'value', placeholder: '<url>'},
		{names: ['--session-id'], kind: 'value', placeholder: '<uuid>'},
		{names: ['--setting-sources'], kind: 'value', placeholder: '<sources>'},
		{names: ['--settings'], kind: 'value', placeholder: '<file-or-json>'},
		{names: ['--strict-mcp-config'], kind: 'bool'},
		{names: ['--system-prompt'], kind: 'value', placeholder: '<prompt>'},
		{names: ['--system-prompt-file'], kind: 'value', placeholder: '<file>'},
		{names: ['--system-prompt-snapshot'], kind: 'value', placeholder: '<on|off>', choices: ['on', 'off']},
		{names: ['--teleport'], kind: 'optional', placeholder: '[session]'},
		{names: ['--tmux'], kind: 'bool'},
		{names: ['--tools'], kind: 'variadic', placeholder: '<tools...>'},
		{names: ['--verbose'], kind: 'bool'},
		{names: ['--version', '-v'], kind: 'bool'},
		{names: ['--worktree', '-w'], kind: 'optional', placeholder: '[name]'},
	];
}

export type OptionValue = boolean | string | string[];

export type ParsedArgv = {
	/** Keyed by the option's first (long) name without dashes, e.g. `allowedTools`. */
	readonly options: ReadonlyMap<string, OptionValue>;
	readonly positionals: readonly string[];
};

export class UsageError extends Error {}

export type ParseSettings = {
	readonly modern: boolean;
	/** Names that this version does not know (1.0.30 has no --session-id). */
	readonly removed?: readonly string[];
};

export function parseArgv(argv: readonly string[], settings: ParseSettings): ParsedArgv {
	const table = optionTable(settings.modern).filter((spec) => !spec.names.some((name) => settings.removed?.includes(name)));
	const byName = new Map<string, OptionSpec>();
	for (const spec of table) for (const name of spec.names) byName.set(name, spec);
	const options = new Map<string, OptionValue>();
	const positionals: string[] = [];
	const key = (spec: OptionSpec) => (spec.names[0] ?? '').replace(/^-+/, '');
	const label = (spec: OptionSpec) => `${spec.names.filter((n) => n.startsWith('--')).join(', ')}${spec.placeholder ? ` ${spec.placeholder}` : ''}`;
	const isOptionLike = (arg: string | undefined) => arg !== undefined && arg.length > 1 && arg.startsWith('-');

	const store = (spec: OptionSpec, value: string) => {
		if (spec.choices && !spec.choices.includes(value) && !spec.alsoAccepted?.includes(value)) {
			throw new UsageError(`error: option '${label(spec)}' argument '${value}' is invalid. Allowed choices are ${spec.choices.join(', ')}.`);
		}
		if (spec.kind === 'variadic' || spec.repeat) {
			const previous = options.get(key(spec));
			options.set(key(spec), [...(Array.isArray(previous) ? previous : []), value]);
		} else {
			options.set(key(spec), value);
		}
	};

	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		if (arg === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (!isOptionLike(arg)) {
			positionals.push(arg);
			continue;
		}
		let name = arg;
		let inline: string | undefined;
		const eq = arg.indexOf('=');
		if (arg.startsWith('--') && eq > 0) {
			name = arg.slice(0, eq);
			inline = arg.slice(eq + 1);
		}
		let spec = byName.get(name);
		if (!spec && /^-[a-zA-Z]{2,}$/.test(name)) {
			// Combined short flags such as -pc.
			const shorts = [...name.slice(1)].map((char) => byName.get(`-${char}`));
			if (shorts.every((s) => s?.kind === 'bool')) {
				for (const s of shorts) if (s) options.set(key(s), true);
				continue;
			}
		}
		if (!spec) throw new UsageError(`error: unknown option '${name}'`);
		switch (spec.kind) {
			case 'bool':
				options.set(key(spec), inline ?? true);
				break;
			case 'value': {
				const value = inline ?? argv[i + 1];
				if (value === undefined || (inline === undefined && isOptionLike(value) && value !== '-')) {
					throw new UsageError(`error: option '${label(spec)}' argument missing`);
				}
				if (inline === undefined) i++;
				store(spec, value);
				break;
			}
			case 'optional': {
				if (inline !== undefined) store(spec, inline);
				else if (argv[i + 1] !== undefined && !isOptionLike(argv[i + 1]) && argv[i + 1] !== '--') {
					store(spec, argv[i + 1] ?? '');
					i++;
				} else options.set(key(spec), true);
				break;
			}
			case 'variadic': {
				const values: string[] = inline !== undefined ? [inline] : [];
				while (inline === undefined && argv[i + 1] !== undefined && !isOptionLike(argv[i + 1]) && argv[i + 1] !== '--') {
					values.push(argv[i + 1] ?? '');
					i++;
				}
				if (values.length === 0) throw new UsageError(`error: option '${label(spec)}' argument missing`);
				for (const value of values) store(spec, value);
				break;
			}
		}
	}
	return {options, positionals};
}

export function stringOption(parsed: ParsedArgv, name: string): string | undefined {
	const value = parsed.options.get(name);
	return typeof value === 'string' ? value : Array.isArray(value) ? value[value.length - 1] : undefined;
}

export function flag(parsed: ParsedArgv, name: string): boolean {
	return parsed.options.has(name);
}

/** Tool rules: each value may hold several rules separated by commas or spaces (outside parentheses). */
export function listOption(parsed: ParsedArgv, name: string): string[] {
	const value = parsed.options.get(name);
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
	const out: string[] = [];
	for (const item of raw) {
		let depth = 0;
		let current = '';
		for (const char of item) {
			if (char === '(') depth++;
			if (char === ')') depth = Math.max(0, depth - 1);
			if (depth === 0 && (char === ',' || char === ' ')) {
				if (current.trim()) out.push(current.trim());
				current = '';
				continue;
			}
			current += char;
		}
		if (current.trim()) out.push(current.trim());
	}
	return out;
}
