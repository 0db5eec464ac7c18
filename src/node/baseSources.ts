/**
 * Record sources a change stops naming. The sources live in other
 * repositories and are read as they are checked out, but the file that names
 * them (`.incident-lens.yaml`) is in this repository: a change that drops a
 * source from it would drop that source's incidents from its own check. The
 * sources the base names are read as well, and the edit is reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { IncidentIndex, type LinkScope } from '../core/index/incidentIndex';
import type { RecordChangeFinding } from '../core/risk/assessRisk';
import { CONFIG_FILE, parseSourcesConfig, type SourceEntry } from '../core/index/recordSources';
import { git } from './git/run';
import { NodeFileAccess } from './nodeFileAccess';
import { resolveSources } from './sources';

const AT_BASE = `${CONFIG_FILE} at the base`;

function key(root: string, e: SourceEntry): string {
  return `${path.resolve(root, e.path)}\u0000${e.folder ?? ''}`;
}

/** `commit`: the base, a full SHA; `scope`: this repository's, so the sources' links apply here as they do for the workspace's own sources. */
export async function sourcesDroppedByChange(
  root: string,
  commit: string,
  changedFiles: readonly string[],
  scope: LinkScope | undefined,
  now: number,
): Promise<{ indexes: IncidentIndex[]; changes: RecordChangeFinding[] }> {
  if (!changedFiles.includes(CONFIG_FILE)) return { indexes: [], changes: [] };
  const baseText = await git(root, ['cat-file', 'blob', `${commit}:./${CONFIG_FILE}`]).catch(() => undefined);
  if (baseText === undefined) return { indexes: [], changes: [] };
  const file = path.join(root, CONFIG_FILE);
  const named = existsSync(file) ? parseSourcesConfig(readFileSync(file, 'utf8')).entries : [];
  const kept = new Set(named.map((e) => key(root, e)));
  const dropped = parseSourcesConfig(baseText, AT_BASE).entries.filter((e) => !kept.has(key(root, e)));
  if (!dropped.length) return { indexes: [], changes: [] };
  const { sources } = resolveSources(root, dropped);
  const indexes: IncidentIndex[] = [];
  const details: string[] = [];
  for (const e of dropped) {
    const found = sources.find((s) => s.from === e.from); // "<file> at the base:line:column", one per entry
    if (!found) {
      details.push(`record source ${e.path} no longer named (not found on this machine, so not read)`);
      continue;
    }
    const index = new IncidentIndex(new NodeFileAccess(found.root), {
      folder: found.folder,
      now: () => now,
      linkScope: { repos: scope?.repos ?? [], prefix: scope?.prefix ?? '', foreign: true },
    });
    await index.load();
    indexes.push(index);
    details.push(`record source ${e.path} no longer named (its records still count: the base names it)`);
  }
  const change: RecordChangeFinding = {
    rule: 'incident-lens/record-changed',
    level: 'warning',
    id: CONFIG_FILE,
    change: 'modified',
    file: CONFIG_FILE,
    region: { startLine: 1, endLine: 1 },
    details,
    weakens: true,
    message: `${CONFIG_FILE}, which names the record sources this check reads, changed in this change: ${details.join('; ')}.`,
  };
  return { indexes, changes: [change] };
}
