// A simulated `claude` CLI: the test suite's fake claude (default) and the demo agent
// (`--demo` or AUTO_CLAUDE_DEMO=1). It reproduces the real CLI's interface — flags, exit
// codes, texts, screens, hooks, status file and transcripts — while what the "model"
// does comes from directives in the prompt, a scenario file, or a plan derived from the
// prompt. See tests/fakes/README.md.

import {flag, parseArgv, stringOption, UsageError} from './cli/argv.js';
import {HELP_TEXT} from './cli/help-text.js';
import {buildSetup, FatalError, validateEarly, type SetupInput} from './cli/setup.js';
import type {StreamContext} from './print/stream-events.js';
import {runPrintMode} from './print/print-mode.js';
import {runInteractive} from './tui/app.js';
import {versionProfile} from './versions.js';

const cleanups: (() => void)[] = [];

export function onExit(cleanup: () => void): void {
	cleanups.push(cleanup);
}

let exiting = false;

async function exit(code: number): Promise<never> {
	if (!exiting) {
		exiting = true;
		for (const cleanup of cleanups.splice(0).reverse()) {
			try {
				cleanup();
			} catch {
				// Cleanup must never mask the exit code.
			}
		}
	}
	await new Promise<void>((resolvePromise) => process.stdout.write('', () => resolvePromise()));
	process.exit(code);
}

const SUBCOMMANDS = new Set(['agents', 'attach', 'auth', 'auto-mode', 'doctor', 'gateway', 'import', 'install', 'logs', 'mcp', 'plugin', 'plugins', 'purge', 'respawn', 'rm', 'setup-token', 'stop', 'kill', 'ultrareview', 'update', 'upgrade', 'config']);

async function main(): Promise<never> {
	// A reader that goes away early (head, a killed orchestrator) must not crash the run.
	process.stdout.on('error', () => undefined);
	const argv = process.argv.slice(2);
	const env = process.env;
	const demo = argv.includes('--demo') || env['AUTO_CLAUDE_DEMO'] === '1';
	const profile = versionProfile(env['FAKE_CLAUDE_VERSION']);
	let parsed;
	try {
		parsed = parseArgv(argv, {modern: profile.id === '2.1.330', removed: profile.hasSessionIdFlag ? [] : ['--session-id']});
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(error.message + '\n');
			return exit(1);
		}
		throw error;
	}
	if (flag(parsed, 'version')) {
		process.stdout.write(`${profile.id} (Claude Code)\n`);
		return exit(0);
	}
	const first = parsed.positionals[0];
	if (flag(parsed, 'help') || (parsed.positionals.length === 1 && first === 'config')) {
		process.stdout.write(HELP_TEXT + '\n');
		return exit(0);
	}
	if (parsed.positionals.length === 1 && first !== undefined && SUBCOMMANDS.has(first)) {
		process.stderr.write(`error: the simulated claude does not implement the '${first}' command\n`);
		return exit(1);
	}

	const print = flag(parsed, 'print') || (!process.stdin.isTTY && !process.stdout.isTTY);
	const outputFormat = (stringOption(parsed, 'output-format') ?? 'text') as 'text' | 'json' | 'stream-json';
	const inputFormat = (stringOption(parsed, 'input-format') ?? 'text') as 'text' | 'stream-json';
	if (print && outputFormat === 'stream-json' && !flag(parsed, 'verbose')) {
		process.stderr.write('Error: When using --print, --output-format=stream-json requires --verbose\n');
		return exit(1);
	}
	if (print && inputFormat === 'stream-json' && outputFormat !== 'stream-json') {
		process.stderr.write('Error: --input-format=stream-json requires output-format=stream-json.\n');
		return exit(1);
	}
	const input: SetupInput = {parsed, env, profile, interactive: !print, demo, cwd: process.cwd()};
	let setup;
	try {
		validateEarly(input);
		setup = buildSetup(input);
	} catch (error) {
		if (error instanceof FatalError) {
			process.stderr.write(error.message + '\n');
			return exit(error.code);
		}
		throw error;
	}
	onExit(() => setup.ctx.hooks.killAll());
	const prompt = parsed.positionals.length > 0 ? parsed.positionals.join(' ') : undefined;
	if (print) {
		const stream: StreamContext = {
			profile,
			sessionId: setup.ctx.sessionId,
			cwd: setup.ctx.cwd,
			model: setup.ctx.model,
			permissionMode: setup.ctx.permissionMode === 'manual' ? 'default' : setup.ctx.permissionMode,
			apiKeySource: env['ANTHROPIC_API_KEY'] ? 'ANTHROPIC_API_KEY' : 'none',
			additionalDirectories: (parsed.options.get('add-dir') as string[] | undefined) ?? [],
			configDir: setup.ctx.paths.configDir,
		};
		return runPrintMode(setup.ctx, stream, {outputFormat, inputFormat, replayUserMessages: flag(parsed, 'replay-user-messages'), prompt, source: setup.source}, exit);
	}
	if (!process.stdin.isTTY) {
		process.stderr.write('Error: Raw mode is not supported on the current process.stdin, which Ink uses as input stream by default.\n');
		return exit(1);
	}
	return runInteractive(setup, {prompt, demo}, {exit, onExit});
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	void exit(1);
});
