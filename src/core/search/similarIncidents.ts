/**
 * Similar past incidents: "has something like this gone wrong before?",
 * alike in cause, not only in place (links and files are not compared).
 *
 * Each incident is a bag of word stems per field — root cause, trigger,
 * lesson and keywords, timeline findings, title, affected system, AI
 * connection, postmortem summary — and two incidents (or an incident and a
 * free text such as a diff or a task description) are compared term by
 * term: each field's term frequency is normalised by the field's length and
 * weighted, summed, and multiplied by the term's rarity (inverse document
 * frequency), so a rare word ("backtracking") weighs more than a
 * common one ("error"). Two scorings over the same weighted fields: TF-IDF
 * cosine (the default: it measured best, 59.5 % precision@3 against 56.8 %
 * for BM25F on the labelled set of real incidents, scripts/eval/similar.ts;
 * README "Similar past incidents") and BM25F.
 *
 * Documents are read once per incident object (the index replaces it when
 * its file changes, so the cache never goes stale): from the stems listed
 * when the record was parsed (similarWords.ts), else from the full record;
 * prepareSimilar reads them without blocking the event loop.
 */
import type { Incident } from '../records/model';
import { AI_CONNECTION_LABELS, AI_CONNECTIONS } from '../records/schema';
import { docOfFields, readSimilarWords, SIMILAR_FIELDS, similarText, type Doc, type SimilarField } from './similarWords';

export { SIMILAR_FIELDS, similarText, similarTokens, type SimilarField } from './similarWords';

const AI_WORDS = new Map(AI_CONNECTIONS.map((a) => [`ai_${a.replace(/-/g, '_')}`, AI_CONNECTION_LABELS[a]]));

export type SimilarMethod = 'bm25' | 'tfidf';

/** Per incident object: the index replaces the object when its file changes, so a document never outlives its text. */
const docs = new WeakMap<Incident, Doc>();

function docOf(incident: Incident): Doc {
  let doc = docs.get(incident);
  if (!doc) {
    // Listed at parse time (a worker's or the cache's bytes): no full record decoded; else from the record.
    const listed = incident.similarWords;
    doc = listed !== undefined ? readSimilarWords(listed) : docOfFields(similarText(incident.record));
    docs.set(incident, doc);
  }
  return doc;
}

/**
 * Reads the documents of incidents not read yet, in slices that give the
 * event loop a turn (on a big folder the first question reads 10,000
 * documents). Later questions reuse them.
 */
export async function prepareSimilar(incidents: readonly Incident[], yieldToLoop: () => Promise<void>, sliceMs = 8): Promise<void> {
  let slice = performance.now();
  for (const incident of incidents) {
    if (docs.has(incident)) continue;
    docOf(incident);
    if (performance.now() - slice > sliceMs) {
      await yieldToLoop();
      slice = performance.now();
    }
  }
}

const LABEL = new Map(SIMILAR_FIELDS.map((f) => [f.key, f.label]));
const K1 = 1.2;
const B = 0.75;

export interface SimilarHit {
  readonly incident: Incident;
  /** 0–1: how much of the best possible likeness this is (1: the query's own terms, all matched). */
  readonly score: number;
  /** The words both share that weighed most, as written in the query. */
  readonly shared: string[];
  /** Where in the hit those words are ("root cause", "trigger"…), weightiest first. */
  readonly fields: string[];
}

export interface SimilarQuery {
  /** An incident (compared by its own fields) or a free text (a diff, a task description). */
  readonly incident?: Incident;
  readonly text?: string;
  readonly limit?: number;
  /** Below this score a hit is not shown (default 0.03). */
  readonly minScore?: number;
  readonly method?: SimilarMethod;
}

/**
 * The incidents of a folder as similarity reads them. Build one per question
 * (documents are cached per record, so this is cheap after the first time).
 */
export class SimilarIndex {
  private readonly incidents: Incident[];
  private readonly df = new Map<string, number>();
  private readonly avgLength = new Map<SimilarField, number>();

  private readonly weight: Map<SimilarField, number>;

