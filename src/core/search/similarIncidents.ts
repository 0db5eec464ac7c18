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
 * Documents are built from the full record once per incident object (the
 * index replaces it when its file changes, so the cache never goes stale);
 * prepareSimilar reads them without blocking the event loop.
 */
import type { Incident } from '../records/model';
import { AI_CONNECTION_LABELS, AI_CONNECTIONS, type IncidentRecord } from '../records/schema';

const AI_WORDS = new Map(AI_CONNECTIONS.map((a) => [`ai_${a.replace(/-/g, '_')}`, AI_CONNECTION_LABELS[a]]));

export type SimilarField = 'cause' | 'trigger' | 'lesson' | 'findings' | 'title' | 'system' | 'ai' | 'summary';

export const SIMILAR_FIELDS: ReadonlyArray<{ key: SimilarField; label: string; weight: number }> = [
  { key: 'cause', label: 'root cause', weight: 3 },
  { key: 'trigger', label: 'trigger', weight: 2.5 },
  { key: 'lesson', label: 'lesson', weight: 2 },
  { key: 'title', label: 'title', weight: 1.5 },
  { key: 'findings', label: 'timeline findings', weight: 1.5 },
  { key: 'summary', label: 'postmortem', weight: 1 },
  { key: 'system', label: 'affected system', weight: 1 },
  { key: 'ai', label: 'AI connection', weight: 1 },
];

export type SimilarMethod = 'bm25' | 'tfidf';

/** The text of each field of a record, as similarity reads it. */
export function similarText(r: IncidentRecord): Record<SimilarField, string> {
  const ai = r.rootCause?.aiConnection;
  const aiList = ai === undefined ? [] : Array.isArray(ai) ? ai : [ai];
  return {
    cause: [r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis, r.rootCause?.note].filter(Boolean).join('\n'),
    trigger: r.rootCause?.trigger?.text ?? '',
    lesson: [r.learning?.lesson, ...(r.keywords ?? [])].filter(Boolean).join('\n'),
    title: r.title ?? '',
    findings: (r.timeline ?? [])
      .filter((e) => e.kind === 'finding' || e.kind === 'decision')
      .map((e) => e.text)
      .join('\n'),
    summary: [r.postmortem?.summary, r.postmortem?.whyNotCaught].filter(Boolean).join('\n'),
    system: [r.impact?.system, r.impact?.feature].flat().filter(Boolean).join(' '),
    // "not-related" is not a likeness: two incidents without AI code are not alike for it.
    ai: aiList
      .filter((a) => a !== 'not-related')
      .map((a) => `ai_${a.replace(/-/g, '_')}`)
      .join(' '),
  };
}

// Words that say nothing about a cause, in incident writing as in English.
const STOP = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto over under after before during since until about above below between through ' +
    'is are was were be been being am do does did done doing have has had having will would shall should can could may might must ' +
    'it its this that these those there here which who whom whose what when where why how all any both each few more most other some such no nor not only own same so than too very ' +
    'we our us they their them he she his her you your i me my one two three also just again further once out up down off' +
    ' incident incidents issue issues problem problems caused cause causing due result resulted resulting because led lead leading' +
    ' outage outages impact impacted affected affecting customer customers user users service services team teams engineer engineers minute minutes hour hours time began started start ended' +
    ' including across many several some while within without new old first last later earlier immediately approximately around went got made'
  ).split(/\s+/),
);

/**
 * A light suffix stemmer, so the forms a postmortem uses for one thing meet:
 * expired, expiry, expiration → expir; certificates → certificat;
 * retries, retried → retr; failover, failing → failov, fail.
 */
function stem(word: string): string {
  if (word.length <= 4) return word;
  const w = word.replace(/(?:ations?|itions?|ements?|ments?|ities|ity|ions?|ies|ied|ing|edly|ed|ers?|ly|es|s|y|e)$/, '');
  return w.length >= 3 ? w : word;
}

