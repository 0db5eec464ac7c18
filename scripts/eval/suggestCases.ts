/**
 * The revert cases of the evaluation (scripts/eval/suggest.ts) and how one is
 * measured: the pretend incident, the ranking, and the naive baseline on the
 * same case.
 */
import { performance } from 'node:perf_hooks';
import type { GitCommit } from '../../src/core/git/gitHistoryPort';
import { revertedSha } from '../../src/core/git/gitHistoryPort';
import { isReleaseCommit } from '../../src/core/git/shipping';
import { selectSuggestions, suggestFromHistory } from '../../src/core/git/suggestCommits';
import { buildIncident } from '../../src/core/records/model';
import type { IncidentRecord } from '../../src/core/records/schema';
import type { ProcessGitHistory } from '../../src/node/git/gitHistory';
import { git, iso, RevisionHistory, run } from './revisionHistory';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WINDOW_HOURS = 24;
/** The pretend incident starts this long before the revert. */
export const START_BEFORE_REVERT_MS = 5 * 60_000;
const GENERIC_CONTAINERS = new Set(['packages', 'ext', 'crates', 'libs', 'apps', 'shell', 'lib', 'src']);

export interface Revert {
  readonly sha: string;
  readonly parent: string;
  readonly committedMs: number;
  /** The commit it reverts. */
  readonly target: string;
  /** It names more than one commit (only the first is measured). */
  readonly several: boolean;
}

/** Reverts on HEAD's history, newest first, whose named commit is in the repository. */
export async function reverts(repo: string): Promise<{ found: Revert[]; unknownTarget: number }> {
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
export function impactedSystem(commit: GitCommit): string | undefined {
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

export interface CaseResult {
  readonly revert: string;
  readonly target: string;
  readonly targetSubject: string;
  readonly ageHours: number;
  readonly system: string;
  /** 1-based among suggested trigger commits; undefined: missing. */
  readonly rank?: number;
  readonly score?: number;
  readonly triggers: number;
  /** Something was preselected (no abstaining), and whether X was among it. */
  readonly preselected: boolean;
  readonly preselectedRight: boolean;
  readonly filesLinked: boolean;
  readonly ms: number;
  /** 1-based among the baseline's commits; undefined: missing. */
  readonly baselineRank?: number;
  readonly baselineCount: number;
  readonly targetIsRevert: boolean;
  readonly several: boolean;
  readonly ahead?: readonly string[];
  readonly reason?: string;
  readonly isRelease: boolean;
  /** The two best trigger scores and whether the first is X (for choosing when to abstain). */
  readonly best: readonly number[];
  readonly firstIsX: boolean;
  /** With --dump: every suspect in rank order with what it changed (for studying the tune set offline). */
  readonly candidates?: readonly DumpedCandidate[];
}

export interface DumpedCandidate {
  readonly sha: string;
  readonly score: number;
  readonly windowOnly: boolean;
  readonly minutesBefore: number;
  readonly author: string;
  readonly subject: string;
  readonly parents: number;
  readonly baselineRank?: number;
  readonly files: ReadonlyArray<readonly [string, number, number]>;
}

/** Newest first, the commits that touched the system's folder (or root file) in the window: the naive answer. */
async function baseline(repo: string, r: Revert, target: GitCommit, system: string, startMs: number): Promise<string[]> {
  const folder = system.includes('/') || target.files.some((f) => f.path.startsWith(`${system}/`)) ? `${system}/` : system;
  const since = startMs - WINDOW_HOURS * HOUR;
  const log = await git(repo, ['log', r.parent, `--since=${iso(since)}`, `--until=${iso(startMs)}`, '--format=%H %ct', '--', folder]);
  return log
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ') as [string, string])
    .filter(([, ct]) => Number(ct) * 1000 >= since && Number(ct) * 1000 <= startMs)
    .map(([sha]) => sha);
}

export async function evaluate(repo: string, inner: ProcessGitHistory, r: Revert, target: GitCommit, quick = false, dump = false): Promise<CaseResult> {
  const system = impactedSystem(target) ?? 'root';
  const startMs = r.committedMs - START_BEFORE_REVERT_MS;
  const record = {
    id: 'INC-9001',
    title: `Incident in ${system}`,
    status: 'active',
    priority: 'P2',
    start: new Date(startMs).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    impact: { system },
  } as IncidentRecord;
  const { incident } = buildIncident('.incidents/INC-9001.yaml', record);

  const history = new RevisionHistory(repo, r.parent, inner);
  const t0 = performance.now();
  const s = await suggestFromHistory(incident, [], history, { now: startMs, windowHours: WINDOW_HOURS, ...(quick ? { links: false } : {}) });
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
  const picked = selectSuggestions(s).commits;
  const base = await baseline(repo, r, target, system, startMs);
  const b = base.indexOf(target.sha);
  const candidates: DumpedCandidate[] = [];
  for (const c of dump ? triggers.slice(0, 30) : []) {
    const commit = await history.commit(c.sha);
    const at = base.indexOf(c.sha);
    candidates.push({
      sha: c.sha,
      score: Math.round(c.score * 1000) / 1000,
      windowOnly: c.windowOnly === true,
      minutesBefore: Math.round((startMs - c.committedMs) / 60_000),
      author: c.author,
      subject: c.subject,
      parents: commit?.parents.length ?? 1,
      ...(at >= 0 ? { baselineRank: at + 1 } : {}),
      files: (commit?.files ?? []).slice(0, 80).map((f) => [f.path, f.added, f.deleted] as const),
    });
  }
  return {
    revert: r.sha,
    target: target.sha,
    targetSubject: target.subject,
    ageHours: (r.committedMs - target.committedMs) / HOUR,
    system,
    ...(i >= 0 ? { rank: i + 1, score: Math.round(triggers[i]!.score * 1000) / 1000, reason: triggers[i]!.reasons[0] } : {}),
    triggers: triggers.length,
    preselected: picked.length > 0,
    preselectedRight: picked.some((c) => c.sha === target.sha),
    filesLinked: s.links.some((l) => files.has(l.link.path)),
    ms: Math.round(ms),
    ...(b >= 0 ? { baselineRank: b + 1 } : {}),
    baselineCount: base.length,
    targetIsRevert: revertedSha(target.body) !== undefined,
    several: r.several,
    isRelease: isReleaseCommit(target),
    best: triggers.slice(0, 2).map((c) => Math.round(c.score * 1000) / 1000),
    firstIsX: triggers[0]?.sha === target.sha,
    ...(dump ? { candidates } : {}),
    ...(i !== 0
      ? { ahead: triggers.slice(0, Math.min(3, i < 0 ? 3 : i)).map((c) => `${c.sha.slice(0, 10)} ${c.score.toFixed(3)} ${c.subject.slice(0, 70)}`) }
      : {}),
  };
}