  /** `weights` overrides field weights (the evaluation tries variants). */
  constructor(incidents: Iterable<Incident>, weights: Partial<Record<SimilarField, number>> = {}) {
    this.weight = new Map(SIMILAR_FIELDS.map((f) => [f.key, weights[f.key] ?? f.weight]));
    this.incidents = [...incidents];
    const totals = new Map<SimilarField, number>();
    // A stem counts once per document, however many of its fields hold it.
    const counted = new Map<string, number>();
    for (const [i, incident] of this.incidents.entries()) {
      for (const [f, stems, , length] of docOf(incident).fields) {
        for (const t of stems) {
          if (counted.get(t) === i) continue;
          counted.set(t, i);
          this.df.set(t, (this.df.get(t) ?? 0) + 1);
        }
        totals.set(f, (totals.get(f) ?? 0) + length);
      }
    }
    for (const [f, total] of totals) this.avgLength.set(f, total / Math.max(1, this.incidents.length));
  }

  /** Rarity of a stem: BM25's idf, never negative. */
  private idf(term: string): number {
    const n = this.incidents.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25F pseudo term frequency of each term in a document: field weights, field length normalisation. */
  private weighted(doc: Doc): Map<string, { tf: number; field: SimilarField; best: number }> {
    const out = new Map<string, { tf: number; field: SimilarField; best: number }>();
    for (const [f, stems, counts, length] of doc.fields) {
      const w = this.weight.get(f)!;
      if (!w) continue;
      const norm = 1 - B + (B * length) / (this.avgLength.get(f) || length);
      for (let i = 0; i < stems.length; i++) {
        const t = stems[i]!;
        const v = (w * counts[i]!) / norm;
        const e = out.get(t);
        if (!e) out.set(t, { tf: v, field: f, best: v });
        else {
          e.tf += v;
          if (v > e.best) {
            e.best = v;
            e.field = f;
          }
        }
      }
    }
    return out;
  }

  similar(query: SimilarQuery): SimilarHit[] {
    const qdoc = query.incident ? docOf(query.incident) : docOfFields({ cause: query.text ?? '' }, true);
    // The words shared are shown as the question wrote them.
    const surface = qdoc.surface ?? docOfFields(similarText(query.incident!.record), true).surface!;
    if (!qdoc.fields.length) return [];
    const method = query.method ?? 'tfidf';
    const qw = this.weighted(qdoc);
    // Query term weights: rarity times (saturated) importance in the query.
    const qweights = new Map<string, number>();
    for (const [t, e] of qw) {
      const idf = this.idf(t);
      if (idf <= 0) continue;
      qweights.set(t, method === 'bm25' ? (idf * (e.tf * (K1 + 1))) / (e.tf + K1) : idf * (1 + Math.log(1 + e.tf)));
    }
    const qnorm = Math.sqrt([...qweights.values()].reduce((a, v) => a + v * v, 0));
    const ideal = [...qweights.values()].reduce((a, v) => a + v, 0);
    const hits: SimilarHit[] = [];
    for (const incident of this.incidents) {
      if (incident === query.incident || (query.incident && incident.id === query.incident.id)) continue;
      const doc = docOf(incident);
      if (!doc.fields.some(([, stems]) => stems.some((t) => qweights.has(t)))) continue;
      const dw = this.weighted(doc);
      const contributions: Array<{ term: string; v: number; field: SimilarField }> = [];
      let score = 0;
      if (method === 'bm25') {
        for (const [t, q] of qweights) {
          const e = dw.get(t);
          if (!e) continue;
          const v = (q * e.tf) / (e.tf + K1);
          score += v;
          contributions.push({ term: t, v, field: e.field });
        }
        score /= ideal || 1;
      } else {
        let dot = 0;
        let dnorm = 0;
        for (const [t, e] of dw) {
          const d = this.idf(t) * (1 + Math.log(1 + e.tf));
          dnorm += d * d;
          const q = qweights.get(t);
          if (q) {
            dot += q * d;
            contributions.push({ term: t, v: q * d, field: e.field });
          }
        }
        score = dot / ((qnorm || 1) * (Math.sqrt(dnorm) || 1));
      }
      if (score < (query.minScore ?? 0.03)) continue;
      contributions.sort((a, b) => b.v - a.v);
      const top = contributions.slice(0, 5);
      hits.push({
        incident,
        score,
        shared: top.map((c) => AI_WORDS.get(c.term) ?? surface.get(c.term) ?? c.term),
        fields: [...new Set(top.map((c) => LABEL.get(c.field)!))],
      });
    }
    hits.sort((a, b) => b.score - a.score || (a.incident.id < b.incident.id ? -1 : 1));
    return hits.slice(0, query.limit ?? 5);
  }
}

/** "alike in root cause, trigger: regex, backtracking, cpu" */
export function similarReason(hit: SimilarHit): string {
  return `alike in ${hit.fields.join(', ')}: ${[...new Set(hit.shared)].join(', ')}`;
}
