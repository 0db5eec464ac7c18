/**
 * Questions about the work around incidents, answered from the index's
 * records: which runbooks an incident should follow, which are stale, which
 * actions are open (inline and action records), overdue first, and which
 * links name a file (for renames).
 */
import { linkKind, normalizePath, type LinkRef } from '../links/linkIndex';
import { FILE_START, type RecordDiagnostic } from '../records/diagnostics';
import {
  isActionOpen,
  isRunbookStale,
  postmortemOwed,
  runbookAgeDays,
  type ActionItem,
  type Incident,
  type IndexedRecord,
  type Runbook,
} from '../records/model';
import type { ParsedFile } from '../records/parseRecord';
import { incidentNumber, systemKey, type OpenAction } from './indexTypes';
import type { Instant } from '../time/recordTime';

export interface RunbookLookup {
  actionRecordsOf(incidentId: string): ActionItem[];
  runbook(id: string): Runbook | undefined;
  runbooks(): readonly Runbook[];
  runbooksForFile(path: string): Runbook[];
}

/** The runbooks an incident (or its action records) names, then those for its system, then those whose links cover a file it links to. */
export function runbooksForIncident(incident: Incident, index: RunbookLookup): Array<{ runbook: Runbook; why: 'named' | 'system' | 'code' }> {
  const out = new Map<Runbook, 'named' | 'system' | 'code'>();
  const named = [...(incident.head.runbooks ?? []), ...index.actionRecordsOf(incident.id).flatMap((a) => a.record.runbooks ?? [])];
  for (const id of named) {
    const rb = index.runbook(id);
    if (rb && !out.has(rb)) out.set(rb, 'named');
  }
  const system = systemKey(incident.head.impact?.system);
  if (system) for (const rb of index.runbooks()) if (!out.has(rb) && systemKey(rb.record.system) === system) out.set(rb, 'system');
  for (const link of incident.links) {
    const path = normalizePath(link.path);
    if (linkKind(path) !== 'file') continue;
    for (const rb of index.runbooksForFile(path)) if (!out.has(rb)) out.set(rb, 'code');
  }
  return [...out].map(([runbook, why]) => ({ runbook, why }));
}

/** Open actions, inline and action records: overdue first, then by deadline (none last). */
export function openActionsOf(
  incidents: readonly Incident[],
  actionRecords: readonly ActionItem[],
  incidentById: (id: string) => Incident | undefined,
  now: number,
): OpenAction[] {
  const out: OpenAction[] = [];
  for (const incident of incidents) {
    for (const item of incident.openActions) {
      out.push({ source: 'inline', incident, item, deadline: item.deadline, overdue: !!item.deadline && item.deadline.ms < now });
    }
  }
  for (const item of actionRecords) {
    if (!isActionOpen(item)) continue;
    out.push({
      source: 'record',
      incident: incidentById(item.record.incident),
      item,
      deadline: item.deadline,
      overdue: !!item.deadline && item.deadline.ms < now,
    });
  }
  return out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadline?.ms ?? Infinity) - (b.deadline?.ms ?? Infinity));
}

/** A runbook file's warning when it was not verified for more than `days` (or never). */
export function runbookStaleness(parsed: ParsedFile, now: number, days: number): RecordDiagnostic[] {
  const rb = parsed.record;
  if (rb?.kind !== 'runbook') return [];
  if (!isRunbookStale(rb, now, days)) return [];
  const age = runbookAgeDays(rb, now);
  const message =
    age === undefined
      ? `runbook ${rb.id} has never been verified: try it and set lastVerified (runbooks older than ${days} days are flagged)`
      : `runbook ${rb.id} was last verified ${age} days ago (more than ${days}): try it again and update lastVerified`;
  return [
    {
      file: parsed.file,
      range: parsed.anchors.get('lastVerified') ?? FILE_START,
      severity: 'warning',
      field: age === undefined ? 'id' : 'lastVerified',
      message,
      code: 'runbook-stale',
    },
  ];
}

/** Every link whose path is this file, or a directory containing it (for renames). */
export function linksNaming(records: readonly IndexedRecord[], path: string): LinkRef[] {
  const p = normalizePath(path);
  const out: LinkRef[] = [];
  for (const record of records) {
    record.links.forEach((link, index) => {
      const lp = normalizePath(link.path);
      const kind = linkKind(lp);
      if (kind === 'glob') return;
      if (lp === p || lp.replace(/\/+$/, '') === p || lp.startsWith(`${p}/`)) out.push({ record, link, index, kind });
    });
  }
  return out;
}

/** Runbooks not verified for more than `days` (or never), with their age. */
export function staleRunbooksOf(runbooks: readonly Runbook[], now: number, days: number): Array<{ runbook: Runbook; ageDays?: number }> {
  return runbooks.filter((runbook) => isRunbookStale(runbook, now, days)).map((runbook) => ({ runbook, ageDays: runbookAgeDays(runbook, now) }));
}

/**
 * The incident an id means as people write it when no id is exactly it: the
 * same number written another way (INC-23, inc023 for INC-023). An id off by
 * a digit is another incident, never a match.
 */
export function incidentWrittenAs(incidents: readonly Incident[], id: string): Incident | undefined {
  const want = id.trim();
  if (!/^inc-?\d+$/i.test(want)) return undefined;
  const n = incidentNumber(want);
  return incidents.find((i) => incidentNumber(i.id) === n);
}

/** Incidents whose postmortem is owed, soonest deadline first, with whether it is overdue. */
export function postmortemsDueOf(incidents: readonly Incident[], now: number): Array<{ incident: Incident; deadline: Instant; overdue: boolean }> {
  return incidents
    .filter(postmortemOwed)
    .map((incident) => ({ incident, deadline: incident.postmortemDeadline!, overdue: incident.postmortemDeadline!.ms < now }))
    .sort((a, b) => a.deadline.ms - b.deadline.ms);
}
