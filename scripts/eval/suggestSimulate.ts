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
 * An approximation: the 0.85 ceiling is not applied again, and "in the system" is read as "in the baseline's
 * list" (the commits that touched the system's folder). Used in the seventh round (docs/suggestions.md).
 */
import { readFileSync } from 'node:fs';
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
}

type Multiplier = (k: DumpedCandidate, c: Case) => number;

const FEATURE = /^(\[[\w -]+\]\s*)?feat(ure)?(\([^)]*\))?!?:/i;
const REVERT = /^(\[[\w -]+\]\s*)?revert\b/i;
const TEST_PATH =
  /(^|\/)(__tests__|tests?|spec|specs|e2e|fixtures?|__snapshots__|testdata|playground|examples?|benchmarks?)\/|[._-](test|spec)\.[a-z]+$|_test\.go$/i;

const lines = (k: DumpedCandidate) => k.files.reduce((n, [, a, d]) => n + a + d, 0);
const typed = (k: DumpedCandidate, type: string) => new RegExp(`^${type}(\\([^)]*\\))?!?:`, 'i').test(k.subject);
const sameAuthor = (k: DumpedCandidate, c: Case) => c.candidates.filter((j) => j.author === k.author);
const touchedLater = (k: DumpedCandidate, c: Case) => {
  const mine = new Set(k.files.map(([p]) => p));
  return c.candidates.some((j) => j !== k && j.minutesBefore < k.minutesBefore && j.files.some(([p]) => mine.has(p)));
};

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
];

function load(file: string): Case[] {
  const repos = JSON.parse(readFileSync(file, 'utf8')) as DumpedRepo[];
  return repos.flatMap((r) =>
    r.cases
      .filter((c) => !c.isRelease && c.candidates && c.candidates.length > 0)
      .map((c) => ({ repo: r.name, system: c.system, target: c.target, candidates: c.candidates! })),
  );
}

/** Top 1 and top 3 of X over the cases with every suspect's score multiplied. */
function rerank(cases: readonly Case[], multiply: Multiplier): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  for (const c of cases) {
    const scored = c.candidates.map((k) => ({ x: k.sha === c.target, s: k.score * multiply(k, c) })).sort((a, b) => b.s - a.s);
    const at = scored.findIndex((k) => k.x);
    if (at === 0) top1++;
    if (at >= 0 && at < 3) top3++;
  }
  return { top1, top3 };
}

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
    const r = rerank(cases, withWeights(w));
    out.push(`${label}: ${r.top1} / ${r.top3}`);
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
    return `${name}: X ${share(x, xs)}, others ${share(others, os)}; 0.8: ${low.top1} / ${low.top3}, 1.2: ${high.top1} / ${high.top3}`;
  });
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: suggestSimulate.js CASES.json (from eval:suggest --split tune --quick --dump --cases)');
  const cases = load(file);
  const now = rerank(cases, () => 1);
  console.log(`${cases.length} cases (X not a release commit), top 1 / top 3 as scored: ${now.top1} / ${now.top3}\n`);
  console.log(['Weights of rank.ts varied:', ...weightGrid(cases), '', 'Features, each at 0.8 and 1.2 times:', ...featureLines(cases)].join('\n'));
}

main();
