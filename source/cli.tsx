#!/usr/bin/env node
// Parses flags and subcommands and hands over to the UI, the headless runner or a
// subcommand. Heavy modules are imported lazily so `--version` and `hook` start fast.
import meow, {type AnyFlags as Flags} from 'meow';
import {HELP, SUBCOMMAND_HELP} from './help.js';
import {VERSION} from './version.js';

type Sub = {readonly name: string; readonly argv: string[]};

const TOP_VALUE_FLAGS = new Set(['--dir', '-d', '--concurrency', '-c']);

/** Finds the subcommand (first bare word) without tripping over flag values. */
export function splitSubcommand(argv: readonly string[]): Sub {
	for (let i = 0; i < argv.length; i++) {
		const token = argv[i]!;
		if (token === '--') break;
		if (token.startsWith('-')) {
			if (TOP_VALUE_FLAGS.has(token)) i++;
			continue;
		}
		const rest = [...argv.slice(0, i), ...argv.slice(i + 1)];
		if ((token === 'task' || token === 'worker' || token === 'system' || token === 'security') && rest.length > i && !rest[i]!.startsWith('-')) {
			return {name: `${token} ${rest[i]}`, argv: [...rest.slice(0, i), ...rest.slice(i + 1)]};
		}
		return {name: token, argv: rest};
	}
	return {name: '', argv: [...argv]};
}

const common = {
	dir: {type: 'string', shortFlag: 'd'},
	json: {type: 'boolean', default: false},
} satisfies Flags;

function parse<F extends Flags>(sub: Sub, flags: F) {
	return meow(SUBCOMMAND_HELP[sub.name] ?? HELP, {
		importMeta: import.meta,
		argv: sub.argv,
		flags,
		allowUnknownFlags: false,
		autoHelp: false,
		autoVersion: false,
		version: VERSION,
		booleanDefault: undefined,
	});
}

async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
		process.stdout.write(`${VERSION}\n`);
		return 0;
	}
	const sub = splitSubcommand(argv);
	// Hooks run for every tool call of every session: skip flag parsing and the dispatcher.
	if (sub.name === 'hook') {
		const {runHook} = await import('./app/commands/hook.js');
		return runHook(sub.argv);
	}
	if (sub.argv.includes('--help') || sub.argv.includes('-h')) {
		process.stdout.write(`${(SUBCOMMAND_HELP[sub.name] ?? HELP).trim()}\n`);
		return 0;
	}
	const {run} = await import('./app/commands/dispatch.js');
	return run(sub, parse, common);
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	async (error: unknown) => {
		const {FatalError} = await import('./app/errors.js');
		if (error instanceof FatalError) {
			process.stderr.write(`auto-claude: ${error.message}\n`);
			process.exitCode = error.exitCode;
			return;
		}
		process.stderr.write(`auto-claude: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 1;
	},
);
