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
import type { GitCommit } from './gitHistoryPort';
import { isAtRoot, matchWords, pathWords, type RecordWords, type WordMatch } from './words';

/** Files named like docs, with a docs extension or none: CHANGELOG.md, LICENSE (lib/workers/pr/changelog.js is code). */
const DOC_NAMES =
  /^(readme|changelog|changes|history|license|licence|notice|authors|contributors|copying|code_of_conduct|contributing|security)(\.(md|markdown|txt|rst|adoc|asciidoc|html?|org)|$)/;

/** How much a file matters as the cause of a production incident: 0 for lock files and docs, a little for tests. */
export function productionWeight(path: string): number {
  const p = path.toLowerCase();
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|cargo\.lock|go\.sum|poetry\.lock|gemfile\.lock|composer\.lock)$/.test(p)) return 0;
  // Plain .txt is often configuration or data (CMakeLists.txt, requirements.txt): docs only under a docs name.
  if (/\.(md|mdx|rst|adoc|png|jpe?g|gif|svg|ico)$/.test(base) || DOC_NAMES.test(base)) return 0;
  if (/(^|\/)(docs?|documentation|\.github|\.changeset)\//.test(p)) return 0;
  if (
    /(^|\/)(__tests__|tests?|spec|specs|e2e|fixtures?|__snapshots__|testdata|playground|examples?|benchmarks?)\//.test(p) ||
    /[._-](test|spec)\.[a-z]+$/.test(base) ||
    /_test\.go$/.test(base)
  )
    return 0.15;
  return 1;
}

export function changedLines(f: { added: number; deleted: number }): number {
  return Math.max(1, f.added + f.deleted);
}

/** Whether the path runs through the named folder (or is the named file), at any depth. */
function underSegments(path: string, segments: readonly string[]): boolean {
  const parts = path.toLowerCase().split('/');
  for (let i = 0; i + segments.length <= parts.length; i++) {
    if (segments.every((s, j) => parts[i + j] === s)) return true;
  }
  return false;
}

/**
 * 1: in the impacted system by its name (at the root, when a folder of that name is there: systemAtRoot); 0.5: shares
 * a word with it (or its name, deeper than the root one); 0.25: shares a word with the title or root cause; 0: none.
 */
function systemMatch(path: string, words: RecordWords): number {
  if (words.systemPath && path.startsWith(words.systemPath)) return 1;
  const segments = words.systemSegments;
  if (segments && underSegments(path, segments)) return !words.systemAtRoot || isAtRoot(path, segments.join('/')) ? 1 : 0.5;
  const pw = pathWords(path);
  if ([...pw].some((p) => words.system.has(p))) return 0.5;
  if ([...pw].some((p) => words.other.has(p))) return 0.25;
  return 0;
}

/** How much a commit concerns the impacted system (0..1), the share of its lines that is production code, and those lines; `inSystem`: a file in the system by its name. */
export function relevance(commit: GitCommit, words: RecordWords): { relevance: number; production: number; productionLines: number; inSystem: boolean } {
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
  return { relevance: 0.5 * touched + 0.5 * share, production: total > 0 ? prod / total : 0, productionLines: prod, inSystem: touched === 1 };
}

/** What a commit changes: production code, only tests (and docs), or only docs, lock files and the like. */
function changeShape(commit: GitCommit, words: RecordWords): 'production' | 'tests' | 'other' {
  let tests = false;
  for (const f of commit.files) {
    const w = systemMatch(f.path, words) === 1 && words.systemNotProduction ? 1 : productionWeight(f.path);
    if (w === 1) return 'production';
    if (w > 0) tests = true;
  }
  return tests ? 'tests' : 'other';
}

/** A commit of tests only (no production file, a test file): it weighs half (WINDOW_WEIGHTS.testsOnly) unless the team reverts such commits. */
export function isTestsOnly(commit: GitCommit, words: RecordWords): boolean {
  return changeShape(commit, words) === 'tests';
}

