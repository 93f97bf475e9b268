// Running the real `claude` CLI against the loopback mock (tests/support/mock-anthropic): a hermetic home, the
// binary, a PTY with a headless screen, the CLI's session files, and a network trace.
export * from './real-claude/binary.js';
export * from './real-claude/home.js';
export * from './real-claude/net-trace.js';
export * from './real-claude/pty-run.js';
export * from './real-claude/session-files.js';
export * from './real-claude/print-run.js';
