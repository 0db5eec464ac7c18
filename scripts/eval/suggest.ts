/**
 * npm run eval:suggest [-- --dir DIR] [--clone] [--source TEMPLATE] [--split tune|held-out|all]
 *                      [--only owner/name[,owner/name…]] [--repo PATH] [--limit N] [--cases FILE] [--verbose] [--quick] [--dump]
 *
 * The held-out evaluation of suspect commits (src/core/git/suggestCommits.ts, ranked
 * by src/core/git/rank.ts) on real reverts, the closest thing public history
 * holds to "the change that broke production".
 *
 * Repositories: scripts/eval/suggestRepos.ts lists public ones of
 * different shapes, split by repository into a "tune" half (the only one run
 * while choosing weights and rules) and a "held-out" half (the figures the
 * README reports). Each is a full clone (no checkout needed) at
 * DIR/owner+name; DIR defaults to ../eval-repos beside this project, or
 * $INCIDENT_LENS_EVAL_REPOS. --clone clones the missing ones with
 * `git clone --no-checkout https://github.com/owner/name.git` (--source
 * 'file:///mirrors/{owner}+{name}' or any URL template instead; a plain path
 * such as '/work/.mirror/{owner}+{name}/repo' clones a bare snapshot locally, which
 * works where a file:// clone refuses a snapshot with absent large blobs). Nothing of
 * theirs is kept in this project, and `npm test` never runs this.
 * --repo PATH measures one other clone instead.
 *
 * Method, for each revert made within a day of the commit X it reverts
 * (a commit on HEAD's history whose message says "This reverts commit X",
 * X a full SHA in the revert's own history):
 *   - The history is cut at the revert's parent (RevisionHistory): the tool
 *     never sees the revert or anything after it.
 *   - A pretend incident: start = the revert's time minus 5 minutes;
 *     impact.system = the folder X changed most (by changed lines; the first
 *     two segments under packages/, ext/, crates/, libs/, apps/, shell/,
 *     lib/, src/; a root file stands for itself); title "Incident in
 *     <system>"; no commit named, no word of either message; now = start.
 *   - The rank of X among the suggested trigger commits, whether something
 *     was preselected (or the tool said "no strong candidate") and whether
 *     X was, and the time taken.
 *   - The naive baseline on the same case, in the same run: the commits that
 *     touched the system's folder in the 24 h before start, newest first.
 * X that landed in the 5 minutes between start and the revert is counted
 * (and missed: no window before start holds it). Reverts naming a commit
 * outside their own history (a cherry-pick's original) and cases git cannot
 * read are left out, and counted.
 * Prints a Markdown table per repository and per set (X and the baseline side by side, first and
 * top 3), and one JSON line.
 */
import { promises as fs, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProcessGitHistory } from '../../src/node/git/gitHistory';
import { DAY, evaluate, reverts, START_BEFORE_REVERT_MS, HOUR, WINDOW_HOURS, type CaseResult } from './suggestCases';
import { git, run } from './revisionHistory';
import { cloneFolder, EVAL_REPOS, type EvalRepo, type Split } from './suggestRepos';

interface RepoResult {
  readonly name: string;
  readonly split: Split | 'other';
  readonly shape: string;
  readonly commits: number;
  readonly cases: CaseResult[];
  readonly skipped: { notInHistory: number; unknownTarget: number; gitFailed: number };
  readonly seconds: number;
}

