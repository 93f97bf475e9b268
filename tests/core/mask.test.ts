import {describe, expect, it} from 'vitest';
import {maskDeep, maskSecrets} from '../../source/core/security/mask.js';

describe('secret masking', () => {
	it.each([
		['anthropic key', 'key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789 end', 'key ***6789 end'],
		['openai key', 'OPENAI=sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234', 'OPENAI=***1234'],
		['github token', 'token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'token ***yzAB'],
		['aws key id', 'AKIAIOSFODNN7EXAMPLE', '***MPLE'],
		['slack token', 'xoxb-1234567890-abcdefghij', '***ghij'],
		['bearer', 'Authorization: Bearer abcdefghijklmnop1234567890', 'Authorization: Bearer ***7890'],
		['url password', 'postgres://admin:s3cretpassw0rd@db:5432/x', 'postgres://admin:***ssw0rd@db:5432/x'.replace('***ssw0rd', '***w0rd')],
		['password assignment', 'password=hunter2hunter2', 'password=***ter2'],
		['email', 'mail jane.doe@example.com now', 'mail ***.com now'],
		['card', 'card 4111 1111 1111 1111 ok', 'card ***1111 ok'],
		['phone', 'call +1 (555) 123-4567 today', 'call ***4567 today'],
	])('%s', (_name, input, expected) => {
		expect(maskSecrets(input)).toBe(expected);
	});

	it.each([
		['timestamps', 'resets at 1795284000 (epoch)'],
		['order numbers that fail Luhn', 'order 1234 5678 9012 3456'],
		['versions and times', 'claude 2.1.330 at 12:50am, pid 21531'],
		['plain prose', 'The login form rejects valid users.'],
	])('leaves %s alone', (_name, input) => {
		expect(maskSecrets(input)).toBe(input);
	});

	it('is idempotent and masks nested values', () => {
		const once = maskSecrets('sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789');
		expect(maskSecrets(once)).toBe(once);
		expect(maskDeep({a: ['token=abcdef123456'], n: 1})).toEqual({a: ['token=***3456'], n: 1});
	});

	it('masks a private key block', () => {
		const text = 'x\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\ny';
		expect(maskSecrets(text)).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
	});
});
