/**
 * Fuzzy search across incidents; each hit says which field matched.
 *
 * fuse.js ranks, but never over everything: over 10,000 incidents with long
 * text it takes ~0.6 s a query. An inverted index of the words in every field
 * (built once per index change) picks the candidates first — exact words,
 * prefixes, and words within one or two edits for typos — scored by field
 * weight and rarity; fuse.js then ranks the best few dozen.
 *
 * The words of each incident are listed when it is parsed (in a worker on
 * big folders, see searchWords.ts), so building the index never loads full
 * records; only the candidates of a query are. The index is updated one
 * incident at a time as records change.
 */
import Fuse, { type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import type { Incident } from '../records/model';
import { docOf, FIELDS, readSearchWords, words, type SearchDoc } from './searchWords';
import { WordIndex } from './wordIndex';

type RankedDoc = SearchDoc & { incident: Incident };

export interface SearchHit {
  readonly incident: Incident;
  /** 0 is a perfect match, 1 no match (fuse.js score). */
  readonly score: number;
  /** Human name of the best matching field, e.g. "root cause". */
  readonly field: string;
  /** A short piece of that field around the match. */
  readonly snippet: string;
}

const OPTIONS: IFuseOptions<RankedDoc> = {
  keys: FIELDS.map((f) => ({ name: f.key, weight: f.weight })),
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  threshold: 0.3,
  minMatchCharLength: 2,
};

function toDoc(incident: Incident): RankedDoc {
  return { ...docOf(incident.record), incident };
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

/**
 * fuse.js matches a query as one pattern, so "Stripe zephyrine" finds no
 * title with words between the two. Several words are ranked word by word:
 * each doc's score is the mean of its word scores (a word it lacks scores 1),
 * weighted by how rare each word is (inverse document frequency), so the one
 * incident with the rare word ranks above the many with only the common one.
 * The matches of all words are kept to explain the hit.
 */
function rankWords(
  fuse: Fuse<RankedDoc>,
  query: string,
  limit: number,
  rarity: (token: string) => number,
): Array<{ item: RankedDoc; score?: number; matches?: readonly FuseResultMatch[] }> {
  const tokens = [...new Set(query.split(/\s+/).filter((t) => t.length >= 2))];
  if (tokens.length <= 1) return fuse.search(query, { limit });
  const weights = new Map(tokens.map((t) => [t, rarity(t)]));
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const byDoc = new Map<RankedDoc, { sum: number; found: number; matches: FuseResultMatch[] }>();
  for (const token of tokens) {
    const w = weights.get(token)!;
    for (const r of fuse.search(token)) {
      const e = byDoc.get(r.item) ?? { sum: 0, found: 0, matches: [] };
      e.sum += w * (r.score ?? 1);
      e.found += w;
      e.matches.push(...(r.matches ?? []));
      byDoc.set(r.item, e);
    }
  }
  return [...byDoc]
    .map(([item, e]) => ({ item, score: (e.sum + (total - e.found)) / total, matches: e.matches }))
    .sort((a, b) => a.score - b.score)
    .slice(0, limit);
}

/** How many candidates fuse.js ranks. */
const CANDIDATES = 40;

export class IncidentSearch {
  /** Slot → incident (holes where incidents were removed). */
  private readonly slots: Array<Incident | undefined> = [];
  private readonly slotOf = new Map<Incident, number>();
  private readonly free: number[] = [];
  private readonly index = new WordIndex();

  constructor(incidents: Iterable<Incident> = []) {
    for (const incident of incidents) this.add(incident);
  }

  get size(): number {
    return this.slotOf.size;
  }

  add(incident: Incident): void {
    if (this.slotOf.has(incident)) return;
    const d = this.free.pop() ?? this.slots.length;
    this.slots[d] = incident;
    this.slotOf.set(incident, d);
    this.index.addEncoded(d, incident.searchWords);
  }

  remove(incident: Incident): void {
    const d = this.slotOf.get(incident);
    if (d === undefined) return;
    let list: Array<readonly [string, number]> | undefined;
    try {
      list = readSearchWords(incident.searchWords);
    } catch {
      // its words could not be read (cache and file both gone): slower, but nothing stays behind
    }
    if (list) this.index.remove(d, list);
    else this.index.removeEverywhere(d);
    this.slotOf.delete(incident);
    this.slots[d] = undefined;
    this.free.push(d);
  }

  /** The incidents worth ranking: every query word matched (or as many as possible), rarer words and weightier fields first. */
  private candidates(query: string): { incidents: Incident[]; rarity: Map<string, number> } {
    const tokens = [...new Set(words(query))];
    const rarity = new Map<string, number>();
    if (!tokens.length) return { incidents: [], rarity };
    const n = this.slotOf.size;
    const score = new Map<number, { s: number; matched: number }>();
    for (const token of tokens) {
      const best = new Map<number, number>();
      for (const { word, quality } of this.index.expand(token)) {
        const idf = Math.log(1 + n / this.index.count(word));
        this.index.forEachDoc(word, (d, weight) => {
          const v = weight * idf * quality;
          if ((best.get(d) ?? 0) < v) best.set(d, v);
        });
      }
      // How rare the word is: log(1 + N / the incidents holding it or a word it expands to).
      rarity.set(token, Math.log(1 + Math.max(1, n) / Math.max(1, best.size)));
      for (const [d, v] of best) {
        const cur = score.get(d);
        if (cur) {
          cur.s += v;
          cur.matched++;
        } else score.set(d, { s: v, matched: 1 });
      }
    }
    const incidents = [...score]
      .sort((a, b) => b[1].matched - a[1].matched || b[1].s - a[1].s || a[0] - b[0])
      .slice(0, CANDIDATES)
      .map(([d]) => this.slots[d]!);
    return { incidents, rarity };
  }

  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const { incidents, rarity } = this.candidates(q);
    const fuse = new Fuse(incidents.map(toDoc), OPTIONS);
    const unknown = Math.log(1 + Math.max(1, this.slotOf.size));
    const rarityOf = (token: string) => Math.max(0, ...words(token).map((w) => rarity.get(w) ?? unknown)) || unknown;
    const hits = rankWords(fuse, q, limit, rarityOf).map((result) => {
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
      const incident = this.slots.find((i) => i !== undefined && Number(i.id.replace(/^INC-/i, '')) === Number(id[1]));
      if (incident) {
        const rest = hits.filter((h) => h.incident !== incident);
        return [{ incident, score: 0, field: 'id', snippet: incident.id }, ...rest].slice(0, limit);
      }
    }
    return hits;
  }
}