/**
 * What one word of a text (a lower-case match) gives: stem, surface form,
 * stem, surface form… Postmortems repeat their words, so each distinct word
 * is split, filtered and stemmed once and remembered (the first question
 * over the generated 10,000 incidents reads 2 million words, a few hundred of
 * them distinct; real writing has more, hence the bound). Half the CPU time
 * of reading them, same stems.
 */
const wordTokens = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 100_000;

function tokensOfWord(raw: string): readonly string[] {
  const known = wordTokens.get(raw);
  if (known) return known;
  const out: string[] = [];
  for (const w of raw.startsWith('ai_') ? [raw] : raw.split('_')) {
    if (w.length < 2 || STOP.has(w) || /^\d+$/.test(w) || /^[0-9a-f]{7,40}$/.test(w)) continue;
    out.push(w.startsWith('ai_') ? w : stem(w), w);
  }
  if (wordTokens.size >= WORD_CACHE_LIMIT) wordTokens.clear();
  wordTokens.set(raw, out);
  return out;
}

/** Calls fn(stem, surface form) for each word stem of a text, in order. */
function eachToken(text: string, fn: (stem: string, surface: string) => void): void {
  const spaced = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  for (const raw of spaced.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) {
    const tokens = tokensOfWord(raw);
    for (let i = 0; i < tokens.length; i += 2) fn(tokens[i]!, tokens[i + 1]!);
  }
}

/** Word stems of a text, with the surface form each came from (for explanations). */
export function similarTokens(text: string, surface?: Map<string, string>): string[] {
  const out: string[] = [];
  eachToken(text, (s, w) => {
    if (surface && !surface.has(s)) surface.set(s, w);
    out.push(s);
  });
  return out;
}

interface Doc {
  /** Per field: stem → count. */
  readonly fields: ReadonlyArray<readonly [SimilarField, ReadonlyMap<string, number>, number]>;
  readonly terms: ReadonlySet<string>;
  /** Only for a question's own document: how its words were written (the others are never shown). */
  readonly surface?: ReadonlyMap<string, string>;
}

function docOfFields(text: Partial<Record<SimilarField, string>>, withSurface = false): Doc {
  const surface = withSurface ? new Map<string, string>() : undefined;
  const fields: Array<readonly [SimilarField, Map<string, number>, number]> = [];
  const terms = new Set<string>();
  for (const f of SIMILAR_FIELDS) {
    const value = text[f.key];
    if (!value) continue;
    const counts = new Map<string, number>();
    let length = 0;
    eachToken(value, (t, w) => {
      if (surface && !surface.has(t)) surface.set(t, w);
      counts.set(t, (counts.get(t) ?? 0) + 1);
      terms.add(t);
      length++;
    });
    if (length) fields.push([f.key, counts, length]);
  }
  return surface ? { fields, terms, surface } : { fields, terms };
}

/** Per incident object: the index replaces the object when its file changes, so a document never outlives its text. */
const docs = new WeakMap<Incident, Doc>();

function docOf(incident: Incident): Doc {
  let doc = docs.get(incident);
  if (!doc) docs.set(incident, (doc = docOfFields(similarText(incident.record))));
  return doc;
}

/**
 * Reads the documents of incidents not read yet, in slices that give the
 * event loop a turn (on a big folder the first question reads every full
 * record: seconds at 10,000 incidents). Later questions reuse them.
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
    for (const incident of this.incidents) {
      const doc = docOf(incident);
      for (const t of doc.terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      for (const [f, , length] of doc.fields) totals.set(f, (totals.get(f) ?? 0) + length);
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
    for (const [f, counts, length] of doc.fields) {
      const w = this.weight.get(f)!;
      if (!w) continue;
      const norm = 1 - B + (B * length) / (this.avgLength.get(f) || length);
      for (const [t, c] of counts) {
        const v = (w * c) / norm;
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
    if (!qdoc.terms.size) return [];
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
      let shared = 0;
      for (const t of qweights.keys()) if (doc.terms.has(t)) shared++;
      if (!shared) continue;
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