async function measure(
  repo: string,
  meta: Omit<RepoResult, 'cases' | 'skipped' | 'seconds' | 'commits'>,
  limit: number,
  verbose: boolean,
  quick: boolean,
  dump = false,
): Promise<RepoResult> {
  const inner = await ProcessGitHistory.open(repo);
  if (!inner) throw new Error(`${repo} is not a git repository with commits`);
  const commits = Number((await git(repo, ['rev-list', '--count', 'HEAD'])).trim());
  const { found, unknownTarget } = await reverts(repo);
  const cases: CaseResult[] = [];
  let notInHistory = 0;
  let gitFailed = 0;
  const t0 = performance.now();
  for (const r of found) {
    if (cases.length >= limit) break;
    const target = await inner.commit(r.target);
    if (!target || r.committedMs - target.committedMs >= DAY || r.committedMs < target.committedMs) continue;
    if ((await run(repo, ['merge-base', '--is-ancestor', r.target, r.parent])).code !== 0) {
      notInHistory++;
      continue;
    }
    try {
      const c = await evaluate(repo, inner, r, target, quick, dump);
      cases.push(c);
      if (verbose) {
        process.stderr.write(
          `${meta.name} ${c.revert.slice(0, 10)} X=${c.target.slice(0, 10)} ${c.ageHours.toFixed(1).padStart(5)}h rank=${c.rank ?? '-'}/${c.triggers} base=${c.baselineRank ?? '-'}/${c.baselineCount} pre=${c.preselected ? (c.preselectedRight ? 'right' : 'wrong') : 'none'} ${c.ms}ms [${c.system}] ${c.targetSubject.slice(0, 60)}\n`,
        );
        if (c.reason) process.stderr.write(`      X: ${c.reason.slice(0, 150)}\n`);
        for (const a of c.ahead ?? []) process.stderr.write(`      ahead: ${a}\n`);
      }
    } catch (e) {
      gitFailed++;
      if (verbose) process.stderr.write(`${r.sha.slice(0, 10)} not measured: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}\n`);
    }
  }
  return { ...meta, commits, cases, skipped: { notInHistory, unknownTarget, gitFailed }, seconds: Math.round((performance.now() - t0) / 1000) };
}

// ---------------------------------------------------------------- report

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

