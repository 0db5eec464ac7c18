/**
 * `init --agents` on disk: which agents the repository shows, how an agent
 * reaches the CLI (PATH, node_modules/.bin or an absolute path; never
 * `npx <package>`, which downloads from the registry), what the agent files
 * hold now, and the plan from core/ai/agentWiring.ts carried out through
 * safeWrite.ts (inside the workspace, never through a link).
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../core/ai/agentConfig';
import {
  CLAUDE_MCP,
  CLAUDE_SETTINGS,
  CODEX_CONFIG,
  CURSOR_MCP,
  CURSOR_RULES_DIR,
  detectAgents,
  GEMINI_SETTINGS,
  planAgentWiring,
  type AgentName,
} from '../core/ai/agentWiring';
import { AGENTS_FILE, INSTRUCTIONS_DIR, type FilePlan } from '../core/ai/learnings';
import type { Incident } from '../core/records/model';
import { checkInsideWorkspace, readInsideWorkspace, UnsafePath, applyPlanInsideWorkspace } from './safeWrite';

const shq = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function onPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    if (statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile()) return true;
  }
  return false;
}

/**
 * How the agents start the CLI: `--command` when given (a .js file runs under
 * node), else the repository's own node_modules/.bin/incident-lens, else
 * `incident-lens` on PATH, else the absolute path of this CLI (with a note:
 * it works on this machine only).
 */
export function resolveCliCommand(root: string, given?: string, fallback = process.argv[1]): { cli: CliCommand; note?: string } {
  if (given) {
    if (given.endsWith('.js')) {
      const abs = path.resolve(given);
      return { cli: { command: 'node', args: [abs], shell: `node ${shq(abs)}` } };
    }
    return { cli: { command: given, args: [], shell: shq(given) } };
  }
  if (existsSync(path.join(root, 'node_modules', '.bin', 'incident-lens'))) {
    // Claude Code runs hooks from the project directory it names in CLAUDE_PROJECT_DIR (https://code.claude.com/docs/en/hooks).
    return { cli: { command: 'node_modules/.bin/incident-lens', args: [], shell: '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/incident-lens' } };
  }
  if (onPath('incident-lens')) return { cli: { command: 'incident-lens', args: [], shell: 'incident-lens' } };
  const self = path.resolve(fallback ?? 'incident-lens');
  return {
    cli: { command: 'node', args: [self], shell: `node ${shq(self)}` },
    note: `incident-lens is neither in node_modules/.bin nor on PATH: the wiring names ${self}, which works on this machine only (npm install --save-dev incident-lens, then run init --agents again)`,
  };
}

export function agentsInRepository(root: string): AgentName[] {
  return detectAgents((p) => lstatSync(path.join(root, ...p.split('/')), { throwIfNoEntry: false }) !== undefined);
}

export interface AgentRun {
  readonly agents: readonly AgentName[];
  readonly plan: readonly FilePlan[];
  readonly problems: readonly string[];
  readonly refused: ReadonlyArray<{ path: string; reason: string }>;
  readonly note?: string;
}

async function listDir(root: string, dir: string, refused: Array<{ path: string; reason: string }>): Promise<string[]> {
  try {
    await checkInsideWorkspace(root, dir);
  } catch (err) {
    if (!(err instanceof UnsafePath)) throw err;
    refused.push({ path: dir, reason: err.message });
    return [];
  }
  return fs.readdir(path.join(root, ...dir.split('/'))).catch(() => [] as string[]);
}

export async function syncAgentWiring(
  root: string,
  incidents: readonly Incident[],
  options: { agents?: readonly AgentName[]; check?: boolean; command?: string; fallbackCli?: string },
): Promise<AgentRun> {
  const agents = options.agents?.length ? options.agents : agentsInRepository(root);
  const { cli, note } = resolveCliCommand(root, options.command, options.fallbackCli);
  const refused: Array<{ path: string; reason: string }> = [];
  const instructionFiles = await listDir(root, INSTRUCTIONS_DIR, refused);
  const cursorRules = await listDir(root, CURSOR_RULES_DIR, refused);
  const texts = new Map<string, string | undefined>();
  const paths = [
    ...instructionFiles.map((f) => `${INSTRUCTIONS_DIR}/${f}`),
    ...cursorRules.map((f) => `${CURSOR_RULES_DIR}/${f}`),
    AGENTS_FILE,
    CLAUDE_SETTINGS,
    CLAUDE_MCP,
    CURSOR_MCP,
    CODEX_CONFIG,
    GEMINI_SETTINGS,
  ];
  for (const rel of paths)
    texts.set(rel, await readInsideWorkspace(root, rel).catch((err: Error) => (err instanceof UnsafePath ? undefined : Promise.reject(err))));
  const { plan, problems } = planAgentWiring(incidents, { instructionFiles, cursorRules, read: (p) => texts.get(p) }, agents, cli);
  const run = await applyPlanInsideWorkspace(root, plan, !!options.check, refused);
  return { agents, plan: run, problems, refused, ...(note ? { note } : {}) };
}
