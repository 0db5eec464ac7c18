/**
 * Pull-request merges in the window: a merge and the branch commits it
 * brought are one change. The branch commits reached the mainline (and ran)
 * only when the merge landed, and each says more precisely what changed, so
 * they rank on their own from the merge's time and the merge is listed as
 * related to them.
 */
import type { GitCommit } from './gitHistoryPort';

/** Past this many commits in the window the merges are not read (the walk is per merge). */
const MAX_COMMITS = 3000;

/** The window commits reachable from `from` through parents that are themselves window commits. */
function reach(from: readonly string[], bySha: ReadonlyMap<string, GitCommit>): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const sha = stack.pop()!;
    const c = bySha.get(sha);
    if (!c || seen.has(sha)) continue;
    seen.add(sha);
    stack.push(...c.parents);
  }
  return seen;
}

/** For each merge among the commits, the commits of the window its other parents brought (none its first parent already had). */
export function broughtByMerges(commits: readonly GitCommit[]): Map<string, GitCommit[]> {
  const out = new Map<string, GitCommit[]>();
  if (commits.length > MAX_COMMITS) return out;
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  for (const merge of commits) {
    if (merge.parents.length < 2) continue;
    const side = reach(merge.parents.slice(1), bySha);
    if (side.size === 0) continue;
    const main = reach([merge.parents[0]!], bySha);
    const brought = [...side].filter((s) => !main.has(s)).map((s) => bySha.get(s)!);
    if (brought.length > 0) out.set(merge.sha, brought);
  }
  return out;
}

/** When each brought commit reached the mainline: the time of the (outermost) merge that brought it. */
export function landedByMerge(brought: ReadonlyMap<string, readonly GitCommit[]>, commits: readonly GitCommit[]): Map<string, { ms: number; merge: string }> {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const landed = new Map<string, { ms: number; merge: string }>();
  for (const [sha, list] of brought) {
    const merge = bySha.get(sha)!;
    for (const c of list) {
      const was = landed.get(c.sha);
      if (!was || merge.committedMs > was.ms) landed.set(c.sha, { ms: merge.committedMs, merge: sha });
    }
  }
  return landed;
}

/** Branches a project integrates into: a merge of one of these into another branch is a back-merge. */
const MAINLINE = String.raw`(main|master|develop|development|dev|trunk)`;
const BACK_MERGE = new RegExp(String.raw`^Merge (remote-tracking )?branch '(origin/|upstream/)?${MAINLINE}' into (?!'?${MAINLINE}\b)`, 'i');

/**
 * A back-merge: the mainline merged into a topic branch ("Merge branch 'develop' into daniel/useragent", git's own
 * message). What it brings was already on the mainline, running there; its diff (the mainline's changes, often dozens
 * of files) says nothing of the branch. Not a suspect (round 8, docs/suggestions.md).
 */
export function isBackMerge(commit: Pick<GitCommit, 'subject' | 'parents'>): boolean {
  return commit.parents.length > 1 && BACK_MERGE.test(commit.subject.trim());
}
