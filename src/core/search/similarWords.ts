/**
 * What similar incidents (similarIncidents.ts) read of a record: the text of
 * its cause fields, split into word stems and counted per field. The counts
 * are listed when a record is parsed (in the worker on big folders) and kept
 * as one compact string beside its full record's bytes, as search's words
 * are (searchWords.ts), so the first question over a big folder reads these
 * strings instead of decoding every full record. Small: it is read at
 * activation (core/index/recordWire.ts); the scoring stays in
 * similarIncidents.ts, loaded on first use.
 */
import type { IncidentRecord } from '../records/schema';

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

/**
 * A document: per field with words, its stems in the order they first
 * appear, their counts, and the field's length (all its stems counted).
 * Arrays, not a Map per field: 10,000 documents stay in memory once read,
 * and building Maps for them was most of a first question's time.
 */
export type DocField = readonly [field: SimilarField, stems: readonly string[], counts: readonly number[], length: number];

export interface Doc {
  readonly fields: readonly DocField[];
  /** Only for a question's own document: how its words were written (the others are never shown). */
  readonly surface?: ReadonlyMap<string, string>;
}

export function docOfFields(text: Partial<Record<SimilarField, string>>, withSurface = false): Doc {
  const surface = withSurface ? new Map<string, string>() : undefined;
  const fields: DocField[] = [];
  for (const f of SIMILAR_FIELDS) {
    const value = text[f.key];
    if (!value) continue;
    const counts = new Map<string, number>();
    let length = 0;
    eachToken(value, (t, w) => {
      if (surface && !surface.has(t)) surface.set(t, w);
      counts.set(t, (counts.get(t) ?? 0) + 1);
      length++;
    });
    if (length) fields.push([f.key, [...counts.keys()], [...counts.values()], length]);
  }
  return surface ? { fields, surface } : { fields };
}

/**
 * A document as one string, to keep with the record (similarWordsOf): a line
 * per field with words, "field\tstem stem*3 …" (a count when above 1), fields
 * and stems in the order the document holds them, so the document read back
 * (readSimilarWords) iterates in the same order and scores to the same bits.
 * Stems are letters, digits and _ only: no space, tab, newline or *.
 */
export function similarWordsOf(record: IncidentRecord): string {
  return docOfFields(similarText(record))
    .fields.map(([key, stems, counts]) => `${key}\t${stems.map((stem, i) => (counts[i]! > 1 ? `${stem}*${counts[i]}` : stem)).join(' ')}`)
    .join('\n');
}

const FIELD_KEYS: ReadonlySet<string> = new Set(SIMILAR_FIELDS.map((f) => f.key));

/**
 * One string per distinct stem across documents: 10,000 documents hold
 * about 1.5 million stems, a few thousand of them distinct, and the
 * documents stay in memory, so each kept its own copies for the garbage
 * collector to move (as the stems read from records share them, tokensOfWord).
 */
const stems = new Map<string, string>();

function interned(stem: string): string {
  const known = stems.get(stem);
  if (known !== undefined) return known;
  if (stems.size >= WORD_CACHE_LIMIT) stems.clear();
  stems.set(stem, stem);
  return stem;
}

/** The document similarWordsOf wrote: the same fields, stems, counts, lengths and order as docOfFields gives. */
export function readSimilarWords(encoded: string): Doc {
  const fields: DocField[] = [];
  for (const line of encoded.split('\n')) {
    const tab = line.indexOf('\t');
    const key = line.slice(0, tab);
    if (tab < 0 || !FIELD_KEYS.has(key)) continue;
    const stems: string[] = [];
    const counts: number[] = [];
    let length = 0;
    for (const item of line.slice(tab + 1).split(' ')) {
      if (!item) continue;
      const star = item.indexOf('*');
      const n = star < 0 ? 1 : Number(item.slice(star + 1));
      stems.push(interned(star < 0 ? item : item.slice(0, star)));
      counts.push(n);
      length += n;
    }
    if (length) fields.push([key as SimilarField, stems, counts, length]);
  }
  return { fields };
}
