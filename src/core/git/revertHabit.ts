/**
 * The team's revert habit, read from its own recent history (round 11, docs/suggestions.md): a team that reverts whole
 * pull requests (GitHub's Revert button: `Revert "Merge pull request #123 from …"`, git's "This reverts commit X,
 * reversing changes made to Y.") shows it in the reverts it already made; a team that reverts single commits shows
 * that. Where the team reverts merges, a pull request's merge is a suspect too (the whole pull request, the commits it
 * brought named in its reason), ranked just below its strongest commit; elsewhere it is listed as related, as before.
 */
import type { GitCommit, GitHistory } from './gitHistoryPort';

/** How far back before start the reverts are read (one bounded `git log --grep`, no diff of anything else). */
export const HABIT_DAYS = 90;
/**
 * The team reverts merges when at least this many reverts were read and at least this share of them undid a merge.
 * Round 12: three in twenty (three in ten in round 11); a team that pushes small fixes directly and merges pull
 * requests (rails) reverts mostly single commits, yet reverts a pull request whole when one broke something.
 */
export const HABIT = { minReverts: 5, mergeShare: 0.15 };
/** A merge unit ranks just below its strongest commit: this fraction of that commit's weight. */
export const UNIT_BELOW = 0.9999;

/** A revert of a merge: git's own words for it, or a subject reverting a merge's subject. */
export function revertsAMerge(c: Pick<GitCommit, 'subject' | 'body'>): boolean {
  return (
    /This reverts commit [0-9a-f]{7,40},?\s+reversing\s+changes made to/i.test(c.body) ||
    /^Revert "Merge (pull request|branch|remote-tracking branch) /i.test(c.subject.trim())
  );
}

export interface RevertHabit {
  readonly merges: number;
  readonly commits: number;
  /** The team reverts whole pull requests (merges) often enough to rank a merge as one change. */
  readonly revertsMerges: boolean;
}

export function readHabit(reverts: readonly Pick<GitCommit, 'subject' | 'body'>[]): RevertHabit {
  const merges = reverts.filter(revertsAMerge).length;
  const total = reverts.length;
  return { merges, commits: total - merges, revertsMerges: total >= HABIT.minReverts && merges >= HABIT.mergeShare * total };
}

/** The reverts of the HABIT_DAYS before start (the revert before start of this very incident included: it is history). */
export async function revertHabit(git: GitHistory, startMs: number): Promise<RevertHabit> {
  const day = 24 * 60 * 60 * 1000;
  const reverts = await git.commitsInWindow(startMs - HABIT_DAYS * day, startMs, { grep: ['This reverts commit'] });
  return readHabit(reverts.filter((c) => /This reverts commit [0-9a-f]{7,40}/i.test(c.body)));
}

/** Where the team reverts merges: each pull-request merge whose commits are ranked, as a suspect of its own. */
export interface MergeUnit {
  readonly merge: GitCommit;
  readonly branch: readonly GitCommit[];
  /** Its strongest commit's weight: the unit ranks just below it. */
  readonly weight: number;
}

export function mergeUnits(
  scored: ReadonlyArray<{ commit: GitCommit; score: { weight: number } }>,
  brought: ReadonlyMap<string, readonly GitCommit[]>,
): Map<string, MergeUnit> {
  const weight = new Map(scored.map((s) => [s.commit.sha, s.score.weight]));
  const units = new Map<string, MergeUnit>();
  for (const { commit } of scored) {
    const branch = (brought.get(commit.sha) ?? []).filter((c) => weight.has(c.sha));
    if (branch.length === 0) continue;
    units.set(commit.sha, { merge: commit, branch, weight: Math.max(...branch.map((c) => weight.get(c.sha)!)) });
  }
  return units;
}
