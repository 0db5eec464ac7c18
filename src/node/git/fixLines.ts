/**
 * What a diff does to incidents' fixes, read from git: the lines it changes
 * that a fix wrote (blamed at the merge base), and the commits in the range
 * that revert a fix. Bounded: only the diff's changed lines are blamed, no
 * further back than the oldest fix.
 */
import type { FixTouch, FixCommit } from '../../core/risk/assessRisk';
import { revertedSha } from '../../core/git/gitHistoryPort';
import { sameCommit } from '../../core/records/model';
import { parseHunks } from './gitHistory';
import { git, GitError } from './run';

const DAY = 24 * 60 * 60 * 1000;

/** The commits a fix brought: itself, and for a merge the commits it merged. */
async function commitsOfFix(cwd: string, sha: string): Promise<string[]> {
  try {
    const parents = (await git(cwd, ['rev-list', '--parents', '-n', '1', sha])).trim().split(' ').slice(1);
    if (parents.length < 2) return [(await git(cwd, ['rev-parse', `${sha}^{commit}`])).trim()];
    return (await git(cwd, ['rev-list', `${sha}^1..${sha}`])).split('\n').filter(Boolean);
  } catch (e) {
    if (e instanceof GitError) return []; // not in this repository
    throw e;
  }
}

export async function fixTouches(cwd: string, rev: string, fixes: readonly FixCommit[]): Promise<FixTouch[]> {
  if (fixes.length === 0) return [];
  if (rev.startsWith('-')) throw new GitError(`"${rev}" is not a revision`);
  const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
  const base = (await git(top, ['merge-base', rev, 'HEAD'])).trim();
  const owner = new Map<string, FixCommit>();
  let oldest = Infinity;
  for (const fix of fixes) {
    for (const sha of await commitsOfFix(top, fix.sha)) {
      owner.set(sha, fix);
      const t = Number((await git(top, ['log', '-1', '--format=%ct', sha])).trim()) * 1000;
      oldest = Math.min(oldest, t);
    }
  }
  const touches: FixTouch[] = [];
  // Commits in the range that revert a fix.
  const log = await git(top, ['log', '--format=%H%x1f%B%x1e', `${base}..HEAD`]);
  for (const chunk of log.split('\x1e')) {
    const [sha, body] = chunk.trim().split('\x1f');
    const target = body && revertedSha(body);
    if (!sha || !target) continue;
    const fix = fixes.find((f) => sameCommit(f.sha, target)) ?? [...owner.entries()].find(([s]) => sameCommit(s, target))?.[1];
    if (fix) touches.push({ kind: 'reverts-fix', incidentId: fix.incidentId, fixSha: fix.sha, by: sha });
  }
  if (owner.size === 0) return touches;
  // Lines the change edits that a fix wrote: blame the old side of the diff at the base.
  const diff = await git(top, ['diff', '-U0', '--no-color', '--no-ext-diff', '-M', base, '--']);
  const byFile = new Map<string, { old: Array<{ start: number; count: number }>; path?: string; news: Array<{ start: number; count: number }> }>();
  for (const h of parseHunks(diff)) {
    if (!h.oldPath || h.oldCount === 0) continue;
    const e = byFile.get(h.oldPath) ?? { old: [], news: [], ...(h.path ? { path: h.path } : {}) };
    e.old.push({ start: h.oldStart, count: h.oldCount });
    e.news.push({ start: h.newStart, count: h.newCount });
    byFile.set(h.oldPath, e);
  }
  for (const [oldPath, e] of byFile) {
    const args = [
      'blame',
      '--porcelain',
      `--since=${new Date(oldest - DAY).toISOString()}`,
      ...e.old.map((r) => `-L${r.start},+${r.count}`),
      base,
      '--',
      oldPath,
    ];
    let out: string;
    try {
      out = await git(top, args);
    } catch (err) {
      if (err instanceof GitError) continue;
      throw err;
    }
    for (const line of out.split('\n')) {
      const m = /^([0-9a-f]{40}) (\d+) (\d+)(?: (\d+))?$/.exec(line);
      if (!m) continue;
      const fix = owner.get(m[1]!);
      if (!fix) continue;
      const oldLine = Number(m[2]);
      const hunk = e.old.findIndex((r) => oldLine >= r.start && oldLine < r.start + r.count);
      const where = e.news[Math.max(0, hunk)]!;
      const path = (e.path ?? oldPath).startsWith(prefix) ? (e.path ?? oldPath).slice(prefix.length) : undefined;
      if (!path) continue;
      const region = { startLine: Math.max(1, where.start), endLine: Math.max(1, where.start + Math.max(where.count, 1) - 1) };
      if (!touches.some((t) => t.kind === 'edits-fix-lines' && t.file === path && t.fixSha === fix.sha && t.region.startLine === region.startLine)) {
        touches.push({ kind: 'edits-fix-lines', incidentId: fix.incidentId, fixSha: fix.sha, file: path, region });
      }
    }
  }
  return touches;
}
