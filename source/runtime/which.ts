// Resolves a command the way a shell would, so "command not found" is reported as such
// instead of as a PTY child that dies at once.
import fs from 'node:fs';
import path from 'node:path';

function executable(file: string): boolean {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

export function findExecutable(file: string, searchPath: string, cwd: string): string | undefined {
	if (file.includes('/')) {
		const full = path.resolve(cwd, file);
		return executable(full) ? full : undefined;
	}
	for (const dir of searchPath.split(path.delimiter)) {
		if (!dir) continue;
		const full = path.join(dir, file);
		if (executable(full)) return full;
	}
	return undefined;
}
