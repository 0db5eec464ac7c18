/**
 * How likely a commit that landed shortly before an incident is to be its
 * trigger, from what the commit changed and what the record says: closeness
 * to start, the share of its change that is production code (not lock files,
 * docs or tests), the share inside the impacted system, overlap with the
 * record's words, and its size. Measured by scripts/eval/suggest.ts on real
 * reverts (README, "Suggestions from git history").
 */
import type { Incident } from '../model';
import type { GitCommit } from './history';

const STOP = new Set(
  'the a an and or of to in on for with from by at as is was were be been it its this that these those into out over under after before during not no api service services system systems src lib libs app apps pkg packages package internal cmd test tests spec index main core common util utils misc module modules code file files new old fix fixed fixes update updated updates change changes add added remove removed use used using when while then than via per all any some more less into our we they users user'.split(' '),
);

function stem(word: string): string {
  return word.replace(/(?:ies)$/, 'y').replace(/(?:ing|ed|es|s)$/, '');
}

/** Lower-case word stems of a text or path, without the words every project uses. */
export function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  const spaced = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  for (const w of spaced.toLowerCase().split(/[^a-z0-9]+/)) {
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/** How much a file matters as the cause of a production incident: 0 for lock files and docs, a little for tests. */
export function productionWeight(path: string): number {
  const p = path.toLowerCase();
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|cargo\.lock|go\.sum|poetry\.lock|gemfile\.lock|composer\.lock)$/.test(p)) return 0;
  if (/\.(md|mdx|rst|txt|adoc|png|jpe?g|gif|svg|ico)$/.test(base) || /^(changelog|changes|history|license|authors|contributors)(\.|$)/.test(base)) return 0;
  if (/(^|\/)(docs?|documentation|\.github|\.changeset)\//.test(p)) return 0;
  if (/(^|\/)(__tests__|tests?|spec|specs|e2e|fixtures?|__snapshots__|testdata|playground|examples?|benchmarks?)\//.test(p) || /[._-](test|spec)\.[a-z]+$/.test(base) || /_test\.go$/.test(base)) return 0.15;
  return 1;
}

export function changedLines(f: { added: number; deleted: number }): number {
  return Math.max(1, f.added + f.deleted);
}

export interface RecordWords {
  /** impact.system and impact.feature: a path token matching these is the impacted system. */
  readonly system: Set<string>;
  /** Title, root cause, trigger, keywords. */
  readonly other: Set<string>;
  /** impact.system written as a path prefix ("packages/vite/"), when it is one. */
  readonly systemPath?: string;
}

export function recordWords(incident: Incident): RecordWords {
  const r = incident.record;
  const system = wordsOf([r.impact?.system, r.impact?.feature].filter(Boolean).join(' '));
  const other = wordsOf([r.title, r.rootCause?.confirmed, r.rootCause?.initialHypothesis, r.rootCause?.trigger?.text, ...(r.keywords ?? [])].filter(Boolean).join(' '));
  for (const w of system) other.delete(w);
  const raw = r.impact?.system?.trim();
  const systemPath = raw && /^[\w.@-]+(\/[\w.@-]+)+\/?$/.test(raw) ? raw.replace(/\/?$/, '/') : undefined;
  return { system, other, ...(systemPath ? { systemPath } : {}) };
}

/** How much of a commit's production change lies in the impacted system (0..1), and the share that is production code at all. */
export function relevance(commit: GitCommit, words: RecordWords): { relevance: number; production: number; productionLines: number } {
  let total = 0;
  let prod = 0;
  let relevant = 0;
  for (const f of commit.files) {
    const n = changedLines(f);
    const w = productionWeight(f.path);
    total += n;
    prod += n * w;
    const pathWords = wordsOf(f.path);
    const inSystem = (words.systemPath && f.path.startsWith(words.systemPath)) || [...pathWords].some((p) => words.system.has(p));
    const related = !inSystem && [...pathWords].some((p) => words.other.has(p));
    relevant += n * w * (inSystem ? 1 : related ? 0.5 : 0);
  }
  return { relevance: prod > 0 ? relevant / prod : 0, production: total > 0 ? prod / total : 0, productionLines: prod };
}

/** The weight of a commit that landed `beforeMs` before start inside a window of `windowMs`. */
export function windowWeight(commit: GitCommit, beforeMs: number, windowMs: number, words: RecordWords): { weight: number; relevance: number } {
  const r = relevance(commit, words);
  const proximity = Math.exp(-beforeMs / (windowMs / 3));
  const subjectWords = wordsOf(commit.subject);
  const overlap = [...subjectWords].filter((w) => words.system.has(w) || words.other.has(w)).length;
  const rel = Math.max(r.relevance, Math.min(1, overlap / 2) * 0.6);
  const size = Math.min(1, Math.log10(1 + r.productionLines) / 2.5);
  const production = r.production > 0 ? 0.4 + 0.6 * r.production : 0.1;
  const weight = 0.6 * (0.35 + 0.65 * proximity) * (0.15 + 0.85 * rel) * production * (0.6 + 0.4 * size);
  return { weight, relevance: rel };
}