/**
 * 1 with any production code, 0.5 for tests only (1 where the team reverts tests-only changes: `testsReverted`,
 * revertHabit.ts, round 13), 0.3 for docs, lock files and the like only.
 */
function productionFactor(commit: GitCommit, words: RecordWords, testsReverted: boolean): number {
  const shape = changeShape(commit, words);
  if (shape === 'production') return 1;
  if (shape === 'tests') return testsReverted ? 1 : WINDOW_WEIGHTS.testsOnly;
  return 0.3;
}

/** Formatting and lint-fix commits (a bot's "[ci] format"): they rarely change behaviour. */
const FORMAT_ONLY =
  /^(\[[\w -]+\]\s*)?(format|fmt|lint|prettier|style)\b|^(style|chore)(\([^)]*\))?:\s*(format|fmt|lint|prettier|run prettier|apply formatting)/i;
/**
 * Commits typed as docs ("docs: …", "doc(api): …") even when they touch code (docstrings, comments):
 * on the tune half they were reverted 2.3 times per 1,000, against 7 to 16 for fix, feat, refactor, perf.
 * Not where docs are the impacted system.
 */
const DOCS_TYPED = /^(\[[\w -]+\]\s*)?docs?(\([^)]*\))?!?:/i;
/**
 * What kind of change a message says it is. On the tune half (546 reverts of commits that were not
 * release commits, against the 2,400 other commits of their windows) a commit typed "feat" was the
 * reverted one 1.6 times as often as its share of the window, a revert (it removes code that was
 * running) 3.5 times; "fix" 0.8 and untyped 0.7.
 */
const FEATURE_TYPED = /^(\[[\w -]+\]\s*)?feat(ure)?(\([^)]*\))?!?:/i;
const REVERT_SUBJECT = /^(\[[\w -]+\]\s*)?revert\b/i;

/** "feature" or "revert" when the message says so (see FEATURE_TYPED). */
export function changeKind(commit: Pick<GitCommit, 'subject'>): 'feature' | 'revert' | undefined {
  if (REVERT_SUBJECT.test(commit.subject)) return 'revert';
  return FEATURE_TYPED.test(commit.subject) ? 'feature' : undefined;
}

/** Weights chosen on the tune half of scripts/eval/suggestRepos.ts only. */
export const WINDOW_WEIGHTS = {
  /** Closeness decays with this share of the window as its time constant. */
  closeness: 1 / 3,
  /** A formatting-only or docs-typed commit keeps this much of its weight. */
  formatOnly: 0.5,
  /** Two or more of the record's words found in it raise its weight by this share (one word, half of it). */
  words: 0.5,
  /** A commit typed "feat" weighs this much more, a revert in the window this much (see changeKind). */
  feature: 1.3,
  revert: 1.5,
  /**
   * The newest, second and third newest suspects that change the impacted system (the naive "newest
   * commit in the folder" answer) weigh this much more: the round-4 tune set (24 repositories, 920
   * reverts) put the reverted commit first 10 times more, top 3 one more, and preselected the right one
   * 31 times more (precision 68 % -> 67 %).
   */
  newestInSystem: [1.3, 1.2, 1.1] as readonly number[],
  /**
   * A commit that changes one file weighs this much, two files the second (more files: 1): a change that
   * reaches further breaks more often. On the round-5 tune set (30 repositories, 884 reverts of commits
   * that were not release commits) the reverted commit came in the top 3 seven times more (725 -> 732),
   * first place unchanged; one file 0.8 to 0.9 with two files 0.85 to 0.95 gave +5 to +7.
   */
  fewFiles: [0.85, 0.925] as readonly number[],
  /**
   * A commit of tests only keeps this much (tests break CI more often than production), except where the team's own
   * reverts show it reverts tests-only changes (revertHabit.ts, round 13): there it weighs like production code.
   */
  testsOnly: 0.5,
  /**
   * Round 15: a tests-only commit among the three newest suspects in the impacted system is not halved (it weighs like
   * production code there): a test change just before start in the system's own folder is what the newest-first answer
   * names (a deflake, a suppressed test). Tune set (90 repositories, 4,435 cases; the 31 where re-ranking moved a case
   * run again): top 3 3,519 -> 3,526 (+23 -16), first 2,472 -> 2,486; five repositories no longer behind the baseline,
   * none newly behind. false switches it off.
   */
  newestTestsFull: true,
};

