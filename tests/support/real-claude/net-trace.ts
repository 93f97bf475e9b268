// Proof that the CLI talked to nothing but loopback: run it under strace (connect/sendto/sendmsg only, through
// seccomp-bpf so the CLI is not slowed down) and read every socket address it used. DNS queries show up as
// datagrams to the resolver, so they are caught as well.
import {spawn} from 'node:child_process';
import fs from 'node:fs';

export type TracedAddress = {syscall: string; family: string; address: string; port: number | null};

let probed: Promise<boolean> | undefined;

/** strace exists and may trace here (containers often forbid ptrace). Probed once per process. */
export const straceUsable = (): Promise<boolean> => {
	probed ??= new Promise<boolean>((resolve) => {
		const child = spawn('strace', ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=connect', '-o', '/dev/null', '--', 'true'], {stdio: 'ignore'});
		child.on('error', () => resolve(false));
		child.on('exit', (code) => resolve(code === 0));
	});
	return probed;
};

/** Launch prefix for spawnClaudePty's `wrapper` option. */
export const straceWrapper = (logFile: string): string[] => [
	'strace',
	'-f',
	'-qq',
	'--seccomp-bpf',
	'-e',
	'trace=connect,sendto,sendmsg',
	'-e',
	'signal=none',
	'-o',
	logFile,
	'--',
];

const ADDRESS = /\{sa_family=(AF_\w+)(?:, sin6?_port=htons\((\d+)\))?(?:, sin_addr=inet_addr\("([^"]+)"\)|, sin6_flowinfo=[^,]*, inet_pton\(AF_INET6, "([^"]+)"|, sun_path=(?:@)?"([^"]*)")?/g;

export const parseStraceLog = (text: string): TracedAddress[] => {
	const found: TracedAddress[] = [];
	for (const line of text.split('\n')) {
		const syscall = /\b(connect|sendto|sendmsg)\(/.exec(line)?.[1];
		if (!syscall) continue;
		for (const match of line.matchAll(ADDRESS)) {
			const [, family = '', port, v4, v6, unixPath] = match;
			found.push({syscall, family, address: v4 ?? v6 ?? unixPath ?? '', port: port ? Number(port) : null});
		}
	}
	return found;
};

const isLoopback = (address: string): boolean =>
	address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');

/** Addresses that left the machine (or would have): any IP that is not loopback, and any DNS port. */
export const outsideAddresses = (addresses: TracedAddress[]): TracedAddress[] =>
	addresses.filter(
		(entry) => (entry.family === 'AF_INET' || entry.family === 'AF_INET6') && (!isLoopback(entry.address) || entry.port === 53),
	);

export const readStraceLog = (logFile: string): TracedAddress[] =>
	fs.existsSync(logFile) ? parseStraceLog(fs.readFileSync(logFile, 'utf8')) : [];
