import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {inspectClaudeBinary} from './binary.js';
import {makePrivateDir} from './home.js';
import {outsideAddresses, parseStraceLog} from './net-trace.js';

describe('parseStraceLog / outsideAddresses', () => {
	it.each([
		{
			line: '13540 connect(23, {sa_family=AF_INET, sin_port=htons(35963), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
			parsed: {syscall: 'connect', family: 'AF_INET', address: '127.0.0.1', port: 35963},
			outside: false,
		},
		{
			line: '13540 connect(7, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)',
			parsed: {syscall: 'connect', family: 'AF_UNIX', address: '/var/run/nscd/socket', port: null},
			outside: false,
		},
		{
			line: '99 sendto(5, "\\x12\\x34"..., 40, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 40',
			parsed: {syscall: 'sendto', family: 'AF_INET', address: '10.255.255.53', port: 53},
			outside: true,
		},
		{
			line: '99 sendmsg(5, {msg_name={sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, msg_namelen=16}, 0) = 40',
			parsed: {syscall: 'sendmsg', family: 'AF_INET', address: '127.0.0.53', port: 53},
			outside: true,
		},
		{
			line: '7 connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2606:4700::6810:84e5", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>',
			parsed: {syscall: 'connect', family: 'AF_INET6', address: '2606:4700::6810:84e5', port: 443},
			outside: true,
		},
		{
			line: '7 connect(3, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
			parsed: {syscall: 'connect', family: 'AF_INET6', address: '::1', port: 8080},
			outside: false,
		},
	])('reads $parsed.syscall to $parsed.address', ({line, parsed, outside}) => {
		const addresses = parseStraceLog(`${line}\n7 write(1, "x", 1) = 1\n`);
		expect(addresses).toEqual([parsed]);
		expect(outsideAddresses(addresses)).toHaveLength(outside ? 1 : 0);
	});
});

describe('inspectClaudeBinary', () => {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
	});
	const file = (name: string, content: string | Buffer, mode = 0o755) => {
		const dir = makePrivateDir('auto-claude-bin-');
		dirs.push(dir);
		const target = path.join(dir, name);
		fs.writeFileSync(target, content, {mode});
		return target;
	};

	it('reports a missing binary', () => {
		const status = inspectClaudeBinary('/nonexistent/claude.exe', {custom: false});
		expect(status).toMatchObject({available: false});
		expect(status.available ? '' : status.reason).toMatch(/not found/);
	});

	it('reports the npm placeholder stub', () => {
		const status = inspectClaudeBinary(file('claude.exe', 'echo "claude native binary not installed"\n'), {custom: false});
		expect(status.available ? '' : status.reason).toMatch(/placeholder/);
	});

	it('reports a file that is not executable', () => {
		const status = inspectClaudeBinary(file('claude.exe', 'x', 0o644), {custom: false});
		expect(status.available ? '' : status.reason).toMatch(/not executable/);
	});

	it('accepts a native executable and any executable custom path', () => {
		const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(70 * 1024)]);
		expect(inspectClaudeBinary(file('claude.exe', elf), {custom: false}).available).toBe(true);
		expect(inspectClaudeBinary(file('cli.js', '#!/usr/bin/env node\n'), {custom: true}).available).toBe(true);
	});
});
