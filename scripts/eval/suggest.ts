/**
 * npm run eval:suggest -- --repo PATH [--limit N] [--cases FILE] [--verbose]
 *
 * Measures the window ranking of suggestFromHistory (src/core/git/suggest.ts,
 * scored by src/core/git/rank.ts) on real reverts, the closest thing public
 * history holds to "the change that broke production".
 *
 * Method, for each revert on HEAD's history (a commit whose message says
 * "This reverts commit X" with X a full SHA of a commit in the repository):
 *   - The history is taken as it stood just before the revert: a GitHistory
 *     whose HEAD is the revert's parent (RevisionHistory below). No checkout,
 *     no worktree: every git question names that revision instead of HEAD.
 *     The tool never sees the revert or anything after it.
 *   - A pretend incident is built: start = the revert's committer time minus
 *     5 minutes; impact.system = the package or top folder X changed most
 *     (by changed lines; the first two path segments under a generic
 *     container such as packages/, ext/, crates/, libs/, apps/, shell/, lib/,
 *     src/; a file at the root stands for itself); a neutral title
 *     ("Incident in <system>"); no commits named, no words from either commit
 *     message. `now` is start: nothing after start is looked at.
 *   - suggestFromHistory runs on it; we record the 1-based rank of X among
 *     the suggested trigger commits ("missing" when absent) and whether a
 *     suggested code link points at a file X changed (as that file is named
 *     at the revert's parent).
 *   - Naive baseline on the same case: the commits that touched the system's
 *     folder (git log -- <folder>) in the 24 h before start, newest first.
 * Cases are split by how long before the revert X landed (< 1 day, < 1 week,
 * older). Only the < 1 day bucket is in reach of the 24 h window ranking;
 * older cases show what the other evidence (named commits, fixes, SZZ) must
 * find in a real incident. The extra row "< 1 day, before start" leaves out
 * X that landed in the 5 minutes between start and the revert (release
 * automation reverting its own commit), which no window before start holds.
 * Reverts naming a commit that is not in their own history (a cherry-pick's
 * original SHA) are skipped, and so are cases where git fails (a clone
 * missing objects: suggest.ts notes what it could not read); both are
 * counted. X may itself be a revert (a re-land): it is a change like any
 * other and is measured.
 * --cases FILE writes every case as JSON; --verbose lists them on stderr.
 *
 * Measured on flutter/cocoon, denoland/deno and electron/electron
 * (https://github.com/flutter/cocoon, https://github.com/denoland/deno,
 * https://github.com/electron/electron), full clones; no repository data is
 * kept in this project. Prints a Markdown table and one JSON line.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BlameSpan, GitCommit, GitHistory, GitHunk, LineRange } from '../../src/core/git/history';
import { revertedSha } from '../../src/core/git/history';
import { suggestFromHistory } from '../../src/core/git/suggest';
import { buildIncident } from '../../src/core/model';
import type { IncidentRecord } from '../../src/core/schema';
import { parseLog, parseRenames, ProcessGitHistory } from '../../src/node/git/history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW_HOURS = 24;
/** The pretend incident starts this long before the revert. */
const START_BEFORE_REVERT_MS = 5 * 60_000;
const FORMAT = '%x1e%H%x1f%P%x1f%an%x1f%ct%x1f%s%x1f%b%x1f';
const GENERIC_CONTAINERS = new Set(['packages', 'ext', 'crates', 'libs', 'apps', 'shell', 'lib', 'src']);

// ---------------------------------------------------------------- git

interface Run {
  readonly code: number;
  readonly out: string;
}

