// Screen detection for the claude CLI (every version measured in claude-cli.md).
export {detectClaudeScreen, lastAssistantMessage} from './claude/detect.js';
