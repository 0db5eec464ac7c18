/**
 * The figures a lead asks for every month, computed once in core from the
 * incidents' heads (no full record is loaded): incidents per period by
 * priority, time to detect / acknowledge / mitigate / resolve (median and
 * p90, with how many incidents have the milestone and how many do not), the
 * AI connection's share and its time to resolve against the rest; and the
 * code hotspots. The CLI prints them (`metrics`, `hotspots`); the Insights
 * view (insightsView.ts) draws the same numbers.
 */
import type { IncidentIndex } from '../index/incidentIndex';
import { continuousPeriods } from './timeAxis';
import { incidentMetrics, type IncidentMetrics } from './incidentMetrics';
import type { Incident } from '../records/model';
import { NO_PRIORITY, PRIORITIES, type Priority, priorityRank, priorityText } from '../records/schema';
import { formatDate, TIME } from '../time/recordTime';

export type GroupBy = 'month' | 'week' | 'system' | 'priority';
export const GROUP_BY: readonly GroupBy[] = ['month', 'week', 'system', 'priority'];

export interface Spread {
  /** Incidents that have this figure. */
  readonly n: number;
  /** Incidents in the group without it (no milestone, or a date-only one): left out, and said so. */
  readonly missing: number;
  readonly median?: number;
  readonly p90?: number;
}

export interface MetricsRow {
  readonly group: string;
  readonly incidents: number;
  readonly byPriority: Record<Priority, number>;
  readonly figures: Record<'timeToDetect' | 'timeToAcknowledge' | 'timeToMitigate' | 'timeToResolve', Spread>;
  /** Incidents marked AI-generated code or AI deploy speed, and their time to resolve against the rest. */
  readonly ai: { readonly incidents: number; readonly share: number; readonly resolveMedian?: number; readonly otherResolveMedian?: number };
}

export interface MetricsReport {
  readonly by: GroupBy;
  readonly since?: string;
  readonly until?: string;
  /** Incidents counted, and those left out because they have no readable start. */
  readonly counted: number;
  readonly withoutStart: number;
  readonly rows: readonly MetricsRow[];
}

const FIGURE_KEYS = ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve'] as const;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function median(sorted: readonly number[]): number | undefined {
  if (!sorted.length) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function spread(values: ReadonlyArray<number | undefined>): Spread {
  const v = values.filter((x): x is number => x !== undefined && Number.isFinite(x) && x >= 0).sort((a, b) => a - b);
  return { n: v.length, missing: values.length - v.length, median: median(v), p90: percentile(v, 90) };
}

/** ISO week "2025-W12" of an instant in its own offset (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * TIME.MINUTE);
  const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) + 3); // the Thursday of its week
  const jan4 = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((date.getTime() - jan4.getTime()) / TIME.DAY - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function groupOf(incident: Incident, by: GroupBy): string {
  const start = incident.start!;
  if (by === 'month') return formatDate(start).slice(0, 7);
  if (by === 'week') return isoWeek(start.ms, start.offsetMinutes);
  if (by === 'priority') return priorityText(incident.head.priority);
  return incident.head.impact?.system?.split(/\s+[—–-]\s+/)[0]?.trim() || '(no system)';
}

/** The periods of --since and --until (until is exclusive), when given: the axis covers the range asked for. */
function axisBounds(by: 'month' | 'week', since: number | undefined, until: number | undefined): { first?: string; last?: string } {
  const key = (ms: number) => (by === 'month' ? new Date(ms).toISOString().slice(0, 7) : isoWeek(ms, 0));
  return { ...(since !== undefined ? { first: key(since) } : {}), ...(until !== undefined ? { last: key(until - 1) } : {}) };
}

const isAi = (i: Incident) => i.aiConnections.some((a) => a === 'ai-generated-code' || a === 'ai-deploy-speed');

export function metricsReport(
  incidents: readonly Incident[],
  options: { by?: GroupBy; since?: number; until?: number; sinceText?: string; untilText?: string } = {},
): MetricsReport {
  const by = options.by ?? 'month';
  const withStart = incidents.filter((i) => i.start);
  const inRange = withStart.filter(
    (i) => (options.since === undefined || i.start!.ms >= options.since) && (options.until === undefined || i.start!.ms < options.until),
  );
  const groups = new Map<string, Incident[]>();
  for (const i of inRange) {
    const g = groupOf(i, by);
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  }
  const order =
    by === 'priority'
      ? (a: string, b: string) => PRIORITIES.indexOf(a as Priority) - PRIORITIES.indexOf(b as Priority)
      : (a: string, b: string) => a.localeCompare(b);
  // Months and weeks are a time axis: every period in range, empty ones as zero.
  const keys =
    by === 'month' || by === 'week' ? continuousPeriods([...groups.keys()], by, axisBounds(by, options.since, options.until)) : [...groups.keys()].sort(order);
  const rows = keys.map((group): MetricsRow => {
    const list = groups.get(group) ?? [];
    const per = list.map((i) => ({ i, m: incidentMetrics(i) as IncidentMetrics }));
    const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, list.filter((i) => i.head.priority === p).length])) as Record<Priority, number>;
    const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, spread(per.map((x) => x.m[k]))])) as MetricsRow['figures'];
    const ai = per.filter((x) => isAi(x.i));
    const other = per.filter((x) => !isAi(x.i));
    return {
      group,
      incidents: list.length,
      byPriority,
      figures,
      ai: {
        incidents: ai.length,
        share: list.length ? ai.length / list.length : 0,
        resolveMedian: spread(ai.map((x) => x.m.timeToResolve)).median,
        otherResolveMedian: spread(other.map((x) => x.m.timeToResolve)).median,
      },
    };
  });
  return { by, since: options.sinceText, until: options.untilText, counted: inRange.length, withoutStart: incidents.length - withStart.length, rows };
}

