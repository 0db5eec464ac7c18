/**
 * The team's revert habit, read from its own recent history (round 11, docs/suggestions.md): a team that reverts whole
 * pull requests (GitHub's Revert button: `Revert "Merge pull request #123 from …"`, git's "This reverts commit X,
 * reversing changes made to Y.") shows it in the reverts it already made; a team that reverts single commits shows
 * that. Where the team reverts merges, a pull request's merge is a suspect too (the whole pull request, the commits it
 * brought named in its reason), ranked just below its strongest commit; elsewhere it is listed as related, as before.
 * Round 13: a team whose reverts undo tests-only changes (a test that broke its CI, a flaky one) shows that too; there a
 * tests-only commit in the window is not halved (rank.ts, WINDOW_WEIGHTS.testsOnly).
 */
import type { GitCommit, GitHistory } from './gitHistoryPort';
import { productionWeight } from './rank';

/** How far back before start the reverts are read (one bounded `git log --grep`, no diff of anything else). */
export const HABIT_DAYS = 90;
/**
 * The team reverts merges when at least this many reverts were read and at least this share of them undid a merge.
 * Round 12: three in twenty (three in ten in round 11); a team that pushes small fixes directly and merges pull
 * requests (rails) reverts mostly single commits, yet reverts a pull request whole when one broke something.
 * Round 14: one in ten (rails, kubernetes/test-infra: a reverted merge in a team whose reverts are mostly of commits).
 * testsShare (round 13): the team reverts tests-only changes when one in ten of those reverts changed tests only.
 */
export const HABIT = { minReverts: 5, mergeShare: 0.1, testsShare: 0.1 };
/** A merge unit ranks just below its strongest commit: this fraction of that commit's weight. */
export const UNIT_BELOW = 0.9999;

/** A revert of a merge: git's own words for it, or a subject reverting a merge's subject. */
export function revertsAMerge(c: Pick<GitCommit, 'subject' | 'body'>): boolean {
  return (
    /This reverts commit [0-9a-f]{7,40},?\s+reversing\s+changes made to/i.test(c.body) ||
    /^Revert "Merge (pull request|branch|remote-tracking branch) /i.test(c.subject.trim())
  );
}

/** A revert that changed tests only (its files are those of the change it undid): no production file, a test file. */
export function revertsTestsOnly(c: Pick<GitCommit, 'files'>): boolean {
  const weights = c.files.map((f) => productionWeight(f.path));
  return !weights.includes(1) && weights.some((w) => w > 0);
}

export interface RevertHabit {
  readonly merges: number;
  readonly commits: number;
  /** The team reverts whole pull requests (merges) often enough to rank a merge as one change. */
  readonly revertsMerges: boolean;
  /** Reverts that changed tests only, and whether there are enough of them for a tests-only commit to weigh fully. */
  readonly tests: number;
  readonly revertsTests: boolean;
}

export function readHabit(reverts: readonly Pick<GitCommit, 'subject' | 'body' | 'files'>[]): RevertHabit {
  const merges = reverts.filter(revertsAMerge).length;
  const tests = reverts.filter(revertsTestsOnly).length;
  const total = reverts.length;
  const enough = total >= HABIT.minReverts;
  return {
    merges,
    commits: total - merges,
    revertsMerges: enough && merges >= HABIT.mergeShare * total,
    tests,
    revertsTests: enough && tests >= HABIT.testsShare * total,
  };
}

/**
 * The reverts of the HABIT_DAYS before start (the revert before start of this very incident included: it is history).
 * The habit only adds evidence: where git cannot read those reverts (a clone missing a large file's content), there is
 * none, and the suspects rank as without it.
 */
export async function revertHabit(git: GitHistory, startMs: number): Promise<RevertHabit | undefined> {
  const day = 24 * 60 * 60 * 1000;
  try {
    const reverts = await git.commitsInWindow(startMs - HABIT_DAYS * day, startMs, { grep: ['This reverts commit'] });
    return readHabit(reverts.filter((c) => /This reverts commit [0-9a-f]{7,40}/i.test(c.body)));
  } catch {
    return undefined;
  }
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
