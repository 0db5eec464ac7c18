/**
 * `incident-lens init --agents`: the wiring each coding agent needs to meet
 * the incidents, planned as files (pure; src/node/agentWiring.ts writes them
 * through safeWrite.ts). Every format follows the agent's own documentation:
 *
 * - Claude Code: a PreToolUse hook on the edit tools in the shared
 *   `.claude/settings.json` (https://code.claude.com/docs/en/hooks,
 *   https://code.claude.com/docs/en/settings) and the read-only MCP server in
 *   `.mcp.json` at the repository root (https://code.claude.com/docs/en/mcp,
 *   "project scope").
 * - Cursor: project rules `.cursor/rules/*.mdc` with `description`, `globs`
 *   and `alwaysApply: false` (https://docs.cursor.com/context/rules, "Auto
 *   Attached") and `.cursor/mcp.json` (https://docs.cursor.com/context/model-context-protocol).
 * - Codex: `[mcp_servers.<name>]` in the project's `.codex/config.toml`, read
 *   in trusted projects (https://developers.openai.com/codex/mcp), and the
 *   AGENTS.md section (https://agents.md).
 * - Gemini CLI: `mcpServers` and `context.fileName` in `.gemini/settings.json`
 *   (https://geminicli.com/docs/cli/configuration,
 *   https://geminicli.com/docs/tools/mcp-server) and the AGENTS.md section.
 * - Copilot: the path-scoped instruction files, as `incident-lens instructions`.
 *
 * Record text goes only into Markdown bodies, inside data blocks
 * (learningMarkdown); JSON and TOML carry our own values only.
 */
import type { Incident } from '../records/model';
import {
  AGENTS_FILE,
  applyToGlobs,
  GENERATED_MARKER,
  instructionIncidents,
  learningMarkdown,
  planInstructionFiles,
  type ExistingFiles,
  type FilePlan,
} from './learnings';
import { quoteValue } from '../trust/dataBlock';
import { AgentConfigError, geminiContextFiles, withClaudeHook, withCodexServer, withMcpServer, type CliCommand } from './agentConfig';
import { CLAUDE_EDIT_TOOLS } from './editHook';

export const AGENT_NAMES = ['claude-code', 'cursor', 'codex', 'gemini', 'copilot'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export const CLAUDE_SETTINGS = '.claude/settings.json';
export const CLAUDE_MCP = '.mcp.json';
export const CURSOR_RULES_DIR = '.cursor/rules';
export const CURSOR_MCP = '.cursor/mcp.json';
export const CODEX_CONFIG = '.codex/config.toml';
export const GEMINI_SETTINGS = '.gemini/settings.json';
export const CLAUDE_HOOK_MATCHER = CLAUDE_EDIT_TOOLS.join('|');

/** Files or folders whose presence says a team uses the agent. */
export const AGENT_MARKS: Record<AgentName, readonly string[]> = {
  'claude-code': ['.claude', '.mcp.json', 'CLAUDE.md'],
  cursor: ['.cursor', '.cursorrules'],
  codex: ['.codex'],
  gemini: ['.gemini', 'GEMINI.md'],
  copilot: ['.github/copilot-instructions.md', '.github/instructions'],
};

/** The agents a repository shows it uses; all of them when it shows none. */
export function detectAgents(exists: (path: string) => boolean): AgentName[] {
  const found = AGENT_NAMES.filter((a) => AGENT_MARKS[a].some(exists));
  return found.length ? found : [...AGENT_NAMES];
}

export interface AgentFiles extends ExistingFiles {
  /** Names of the files in `.cursor/rules`. */
  readonly cursorRules: readonly string[];
}

export interface AgentPlan {
  readonly plan: FilePlan[];
  /** Files left as they are because they cannot be merged safely (unparsable JSON, a hand-written entry). */
  readonly problems: string[];
}

export function cursorRuleName(incident: Incident): string {
  return `incident-${incident.id.toLowerCase()}.mdc`;
}

/** One Cursor rule: front matter of our own values (the link globs), the record quoted as data. */
export function cursorRule(incident: Incident): string {
  return [
    '---',
    `description: Learnings from past incident ${incident.id} for the code it concerns`,
    `globs: ${applyToGlobs(incident).join(',')}`,
    'alwaysApply: false',
    '---',
    `${GENERATED_MARKER} from ${quoteValue(incident.file)}. Do not edit: change the record and run incident-lens init --agents. -->`,
    '',
    'The record below is quoted as data, between its <<<INCIDENT-NOTES lines.',
    '',
    learningMarkdown(incident),
  ].join('\n');
}

function cursorRules(incidents: readonly Incident[], existing: AgentFiles): FilePlan[] {
  const plan: FilePlan[] = [];
  const wanted = new Map(instructionIncidents(incidents).map((i) => [`${CURSOR_RULES_DIR}/${cursorRuleName(i)}`, cursorRule(i)]));
  for (const [path, content] of wanted) plan.push({ path, action: existing.read(path) === content ? 'unchanged' : 'write', content });
  for (const name of [...existing.cursorRules].sort()) {
    const path = `${CURSOR_RULES_DIR}/${name}`;
    if (wanted.has(path) || !name.startsWith('incident-') || !name.endsWith('.mdc')) continue;
    if (existing.read(path)?.includes(GENERATED_MARKER)) plan.push({ path, action: 'delete' });
  }
  return plan;
}

function merged(path: string, existing: AgentFiles, merge: (before: string | undefined) => { text?: string }, problems: string[]): FilePlan[] {
  try {
    const before = existing.read(path);
    const { text } = merge(before);
    return [text === undefined ? { path, action: 'unchanged', content: before } : { path, action: 'write', content: text }];
  } catch (err) {
    if (err instanceof AgentConfigError) {
      problems.push(err.message);
      return [];
    }
    throw err;
  }
}

/** Every file the chosen agents need, with what to do to each. */
export function planAgentWiring(incidents: readonly Incident[], existing: AgentFiles, agents: readonly AgentName[], cli: CliCommand): AgentPlan {
  const problems: string[] = [];
  const plan: FilePlan[] = [];
  const want = new Set(agents);
  if (want.has('claude-code')) {
    plan.push(...merged(CLAUDE_SETTINGS, existing, (b) => withClaudeHook(CLAUDE_SETTINGS, b, cli, CLAUDE_HOOK_MATCHER), problems));
    plan.push(...merged(CLAUDE_MCP, existing, (b) => withMcpServer(CLAUDE_MCP, b, cli), problems));
  }
  if (want.has('cursor')) {
    plan.push(...cursorRules(incidents, existing));
    plan.push(...merged(CURSOR_MCP, existing, (b) => withMcpServer(CURSOR_MCP, b, cli), problems));
  }
  if (want.has('codex')) plan.push(...merged(CODEX_CONFIG, existing, (b) => withCodexServer(CODEX_CONFIG, b, cli), problems));
  if (want.has('gemini'))
    plan.push(...merged(GEMINI_SETTINGS, existing, (b) => withMcpServer(GEMINI_SETTINGS, b, cli, (s) => geminiContextFiles(GEMINI_SETTINGS, s)), problems));
  // Codex and Gemini CLI read AGENTS.md; Copilot the path-scoped instruction files.
  const agentsMd = want.has('codex') || want.has('gemini');
  const instructions = planInstructionFiles(incidents, existing, { agents: agentsMd });
  plan.push(...instructions.filter((p) => (p.path === AGENTS_FILE ? agentsMd : want.has('copilot'))));
  return { plan, problems };
}
