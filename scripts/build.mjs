// Bundles the CLI (and the demo agent) so `auto-claude --version` starts without a
// TypeScript loader and without resolving hundreds of modules. node-pty is native and
// stays external; everything else is inlined.
import {build} from 'esbuild';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';

const common = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: 'linked',
	legalComments: 'none',
	logLevel: 'warning',
	// react-devtools-core is only loaded by ink when DEV=true; it is not a dependency.
	external: ['node-pty', 'react-devtools-core'],
	// Prefer ESM builds: some packages' UMD builds use require() calls esbuild cannot follow.
	mainFields: ['module', 'main'],
	define: {'process.env.NODE_ENV': '"production"'},
	// Some CommonJS dependencies call require() or read __filename; give the ESM bundle both.
	banner: {
		js: [
			"import {createRequire as __acCreateRequire} from 'node:module';",
			"import {fileURLToPath as __acFileURLToPath} from 'node:url';",
			'const require = __acCreateRequire(import.meta.url);',
			'const __filename = __acFileURLToPath(import.meta.url);',
			"const __dirname = __acFileURLToPath(new URL('.', import.meta.url));",
		].join(' '),
	},
};

mkdirSync('dist', {recursive: true});
// The CLI is split so the UI and the engine load only when used (`--version` and
// `auto-claude hook` stay fast); the demo agent is one self-contained file.
await build({...common, entryPoints: {cli: 'source/cli.tsx'}, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]'});
const entries = [
	{in: 'source/demo/main.ts', out: 'dist/demo-agent.js'},
	{in: 'source/hook-entry.ts', out: 'dist/hook.js'},
	{in: 'source/runtime/pty/pty-worker.ts', out: 'dist/pty-worker.js'},
];

mkdirSync('dist', {recursive: true});
for (const entry of entries) {
	if (!existsSync(entry.in)) continue;
	await build({...common, entryPoints: [entry.in], outfile: entry.out});
}
writeFileSync('dist/package.json', JSON.stringify({type: 'module'}));