export interface Hotspot {
  readonly kind: 'file' | 'folder' | 'symbol';
  /** The file or folder path; for a symbol, `path#symbol`. */
  readonly target: string;
  readonly incidents: readonly string[];
  /** Severity-weighted count: P1 8, P2 4, P3 2, P4 1; a record without a priority (imported, not yet set) counts 1. */
  readonly score: number;
  /** The highest priority among them; P? when none of them has one. */
  readonly worst: Priority | typeof NO_PRIORITY;
  /** Lines changed in the last year (git), for a symbol its file's; only where git history is at hand. */
  readonly changedLines?: number;
  /** Incidents per 1,000 changed lines: the risk rate (absent when nothing changed). */
  readonly perThousandLines?: number;
}

/** Hotspots with their risk rate, from lines changed per target. */
export function withChangeRates(list: readonly Hotspot[], changed: ReadonlyMap<string, number> | undefined): Hotspot[] {
  if (!changed) return [...list];
  return list.map((h) => {
    const lines = changed.get(h.target);
    if (lines === undefined) return h;
    return { ...h, changedLines: lines, ...(lines > 0 ? { perThousandLines: Math.round((h.incidents.length / lines) * 1000 * 100) / 100 } : {}) };
  });
}

const WEIGHT: Record<Priority, number> = { P1: 8, P2: 4, P3: 2, P4: 1 };

/** The code that keeps hurting: files, folders and symbols by the severity-weighted count of the incidents linked to them. */
export function hotspots(index: IncidentIndex, limit = 20): Hotspot[] {
  return hotspotsOf(index.incidents(), limit);
}

/** Hotspots of the given incidents (the Insights view's filters choose them). */
export function hotspotsOf(incidents: readonly Incident[], limit = 20): Hotspot[] {
  // One pass over the links with running scores; at 10,000 incidents (40,000 links) this is the cost of the view.
  interface Acc {
    readonly kind: Hotspot['kind'];
    readonly target: string;
    readonly ids: string[];
    score: number;
    worst: number;
  }
  const maps: Record<Hotspot['kind'], Map<string, Acc>> = { file: new Map(), folder: new Map(), symbol: new Map() };
  const add = (kind: Hotspot['kind'], target: string, id: string, rank: number) => {
    const map = maps[kind];
    let e = map.get(target);
    if (!e) map.set(target, (e = { kind, target, ids: [], score: 0, worst: rank }));
    // An incident's links are added together: it is counted once per target.
    if (e.ids.includes(id)) return;
    e.ids.push(id);
    e.score += WEIGHT[PRIORITIES[rank] ?? 'P4'];
    if (rank < e.worst) e.worst = rank;
  };
  for (const incident of incidents) {
    const rank = priorityRank(incident.head.priority);
    for (const link of incident.links) {
      // A link into another repository (record sources) is not this code.
      if (link.repo !== undefined) continue;
      const path = link.path.replace(/^\.\//, '');
      if (/[*?{}]/.test(path)) continue;
      if (path.endsWith('/')) add('folder', path.replace(/\/+$/, ''), incident.id, rank);
      else {
        add('file', path, incident.id, rank);
        const slash = path.lastIndexOf('/');
        add('folder', slash >= 0 ? path.slice(0, slash) : '.', incident.id, rank);
        if (link.symbol) add('symbol', `${path}#${link.symbol}`, incident.id, rank);
      }
    }
  }
  const all = [...maps.file.values(), ...maps.folder.values(), ...maps.symbol.values()];
  // Keep the top ones first; only their incident ids are sorted (Intl compares are costly).
  // Numbers first (cheap); names break ties only among the ones that can still make the cut.
  const byNumbers = (a: Acc, b: Acc) => b.score - a.score || b.ids.length - a.ids.length;
  all.sort(byNumbers);
  const edge = all[Math.min(limit, all.length) - 1];
  const cut = edge ? all.filter((e, i) => i < limit || byNumbers(e, edge) === 0) : [];
  cut.sort((a, b) => byNumbers(a, b) || a.target.localeCompare(b.target));
  return cut.slice(0, limit).map((e) => ({
    kind: e.kind,
    target: e.target,
    incidents: [...e.ids].sort((x, y) => x.localeCompare(y, 'en', { numeric: true })),
    score: e.score,
    worst: PRIORITIES[e.worst] ?? NO_PRIORITY,
  }));
}
