/**
 * What search reads of an incident: its fields with their weights, and the
 * distinct words in them. The words are listed once per parse (in the worker
 * on big folders) and kept as one compact string with the incident, so the
 * search index is built and updated without loading full records.
 */
import type { IncidentRecord } from '../records/schema';

export interface SearchDoc {
  id: string;
  title: string;
  keywords: string[];
  system: string;
  feature: string;
  rootCause: string;
  trigger: string;
  learning: string;
  impact: string;
  detection: string;
  postmortem: string;
  timeline: string[];
}

export const FIELDS: ReadonlyArray<{ key: keyof SearchDoc; label: string; weight: number }> = [
  { key: 'id', label: 'id', weight: 4 },
  { key: 'title', label: 'title', weight: 3 },
  { key: 'keywords', label: 'keywords', weight: 3 },
  { key: 'system', label: 'affected system', weight: 2 },
  { key: 'feature', label: 'affected feature', weight: 1.5 },
  { key: 'rootCause', label: 'root cause', weight: 1.5 },
  { key: 'trigger', label: 'trigger', weight: 1.5 },
  { key: 'learning', label: 'learning', weight: 1 },
  { key: 'impact', label: 'impact', weight: 1 },
  { key: 'detection', label: 'detected by', weight: 1 },
  { key: 'postmortem', label: 'postmortem', weight: 0.75 },
  { key: 'timeline', label: 'timeline', weight: 0.5 },
];

export function docOf(r: IncidentRecord): SearchDoc {
  return {
    id: r.id,
    title: r.title,
    keywords: r.keywords ?? [],
    system: r.impact?.system ?? '',
    feature: r.impact?.feature ?? '',
    rootCause: [r.rootCause?.confirmed, r.rootCause?.initialHypothesis, r.rootCause?.note].filter(Boolean).join('\n'),
    trigger: [r.rootCause?.trigger?.text, r.rootCause?.trigger?.ref].filter(Boolean).join(' '),
    learning: [r.learning?.lesson, r.learning?.promptTemplate].filter(Boolean).join('\n'),
    impact: [r.impact?.users?.text, r.impact?.business].filter(Boolean).join('\n'),
    detection: r.detected?.source ?? '',
    postmortem: [
      r.postmortem?.summary,
      r.postmortem?.whyNotCaught,
      r.postmortem?.whyTookLong,
      ...(r.postmortem?.actionPlan ?? []).map((p) => (typeof p === 'string' ? p : [p.title, p.acceptanceCriteria].filter(Boolean).join(' '))),
    ]
      .filter(Boolean)
      .join('\n'),
    timeline: (r.timeline ?? []).map((e) => e.text),
  };
}

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The record's distinct words with the best field weight of each: "weight\tword word…" lines, weightiest first. */
export function searchWordsOf(record: IncidentRecord): string {
  const doc = docOf(record);
  const best = new Map<string, number>();
  for (const f of FIELDS) {
    const value = doc[f.key];
    const text = Array.isArray(value) ? value.join(' ') : value;
    for (const w of words(text)) if ((best.get(w) ?? 0) < f.weight) best.set(w, f.weight);
  }
  const byWeight = new Map<number, string[]>();
  for (const [w, weight] of best) {
    const list = byWeight.get(weight);
    if (list) list.push(w);
    else byWeight.set(weight, [w]);
  }
  return [...byWeight]
    .sort((a, b) => b[0] - a[0])
    .map(([weight, list]) => `${weight}\t${list.join(' ')}`)
    .join('\n');
}

export function readSearchWords(encoded: string): Array<readonly [string, number]> {
  const out: Array<readonly [string, number]> = [];
  for (const line of encoded.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const weight = Number(line.slice(0, tab));
    for (const w of line.slice(tab + 1).split(' ')) if (w) out.push([w, weight]);
  }
  return out;
}
