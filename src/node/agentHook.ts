/**
 * The edit hook's facts from disk (issue 30): the workspace holding the
 * edited file, its records (through the persistent parse cache, so a warm
 * run reads no YAML), the incidents linked to the file or to the symbol the
 * edit touches, the file's current text and, from git, the lines fix commits
 * added to it. The answer itself is built in core/ai/editHook.ts.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { claudeHookAnswer, editedLines, fixLinesTouched, type ClaudePreToolUseOutput, type EditIntent, type HookHit } from '../core/ai/editHook';
import { outline, type OutlineSymbol } from '../core/links/sourceOutline';
import { DEFAULT_INCIDENTS_FOLDER, IncidentIndex } from '../core/index/incidentIndex';
import type { Incident } from '../core/records/model';
import type { FixCommit } from '../core/risk/assessRisk';
import { fixAddedLines } from './git/fixAddedLines';
import { LoadCache } from './loadCache';
import { NodeFileAccess } from './nodeFileAccess';
import { findWorkspaceRoot, workspacePath } from './workspaceRoot';

/** The CLI's cache of parsed records for a workspace: outside the repository, per user. */
export function cliCacheDir(root: string): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'incident-lens', createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16));
}

/** The workspace's records, through the persistent parse cache (a damaged cache is a miss, never an error). */
export async function openCachedIndex(root: string, folder: string, version: string, now: () => number): Promise<IncidentIndex> {
  const access = new NodeFileAccess(root);
  const cache = new LoadCache(cliCacheDir(root), version, (p) => access.readFile(p), (p) => access.readTextSync(p));
  const index = new IncidentIndex(access, { folder, now, cache });
  await index.load();
  return index;
}

/** Every fix commit the records name, in one pass (core's fixCommits asks for each incident's actions: quadratic at 1,000 incidents). */
function allFixCommits(index: IncidentIndex): FixCommit[] {
  const out: FixCommit[] = [];
  for (const incident of index.incidents()) for (const c of incident.commits) if (c.role === 'fix') out.push({ incidentId: incident.id, sha: c.sha });
  for (const a of index.actionRecords()) for (const c of a.record.commits ?? []) if (c.role === 'fix') out.push({ incidentId: a.record.incident, sha: c.sha });
  return out;
}

type Lines = Array<{ startLine: number; endLine: number }>;

/** Does a symbol link concern this edit? Yes when the edit overlaps its body (the text's outline), names it, or cannot be placed. */
function symbolTouched(symbol: string, symbols: readonly OutlineSymbol[] | undefined, edited: Lines, intent: EditIntent): boolean {
  const name = symbol.includes('.') ? symbol.slice(symbol.lastIndexOf('.') + 1) : symbol;
  if (intent.changes.some((c) => c.old.includes(name) || c.new.includes(name))) return true;
  if (!symbols || intent.wholeFile || !edited.length) return true;
  const own = symbols.filter((s) => s.name === symbol || s.name.endsWith(`.${name}`) || s.name === name);
  if (!own.length) return true;
  return own.some((s) => edited.some((r) => r.startLine <= s.endLine && r.endLine >= s.startLine));
}

function linkedHits(index: IncidentIndex, rel: string, text: string | undefined, intent: EditIntent): Map<string, { incident: Incident; where: Set<string> }> {
  const edited = text === undefined ? [] : editedLines(text, intent.changes);
  const symbols = text === undefined ? undefined : outline(text);
  const hits = new Map<string, { incident: Incident; where: Set<string> }>();
  for (const ref of index.linksForFile(rel)) {
    const incident = ref.record.kind === 'incident' ? ref.record : ref.record.kind === 'action' ? index.incident(ref.record.record.incident) : undefined;
    if (!incident) continue;
    if (ref.link.symbol && !symbolTouched(ref.link.symbol, symbols, edited, intent)) continue;
    const entry = hits.get(incident.id) ?? { incident, where: new Set<string>() };
    entry.where.add(ref.link.symbol ? `${rel} (${ref.link.symbol})` : rel);
    hits.set(incident.id, entry);
  }
  return hits;
}

export interface HookRun {
  readonly answer?: ClaudePreToolUseOutput;
  /** Why nothing was said, for stderr when asked (--verbose); undefined when an answer was given. */
  readonly quiet?: string;
}

/** The hook's answer for one edit intent. */
export async function claudeEditHook(intent: EditIntent, options: { folder?: string; version: string; now: () => number }): Promise<HookRun> {
  const cwd = intent.cwd ?? process.cwd();
  const abs = path.resolve(cwd, intent.file);
  const folder = options.folder ?? DEFAULT_INCIDENTS_FOLDER;
  const found = findWorkspaceRoot(path.dirname(abs), folder);
  if ('error' in found) return { quiet: found.error };
  const root = found.root;
  const rel = workspacePath(root, abs, cwd);
  if (!rel) return { quiet: `${abs} is outside the workspace ${root}` };
  const [index, text] = await Promise.all([openCachedIndex(root, folder, options.version, options.now), fs.readFile(abs, 'utf8').catch(() => undefined)]);
  const changes = intent.wholeFile ? intent.changes.map((c) => ({ ...c, old: text ?? '' })) : intent.changes;
  const edit: EditIntent = { ...intent, changes };
  const hits = linkedHits(index, rel, text, edit);
  const fixes = allFixCommits(index);
  const fixHits = text === undefined || !fixes.length ? [] : fixLinesTouched(await fixAddedLines(root, rel, fixes), changes);
  for (const f of fixHits) {
    const incident = index.incident(f.incidentId);
    if (!incident) continue;
    const entry = hits.get(incident.id) ?? { incident, where: new Set<string>() };
    entry.where.add(`${rel} (lines its fix ${f.fixSha.slice(0, 7)} added)`);
    hits.set(incident.id, entry);
  }
  const list: HookHit[] = [...hits.values()].map(({ incident, where }) => ({
    incident,
    where: [...where],
    runbooks: index.runbooksForIncident(incident).slice(0, 2).map((r) => r.runbook),
  }));
  await index.cacheWrite;
  const answer = claudeHookAnswer({ file: rel, hits: list, fixHits, now: options.now() });
  return answer ? { answer } : { quiet: `no incident is linked to ${rel}` };
}
