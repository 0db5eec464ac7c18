/**
 * The similarity evaluation set (test/fixtures/similar/incidents.json): real
 * public incidents, each with a cause class label, transcribed from the
 * vendors' posts (test/fixtures/similar/SOURCES.md). Turned into incident
 * records in memory, and scored: for each incident, the three most similar
 * others are asked for; precision@3 is the share of them in the same class.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIncident, type Incident } from '../../src/core/records/model';
import type { IncidentRecord } from '../../src/core/records/schema';
import { SimilarIndex, type SimilarField, type SimilarMethod } from '../../src/core/search/similarIncidents';

export interface SimilarCase {
  id: string;
  class: string;
  title: string;
  company: string;
  date?: string;
  url: string;
  system?: string;
  summary?: string;
  rootCause: string;
  trigger?: string;
  aiInvolved?: boolean;
  lessons?: string[];
  timeline?: string[];
}

export function loadSimilarSet(repoRoot: string): SimilarCase[] {
  return JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'similar', 'incidents.json'), 'utf8')) as SimilarCase[];
}

/** A record as a team would write it from the post: every field the post gave, nothing made up for similarity to read. */
export function caseRecord(c: SimilarCase, n: number, oneField = false): IncidentRecord {
  const id = `INC-${String(n).padStart(3, '0')}`;
  if (oneField) {
    // The baseline: everything in one bag of words, no field weights.
    const all = [c.title, c.system, c.summary, c.rootCause, c.trigger, ...(c.lessons ?? []), ...(c.timeline ?? [])].filter(Boolean).join('\n');
    return { id, title: c.title, status: 'closed', priority: 'P2', start: c.date ?? '2020-01-01', rootCause: { confirmed: all } } as IncidentRecord;
  }
  return {
    id,
    title: c.title,
    status: 'closed',
    priority: 'P2',
    start: c.date ?? '2020-01-01',
    impact: { system: c.system, users: c.summary ? { text: c.summary } : undefined },
    rootCause: { confirmed: c.rootCause, trigger: c.trigger ? { text: c.trigger } : undefined, aiConnection: c.aiInvolved ? 'ai-generated-code' : undefined },
    learning: c.lessons?.length ? { lesson: c.lessons.join('\n') } : undefined,
    timeline: (c.timeline ?? []).map((t) => ({ at: c.date ?? '2020-01-01', kind: 'finding' as const, text: t })),
  } as IncidentRecord;
}

export interface SimilarScore {
  method: string;
  precisionAt3: number;
  hitAt1: number;
  perClass: Map<string, { cases: number; precisionAt3: number }>;
  misses: Array<{ id: string; class: string; top: Array<{ id: string; class: string }> }>;
}

export function evaluateSimilar(
  cases: readonly SimilarCase[],
  method: SimilarMethod | 'baseline',
  weights: Partial<Record<SimilarField, number>> = {},
): SimilarScore {
  const incidents: Incident[] = cases.map((c, i) => buildIncident(`.incidents/${c.id}.yaml`, caseRecord(c, i + 1, method === 'baseline')).incident);
  const classOf = new Map(incidents.map((inc, i) => [inc.id, cases[i]!.class]));
  const caseOf = new Map(incidents.map((inc, i) => [inc.id, cases[i]!.id]));
  const index = new SimilarIndex(incidents, weights);
  let p3 = 0;
  let h1 = 0;
  const perClass = new Map<string, { cases: number; sum: number }>();
  const misses: SimilarScore['misses'] = [];
  incidents.forEach((inc, i) => {
    const cls = cases[i]!.class;
    const top = index.similar({ incident: inc, limit: 3, minScore: 0, method: method === 'baseline' ? 'tfidf' : method });
    const same = top.filter((h) => classOf.get(h.incident.id) === cls).length;
    p3 += same / 3;
    if (top[0] && classOf.get(top[0].incident.id) === cls) h1++;
    const e = perClass.get(cls) ?? { cases: 0, sum: 0 };
    e.cases++;
    e.sum += same / 3;
    perClass.set(cls, e);
    if (same < 3) misses.push({ id: cases[i]!.id, class: cls, top: top.map((h) => ({ id: caseOf.get(h.incident.id)!, class: classOf.get(h.incident.id)! })) });
  });
  return {
    method,
    precisionAt3: p3 / incidents.length,
    hitAt1: h1 / incidents.length,
    perClass: new Map([...perClass].map(([k, v]) => [k, { cases: v.cases, precisionAt3: v.sum / v.cases }])),
    misses,
  };
}
