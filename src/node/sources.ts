/** Record sources resolved on this machine (core/index/recordSources.ts): paths made absolute, each checked. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_INCIDENTS_FOLDER } from '../core/index/incidentIndex';
import { CONFIG_FILE, parseSourcesConfig, type ResolvedSource, type SourceEntry } from '../core/index/recordSources';

export interface SourcesResult {
  readonly sources: ResolvedSource[];
  /** Clear warnings: a config that cannot be read, a source that is missing (never a failure). */
  readonly warnings: string[];
}

function expand(p: string, base: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(homedir(), p.slice(1));
  return path.resolve(base, p);
}

/** Sources of a workspace: its config file's, then `extra` (the setting, --source); the same folder once. */
export function resolveSources(workspaceRoot: string, extra: readonly SourceEntry[] = []): SourcesResult {
  const warnings: string[] = [];
  const entries: SourceEntry[] = [];
  const file = path.join(workspaceRoot, CONFIG_FILE);
  if (existsSync(file)) {
    const r = parseSourcesConfig(readFileSync(file, 'utf8'), CONFIG_FILE);
    warnings.push(...r.problems.map((p) => `${p} (no record sources read from it)`));
    entries.push(...r.entries);
  }
  entries.push(...extra);
  const seen = new Set<string>([path.resolve(workspaceRoot)]);
  const sources: ResolvedSource[] = [];
  for (const e of entries) {
    const root = expand(e.path, workspaceRoot);
    const folder = e.folder ?? DEFAULT_INCIDENTS_FOLDER;
    if (seen.has(root)) continue;
    seen.add(root);
    let ok = false;
    try {
      ok = statSync(path.join(root, folder)).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) {
      warnings.push(`${e.from}: record source "${e.path}" has no ${folder}/ folder at ${path.join(root, folder)}; skipped`);
      continue;
    }
    sources.push({ name: e.name ?? path.basename(root), root, folder, from: e.from });
  }
  return { sources, warnings };
}
