/**
 * Merging our entries into an agent's own configuration file, keeping
 * everything else the team wrote: JSON settings (Claude Code, Cursor, Gemini
 * CLI) and a marked block in TOML (Codex). A file that cannot be parsed is
 * never overwritten: the error names the file, line and column.
 */

export class AgentConfigError extends Error {}

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** A JSON object from a configuration file, or an error naming file, line and column. */
export function parseJsonObject(file: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : at ? position(text, Number(at[1])) : { line: 1, column: 1 };
    throw new AgentConfigError(
      `${file}:${where.line}:${where.column}: not valid JSON (${message.replace(/^JSON\.parse: /, '')}); Incident Lens leaves it as it is: fix it and run again`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new AgentConfigError(`${file}:1:1: expected a JSON object; Incident Lens leaves it as it is`);
  return value as Record<string, unknown>;
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** An object member, created when missing; an error when it exists and is no object. */
export function objectAt(file: string, parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = parent[key];
  if (v === undefined) return (parent[key] = {});
  if (!isObject(v)) throw new AgentConfigError(`${file}: "${key}" is not an object; Incident Lens leaves the file as it is`);
  return v;
}

/** How the agent starts the CLI: a program and its first arguments (never `npx <package>`). */
export interface CliCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** For a shell command line (Claude Code hooks): how the program is written there. */
  readonly shell: string;
}

export interface JsonMerge {
  /** The file's new text; undefined when what is there already says the same. */
  readonly text?: string;
}

function result(file: string, before: string | undefined, merged: Record<string, unknown>, original?: Record<string, unknown>): JsonMerge {
  if (before !== undefined && original && sameJson(original, merged)) return {};
  void file;
  return { text: `${JSON.stringify(merged, null, 2)}\n` };
}

/** `mcpServers["incident-lens"]` in a JSON file (Claude Code `.mcp.json`, Cursor `.cursor/mcp.json`, Gemini `.gemini/settings.json`). */
export function withMcpServer(
  file: string,
  before: string | undefined,
  cli: CliCommand,
  extra: (settings: Record<string, unknown>) => void = () => undefined,
): JsonMerge {
  const original = before === undefined || !before.trim() ? undefined : parseJsonObject(file, before);
  const merged = original ? (JSON.parse(JSON.stringify(original)) as Record<string, unknown>) : {};
  const servers = objectAt(file, merged, 'mcpServers');
  servers['incident-lens'] = { command: cli.command, args: [...cli.args, 'mcp'] };
  extra(merged);
  return result(file, before, merged, original);
}

export const HOOK_MARK = ' hook claude-code';

/**
 * Claude Code's shared `.claude/settings.json` with our PreToolUse hook on the
 * edit tools (https://code.claude.com/docs/en/hooks): the team's permissions
 * and other hooks kept, our entry replaced where it was, never duplicated.
 */
export function withClaudeHook(file: string, before: string | undefined, cli: CliCommand, matcher: string): JsonMerge {
  const original = before === undefined || !before.trim() ? undefined : parseJsonObject(file, before);
  const merged = original ? (JSON.parse(JSON.stringify(original)) as Record<string, unknown>) : {};
  const hooks = objectAt(file, merged, 'hooks');
  const list = hooks.PreToolUse === undefined ? [] : hooks.PreToolUse;
  if (!Array.isArray(list)) throw new AgentConfigError(`${file}: "hooks.PreToolUse" is not a list; Incident Lens leaves the file as it is`);
  const ours = { matcher, hooks: [{ type: 'command', command: `${cli.shell}${HOOK_MARK}`, timeout: 10 }] };
  const isOurs = (entry: unknown) =>
    isObject(entry) && Array.isArray(entry.hooks) && entry.hooks.some((h) => isObject(h) && typeof h.command === 'string' && h.command.includes(HOOK_MARK));
  const at = list.findIndex(isOurs);
  const next = list.filter((e, i) => !isOurs(e) || i === at);
  if (at >= 0) next[next.indexOf(list[at])] = ours;
  else next.push(ours);
  hooks.PreToolUse = next;
  return result(file, before, merged, original);
}

/** Gemini CLI reads AGENTS.md beside GEMINI.md when `context.fileName` names both. */
export function geminiContextFiles(file: string, settings: Record<string, unknown>): void {
  const context = objectAt(file, settings, 'context');
  const names = context.fileName;
  const list =
    names === undefined
      ? ['GEMINI.md']
      : typeof names === 'string'
        ? [names]
        : Array.isArray(names)
          ? names.filter((n): n is string => typeof n === 'string')
          : undefined;
  if (!list) throw new AgentConfigError(`${file}: "context.fileName" is neither a name nor a list of names; Incident Lens leaves the file as it is`);
  context.fileName = list.includes('AGENTS.md') ? (Array.isArray(names) ? names : list) : ['AGENTS.md', ...list];
}

export const TOML_START = '# incident-lens:start (generated by incident-lens init --agents; edit there, not here)';
export const TOML_END = '# incident-lens:end';

/**
 * Codex's project `.codex/config.toml` (read in trusted projects;
 * https://developers.openai.com/codex/mcp): our `[mcp_servers.incident-lens]`
 * table between marker comments, replaced there or appended; a table of that
 * name written by hand is left alone (an error says so).
 */
export function withCodexServer(file: string, before: string | undefined, cli: CliCommand): { text?: string } {
  const toml = (s: string) => JSON.stringify(s);
  const block = [
    TOML_START,
    '[mcp_servers.incident-lens]',
    `command = ${toml(cli.command)}`,
    `args = [${[...cli.args, 'mcp'].map(toml).join(', ')}]`,
    TOML_END,
  ].join('\n');
  const text = before ?? '';
  const start = text.split('\n').findIndex((l) => l.trim() === TOML_START);
  const end = text.split('\n').findIndex((l, i) => i > start && l.trim() === TOML_END);
  const lines = text.split('\n');
  let next: string;
  if (start >= 0 && end > start) next = [...lines.slice(0, start), block, ...lines.slice(end + 1)].join('\n');
  else if (/^\s*\[\s*mcp_servers\s*\.\s*(?:"incident-lens"|incident-lens)\s*\]/m.test(text)) {
    throw new AgentConfigError(`${file}: [mcp_servers.incident-lens] is already there, written by hand; Incident Lens leaves the file as it is`);
  } else next = text.trim() ? `${text.replace(/\s*$/, '')}\n\n${block}\n` : `${block}\n`;
  return next === before ? {} : { text: next };
}
