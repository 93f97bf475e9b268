// `auto-claude init`: a work folder with tasks/, templates/, state/ and a commented
// config. Existing files are never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import {CONFIG_FILE} from '../../core/config.js';
import {DEFAULT_NUDGE} from '../../core/reducer/lifecycle.js';

export const EXAMPLE_CONFIG = `{
  // How many agent sessions run at the same time.
  "concurrency": 2,

  // The agent a task uses when it does not name one ("agent" in the task file).
  "defaultAgent": "claude",

  // Working directory of tasks without "cwd", relative to this folder.
  "defaultCwd": ".",

  "agents": {
    "claude": {
      "kind": "claude",
      // The claude binary and extra arguments for every session.
      "command": ["claude"],
      "args": [],
      // "configDir": "~/.claude-work",     // CLAUDE_CONFIG_DIR: one config dir is one account
      // "model": "sonnet",
      "permissionMode": "default",
      // Permission questions: allow/deny rules like Claude Code's; the rest asks a person.
      "permissions": {
        "allow": ["Read", "Write", "Edit", "Bash(npm test*)", "Bash(npm run *)", "Bash(git status*)", "Bash(git diff*)"],
        "deny": ["Bash(rm -rf *)", "Bash(git push*)"],
        "otherwise": "escalate"
      },
      "trustWorkspace": true
    },
    // A simulated Claude Code session for trying auto-claude without an account.
    "demo": {"kind": "demo"},
    // Any program can be an agent; {prompt}, {cwd} and {taskId} are replaced per argument.
    "shell": {"kind": "command", "command": ["sh", "-c", "{prompt}"]}
  },

  // Bounds used when a task file does not set them.
  "defaults": {
    "maxAttempts": 3,
    "maxVerifyRounds": 3,
    "maxNudges": 5,
    "timeoutMinutes": 240,
    "idleTimeoutMinutes": 20,
    "resume": "session"
  },

  // Back-off between attempts: base * 2^(attempt-1), capped.
  "retry": {"baseDelaySeconds": 15, "maxDelaySeconds": 900},

  // Usage limits: resume this long after the announced reset.
  "limits": {"marginSeconds": 60},

  "alerts": {"dedupMinutes": 30}
}
`;

const EXAMPLE_TASK = `---
title: Say hello
priority: normal
agent: demo
# verify: test -f hello.txt
---
Create a file hello.txt that greets the reader.
`;

export function initWorkFolder(root: string, out: NodeJS.WritableStream = process.stdout): void {
	const created: string[] = [];
	const write = (file: string, text: string): void => {
		const full = path.join(root, file);
		if (fs.existsSync(full)) return;
		fs.mkdirSync(path.dirname(full), {recursive: true});
		fs.writeFileSync(full, text);
		created.push(file);
	};
	for (const dir of ['tasks', 'templates', 'state']) {
		if (!fs.existsSync(path.join(root, dir))) {
			fs.mkdirSync(path.join(root, dir), {recursive: true});
			created.push(`${dir}/`);
		}
	}
	write(CONFIG_FILE, EXAMPLE_CONFIG);
	write('templates/continue.md', `${DEFAULT_NUDGE}\n`);
	write('tasks/example-hello.md', EXAMPLE_TASK);
	const gitignore = path.join(root, '.gitignore');
	if (fs.existsSync(path.join(root, '.git')) && (!fs.existsSync(gitignore) || !fs.readFileSync(gitignore, 'utf8').split('\n').includes('state/'))) {
		fs.appendFileSync(gitignore, 'state/\n');
		created.push('.gitignore (state/)');
	}
	out.write(created.length > 0 ? `Created in ${root}:\n${created.map((f) => `  ${f}`).join('\n')}\n` : `${root} is already set up; nothing changed.\n`);
	out.write('Next: drop task files into tasks/ and run `auto-claude` (or `auto-claude --no-ui`).\n');
}
