/** Fuzzy search across incidents with fuse.js; each hit says which field matched. */
import Fuse, { type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import type { Incident } from './model';

export interface SearchHit {
  readonly incident: Incident;
  /** 0 is a perfect match, 1 no match (fuse.js score). */
  readonly score: number;
  /** Human name of the best matching field, e.g. "root cause". */
  readonly field: string;
  /** A short piece of that field around the match. */
  readonly snippet: string;
}

interface SearchDoc {
  incident: Incident;
  id: string;
  title: string;
  keywords: string[];
  system: string;
  feature: string;
  rootCause: string;
  trigger: string;
  learning: string;
  timeline: string[];
}

const FIELDS: ReadonlyArray<{ key: keyof SearchDoc; label: string; weight: number }> = [
  { key: 'id', label: 'id', weight: 4 },
  { key: 'title', label: 'title', weight: 3 },
  { key: 'keywords', label: 'keywords', weight: 3 },
  { key: 'system', label: 'affected system', weight: 2 },
  { key: 'feature', label: 'affected feature', weight: 1.5 },
  { key: 'rootCause', label: 'root cause', weight: 1.5 },
  { key: 'trigger', label: 'trigger', weight: 1.5 },
  { key: 'learning', label: 'learning', weight: 1 },
  { key: 'timeline', label: 'timeline', weight: 0.5 },
];

const OPTIONS: IFuseOptions<SearchDoc> = {
  keys: FIELDS.map((f) => ({ name: f.key, weight: f.weight })),
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  threshold: 0.3,
  minMatchCharLength: 2,
};

function toDoc(incident: Incident): SearchDoc {
  const r = incident.record;
  return {
    incident,
    id: r.id,
    title: r.title,
    keywords: r.keywords ?? [],
    system: r.impact?.system ?? '',
    feature: r.impact?.feature ?? '',
    rootCause: [r.rootCause?.confirmed, r.rootCause?.initialHypothesis, r.rootCause?.note].filter(Boolean).join('\n'),
    trigger: [r.rootCause?.trigger?.text, r.rootCause?.trigger?.ref].filter(Boolean).join(' '),
    learning: [r.learning?.lesson, r.learning?.promptTemplate].filter(Boolean).join('\n'),
    timeline: (r.timeline ?? []).map((e) => e.text),
  };
}

function snippetOf(match: FuseResultMatch): string {
  const value = (match.value ?? '').replace(/\s+/g, ' ');
  const original = match.value ?? '';
  // Map the longest matched span onto the whitespace-collapsed text.
  let best: readonly [number, number] = match.indices[0] ?? [0, 0];
  for (const span of match.indices) if (span[1] - span[0] > best[1] - best[0]) best = span;
  const before = original.slice(0, best[0]).replace(/\s+/g, ' ').length;
  const start = Math.max(0, before - 30);
  const end = Math.min(value.length, before + (best[1] - best[0]) + 50);
  return `${start > 0 ? '…' : ''}${value.slice(start, end).trim()}${end < value.length ? '…' : ''}`;
}

export class IncidentSearch {
  private readonly fuse: Fuse<SearchDoc>;

  constructor(private readonly incidents: readonly Incident[]) {
    this.fuse = new Fuse(incidents.map(toDoc), OPTIONS);
  }

  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const hits = this.fuse.search(q, { limit }).map((result) => {
      const matches = result.matches ?? [];
      // The field with the longest matched span explains the hit best; ties go to the weightier field.
      let best: { f: (typeof FIELDS)[number]; m: FuseResultMatch; span: number } | undefined;
      for (const f of FIELDS) {
        for (const m of matches) {
          if (m.key !== f.key) continue;
          const span = Math.max(...m.indices.map(([a, b]) => b - a + 1));
          if (!best || span > best.span) best = { f, m, span };
        }
      }
      return {
        incident: result.item.incident,
        score: result.score ?? 1,
        field: best?.f.label ?? 'id',
        snippet: best?.m ? snippetOf(best.m) : result.item.title,
      };
    });
    // An exact id ("INC-023", "inc-23") is what the user means: first, whatever fuzzy scores say.
    const id = /^inc-?0*(\d+)$/i.exec(q);
    if (id) {
      const incident = this.incidents.find((i) => Number(i.id.replace(/^INC-/i, '')) === Number(id[1]));
      if (incident) {
        const rest = hits.filter((h) => h.incident !== incident);
        return [{ incident, score: 0, field: 'id', snippet: incident.id }, ...rest].slice(0, limit);
      }
    }
    return hits;
  }
}
