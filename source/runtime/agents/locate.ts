// Finds files shipped with auto-claude (the demo agent bundle) both from the bundled
// CLI (dist/) and when running from source in development and tests.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export function packageRoot(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 6; i++) {
		if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'templates'))) return dir;
		dir = path.dirname(dir);
	}
	return process.cwd();
}

export function demoAgentScript(): string {
	const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-agent.js');
	if (fs.existsSync(beside)) return beside;
	return path.join(packageRoot(), 'dist', 'demo-agent.js');
}
