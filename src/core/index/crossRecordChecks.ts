/**
 * Checks that need more than one record: duplicate ids, an action record's
 * parent, the action records and runbooks a record names, and linked files
 * that do not exist in the workspace. Pure functions over the index's records.
 */
import { FILE_START, type RecordDiagnostic, type Range } from '../records/diagnostics';
import type { IndexedRecord } from '../records/model';
import type { Anchors, ParsedFile } from '../records/parseRecord';
import { linkKind, normalizePath, type LinkKind } from '../links/linkIndex';
import type { FileStat } from './fileAccess';

/** Records by upper-case id, each list in file order (more than one: a duplicate id). */
export function recordsById(records: readonly IndexedRecord[]): Map<string, IndexedRecord[]> {
  const ids = new Map<string, IndexedRecord[]>();
  for (const r of records) {
    const key = r.id.toUpperCase();
    const list = ids.get(key);
    if (list) list.push(r);
    else ids.set(key, [r]);
  }
  for (const list of ids.values()) list.sort((a, b) => a.file.localeCompare(b.file));
  return ids;
}

/** Diagnostics that need more than one record, per file. */
export function crossRecordDiagnostics(
  records: readonly IndexedRecord[],
  ids: ReadonlyMap<string, IndexedRecord[]>,
  anchorsOf: (file: string) => Anchors | undefined,
): Map<string, RecordDiagnostic[]> {
  const out = new Map<string, RecordDiagnostic[]>();
  const add = (file: string, range: Range | undefined, field: string, severity: RecordDiagnostic['severity'], message: string, code: string) => {
    const list = out.get(file) ?? [];
    list.push({ file, range: range ?? FILE_START, severity, field, message, code });
    out.set(file, list);
  };
  for (const list of ids.values()) {
    if (list.length < 2) continue;
    for (const r of list) {
      const others = list.filter((o) => o !== r).map((o) => o.file);
      add(r.file, anchorsOf(r.file)?.get('id'), 'id', 'error', `duplicate id "${r.id}": also in ${others.join(', ')}`, 'duplicate-id');
    }
  }
  for (const r of records) {
    // Anchors only for a finding: a head-read file computes them from its file (one full parse each).
    const anchors = { get: (key: string) => anchorsOf(r.file)?.get(key) };
    if (r.kind === 'action') {
      if (!ids.has(r.record.incident.toUpperCase())) {
        add(r.file, anchors?.get('incident'), 'incident', 'error', `parent incident "${r.record.incident}" does not exist`, 'missing-parent');
      }
    } else if (r.kind === 'incident') {
      r.head.postmortem?.actionPlan?.forEach((actionId, i) => {
        // Planned actions (objects) have no record yet; only ids must resolve.
        if (typeof actionId === 'string' && !ids.has(actionId.toUpperCase())) {
          add(
            r.file,
            anchors?.get(`postmortem.actionPlan[${i}]`),
            `postmortem.actionPlan[${i}]`,
            'error',
            `action record "${actionId}" does not exist`,
            'missing-action',
          );
        }
      });
    }
    if (r.kind !== 'runbook') {
      (r.kind === 'incident' ? r.head.runbooks : r.record.runbooks)?.forEach((rb, i) => {
        if (ids.get(rb.toUpperCase())?.[0]?.kind !== 'runbook')
          add(r.file, anchors?.get(`runbooks[${i}]`), `runbooks[${i}]`, 'error', `runbook "${rb}" does not exist`, 'missing-runbook');
      });
    }
  }
  return out;
}

/**
 * A missing link target without its range: the range is read from the file's anchors when the diagnostic is
 * asked for (linkTargetDiagnostic), so finding them never parses a head-read file in full on this thread.
 */
export type LinkTargetFinding = Omit<RecordDiagnostic, 'range'>;

/** The finding as a diagnostic, placed by the file as it is now. */
export function linkTargetDiagnostic(f: LinkTargetFinding, parsed: ParsedFile): RecordDiagnostic {
  return { ...f, range: parsed.anchors.get(f.field) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** A record's links to files or folders that do not exist (another repository's links are not checked here). `known`: targets already stat'ed. */
export async function missingLinkTargets(
  parsed: ParsedFile,
  foreign: boolean,
  statMany: (paths: readonly string[]) => Promise<Array<FileStat | undefined>>,
  known?: ReadonlyMap<string, boolean>,
): Promise<LinkTargetFinding[]> {
  const record = parsed.record;
  if (!record) return [];
  const targets: Array<{ i: number; kind: LinkKind; target: string; path: string }> = [];
  for (const [i, link] of record.links.entries()) {
    if (link.repo !== undefined || foreign) continue; // another repository's files are not here to check
    const path = normalizePath(link.path);
    const kind = linkKind(path);
    if (kind !== 'glob') targets.push({ i, kind, target: kind === 'directory' ? path.replace(/\/+$/, '') : path, path: link.path });
  }
  // One file's links (a refresh): stat them together, not one await each.
  const unknown = targets.filter((t) => known?.get(t.target) === undefined).map((t) => t.target);
  const stats = unknown.length ? await statMany(unknown) : [];
  const statted = new Map<string, boolean>();
  unknown.forEach((t, j) => statted.set(t, !!stats[j]));
  const found: LinkTargetFinding[] = [];
  for (const { i, kind, target, path } of targets) {
    if (known?.get(target) ?? statted.get(target)) continue;
    found.push({
      file: parsed.file,
      severity: 'warning',
      field: `links[${i}].path`,
      message: `linked ${kind} "${path}" does not exist in the workspace`,
      code: 'link-missing',
    });
  }
  return found;
}
