/**
 * The Insights view's data: the figures of insights.ts for the incidents a
 * filter keeps (time range, system, priority, status), plus postmortems and
 * action items, and what each chart leaves out. One computation on the heads
 * (no full record is loaded); the CLI's `metrics` gives the same rows.
 */
import type { IncidentIndex } from '../index/incidentIndex';
import { groupOf, hotspotsOf, metricsReport, type Hotspot, type MetricsReport } from './insightsReport';
import { isActionOpen, postmortemOwed, type ActionItem } from '../records/model';
import { PRIORITIES, type IncidentStatus, type Priority } from '../records/schema';
import { parseTime, TIME } from '../time/recordTime';
import { csvRow } from './csvCell';

export interface InsightsFilter {
  /** First day counted (YYYY-MM-DD), by start. */
  readonly since?: string;
  /** First day not counted (YYYY-MM-DD). */
  readonly until?: string;
  readonly system?: string;
  readonly priorities?: readonly Priority[];
  readonly statuses?: readonly IncidentStatus[];
  readonly by?: 'month' | 'week';
}

export interface InsightsData {
  readonly filter: InsightsFilter;
  /** The systems the records name, for the filter. */
  readonly systems: readonly string[];
  /** All incidents, and those the filter keeps. */
  readonly total: number;
  readonly kept: number;
  readonly report: MetricsReport;
  readonly postmortems: { readonly closed: number; readonly complete: number; readonly owed: number; readonly overdue: number };
  readonly actions: {
    readonly total: number;
    readonly done: number;
    readonly open: number;
    readonly overdue: number;
    readonly dropped: number;
    readonly completionRate?: number;
  };
  readonly hotspots: readonly Hotspot[];
}

function day(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const t = parseTime(text, { allowDate: true });
  return t.kind === 'date' ? Date.UTC(t.year, t.month - 1, t.day) : undefined;
}

export function insightsData(index: IncidentIndex, filter: InsightsFilter, now: number): InsightsData {
  const all = index.incidents();
  const systems = [...new Set(all.map((i) => groupOf(i, 'system')))].sort();
  const since = day(filter.since);
  const until = day(filter.until);
  const chosen = all.filter(
    (i) =>
      (!filter.system || groupOf(i, 'system') === filter.system) &&
      (!filter.priorities?.length || (i.head.priority !== undefined && filter.priorities.includes(i.head.priority))) &&
      (!filter.statuses?.length || filter.statuses.includes(i.head.status)),
  );
  // The time range as the CLI's metrics applies it (incidents without a start are counted as left out).
  const report = metricsReport(chosen, { by: filter.by ?? 'month', since, until, sinceText: filter.since, untilText: filter.until });
  const kept =
    since === undefined && until === undefined
      ? chosen
      : chosen.filter((i) => i.start !== undefined && (since === undefined || i.start.ms >= since) && (until === undefined || i.start.ms < until));
  const closed = kept.filter((i) => i.head.status === 'closed' || i.head.status === 'postmortem-pending');
  const owed = closed.filter(postmortemOwed);
  const postmortems = {
    closed: closed.length,
    complete: closed.filter((i) => i.head.postmortem?.status === 'complete').length,
    owed: owed.length,
    overdue: owed.filter((i) => i.postmortemDeadline !== undefined && i.postmortemDeadline.ms < now).length,
  };
  // Action records by incident, once (actionRecordsOf per incident would scan them all each time).
  const byIncident = new Map<string, ActionItem[]>();
  for (const a of index.actionRecords()) {
    const list = byIncident.get(a.record.incident);
    if (list) list.push(a);
    else byIncident.set(a.record.incident, [a]);
  }
  const records = kept.flatMap((i) => byIncident.get(i.id) ?? []);
  const done = records.filter((a) => a.record.status === 'done').length;
  const dropped = records.filter((a) => a.record.status === 'dropped').length;
  const open = records.filter(isActionOpen);
  const actions = {
    total: records.length,
    done,
    dropped,
    open: open.length,
    // An open action whose deadline (a date or time) has passed; free-text deadlines never are.
    overdue: open.filter((a) => a.deadline !== undefined && a.deadline.ms + (a.deadline.precision === 'day' ? TIME.DAY : 0) <= now).length,
    ...(records.length - dropped > 0 ? { completionRate: done / (records.length - dropped) } : {}),
  };
  return { filter, systems, total: all.length, kept: kept.length, report, postmortems, actions, hotspots: hotspotsOf(kept, 15) };
}

export const INSIGHT_CHARTS = ['incidents', 'times', 'ai', 'followUp', 'hotspots'] as const;
export type InsightChart = (typeof INSIGHT_CHARTS)[number];

/** One chart's numbers as CSV (what "Copy as CSV" puts on the clipboard): the same figures the chart draws. */
export function insightsCsv(data: InsightsData, chart: InsightChart): string {
  const rows: unknown[][] = [];
  const by = data.report.by;
  if (chart === 'incidents') {
    rows.push([by, 'incidents', ...PRIORITIES]);
    for (const r of data.report.rows) rows.push([r.group, r.incidents, ...PRIORITIES.map((p) => r.byPriority[p])]);
  } else if (chart === 'times') {
    const keys = ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve'] as const;
    rows.push([by, ...keys.flatMap((k) => [`${k}_median_min`, `${k}_p90_min`, `${k}_n`, `${k}_missing`])]);
    for (const r of data.report.rows)
      rows.push([r.group, ...keys.flatMap((k) => [r.figures[k].median, r.figures[k].p90, r.figures[k].n, r.figures[k].missing])]);
  } else if (chart === 'ai') {
    rows.push([by, 'incidents', 'ai_incidents', 'ai_share', 'ai_resolve_median_min', 'other_resolve_median_min']);
    for (const r of data.report.rows) rows.push([r.group, r.incidents, r.ai.incidents, r.ai.share.toFixed(3), r.ai.resolveMedian, r.ai.otherResolveMedian]);
  } else if (chart === 'followUp') {
    rows.push(['measure', 'value']);
    const p = data.postmortems;
    const a = data.actions;
    rows.push(['postmortems_closed', p.closed], ['postmortems_complete', p.complete], ['postmortems_owed', p.owed], ['postmortems_overdue', p.overdue]);
    rows.push(
      ['actions_total', a.total],
      ['actions_done', a.done],
      ['actions_open', a.open],
      ['actions_overdue', a.overdue],
      ['actions_dropped', a.dropped],
      ['actions_completion_rate', a.completionRate?.toFixed(3)],
    );
  } else {
    rows.push(['kind', 'target', 'score', 'worst', 'incidents', 'changed_lines', 'per_1000_lines']);
    for (const h of data.hotspots) rows.push([h.kind, h.target, h.score, h.worst, h.incidents.join(' '), h.changedLines, h.perThousandLines]);
  }
  return rows.map(csvRow).join('\n') + '\n';
}
