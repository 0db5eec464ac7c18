/**
 * node esbuild.mjs --tests && node out/scripts/eval/suggestSimulate.js CASES.json
 *
 * Tries a weight on the tune set without running git again: CASES.json is what
 * `npm run eval:suggest -- --split tune --quick --dump --cases CASES.json` wrote (--dump is refused outside the
 * tune set, so this never sees a held-out case). Each case lists its suspects (the first 30) with their scores;
 * a multiplier on some of them re-ranks the list, and the reverted commit's new place is counted. Release
 * commits are left out (never suspects, by design). Prints, as top 1 / top 3:
 *   - the scores as they are (the run's own figures: a check that the simulation reads them right);
 *   - the weights already in src/core/git/rank.ts varied (newest in the system, one and two files, feat:,
 *     reverts), the current factor divided out and the new one applied;
 *   - each feature of the list below at 0.8 and 1.2 times, with how often it marks X and the other suspects.
 * Each line also says on how many repositories the re-ranked top 3 is ahead of the baseline's and on which it is behind
 * (a rule must not put more repositories behind). An approximation: the 0.85 ceiling is not applied again, and "in the
 * system" is read as "in the baseline's list" (the commits that touched the system's folder). Used in the seventh and
 * eighth rounds (docs/suggestions.md); the tenth added the split by what X is (production code, tests only, not
 * ranked) and tests-only commits weighed more.
 */
import { readFileSync } from 'node:fs';
import { productionWeight } from '../../src/core/git/rank';
import type { CaseResult, DumpedCandidate } from './suggestCases';

interface DumpedRepo {
  readonly name: string;
  readonly cases: ReadonlyArray<CaseResult & { candidates?: readonly DumpedCandidate[] }>;
}

interface Case {
  readonly repo: string;
  readonly system: string;
  readonly target: string;
  readonly candidates: readonly DumpedCandidate[];
  /** The baseline's place for X (1-based), when it has X. */
  readonly baselineRank?: number;
}

type Multiplier = (k: DumpedCandidate, c: Case) => number;

const FEATURE = /^(\[[\w -]+\]\s*)?feat(ure)?(\([^)]*\))?!?:/i;
const REVERT = /^(\[[\w -]+\]\s*)?revert\b/i;
const TEST_PATH =
  /(^|\/)(__tests__|tests?|spec|specs|e2e|fixtures?|__snapshots__|testdata|playground|examples?|benchmarks?)\/|[._-](test|spec)\.[a-z]+$|_test\.go$/i;

const BACK_MERGE = /^Merge (remote-tracking )?branch '(origin\/|upstream\/)?(main|master|develop|development|dev|trunk)' into /i;
const CHANGELOG_FRAGMENT = /(^|\/)(changelog\.d|\.changes|newsfragments|\.changelog|changelog\/unreleased)\//i;
const lines = (k: DumpedCandidate) => k.files.reduce((n, [, a, d]) => n + a + d, 0);
const typed = (k: DumpedCandidate, type: string) => new RegExp(`^${type}(\\([^)]*\\))?!?:`, 'i').test(k.subject);
const sameAuthor = (k: DumpedCandidate, c: Case) => c.candidates.filter((j) => j.author === k.author);
const touchedLater = (k: DumpedCandidate, c: Case) => {
  const mine = new Set(k.files.map(([p]) => p));
  return c.candidates.some((j) => j !== k && j.minutesBefore < k.minutesBefore && j.files.some(([p]) => mine.has(p)));
};

const MANIFEST =
  /(^|\/)(pom\.xml|package\.json|go\.mod|gemfile|build\.gradle(\.kts)?|cargo\.toml|requirements[^/]*\.txt|pyproject\.toml|mix\.exs|composer\.json|pubspec\.yaml|[^/]*\.csproj|libs\.versions\.toml)$/i;
const inSystem = (p: string, c: Case) => p === c.system || p.startsWith(`${c.system}/`);
/** No production file and at least one test file: the commits rank.ts halves (productionFactor). */
const testsOnly = (k: DumpedCandidate) => {
  const w = k.files.map(([p]) => productionWeight(p));
  return !w.includes(1) && w.some((x) => x > 0);
};
/** The three newest suspects that touched the system's folder (the baseline's list). */
const newestThree = (c: Case) =>
  c.candidates
    .filter((j) => j.baselineRank !== undefined)
    .sort((a, b) => a.minutesBefore - b.minutesBefore)
    .slice(0, 3);

