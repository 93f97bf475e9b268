// A minimal entry point for `auto-claude hook <event>`: claude runs it for every hook
// event of every session, so it loads only the socket client (no CLI parser, no engine).
import {runHook} from './app/commands/hook.js';

runHook(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	() => {
		process.exitCode = 0;
	},
);
