// Wordings of the claude CLI's own screen elements (see claude-cli.md §5, §6, §9). Every
// pattern is anchored to a whole (trimmed) row: where on the screen a row sits decides whether
// it is the CLI speaking, and the anchoring keeps a sentence that merely mentions the wording
// from matching.

/**
 * Spinner frames: 2.1.x cycles `· ✢ * ✶ ✻ ✽` (`✳` under some terminals); older builds and
 * other tools' matchers use the wider dingbat set, kept so a new frame does not read as idle.
 */
const GLYPHS = '·✢*✶✻✽✳✱✲✴✵✷✸✹✺✼✾✿❀❁❂❃❇❈❉❊❋✣✤✥✦✧✨⊛⊕⊙◉◎◍⁂⁕※⍟☼★☆';

/** `✶ Perusing… (5s · ↓ 9 tokens)`, `✻ Scurrying… (esc to interrupt)`, retry and stall lines. */
export const SPINNER_ACTIVE = new RegExp(
	`^[${GLYPHS}] (?:[^\\s…][^…]{0,80}…(?:\\s|$)|.*(?:esc to interrupt|Waiting for API response|[Rr]etrying in \\d|will retry in \\d))`,
	'u',
);

/** The finished form of the spinner line: `✻ Crunched for 30s · done 4:01 PM`, `✻ Churned for 0s`. */
export const DONE_LINE = new RegExp(`^[${GLYPHS}] \\S+ for (?:\\d+[hms] ?)+(?:·|$)`, 'u');

export const INTERRUPT_HINT = /\b(?:esc|ctrl\+c) to interrupt\b/iu;

/** A user prompt echoed in the transcript: `❯ text` (2.x) or `> text` (1.0.x), at column 0. */
export const USER_PROMPT = /^[❯>] \S/u;

/** The first row inside the prompt box. */
export const PROMPT_BOX_ROW = /^[❯>!](?:\s|$)/u;

/** A tool-result / CLI-notice row hanging under a block: `  ⎿  text`. */
export const RESULT_ROW = /^ {1,6}⎿ {1,3}(.*)$/u;

/** An assistant block header: `● text` (`⏺` on some platforms); the bare bullet while streaming. */
export const BLOCK_HEADER = /^[●⏺](?: (.*))?$/u;

/**
 * Usage/rate-limit messages as the CLI prints them (claude-cli.md §5.2), one whole row each.
 * Warnings ("You've used 92% …", "Approaching …") are deliberately absent: they do not stop work.
 */
export const LIMIT_LINE = new RegExp(
	[
		String.raw`^You've hit your (?:[\w-]+ )*limit(?: · resets .+?)?(?: · progress saved)?$`,
		String.raw`^You're out of (?:extra usage|usage credits)(?: · resets .+)?$`,
		String.raw`^Claude usage limit reached\. Your limit will reset at .+$`,
		String.raw`^Claude AI usage limit reached\|\d+$`,
		String.raw`^(?:5-hour|Weekly|Opus weekly|Sonnet weekly|Usage) limit reached ∙ resets .+$`,
		String.raw`^5-hour limit resets .+ ∙ contact an admin to keep working$`,
		String.raw`^Spending cap reached(?: resets .+)?$`,
		String.raw`^Limit reached – contact an admin to keep working$`,
		String.raw`^API Error: Request rejected \(429\) · .+$`,
		String.raw`^API Error: 429 \{.*$`,
	].join('|'),
	'u',
);

/** The API-key form of a 429, which the CLI renders as a synthetic `●` block. */
export const API_LIMIT_LINE = /^API Error: (?:Request rejected \(429\) · .+|429 \{.*)$/u;

export const AUTH_LINE = /^(?:Not logged in · Please run \/login|Invalid API key · .+)$/u;

/** 2.1.330 auto-wait footer. */
export const FOOTER_LIMIT = /^⚠\s*(Usage limit reached\b.*)$/u;
export const FOOTER_AUTO_CONTINUE = /^Continuing automatically at .+ · Esc to cancel$/u;

export const INTERRUPTED_ROW = /^ {1,6}⎿ {1,3}Interrupted(?: · What should Claude do instead\?| by user)$/u;

export const TRUST_TITLE =
	/^(?:Accessing workspace:|Do you trust the files in this folder\?|Ready to code here\?|Do you want to work in this folder\?)$/u;

export const QUESTION_START = /^(?:Do you want|Would you like)\b/u;

/** Options of the "What do you want to do?" usage-limit dialog (2.0.77, 2.1.197, 2.1.330). */
export const LIMIT_OPTION = /^(?:Stop and wait for limit to reset|Wait here, then continue automatically\b|Switch to extra usage)/u;

/** Key hints under CLI menus and modals. */
export const DIALOG_HINT =
	/(?:^|· )(?:Enter to (?:confirm|continue|select|stay\b)|Esc to (?:cancel|exit|go back)|Press Enter to (?:continue|retry))/iu;

/** Titles of known modals, used to name a dialog when no rule marks where it starts. */
export const KNOWN_DIALOG_TITLE =
	/^(?:Settings Warning|WARNING: Claude Code running in Bypass Permissions mode|Auto mode can't check actions.*|Switch model\?|Make auto mode your default permission mode\?|Adding a new directory:.*|What do you want to do\?)$/u;

/** Collapsed tool-group summaries that 2.1.x prints at block indentation (`  Ran 1 shell command`). */
export const COLLAPSED_TOOLS = /^ {2}(?:Ran|Read|Wrote|Edited|Updated|Created|Searched|Listed|Fetched|Called) \d+ /u;

/** Tool block headers: `Bash(cmd)`, `Write(x)`, `mcp__srv__tool (MCP)(…)`, `general-purpose(…)`. */
export const TOOL_CALL = /^[A-Za-z_][\w.:-]*(?: \([^()]*\))?\(/u;

/** 2.1.x progress headers for grouped tools: `Running 1 shell command…`, `Reading 2 files…`. */
export const TOOL_PROGRESS =
	/^(?:Running|Ran|Reading|Read|Writing|Wrote|Searching|Searched|Editing|Edited|Updating|Updated|Listing|Listed|Fetching|Fetched|Calling|Called) \d+ /u;

export const RESUME_HEAD = /^ {0,2}Resume this session with:$/u;
export const RESUME_COMMAND = /^ {0,2}claude (?:--resume|-r) ("[^"]+"|'[^']+'|\S+)$/u;

export const ESC = '\u001b';
export const DOWN = '\u001b[B';
export const UP = '\u001b[A';
export const ENTER = '\r';
