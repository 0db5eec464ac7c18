/** Incident figures: per incident (duration, TTD/TTA/TTM/TTR) and across incidents. */
import type { Incident } from '../records/model';
import { AI_CONNECTIONS, PRIORITIES, type AiConnection, type Priority } from '../records/schema';
import { TIME } from '../time/recordTime';

export interface IncidentMetrics {
  /** Minutes from start to resolution. */
  readonly durationMinutes?: number;
  /** Start → "detected" milestone. */
  readonly timeToDetect?: number;
  /** Start → "acknowledged" milestone. */
  readonly timeToAcknowledge?: number;
  /** Start → "mitigated" milestone. */
  readonly timeToMitigate?: number;
  /** Start → "resolved" milestone, else the resolution time. */
  readonly timeToResolve?: number;
}

export const METRIC_LABELS: Record<keyof IncidentMetrics, string> = {
  durationMinutes: 'Duration',
  timeToDetect: 'Time to detect',
  timeToAcknowledge: 'Time to acknowledge',
  timeToMitigate: 'Time to mitigate',
  timeToResolve: 'Time to resolve',
};

function minutesFromStart(incident: Incident, ms: number | undefined): number | undefined {
  if (ms === undefined || !incident.start) return undefined;
  return Math.round((ms - incident.start.ms) / TIME.MINUTE);
}

export function incidentMetrics(incident: Incident): IncidentMetrics {
  const m = incident.milestones;
  return {
    durationMinutes: incident.durationMinutes,
    timeToDetect: minutesFromStart(incident, m.detected?.ms),
    timeToAcknowledge: minutesFromStart(incident, m.acknowledged?.ms),
    timeToMitigate: minutesFromStart(incident, m.mitigated?.ms),
    timeToResolve: minutesFromStart(incident, (m.resolved ?? incident.resolution)?.ms),
  };
}

export interface Summary {
  readonly count: number;
  readonly median?: number;
  readonly mean?: number;
}

export function summarize(values: ReadonlyArray<number | undefined>): Summary {
  const v = values.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  if (!v.length) return { count: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { count: v.length, median, mean: v.reduce((a, b) => a + b, 0) / v.length };
}

export interface AggregateMetrics {
  readonly incidents: number;
  readonly byPriority: Record<Priority, number>;
  readonly byAiConnection: Record<AiConnection | 'unknown', number>;
  readonly figures: Record<keyof IncidentMetrics, Summary>;
}

export function aggregateMetrics(incidents: readonly Incident[]): AggregateMetrics {
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  const byAiConnection = Object.fromEntries([...AI_CONNECTIONS, 'unknown'].map((a) => [a, 0])) as Record<AiConnection | 'unknown', number>;
  const per = incidents.map(incidentMetrics);
  for (const i of incidents) {
    if (i.head.priority) byPriority[i.head.priority]++;
    if (i.aiConnections.length === 0) byAiConnection.unknown++;
    for (const a of i.aiConnections) byAiConnection[a]++;
  }
  const keys = Object.keys(METRIC_LABELS) as Array<keyof IncidentMetrics>;
  const figures = Object.fromEntries(keys.map((k) => [k, summarize(per.map((m) => m[k]))])) as Record<keyof IncidentMetrics, Summary>;
  return { incidents: incidents.length, byPriority, byAiConnection, figures };
}
