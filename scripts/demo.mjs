// `npm run demo`: a throw-away work folder with eight tasks for the built-in demo agent
// (a simulated Claude Code session), then auto-claude running them. No account needed.
// The demo agent follows the [[fake: …]] directives in each prompt, so every path shows
// up: verify feedback, a nudge, a question answered by policy, a denied command, a
// dependency, and a task that needs a person.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'auto-claude-demo-'));
const write = (file, text) => {
	fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
	fs.writeFileSync(path.join(root, file), text);
};

write(
	'auto-claude.config.json',
	JSON.stringify(
		{
			concurrency: 3,
			defaultAgent: 'demo',
			agents: {
				demo: {
					kind: 'demo',
					permissionMode: 'default',
					permissions: {allow: ['Write', 'Edit', 'Bash(echo *)', 'Bash(npm test*)'], deny: ['Bash(rm -rf *)'], otherwise: 'escalate'},
				},
			},
			retry: {baseDelaySeconds: 2, maxDelaySeconds: 10},
		},
		null,
		2,
	),
);
write('templates/continue.md', fs.readFileSync(path.join(repo, 'templates', 'continue.md'), 'utf8'));

const tasks = {
	'readme.md': ['title: Write the README', 'priority: high'],
	'validation.md': ['title: Add input validation', 'verify: test -f validation.txt'],
	'parser.md': ['title: Refactor the parser'],
	'tests.md': ['title: Run the test suite'],
	'cleanup.md': ['title: Clean the build folder', 'priority: low'],
	'deps.md': ['title: Update dependencies', 'dependsOn: [tests]'],
	'flaky.md': ['title: Fix the flaky login test'],
	'changelog.md': ['title: Write the changelog', 'priority: low'],
};
const prompts = {
	'readme.md': 'Write a README for the project. [[fake: think 3s; write README.md # Demo project\\nA project the demo agent documented.; think 2s; done The README is written.]]',
	'validation.md': 'Validate the sign-up form input. [[fake: think 3s; write validate.js export const valid = (x) => Boolean(x);; say I added a validator.; fix-on-feedback validation.txt checked]]',
	'parser.md': 'Split the parser into smaller functions. [[fake: think 3s; say I refactored half of it.; nudge; think 3s; write parser.js // refactored; done The parser is refactored.]]',
	'tests.md': "Run the test suite and save a report. [[fake: think 2s; bash echo 'ran 42 tests, 0 failed' > test-report.txt; think 1s; done All 42 tests pass.]]",
	'cleanup.md': 'Remove build artifacts. [[fake: think 2s; bash rm -rf build; think 1s; done Cleaned up without deleting the folder.]]',
	'deps.md': 'Update the dependencies now that the tests pass. [[fake: think 3s; write package-lock.json {}; done Dependencies updated.]]',
	'flaky.md': 'Make the login test reliable. [[fake: think 3s; blocked The login test needs real OAuth credentials that only a person can provide.]]',
	'changelog.md': 'Write CHANGELOG.md from the git history. [[fake: think 2s; write CHANGELOG.md ## 0.1.0\\n- first release; done The changelog is written.]]',
};
for (const [file, fields] of Object.entries(tasks)) write(`tasks/${file}`, `---\n${fields.join('\n')}\n---\n${prompts[file]}\n`);

process.stdout.write(`Demo work folder: ${root}\n(8 tasks in tasks/, run by the simulated Claude Code agent)\n\n`);
const child = spawn(process.execPath, [path.join(repo, 'bin', 'auto-claude.js'), ...process.argv.slice(2)], {cwd: root, stdio: 'inherit'});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
	process.stdout.write(`\nThe demo folder stays at ${root} (try: cd ${root} && node ${path.join(repo, 'bin', 'auto-claude.js')} task list)\n`);
	process.exit(code ?? (signal ? 1 : 0));
});
