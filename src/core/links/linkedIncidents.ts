/**
 * What the editor shows on linked code: which incidents touch a file, where
 * (whole file, a symbol, a line range), filtered by the user's settings and
 * ordered most severe, then most recent, first.
 */
import { bySeverityThenRecency, type IncidentIndex } from '../index/incidentIndex';
import type { LinkRef } from './linkIndex';
import type { Incident, Runbook } from '../records/model';
import { type Priority, priorityRank, priorityText } from '../records/schema';
import { TIME } from '../time/recordTime';

export interface LinkFilter {
  /** Show incidents at this priority or more severe (P4 shows all). */
  readonly minimumPriority: Priority;
  /** Hide closed incidents resolved more than this many days ago (0: never hide). */
  readonly hideClosedOlderThanDays: number;
  readonly now: number;
}

export type Anchor =
  { readonly kind: 'file' } | { readonly kind: 'symbol'; readonly symbol: string } | { readonly kind: 'lines'; readonly from: number; readonly to: number };

export interface LinkedIncidents {
  readonly anchor: Anchor;
  readonly incidents: readonly Incident[];
  /** The links behind it (notes, which record linked it). */
  readonly refs: readonly LinkRef[];
}

export function isVisible(incident: Incident, filter: LinkFilter): boolean {
  if (priorityRank(incident.head.priority) > priorityRank(filter.minimumPriority) && incident.head.priority !== undefined) return false;
  if (filter.hideClosedOlderThanDays > 0 && incident.head.status === 'closed') {
    const end = incident.resolution?.ms ?? incident.start?.ms;
    if (end !== undefined && filter.now - end > filter.hideClosedOlderThanDays * TIME.DAY) return false;
  }
  return true;
}

/** The incident a link belongs to: the record itself, or an action record's parent. */
export function incidentOfLink(index: IncidentIndex, ref: LinkRef): Incident | undefined {
  return ref.record.kind === 'incident' ? ref.record : ref.record.kind === 'action' ? index.incident(ref.record.record.incident) : undefined;
}

/** Where a link attaches in its file: a symbol, a line range, else the whole file. */
function anchorOf(link: LinkRef['link']): Anchor {
  if (link.symbol) return { kind: 'symbol', symbol: link.symbol };
  if (link.lines) {
    const [a, b] = link.lines.split('-').map(Number);
    return { kind: 'lines', from: a!, to: b ?? a! };
  }
  return { kind: 'file' };
}

function anchorKey(a: Anchor): string {
  return a.kind === 'file' ? 'file' : a.kind === 'symbol' ? `symbol:${a.symbol}` : `lines:${a.from}-${a.to}`;
}

/** Linked incidents of a file grouped by where they attach: the whole file, each symbol, each line range. */
export function linkedIncidents(indexes: IncidentIndex | readonly IncidentIndex[], path: string, filter: LinkFilter): LinkedIncidents[] {
  const groups = new Map<string, { anchor: Anchor; incidents: Set<Incident>; refs: LinkRef[] }>();
  // The workspace's index and its record sources': every link that applies to this file.
  const all: readonly IncidentIndex[] = Array.isArray(indexes) ? indexes : [indexes as IncidentIndex];
  for (const [index, ref] of all.flatMap((ix) => ix.linksForFile(path).map((r: LinkRef) => [ix, r] as const))) {
    const incident = incidentOfLink(index, ref);
    if (!incident || !isVisible(incident, filter)) continue;
    const anchor = anchorOf(ref.link);
    const key = anchorKey(anchor);
    const g = groups.get(key) ?? { anchor, incidents: new Set<Incident>(), refs: [] };
    g.incidents.add(incident);
    g.refs.push(ref);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ anchor: g.anchor, incidents: [...g.incidents].sort(bySeverityThenRecency), refs: g.refs }));
}

/** The CodeLens title: one incident in full, several as a list of the most severe. */
export function lensTitle(incidents: readonly Incident[], now: number, relative: (ms: number, now: number) => string): string {
  const [first] = incidents;
  if (!first) return '';
  if (incidents.length === 1) {
    const when = first.start ? ` · ${relative(first.start.ms, now)}` : '';
    return `⚠ ${first.id} (${priorityText(first.head.priority)}) ${first.head.title}${when}`;
  }
  const shown = incidents.slice(0, 3).map((i) => `${priorityText(i.record.priority)} ${i.id}`);
  return `⚠ ${incidents.length} past incidents: ${shown.join(', ')}${incidents.length > 3 ? ' …' : ''}`;
}

export interface LinkedRunbooks {
  readonly anchor: Anchor;
  readonly runbooks: readonly Runbook[];
}

/** Runbooks whose links cover the file, grouped by where in the file (like incidents). */
export function linkedRunbooks(indexes: IncidentIndex | readonly IncidentIndex[], path: string): LinkedRunbooks[] {
  const groups = new Map<string, { anchor: Anchor; runbooks: Set<Runbook> }>();
  const all: readonly IncidentIndex[] = Array.isArray(indexes) ? indexes : [indexes as IncidentIndex];
  for (const ref of all.flatMap((ix) => ix.linksForFile(path))) {
    if (ref.record.kind !== 'runbook') continue;
    const anchor = anchorOf(ref.link);
    const key = anchorKey(anchor);
    const g = groups.get(key) ?? { anchor, runbooks: new Set<Runbook>() };
    g.runbooks.add(ref.record);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ anchor: g.anchor, runbooks: [...g.runbooks].sort((a, b) => a.id.localeCompare(b.id)) }));
}