const pct = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((100 * n) / of)} %`);

function figures(cases: readonly CaseResult[]) {
  const n = cases.length;
  const top1 = cases.filter((c) => c.rank === 1).length;
  const top3 = cases.filter((c) => c.rank !== undefined && c.rank <= 3).length;
  const b1 = cases.filter((c) => c.baselineRank === 1).length;
  const b3 = cases.filter((c) => c.baselineRank !== undefined && c.baselineRank <= 3).length;
  const pre = cases.filter((c) => c.preselected).length;
  const right = cases.filter((c) => c.preselectedRight).length;
  const beforeStart = cases.filter((c) => c.ageHours * HOUR >= START_BEFORE_REVERT_MS).length;
  const release = cases.filter((c) => c.isRelease).length;
  return {
    n,
    release,
    top1,
    top3,
    b1,
    b3,
    pre,
    right,
    beforeStart,
    medianMs: Math.round(median(cases.map((c) => c.ms))),
    p95Ms: Math.round([...cases.map((c) => c.ms)].sort((a, b) => a - b)[Math.floor(n * 0.95)] ?? 0),
  };
}

function row(label: string, shape: string, cases: readonly CaseResult[]): string {
  const f = figures(cases);
  const mark = f.top3 > f.b3 ? 'ahead' : f.top3 === f.b3 ? 'level' : 'behind';
  return `| ${label} | ${shape} | ${f.n} | ${f.release} | ${f.beforeStart} | ${f.top1} (${pct(f.top1, f.n)}) | ${f.b1} (${pct(f.b1, f.n)}) | ${f.top3} (${pct(f.top3, f.n)}) | ${f.b3} (${pct(f.b3, f.n)}) | ${mark} | ${pct(f.pre, f.n)} (${pct(f.right, f.pre)} right) | ${f.medianMs} / ${f.p95Ms} ms |`;
}

function report(results: readonly RepoResult[]): string {
  const out = [
    // X landed before start: only those can be found (by either); the others landed in the 5 minutes between start and the revert.
    '| Repository | shape | reverts < 1 day | X is a release commit | X landed before start | X 1st | baseline 1st | X in top 3 | baseline top 3 | top 3 vs baseline | preselected (X among it) | median / p95 time |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|',
  ];
  for (const split of ['tune', 'held-out', 'other'] as const) {
    const group = results.filter((r) => r.split === split);
    if (group.length === 0) continue;
    for (const r of group) out.push(row(`${split === 'other' ? '' : `${split}: `}${r.name} (${Math.round(r.commits / 1000)}k commits)`, r.shape, r.cases));
    if (split !== 'other') {
      const cases = group.flatMap((r) => r.cases);
      out.push(row(`**${split}, all**`, `${group.length} repositories`, cases));
      // Release commits are never suspects by design (src/core/git/shipping.ts): the figure without them beside the one with.
      if (cases.some((c) => c.isRelease))
        out.push(
          row(
            `${split}, X not a release commit`,
            '',
            cases.filter((c) => !c.isRelease),
          ),
        );
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main

async function ensureClone(dir: string, repo: EvalRepo, clone: boolean, source: string): Promise<string | undefined> {
  const path = join(dir, cloneFolder(repo.name));
  if (existsSync(path)) return path;
  if (!clone) return undefined;
  const [owner, name] = repo.name.split('/') as [string, string];
  const url = source.replace('{owner}', owner).replace('{name}', name);
  process.stderr.write(`cloning ${url} into ${path} …\n`);
  await git(dir, ['clone', '--quiet', '--no-checkout', '--', url, path]);
  return path;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const limit = opt('--limit') === undefined ? Infinity : Number(opt('--limit'));
  const verbose = args.includes('--verbose');
  // --quick: commits only, no code links (for choosing weights fast; timings then leave the links out).
  const quick = args.includes('--quick');
  const split = (opt('--split') ?? 'all') as Split | 'all';
  // --dump: the cases file lists every suspect of each case with its files (for studying the tune set, never held-out cases).
  const dump = args.includes('--dump');
  if (dump && split !== 'tune') throw new Error('--dump lists cases one by one: only with --split tune');
  const only = opt('--only');
  const results: RepoResult[] = [];
  const single = opt('--repo');
  if (single) {
    const repo = (await git(single, ['rev-parse', '--show-toplevel'])).trim();
    results.push(await measure(repo, { name: basename(repo), split: 'other', shape: '' }, limit, verbose, quick));
  } else {
    const dir = resolve(opt('--dir') ?? process.env.INCIDENT_LENS_EVAL_REPOS ?? join('..', 'eval-repos'));
    await fs.mkdir(dir, { recursive: true });
    const source = opt('--source') ?? 'https://github.com/{owner}/{name}.git';
    for (const r of EVAL_REPOS) {
      if ((split !== 'all' && r.split !== split) || (only && !only.split(',').includes(r.name))) continue;
      const path = await ensureClone(dir, r, args.includes('--clone'), source);
      if (!path) {
        process.stderr.write(`${r.name}: no clone at ${join(dir, cloneFolder(r.name))} (run with --clone): left out\n`);
        continue;
      }
      results.push(await measure(path, { name: r.name, split: r.split, shape: r.shape }, limit, verbose, quick, dump));
      process.stderr.write(`${r.name}: ${results[results.length - 1]!.cases.length} cases in ${results[results.length - 1]!.seconds} s\n`);
    }
  }
  console.log(
    `Reverts made within a day of the commit X they revert; history cut at the revert's parent; start 5 min before the revert; ${WINDOW_HOURS} h window.\n`,
  );
  console.log(report(results));
  console.log('');
  for (const r of results) {
    const s = r.skipped;
    if (s.notInHistory + s.unknownTarget + s.gitFailed)
      console.log(
        `${r.name}: left out ${s.notInHistory} naming a commit outside the revert's history, ${s.unknownTarget} naming a SHA not in the clone, ${s.gitFailed} git could not read.`,
      );
  }
  const heldOut = results.filter((r) => r.split === 'held-out');
  if (heldOut.length) {
    const f = figures(heldOut.flatMap((r) => r.cases));
    const ahead = heldOut.filter((r) => figures(r.cases).top3 > figures(r.cases).b3).length;
    console.log(
      `\nHeld-out: X in top 3 in ${pct(f.top3, f.n)} of ${f.n} cases (aim ≥ 60 %); ahead of the baseline in top 3 on ${ahead} of ${heldOut.length} repositories (aim: all).`,
    );
  }
  const casesFile = opt('--cases');
  if (casesFile) await fs.writeFile(casesFile, `${JSON.stringify(results, null, 1)}\n`);
  console.log(
    JSON.stringify(results.map((r) => ({ repo: r.name, split: r.split, commits: r.commits, ...figures(r.cases), skipped: r.skipped, seconds: r.seconds }))),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
