/**
 * How likely a commit that landed shortly before an incident is to be its
 * trigger, from what the commit changed and what the record says:
 *   - whether it touches the impacted system at all, and how much of its
 *     change lies there (a folder or file named like impact.system counts
 *     fully, a path sharing a word with it half, one sharing a word with the
 *     title or root cause a quarter);
 *   - whether it changes production code at all (a commit of only tests, or
 *     only docs and lock files, is unlikely to break production; tests and
 *     CI count as production when the impacted system is where they live);
 *   - closeness to start.
 * Measured by scripts/eval/suggest.ts on real reverts (README, "Suggestions
 * from git history"): the size of a change and its share of production
 * lines, tried there, did not help; a commit that adds tests beside its code
 * is not less suspect for it.
 */
import type { Incident } from '../model';
import type { GitCommit } from './history';

const STOP = new Set(
  'the a an and or of to in on for with from by at as is was were be been it its this that these those into out over under after before during not no api service services system systems src lib libs app apps pkg packages package internal cmd test tests spec index main core common util utils misc module modules code file files new old fix fixed fixes update updated updates change changes add added remove removed use used using when while then than via per all any some more less into our we they users user'.split(' '),
);

/** A light stemmer: charge, charged, charges → charg; retry, retried, retries → retry. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  const w = word.replace(/(?:ies|ied)$/, 'y').replace(/(?:ing|ed|es|s)$/, '');
  return w.length > 3 ? w.replace(/e$/, '') : w;
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

/** Words of a path without its extension: every .dart file does not concern a system named "app_dart". */
function pathWords(path: string): Set<string> {
  return wordsOf(path.replace(/(?<=[^/.])\.[^./]+$/, ''));
}

const DOC_NAMES = /^(readme|changelog|changes|history|license|licence|notice|authors|contributors|copying|code_of_conduct|contributing|security)(\.|$)/;

/** How much a file matters as the cause of a production incident: 0 for lock files and docs, a little for tests. */
export function productionWeight(path: string): number {
  const p = path.toLowerCase();
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|cargo\.lock|go\.sum|poetry\.lock|gemfile\.lock|composer\.lock)$/.test(p)) return 0;
  // Plain .txt is often configuration or data (CMakeLists.txt, requirements.txt): docs only under a docs name.
  if (/\.(md|mdx|rst|adoc|png|jpe?g|gif|svg|ico)$/.test(base) || DOC_NAMES.test(base)) return 0;
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
  /** impact.system as path segments (["packages", "vite"], ["billing"]), when it is written as one name or path: a file under a folder so named is in the system. */
  readonly systemSegments?: readonly string[];
  /** The impacted system is itself tests, CI or docs (impact.system ".github", "e2e"): there those files are what can break. */
  readonly systemNotProduction?: boolean;
}

export function recordWords(incident: Incident): RecordWords {
  const r = incident.record;
  const system = wordsOf([r.impact?.system, r.impact?.feature].filter(Boolean).join(' '));
  const other = wordsOf([r.title, r.rootCause?.confirmed, r.rootCause?.initialHypothesis, r.rootCause?.trigger?.text, ...(r.keywords ?? [])].filter(Boolean).join(' '));
  for (const w of system) other.delete(w);
  const raw = r.impact?.system?.trim();
  const systemPath = raw && /^[\w.@-]+(\/[\w.@-]+)+\/?$/.test(raw) ? raw.replace(/\/?$/, '/') : undefined;
  const name = raw?.replace(/^\.?\/+|\/+$/g, '');
  const segments = name && /^[\w.@-]+(\/[\w.@-]+)*$/.test(name) ? name.toLowerCase().split('/') : undefined;
  const notProduction = name ? Math.min(productionWeight(`${name}/x`), productionWeight(name)) < 1 : false;
  return { system, other, ...(systemPath ? { systemPath } : {}), ...(segments ? { systemSegments: segments } : {}), ...(segments && notProduction ? { systemNotProduction: true } : {}) };
}

/** Whether the path runs through the named folder (or is the named file), at any depth. */
function underSegments(path: string, segments: readonly string[]): boolean {
  const parts = path.toLowerCase().split('/');
  for (let i = 0; i + segments.length <= parts.length; i++) {
    if (segments.every((s, j) => parts[i + j] === s)) return true;
  }
  return false;
}

/** 1: in the impacted system by its name; 0.5: shares a word with it; 0.25: shares a word with the title or root cause; 0: none. */
function systemMatch(path: string, words: RecordWords): number {
  if ((words.systemPath && path.startsWith(words.systemPath)) || (words.systemSegments && underSegments(path, words.systemSegments))) return 1;
  const pw = pathWords(path);
  if ([...pw].some((p) => words.system.has(p))) return 0.5;
  if ([...pw].some((p) => words.other.has(p))) return 0.25;
  return 0;
}

/** How much a commit concerns the impacted system (0..1), the share of its lines that is production code, and those lines. */
export function relevance(commit: GitCommit, words: RecordWords): { relevance: number; production: number; productionLines: number } {
  let total = 0;
  let prod = 0;
  let relevant = 0;
  let touched = 0;
  for (const f of commit.files) {
    const n = changedLines(f);
    const m = systemMatch(f.path, words);
    const w = m === 1 && words.systemNotProduction ? 1 : productionWeight(f.path);
    total += n;
    prod += n * w;
    relevant += n * w * m;
    touched = Math.max(touched, m);
  }
  // Touching the system at all makes a suspect; the share inside it adds the rest.
  const share = prod > 0 ? relevant / prod : 0;
  return { relevance: 0.5 * touched + 0.5 * share, production: total > 0 ? prod / total : 0, productionLines: prod };
}

/** 1 with any production code, 0.5 for tests only, 0.3 for docs, lock files and the like only. */
function productionFactor(commit: GitCommit, words: RecordWords): number {
  let tests = false;
  for (const f of commit.files) {
    const w = systemMatch(f.path, words) === 1 && words.systemNotProduction ? 1 : productionWeight(f.path);
    if (w === 1) return 1;
    if (w > 0) tests = true;
  }
  return tests ? 0.5 : 0.3;
}

/** The weight of a commit that landed `beforeMs` before start inside a window of `windowMs`. */
export function windowWeight(commit: GitCommit, beforeMs: number, windowMs: number, words: RecordWords): { weight: number; relevance: number } {
  const r = relevance(commit, words);
  const proximity = Math.exp(-beforeMs / (windowMs / 3));
  const subjectWords = wordsOf(commit.subject);
  const overlap = [...subjectWords].filter((w) => words.system.has(w) || words.other.has(w)).length;
  const rel = Math.max(r.relevance, Math.min(1, overlap / 2) * 0.6);
  const weight = 0.6 * (0.2 + 0.8 * proximity) * (0.1 + 0.9 * rel) * productionFactor(commit, words);
  return { weight, relevance: rel };
}
