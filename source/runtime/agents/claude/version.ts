// The installed claude version decides which hook events may be registered: 2.1.197
// opens a blocking "Settings Warning" for an event it does not know.
import {execa} from 'execa';

const cache = new Map<string, Promise<string | undefined>>();

export function claudeVersion(file: string, env: Record<string, string>): Promise<string | undefined> {
	let pending = cache.get(file);
	if (!pending) {
		pending = execa(file, ['--version'], {env, reject: false, timeout: 15_000, stdin: 'ignore'}).then((result) => /(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1]);
		cache.set(file, pending);
	}
	return pending;
}

export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}
