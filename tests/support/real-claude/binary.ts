import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Path of the real CLI: `AUTO_CLAUDE_REAL_CLAUDE`, else the devDependency's native binary. */
export const claudeBinary = (): string =>
	process.env.AUTO_CLAUDE_REAL_CLAUDE || path.join(REPO_ROOT, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe');

// ELF and the Mach-O magics: the npm placeholder is a tiny text stub that the postinstall replaces.
const NATIVE_MAGICS = ['7f454c46', 'cffaedfe', 'cefaedfe', 'feedfacf', 'feedface', 'cafebabe'];

export type RealClaudeStatus = {available: true; path: string} | {available: false; path: string; reason: string};

/**
 * Whether `file` is a runnable CLI. Only the npm location can hold the placeholder stub, so a custom path
 * (`AUTO_CLAUDE_REAL_CLAUDE`, e.g. an older JavaScript build) is accepted once it exists and is executable.
 */
export const inspectClaudeBinary = (file: string, options: {custom: boolean}): RealClaudeStatus => {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		return {available: false, path: file, reason: `real claude CLI not found at ${file} (npm install, or set AUTO_CLAUDE_REAL_CLAUDE)`};
	}
	try {
		fs.accessSync(file, fs.constants.X_OK);
	} catch {
		return {available: false, path: file, reason: `real claude CLI at ${file} is not executable`};
	}
	if (options.custom) return {available: true, path: file};
	const head = Buffer.alloc(4);
	const fd = fs.openSync(file, 'r');
	try {
		fs.readSync(fd, head, 0, 4, 0);
	} finally {
		fs.closeSync(fd);
	}
	if (stat.size < 64 * 1024 || !NATIVE_MAGICS.includes(head.toString('hex'))) {
		return {
			available: false,
			path: file,
			reason: `${file} is still the npm placeholder (${stat.size} bytes): the package's postinstall did not run for this platform`,
		};
	}
	return {available: true, path: file};
};

export const realClaudeStatus = (): RealClaudeStatus =>
	inspectClaudeBinary(claudeBinary(), {custom: Boolean(process.env.AUTO_CLAUDE_REAL_CLAUDE)});

export const realClaudeAvailable = (): boolean => realClaudeStatus().available;
