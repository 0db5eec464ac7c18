/**
 * `risk` on a workspace: the files given and/or changed since a revision, the
 * lines changed, and the fix lines those changes touch, assessed against the
 * workspace's incidents and its record sources'. Shared by the CLI's `risk`
 * and the MCP server's `check_diff`, and (checkPushedRanges) the pre-push hook.
 *
 * With a revision, the change is judged by the records as they are at the
 * merge base, not as the change left them (a change cannot relax its own
 * verdict), and the records it edits are findings of their own (baseRecords.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IncidentIndex } from '../core/index/incidentIndex';
import { withRecordChanges } from '../core/risk/recordChanges';
import type { Incident } from '../core/records/model';
import { assessRisk, fixCommits, type FixTouch, type RecordChangeFinding, type RiskReport } from '../core/risk/assessRisk';
import { recordsAtBase, pushBase, type JudgedRecords } from './baseRecords';
import { changedFilesSince, changedLinesSince } from './git/changes';
import { fixTouches } from './git/fixLines';
import { mergeBaseWithHead } from './git/revisionFiles';

export interface RiskCheck {
  readonly files: string[];
  readonly report: RiskReport;
}

/** Throws GitError when `diff` is not a revision git knows. */
export async function checkRisk(
  root: string,
  indexes: readonly IncidentIndex[],
  options: { files?: readonly string[]; diff?: string; now: number; noGoP1Days: number },
): Promise<RiskCheck> {
  let files = [...(options.files ?? [])];
  let changedLines: Map<string, Array<{ startLine: number; endLine: number }>> | undefined;
  let touches: FixTouch[] | undefined;
  let judged: JudgedRecords = { indexes: [...indexes], changes: [] };
  if (options.diff) {
    const changed = await changedFilesSince(root, options.diff);
    files = [...new Set([...files, ...changed])].sort();
    changedLines = await changedLinesSince(root, options.diff);
    judged = await recordsAtBase(root, indexes, await mergeBaseWithHead(root, options.diff), changed, options.now);
    touches = await fixTouches(root, options.diff, judged.indexes.flatMap(fixCommits));
  }
  const report = assessRisk(judged.indexes, files, {
    now: options.now,
    noGoP1Days: options.noGoP1Days,
    changedLines,
    fixTouches: touches,
    readText: (file) => {
      try {
        return readFileSync(path.join(root, ...file.split('/')), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return { files, report: judged.base ? withRecordChanges(report, judged.changes, judged.base) : report };
}

/**
 * The pre-push hook's check, one report per pushed range (with its files):
 * each judged by the records on the remote's side of it (pushBase); a range
 * with no such side (nothing of it on any remote yet) by the workspace's.
 */
export async function checkPushedRanges(
  root: string,
  indexes: readonly IncidentIndex[],
  ranges: ReadonlyArray<{ from?: string; to: string; files: readonly string[] }>,
  now: number,
): Promise<RiskReport[]> {
  const reports: RiskReport[] = [];
  for (const range of ranges) {
    const base = await pushBase(root, range);
    const judged: JudgedRecords = base ? await recordsAtBase(root, indexes, base, range.files, now) : { indexes: [...indexes], changes: [] };
    const report = assessRisk(judged.indexes, range.files, { now });
    reports.push(judged.base ? withRecordChanges(report, judged.changes, judged.base) : report);
  }
  return reports;
}

/** Across a push's reports: the active and P1 incidents touched (each once, with all its files), and the record edits that would relax the check. */
export function pushFindings(reports: readonly RiskReport[]): { serious: Array<{ incident: Incident; files: string[] }>; recordEdits: RecordChangeFinding[] } {
  const serious = new Map<string, { incident: Incident; files: Set<string> }>();
  for (const r of reports.flatMap((x) => x.incidents)) {
    if (r.incident.head.status !== 'active' && r.incident.head.priority !== 'P1') continue;
    const entry = serious.get(r.incident.id) ?? { incident: r.incident, files: new Set<string>() };
    for (const f of r.files) entry.files.add(f);
    serious.set(r.incident.id, entry);
  }
  const recordEdits = reports.flatMap((r) => r.recordChanges ?? []).filter((c) => c.weakens);
  return { serious: [...serious.values()].map((s) => ({ incident: s.incident, files: [...s.files].sort() })), recordEdits };
}