/** Runs git in `cwd`; the exit code is returned, not thrown (merge-base --is-ancestor answers with it). */
function run(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) => {
      if (err && typeof (err as { code?: unknown }).code !== 'number') reject(err);
      else resolve({ code: err ? (err as { code: number }).code : 0, out: stdout });
    });
  });
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const r = await run(cwd, args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} exited with ${r.code}`);
  return r.out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The repository as it stood at `head` (a full SHA): what ProcessGitHistory
 * answers, with every question about HEAD asked about `head` instead.
 * Questions about a given commit (its diff, blame at a given revision) are
 * the same at any HEAD and go to ProcessGitHistory; commit() refuses SHAs
 * that are not in `head`'s history.
 */
class RevisionHistory implements GitHistory {
  readonly prefix = '';
  private readonly renames = new Map<string, Promise<Map<string, string | null>>>();
  private readonly ancestors = new Map<string, Promise<boolean>>();

  constructor(
    private readonly cwd: string,
    private readonly head: string,
    private readonly inner: ProcessGitHistory,
  ) {}

  async commitsInWindow(sinceMs: number, untilMs: number, options: { grep?: readonly string[] } = {}): Promise<GitCommit[]> {
    const args = ['log', this.head, `--since=${iso(sinceMs)}`, `--until=${iso(untilMs)}`, `--format=${FORMAT}`, '-z', '--raw', '--numstat', '-M', '--diff-merges=first-parent', '--no-abbrev'];
    if (options.grep?.length) args.push('-i', '-F', ...options.grep.map((g) => `--grep=${g}`));
    return parseLog(await git(this.cwd, args)).filter((c) => c.committedMs >= sinceMs && c.committedMs <= untilMs);
  }

  private isAncestor(sha: string): Promise<boolean> {
    let p = this.ancestors.get(sha);
    if (!p) {
      p = run(this.cwd, ['merge-base', '--is-ancestor', sha, this.head]).then((r) => r.code === 0);
      this.ancestors.set(sha, p);
    }
    return p;
  }

  async commit(ref: string): Promise<GitCommit | undefined> {
    const c = await this.inner.commit(ref);
    return c && (await this.isAncestor(c.sha)) ? c : undefined;
  }

  hunks(sha: string): Promise<GitHunk[]> {
    return this.inner.hunks(sha);
  }

  blame(rev: string, path: string, ranges: readonly LineRange[], sinceMs: number): Promise<BlameSpan[]> {
    return this.inner.blame(rev === 'HEAD' ? this.head : rev, path, ranges, sinceMs);
  }

  async pathAtHead(sha: string, path: string): Promise<string | undefined> {
    let p = this.renames.get(sha);
    if (!p) {
      p = git(this.cwd, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', sha, this.head, '--']).then(parseRenames);
      this.renames.set(sha, p);
    }
    const map = await p;
    if (!map.has(path)) return path;
    return map.get(path) ?? undefined;
  }

  fileAt(rev: string, path: string): Promise<string | undefined> {
    return this.inner.fileAt(rev === 'HEAD' ? this.head : rev, path);
  }

  async filesContaining(word: string, limit: number): Promise<string[]> {
    if (!/^[\w$]+$/.test(word)) return [];
    const r = await run(this.cwd, ['grep', '-l', '-w', '-F', '--full-name', word, this.head, '--']);
    return r.out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(l.indexOf(':') + 1))
      .slice(0, limit);
  }
}

// ---------------------------------------------------------------- cases

interface Revert {
  readonly sha: string;
  readonly parent: string;
  readonly committedMs: number;
  /** The commit it reverts. */
  readonly target: string;
  /** It names more than one commit (only the first is measured). */
  readonly several: boolean;
}

/** Reverts on HEAD's history, newest first, whose named commit is in the repository. */
async function reverts(repo: string): Promise<{ found: Revert[]; unknownTarget: number }> {
  const out = await git(repo, ['log', 'HEAD', '-F', '--grep=This reverts commit', '--format=%x1e%H%x1f%P%x1f%ct%x1f%B']);
  const found: Revert[] = [];
  let unknownTarget = 0;
  for (const chunk of out.split('\x1e')) {
    if (!chunk.trim()) continue;
    const [sha, parents, ct, body] = chunk.split('\x1f') as [string, string, string, string];
    const named = [...body.matchAll(/This reverts commit ([0-9a-f]{40})/gi)].map((m) => m[1]!.toLowerCase());
    const parent = parents.split(' ')[0];
    if (named.length === 0 || !parent) continue;
    const exists = await run(repo, ['cat-file', '-e', `${named[0]}^{commit}`]);
    if (exists.code !== 0) {
      unknownTarget++;
      continue;
    }
    found.push({ sha, parent, committedMs: Number(ct) * 1000, target: named[0]!, several: new Set(named).size > 1 });
  }
  return { found, unknownTarget };
}

/** "ext/node", "cli", "shell/browser": where a path lies, as an incident would name the system. */
function systemOf(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return path;
  if (parts.length >= 3 && GENERIC_CONTAINERS.has(parts[0]!)) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

/** The system X changed most, by changed lines (ties: more files, then name). */
function impactedSystem(commit: GitCommit): string | undefined {
  const tally = new Map<string, { lines: number; files: number }>();
  for (const f of commit.files) {
    const key = systemOf(f.path);
    const t = tally.get(key) ?? { lines: 0, files: 0 };
    t.lines += Math.max(1, f.added + f.deleted);
    t.files += 1;
    tally.set(key, t);
  }
  return [...tally.entries()].sort((a, b) => b[1].lines - a[1].lines || b[1].files - a[1].files || a[0].localeCompare(b[0]))[0]?.[0];
}

function startText(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

type Bucket = '< 1 day' | '< 1 week' | 'older';
const BUCKETS: readonly Bucket[] = ['< 1 day', '< 1 week', 'older'];

function bucketOf(ageMs: number): Bucket {
  return ageMs < DAY ? '< 1 day' : ageMs < 7 * DAY ? '< 1 week' : 'older';
}

interface CaseResult {
  readonly revert: string;
  readonly target: string;
  readonly targetSubject: string;
  readonly bucket: Bucket;
  readonly ageHours: number;
  readonly system: string;
  /** 1-based among suggested trigger commits; undefined: missing. */
  readonly rank?: number;
  readonly score?: number;
  readonly triggers: number;
  readonly filesLinked: boolean;
  readonly ms: number;
  /** 1-based among the baseline's commits; undefined: missing. */
  readonly baselineRank?: number;
  readonly baselineCount: number;
  readonly targetIsRevert: boolean;
  readonly several: boolean;
  readonly ahead?: readonly string[];
}

async function evaluate(repo: string, r: Revert, target: GitCommit): Promise<CaseResult> {
  const system = impactedSystem(target) ?? basename(repo);
  const startMs = r.committedMs - START_BEFORE_REVERT_MS;
  const record = {
    id: 'INC-9001',
    title: `Incident in ${system}`,
    status: 'active',
    priority: 'P2',
    start: startText(startMs),
    impact: { system },
  } as IncidentRecord;
  const { incident } = buildIncident('.incidents/INC-9001.yaml', record);

  const inner = await ProcessGitHistory.open(repo);
  if (!inner) throw new Error(`${repo} is not a git repository`);
  const history = new RevisionHistory(repo, r.parent, inner);
  const t0 = performance.now();
  const s = await suggestFromHistory(incident, [], history, { now: startMs, windowHours: WINDOW_HOURS });
  const ms = performance.now() - t0;
  // suggest.ts turns a git failure into a note and goes on; here that case is not measured (a clone missing objects).
  const failed = s.notes.find((n) => n.startsWith('could not read'));
  if (failed) throw new Error(failed);

  const triggers = s.commits.filter((c) => c.role === 'trigger');
  const i = triggers.findIndex((c) => c.sha === target.sha);
  const files = new Set<string>();
  for (const f of target.files) {
    if (f.status === 'deleted') continue;
    const p = await history.pathAtHead(target.sha, f.path);
    if (p) files.add(p);
  }
  const filesLinked = s.links.some((l) => files.has(l.link.path));

  // Baseline: newest first, the commits that touched the system's folder (or root file) in the window.
  const folder = system.includes('/') || target.files.some((f) => f.path.startsWith(`${system}/`)) ? `${system}/` : system;
  const log = await git(repo, ['log', r.parent, `--since=${iso(startMs - WINDOW_HOURS * HOUR)}`, `--until=${iso(startMs)}`, '--format=%H %ct', '--', folder]);
  const baseline = log
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ') as [string, string])
    .filter(([, ct]) => Number(ct) * 1000 >= startMs - WINDOW_HOURS * HOUR && Number(ct) * 1000 <= startMs)
    .map(([sha]) => sha);
  const b = baseline.indexOf(target.sha);

  return {
    revert: r.sha,
    target: target.sha,
    targetSubject: target.subject,
    bucket: bucketOf(r.committedMs - target.committedMs),
    ageHours: (r.committedMs - target.committedMs) / HOUR,
    system,
    ...(i >= 0 ? { rank: i + 1, score: Math.round(triggers[i]!.score * 1000) / 1000 } : {}),
    triggers: triggers.length,
    filesLinked,
    ms: Math.round(ms),
    ...(b >= 0 ? { baselineRank: b + 1 } : {}),
    baselineCount: baseline.length,
    targetIsRevert: revertedSha(target.body) !== undefined,
    several: r.several,
    ...(i !== 0 ? { ahead: triggers.slice(0, Math.min(3, i < 0 ? 3 : i)).map((c) => `${c.sha.slice(0, 10)} ${c.score.toFixed(3)} ${c.subject.slice(0, 70)}`) } : {}),
  };
}

// ---------------------------------------------------------------- report

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((1000 * n) / of) / 10);

interface Figures {
  readonly cases: number;
  readonly top1: number;
  readonly top3: number;
  readonly filesLinked: number;
  readonly medianMs: number;
  readonly baselineTop1: number;
  readonly baselineTop3: number;
}

function figures(cases: readonly CaseResult[]): Figures {
  const n = cases.length;
  return {
    cases: n,
    top1: pct(cases.filter((c) => c.rank === 1).length, n),
    top3: pct(cases.filter((c) => c.rank !== undefined && c.rank <= 3).length, n),
    filesLinked: pct(cases.filter((c) => c.filesLinked).length, n),
    medianMs: Math.round(median(cases.map((c) => c.ms))),
    baselineTop1: pct(cases.filter((c) => c.baselineRank === 1).length, n),
    baselineTop3: pct(cases.filter((c) => c.baselineRank !== undefined && c.baselineRank <= 3).length, n),
  };
}

function table(name: string, rows: ReadonlyArray<[string, Figures]>): string {
  const out = [
    `### ${name}`,
    '',
    '| X landed before the revert | cases | X ranked 1st | X in top 3 | X\'s files linked | median time/case | baseline 1st | baseline top 3 |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const [label, f] of rows) {
    out.push(`| ${label} | ${f.cases} | ${f.top1} % | ${f.top3} % | ${f.filesLinked} % | ${f.medianMs} ms | ${f.baselineTop1} % | ${f.baselineTop3} % |`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const repoArg = opt('--repo');
  if (!repoArg) throw new Error('usage: npm run eval:suggest -- --repo PATH [--limit N] [--cases FILE] [--verbose]');
  const limit = opt('--limit') === undefined ? Infinity : Number(opt('--limit'));
  const casesFile = opt('--cases');
  const verbose = args.includes('--verbose');
  const repo = (await git(repoArg, ['rev-parse', '--show-toplevel'])).trim();
  const head = (await git(repo, ['rev-parse', 'HEAD'])).trim();
  const all = await ProcessGitHistory.open(repo);
  if (!all) throw new Error(`${repo} is not a git repository with commits`);

  const { found, unknownTarget } = await reverts(repo);
  const results: CaseResult[] = [];
  let notInHistory = 0;
  const unreadable: string[] = [];
  const t0 = performance.now();
  for (const r of found) {
    if (results.length >= limit) break;
    const ancestor = await run(repo, ['merge-base', '--is-ancestor', r.target, r.parent]);
    const target = await all.commit(r.target);
    if (ancestor.code !== 0 || !target) {
      notInHistory++;
      continue;
    }
    let c: CaseResult;
    try {
      c = await evaluate(repo, r, target);
    } catch (e) {
      // A clone missing objects (a partial clone whose promisor lacks them) fails git log --numstat on that window.
      unreadable.push(`${r.sha.slice(0, 10)}: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
      if (verbose) process.stderr.write(`${r.sha.slice(0, 10)} X=${r.target.slice(0, 10)} not measured: ${unreadable[unreadable.length - 1]}\n`);
      continue;
    }
    results.push(c);
    if (verbose) {
      process.stderr.write(
        `${c.revert.slice(0, 10)} X=${c.target.slice(0, 10)} ${c.bucket.padEnd(8)} ${c.ageHours.toFixed(1).padStart(7)}h rank=${c.rank ?? '-'}/${c.triggers} base=${c.baselineRank ?? '-'}/${c.baselineCount} links=${c.filesLinked ? 'y' : 'n'} ${c.ms}ms [${c.system}] ${c.targetSubject.slice(0, 60)}\n`,
      );
      for (const a of c.ahead ?? []) process.stderr.write(`      ahead: ${a}\n`);
    }
  }
  const elapsed = (performance.now() - t0) / 1000;

  const rows: Array<[string, Figures]> = BUCKETS.map((b) => [b, figures(results.filter((c) => c.bucket === b))]);
  // X landed in the 5 minutes between the pretend start and the revert: after start, out of any window's reach.
  rows.splice(1, 0, ['< 1 day, before start', figures(results.filter((c) => c.bucket === '< 1 day' && c.ageHours * HOUR >= START_BEFORE_REVERT_MS))]);
  rows.push(['all', figures(results)]);
  const name = basename(repo);
  console.log(table(`${name} (HEAD ${head.slice(0, 10)}, ${results.length} reverts${Number.isFinite(limit) ? `, newest ${limit}` : ''})`, rows));
  console.log('');
  const skipped = { revertedCommitUnknown: unknownTarget, revertedCommitNotInHistory: notInHistory, gitFailed: unreadable.length };
  const extra = {
    targetIsRevert: results.filter((c) => c.targetIsRevert).length,
    revertNamesSeveral: results.filter((c) => c.several).length,
  };
  console.log(
    `Skipped: ${unknownTarget} revert(s) naming a SHA not in the repository, ${notInHistory} naming a commit outside the revert's own history, ` +
      `${unreadable.length} where git failed (objects missing from the clone). ` +
      `X is itself a revert in ${extra.targetIsRevert} case(s); ${extra.revertNamesSeveral} revert(s) name several commits (the first is measured). ${elapsed.toFixed(0)} s in all.`,
  );
  console.log('');
  console.log(JSON.stringify({ repo: name, head, limit: Number.isFinite(limit) ? limit : null, windowHours: WINDOW_HOURS, skipped, ...extra, buckets: Object.fromEntries(rows), seconds: Math.round(elapsed) }));
  if (casesFile) await fs.writeFile(casesFile, `${JSON.stringify(results, null, 1)}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
