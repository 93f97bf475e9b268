// Help texts, one per subcommand; `--help` anywhere prints the one that applies.
export const HELP = `
Usage
  $ auto-claude [options]                 full-screen dashboard (queue, live sessions, alerts)
  $ auto-claude --no-ui [options]         headless: one line per event; exits when the queue is drained
  $ auto-claude <command> [options]

Commands
  init                                    set up tasks/, templates/, state/ and a config here
  task create <title> --prompt <text>     write a task file
  task list | show | retry | cancel | pause | resume | reply
  status                                  queue counts, holds, workers
  worker list                             worker slots and what they run

Options
  --dir, -d <path>        work folder (default: the current directory)
  --no-ui                 run headless
  --json                  NDJSON output (headless) / JSON output (commands)
  --watch                 headless: keep running and watching tasks/ after the queue drains
  --wait                  headless: wait out usage limits instead of exiting 75
  --concurrency, -c <n>   sessions at once (overrides the config)
  --version, --help

Exit codes (headless)
  0 all tasks done · 1 something failed or needs a person · 2 usage or config error
  75 stopped while held by a usage limit (try again later) · 130 interrupted
`;

export const SUBCOMMAND_HELP: Record<string, string> = {
	init: `
Usage
  $ auto-claude init [--dir <path>]

Creates tasks/, templates/ (with continue.md), state/ and a commented
auto-claude.config.json. Existing files are left alone.
`,
	'task create': `
Usage
  $ auto-claude task create <title> [--prompt <text>] [options]

Writes tasks/<slug>.md; a running orchestrator picks it up at once.

Options
  --prompt <text>         what the agent is asked (default: the title)
  --priority <p>          urgent | high | normal | low | an integer
  --depends-on <ids>      comma-separated task ids that must be done first
  --verify <command>      must exit 0 for the task to be done
  --setup <command>       run before the agent starts
  --cwd <dir>             working directory (relative to the work folder)
  --agent <name>          agent from the config
  --id <id>               task id (default: from the title)
  --dir, -d <path>        work folder
`,
	'task list': `
Usage
  $ auto-claude task list [--state <state>]... [--json]

Lists tasks; rejected, blocked, failed and waiting tasks show their reason.
`,
	'task show': `
Usage
  $ auto-claude task show <id> [--logs] [--json]

Shows a task's state, history, verify runs and usage; --logs adds the log tail.
`,
	'task retry': `
Usage
  $ auto-claude task retry <id>

Runs a failed, cancelled, done or needs-review task again (or a retrying one now).
`,
	'task cancel': `
Usage
  $ auto-claude task cancel <id>

Stops the task's session; tasks that depend on it fail with dependency_failed.
`,
	'task pause': `
Usage
  $ auto-claude task pause <id>

A queued task is not started; a running one has its process stopped (SIGSTOP).
`,
	'task resume': `
Usage
  $ auto-claude task resume <id>
`,
	'task reply': `
Usage
  $ auto-claude task reply <id> <answer...>

Answers a task waiting for input: "yes"/"no" (or a menu digit) for a permission
question, any other text is typed to the agent.
`,
	status: `
Usage
  $ auto-claude status [--json]

Counts by state, account holds with their countdown, and workers.
`,
	'worker list': `
Usage
  $ auto-claude worker list [--json]
`,
	hook: `
Usage
  $ auto-claude hook <event>

Used by agent sessions: forwards a Claude Code hook's JSON (stdin) to the orchestrator.
`,
};