export interface WindowScore {
  readonly weight: number;
  /** 0..1: how much it concerns the impacted system (or the record's words). */
  readonly relevance: number;
  readonly matches: readonly WordMatch[];
  /** The message says it is a new feature or a revert (it weighs more for it). */
  readonly kind?: 'feature' | 'revert';
  /** A file of it is in the impacted system by its name. */
  readonly inSystem: boolean;
  /** 1-based: it is the newest (1), second or third newest suspect in the impacted system (see newestInSystem). */
  readonly newest?: number;
}

/**
 * The weight of a commit that landed `beforeMs` before start inside a window of `windowMs`; `symbols`: the names its
 * hunks fall in, when read; `testsReverted`: the team reverts tests-only changes (a tests-only commit is not halved).
 */
export function windowWeight(
  commit: GitCommit,
  beforeMs: number,
  windowMs: number,
  words: RecordWords,
  symbols: readonly string[] = [],
  testsReverted = false,
): WindowScore {
  const r = relevance(commit, words);
  const proximity = Math.exp(-Math.max(0, beforeMs) / (windowMs * WINDOW_WEIGHTS.closeness));
  const matches = matchWords(
    words,
    `${commit.subject}\n${commit.body}`,
    commit.files.map((f) => f.path),
    symbols,
  );
  const rel = Math.max(r.relevance, Math.min(1, matches.length / 2) * 0.6);
  // Where docs are the impacted system (impact.system "docs", "README.md"), a docs commit is what can break it.
  const docsTyped = !words.systemNotProduction && DOCS_TYPED.test(commit.subject);
  const kind = changeKind(commit);
  const noise = FORMAT_ONLY.test(commit.subject) || docsTyped ? WINDOW_WEIGHTS.formatOnly : kind ? WINDOW_WEIGHTS[kind] : 1;
  const said = 1 + WINDOW_WEIGHTS.words * Math.min(1, matches.length / 2);
  const breadth = WINDOW_WEIGHTS.fewFiles[commit.files.length - 1] ?? 1;
  // Below the direct evidence (a revert during the incident 0.9, a commit the record names 1): the window only suggests.
  const weight = Math.min(0.85, 0.6 * (0.2 + 0.8 * proximity) * (0.1 + 0.9 * rel) * productionFactor(commit, words, testsReverted) * noise * said * breadth);
  return { weight, relevance: rel, matches, inSystem: r.inSystem, ...(kind ? { kind } : {}) };
}

/**
 * Recency within the impacted system, the baseline's own signal, blended in: the suspects that change
 * the system, newest first (`beforeMs`: how long before start each landed), the first few weigh more
 * (WINDOW_WEIGHTS.newestInSystem), still below the direct evidence (0.85 at most). `halvedTests`: a commit of tests
 * only that windowWeight halved (the team does not revert tests-only changes): among the newest it is not halved.
 */
export function favourNewestInSystem<T extends { commit: GitCommit; score: WindowScore }>(
  scored: T[],
  beforeMs: (c: GitCommit) => number,
  halvedTests: (c: GitCommit) => boolean = () => false,
): void {
  const inSystem = scored.filter((s) => s.score.inSystem).sort((a, b) => beforeMs(a.commit) - beforeMs(b.commit));
  inSystem.slice(0, WINDOW_WEIGHTS.newestInSystem.length).forEach((s, i) => {
    // A tests-only commit that was halved weighs like production code among the newest (newestTestsFull, round 15).
    const full = WINDOW_WEIGHTS.newestTestsFull && halvedTests(s.commit) ? 1 / WINDOW_WEIGHTS.testsOnly : 1;
    s.score = { ...s.score, weight: Math.min(0.85, s.score.weight * WINDOW_WEIGHTS.newestInSystem[i]! * full), newest: i + 1 };
  });
}
