// A mock of the Anthropic Messages API on 127.0.0.1 for driving the real `claude` CLI (ANTHROPIC_BASE_URL).
// Behaviour is keyed by magic words in the latest typed user text (MOCK_WRITE, MOCK_BASHW, MOCK_SLOW,
// MOCK_RL5H), by whether the turn is a tool result, by `setLimited`, and by a `respond` script.
//
// What the real CLI (2.1.330, native build) did against it, measured with tests/support/real-claude.ts
// (120×40 PTY, recipe env, 2-core machine):
// - Timing: first screen 0.9–1.3 s after spawn; a MOCK_WRITE turn idle (`✻ <Verb>ed for 0s · done …`) after
//   1.6–2.5 s; the Bash permission prompt after ~1.8 s; the usage-limit text after ~1.6 s; `-p` runs 1–2 s.
// - Requests: only `POST /v1/messages?beta=true`, `stream:true`, with 13 tools (12 in `-p`), max_tokens 128000,
//   `thinking:{type:"adaptive"}`, `output_config.effort`, `metadata.user_id`. Headers: `x-api-key` (API key) or
//   `authorization: Bearer …` (OAuth token, .credentials.json), `user-agent: claude-cli/2.1.330 (external, cli)`,
//   `x-claude-code-session-id` (= --session-id), `anthropic-beta: claude-code-20250219,…`, `x-stainless-*`
//   (runtime claims node v26), `accept-encoding: gzip, deflate, br, zstd`. Model: claude-opus-5-5 with an API key
//   or .credentials.json, claude-sonnet-5-5 with CLAUDE_CODE_OAUTH_TOKEN.
// - No side requests at all under CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1: no title generation, no
//   count_tokens, no /api/event_logging, nothing at start-up or after the turn, in the TUI and in `-p`, for every
//   auth form. The side/other handling here is for other versions and settings.
// - The `# Environment` section (with `Primary working directory: <cwd>`) arrives as a `role:"system"` message
//   *inside* `messages`, after the first user message; `system` holds the billing header, the identity line and
//   the main prompt. The first user message is `[<system-reminder>…</system-reminder>, <typed prompt>]`, so magic
//   words are matched with reminders stripped. A tool_result block carries `cache_control`.
// - strace (connect/sendto/sendmsg): besides the mock's loopback port, only AF_UNIX `/var/run/nscd/socket` (glibc
//   lookups); no DNS datagram, no other address.
// - 2.1.330 draws on the alternate screen (`ESC[?1049h`, the "fullscreen renderer"), unlike the inline rendering
//   claude-cli.md §6.5 describes. `.claude.json` gets `fullscreenBootPending[<pid>]` at start and loses it only on
//   a graceful exit, so after a SIGKILL the next launch in that config dir prints "Claude Code's fullscreen
//   renderer didn't finish starting last time on this machine, so this launch is using the classic renderer."
//   and renders inline. The idle/prompt/limit texts are the same in both renderers.
// - The transcript (`projects/<escaped cwd>/<id>.jsonl`) gets the user prompt only a few seconds after the request
//   starts (first it holds just `mode`/`permission-mode` lines); a SIGKILL before that makes `--resume <id>`
//   fail with "No conversation found with session ID: <id>" (rc 1). After it, `--resume <id> -- "<prompt>"`
//   replays the earlier prompt and submits the new one with the same session id.
// - Limits: OAuth/.credentials.json + unified `rejected` headers → no retry, `You've hit your 5-hour limit ·
//   resets 7pm (UTC)` (`weekly limit` for seven_day), the TUI stays alive and auto-waits. API key + the same 429 →
//   retried (CLAUDE_CODE_MAX_RETRIES), then `API Error: Request rejected (429) · <message>`. OAuth + a plain 429
//   → `API Error: Server is temporarily limiting requests (not your usage limit) · <message>`. 529 with one retry
//   → `API Error: 529 Overloaded. This is a server-side issue, …`.
// - `sessions/<pid>.json` reported `idle` at the prompt and `waiting` + `waitingFor:"permission prompt"` at the
//   Bash prompt. CLAUDE_CODE_TMPDIR moved `claude-<uid>/` and `cc-socks/` (otherwise in /tmp) into the private root.
export {classify, startMockAnthropic} from './server.js';
export {allUserTexts, latestUserText} from './conversation.js';
export * from './scenarios.js';
export {defaultResetEpoch} from './wire.js';
export type * from './types.js';