/** The features tried in the seventh round (each a question about one suspect of one case). */
const FEATURES: ReadonlyArray<readonly [string, (k: DumpedCandidate, c: Case) => boolean]> = [
  ['landed < 1 h before start', (k) => k.minutesBefore < 60],
  ['landed 16 h or more before start', (k) => k.minutesBefore >= 960],
  ['every file in the system', (k, c) => k.files.length > 0 && k.files.every(([p]) => p === c.system || p.startsWith(`${c.system}/`))],
  ["the author's newest of several", (k, c) => sameAuthor(k, c).length > 1 && Math.min(...sameAuthor(k, c).map((j) => j.minutesBefore)) === k.minutesBefore],
  ["the author's oldest of several", (k, c) => sameAuthor(k, c).length > 1 && Math.max(...sameAuthor(k, c).map((j) => j.minutesBefore)) === k.minutesBefore],
  ['an author with one commit in the window', (k, c) => sameAuthor(k, c).length === 1],
  ['a bot', (k) => /\[bot\]|bot\b|renovate|dependabot|github-actions/i.test(k.author)],
  ['3 to 5 files', (k) => k.files.length >= 3 && k.files.length <= 5],
  ['over 500 changed lines', (k) => lines(k) >= 500],
  ['under 20 changed lines', (k) => lines(k) < 20],
  ['mostly deletions', (k) => lines(k) > 0 && k.files.reduce((n, [, , d]) => n + d, 0) / lines(k) > 0.7],
  ['a merge', (k) => k.parents > 1],
  ['a PR number in the subject', (k) => /\(#\d+\)\s*$/.test(k.subject)],
  ['fix:', (k) => typed(k, 'fix')],
  ['chore:', (k) => typed(k, 'chore')],
  ['refactor:', (k) => typed(k, 'refactor')],
  ['tests only', (k) => k.files.length > 0 && k.files.every(([p]) => TEST_PATH.test(p))],
  ['upgrade or bump in the subject', (k) => /\b(upgrad\w*|bump\w*|update\w*\b.*\bto v?\d)/i.test(k.subject)],
  ['a re-land', (k) => /^(revert\W+revert\b|re-?land|re-?apply)/i.test(k.subject)],
  ['its files changed again later in the window', touchedLater],
  ["the baseline's first", (k) => k.baselineRank === 1],
  // Round 8.
  ['a back-merge ("Merge branch \'main\' into feature")', (k) => k.parents > 1 && BACK_MERGE.test(k.subject)],
  ['a changelog fragment among its files (changelog.d/, .changes/)', (k) => k.files.some(([p]) => CHANGELOG_FRAGMENT.test(p))],
  [
    'formatting, StyleCI, docblocks in the subject',
    (k) => /\b(formatting|reformat\w*|styleci|code ?style|cs ?fix\w*|docblocks?|doc ?blocks?)\b/i.test(k.subject),
  ],
  ['typo, comment or whitespace in the subject', (k) => /\b(typos?|spelling|whitespace|comments?|wording|grammar)\b/i.test(k.subject)],
  // Round 10.
  ['tests only, as rank.ts reads it (no production file, a test file)', (k) => testsOnly(k)],
  ['tests only, among the three newest in the system', (k, c) => testsOnly(k) && newestThree(c).includes(k)],
  [
    'manifest and lock files only (pom.xml, package.json, go.mod…)',
    (k) => k.files.length > 0 && k.files.every(([p]) => MANIFEST.test(p) || productionWeight(p) === 0),
  ],
  ['cleanup, tidy, unused, imports, TODO in the subject', (k) => /\b(clean ?up|tidy|unused|imports?|todos?|nits?|polish)\b/i.test(k.subject)],
  ['wip, debug, experiment in the subject', (k) => /\b(wip|debug|experiment\w*|try|attempt|temp\w*|hack)\b/i.test(k.subject)],
  ['half or fewer of its files in the system', (k, c) => k.files.length > 0 && 2 * k.files.filter(([p]) => inSystem(p, c)).length <= k.files.length],
  ['no file in the system', (k, c) => !k.files.some(([p]) => inSystem(p, c))],
  ['shares its minute with another suspect', (k, c) => c.candidates.some((j) => j !== k && Math.abs(j.minutesBefore - k.minutesBefore) <= 1)],
];

function load(file: string): Case[] {
  const repos = JSON.parse(readFileSync(file, 'utf8')) as DumpedRepo[];
  return repos.flatMap((r) =>
    r.cases
      .filter((c) => !c.isRelease)
      .map((c) => ({
        repo: r.name,
        system: c.system,
        target: c.target,
        candidates: c.candidates ?? [],
        ...(c.baselineRank !== undefined ? { baselineRank: c.baselineRank } : {}),
      })),
  );
}

interface Reranked {
  readonly top1: number;
  readonly top3: number;
  /** Repositories whose top 3 is ahead of the baseline's, and those behind it. */
  readonly ahead: number;
  readonly behind: readonly string[];
}

/** Top 1 and top 3 of X over the cases with every suspect's score multiplied, and the repositories ahead and behind. */
function rerank(cases: readonly Case[], multiply: Multiplier): Reranked {
  let top1 = 0;
  let top3 = 0;
  const perRepo = new Map<string, number>();
  for (const c of cases) {
    const scored = c.candidates.map((k) => ({ x: k.sha === c.target, s: k.score * multiply(k, c) })).sort((a, b) => b.s - a.s);
    const at = scored.findIndex((k) => k.x);
    if (at === 0) top1++;
    const mine = at >= 0 && at < 3 ? 1 : 0;
    const base = c.baselineRank !== undefined && c.baselineRank <= 3 ? 1 : 0;
    top3 += mine;
    perRepo.set(c.repo, (perRepo.get(c.repo) ?? 0) + mine - base);
  }
  const margins = [...perRepo.entries()];
  return { top1, top3, ahead: margins.filter(([, m]) => m > 0).length, behind: margins.filter(([, m]) => m < 0).map(([r]) => r) };
}

const said = (r: Reranked) => `${r.top1} / ${r.top3} (ahead on ${r.ahead}, behind on ${r.behind.length}${r.behind.length ? `: ${r.behind.join(', ')}` : ''})`;

interface Weights {
  readonly newest: readonly number[];
  readonly fewFiles: readonly number[];
  readonly feature: number;
  readonly revert: number;
}

/** The weights of src/core/git/rank.ts (WINDOW_WEIGHTS) this simulation can vary. */
const CURRENT: Weights = { newest: [1.3, 1.2, 1.1], fewFiles: [0.85, 0.925], feature: 1.3, revert: 1.5 };

/** A suspect's factor under some weights: its newest-in-system place, its file count, its kind. */
function factor(w: Weights, k: DumpedCandidate, newestAt: number): number {
  let f = newestAt >= 0 ? (w.newest[newestAt] ?? 1) : 1;
  f *= w.fewFiles[k.files.length - 1] ?? 1;
  if (REVERT.test(k.subject)) f *= w.revert;
  else if (FEATURE.test(k.subject)) f *= w.feature;
  return f;
}

function withWeights(w: Weights): Multiplier {
  const places = new Map<Case, Map<string, number>>();
  return (k, c) => {
    let place = places.get(c);
    if (!place) {
      const inSystem = c.candidates.filter((j) => j.baselineRank !== undefined).sort((a, b) => a.minutesBefore - b.minutesBefore);
      place = new Map(inSystem.slice(0, 3).map((j, i) => [j.sha, i]));
      places.set(c, place);
    }
    const at = place.get(k.sha) ?? -1;
    return factor(w, k, at) / factor(CURRENT, k, at);
  };
}

function weightGrid(cases: readonly Case[]): string[] {
  const out: string[] = [];
  const show = (label: string, w: Weights) => {
    out.push(`${label}: ${said(rerank(cases, withWeights(w)))}`);
  };
  for (const newest of [
    [1.2, 1.1, 1.1],
    [1.4, 1.3, 1.1],
    [1.5, 1.3, 1.15],
    [1, 1, 1],
  ])
    show(`newest in system ${newest.join(', ')}`, { ...CURRENT, newest });
  for (const fewFiles of [
    [0.8, 0.9],
    [0.9, 0.95],
    [1, 1],
  ])
    show(`one, two files ${fewFiles.join(', ')}`, { ...CURRENT, fewFiles });
  for (const feature of [1.1, 1.5]) show(`feat: ${feature}`, { ...CURRENT, feature });
  for (const revert of [1.2, 2.2]) show(`revert ${revert}`, { ...CURRENT, revert });
  // Closeness (rank.ts: 0.2 + 0.8 e^(-t / (window x 1/3))), its time constant varied; t is the suspect's own time.
  const near = (minutes: number, share: number) => 0.2 + 0.8 * Math.exp(-Math.max(0, minutes) / (24 * 60 * share));
  for (const share of [0.2, 0.25, 0.5])
    out.push(`closeness ${share} of the window: ${said(rerank(cases, (k) => near(k.minutesBefore, share) / near(k.minutesBefore, 1 / 3)))}`);
  return out;
}

function featureLines(cases: readonly Case[]): string[] {
  return FEATURES.map(([name, has]) => {
    let x = 0;
    let others = 0;
    let xs = 0;
    let os = 0;
    for (const c of cases)
      for (const k of c.candidates) {
        const hit = has(k, c) ? 1 : 0;
        if (k.sha === c.target) {
          xs++;
          x += hit;
        } else {
          os++;
          others += hit;
        }
      }
    const low = rerank(cases, (k, c) => (has(k, c) ? 0.8 : 1));
    const high = rerank(cases, (k, c) => (has(k, c) ? 1.2 : 1));
    const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
    return `${name}: X ${share(x, xs)}, others ${share(others, os)}; 0.8: ${said(low)}; 1.2: ${said(high)}`;
  });
}

/** The cases split by what X is: production code, tests only, or not among the dumped suspects (a merge listed as related, …). */
function byKind(cases: readonly Case[]): string[] {
  const tally = new Map<string, [number, number, number]>();
  for (const c of cases) {
    const sorted = [...c.candidates].sort((a, b) => b.score - a.score);
    const at = sorted.findIndex((k) => k.sha === c.target);
    const kind = at < 0 ? 'not among the first 30 suspects' : testsOnly(sorted[at]!) ? 'tests only' : 'production code';
    const t = tally.get(kind) ?? [0, 0, 0];
    tally.set(kind, [t[0] + 1, t[1] + (at >= 0 && at < 3 ? 1 : 0), t[2] + (c.baselineRank !== undefined && c.baselineRank <= 3 ? 1 : 0)]);
  }
  return [...tally.entries()].map(([kind, [n, mine, base]]) => `${kind}: ${n}, ${mine}, ${base}`);
}

/** Tests-only commits weighed more (rank.ts halves them), everywhere and only among the three newest in the system. */
function testsOnlyGrid(cases: readonly Case[]): string[] {
  const out: string[] = [];
  for (const m of [1.2, 1.5, 2]) {
    out.push(`tests only x${m}: ${said(rerank(cases, (k) => (testsOnly(k) ? m : 1)))}`);
    out.push(`tests only among the three newest x${m}: ${said(rerank(cases, (k, c) => (testsOnly(k) && newestThree(c).includes(k) ? m : 1)))}`);
  }
  return out;
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: suggestSimulate.js CASES.json (from eval:suggest --split tune --quick --dump --cases)');
  const cases = load(file);
  const now = rerank(cases, () => 1);
  const base = cases.filter((c) => c.baselineRank !== undefined && c.baselineRank <= 3).length;
  console.log(`${cases.length} cases (X not a release commit), top 1 / top 3 as scored: ${said(now)}; the baseline's top 3: ${base}\n`);
  console.log(['Weights of rank.ts varied:', ...weightGrid(cases), '', 'Features, each at 0.8 and 1.2 times:', ...featureLines(cases)].join('\n'));
  console.log(['', "By what X is (round 10): cases, X in top 3, the baseline's top 3", ...byKind(cases), '', ...testsOnlyGrid(cases)].join('\n'));
}

main();
