/**
 * The window before start: which commits had shipped (shipping.ts), and how
 * each ranks as the trigger (rank.ts), with the reason in words. Release
 * commits mark a batch and are listed as related, never as suspects; with
 * deploy information, a commit the running deploy did not have is not
 * ranked at all, and the last deploy's batch ranks first.
 */
import type { Incident } from '../records/model';
import { formatDuration, TIME } from '../time/recordTime';
import { clock, quoted } from './describe';
import type { DeployEntry } from './deployLogFormat';
import type { GitCommit, GitHistory } from './gitHistoryPort';
import { favourNewestInSystem, isTestsOnly, productionWeight, windowWeight, type WindowScore } from './rank';
import { broughtByMerges, isBackMerge, landedByMerge } from './merges';
import { HABIT_DAYS, mergeUnits, revertHabit, UNIT_BELOW, type MergeUnit, type RevertHabit } from './revertHabit';
import { deployMarksBefore, isReleaseCommit, readShipping, type Shipping } from './shipping';
import type { Evidence } from './suggestTypes';
import { anchorAtRoot, describeMatches, recordWords, withoutSiblingWords, type RecordWords } from './words';

/** A deploy's batch is looked for no further back than this. */
const MAX_BATCH_DAYS = 14;
/** Symbols are read (one diff each) for this many of the strongest commits, when the record has words to match. */
const SYMBOL_READS = 5;
/** A commit in the last batch before start ranks above any other: its weight starts here. */
const BATCH_FLOOR = 0.3;
/** A commit an earlier deploy ran (it ran without incident until now) keeps this much. */
const EARLIER_DEPLOY = 0.5;

export interface WindowInput {
  readonly incident: Incident;
  readonly startMs: number;
  readonly windowMs: number;
  readonly offsetMinutes: number;
  readonly deploys?: readonly DeployEntry[];
  readonly environment?: string;
  readonly skip: (c: GitCommit) => boolean;
}

export interface WindowFinding {
  readonly commit: GitCommit;
  readonly evidence: Evidence;
}

function shipReason(sha: string, s: Shipping, at: (ms: number) => string): string {
  if (!s.last) return '';
  if (s.batch?.has(sha)) return `; shipped in the last ${s.last.kind} before start (${s.last.label}, ${at(s.last.ms)})`;
  if (s.shipped?.has(sha)) return `; running since an earlier ${s.last.kind} (before ${s.last.label})`;
  return s.last.kind === 'release' ? `; after the last release (${s.last.label})` : '';
}

/** Symbols the commit's hunks fall in, for the strongest few, when the record has words beyond the system's name. */
async function withSymbols(
  git: GitHistory,
  scored: Array<{ commit: GitCommit; score: WindowScore }>,
  words: RecordWords,
  rescore: (c: GitCommit, symbols: string[]) => WindowScore,
): Promise<void> {
  if (words.other.size === 0) return;
  const top = [...scored].sort((a, b) => b.score.weight - a.score.weight).slice(0, SYMBOL_READS);
  for (const s of top) {
    const hunks = await git.hunks(s.commit.sha);
    const symbols = [
      ...new Set(
        hunks
          .filter((h) => h.path && productionWeight(h.path) > 0)
          .map((h) => h.context ?? '')
          .filter(Boolean),
      ),
    ];
    if (symbols.length) s.score = rescore(s.commit, symbols);
  }
}

/** A merge whose branch commits are ranked on their own: related to them, not a suspect beside them. */
function mergeEvidence(merge: GitCommit, branch: readonly GitCommit[], at: (ms: number) => string): Evidence {
  const shas = branch.slice(0, 3).map((c) => c.sha.slice(0, 7));
  const more = branch.length > 3 ? ` and ${branch.length - 3} more` : '';
  return {
    kind: 'window',
    role: 'related',
    weight: 0.06,
    reason: `merge at ${at(merge.committedMs)}: it brought ${shas.join(', ')}${more}, ranked on their own: ${quoted(merge.subject)}`,
  };
}

/**
 * Where the team reverts whole pull requests: the merge as a suspect of its own, the commits it brought named in its
 * reason, ranked just below its strongest commit (which keeps its place: the commit says more precisely what changed).
 * Round 11, chosen on the tune set: the merge in place of its commits, or above its strongest commit, lost cases.
 */
function unitEvidence(unit: MergeUnit, habit: RevertHabit, ctx: { startMs: number; shipping: Shipping; at: (ms: number) => string }): Evidence {
  const { merge, branch } = unit;
  const list = branch.slice(0, 5).map((c) => `${c.sha.slice(0, 7)} ${quoted(c.subject)}`);
  const more = branch.length > 5 ? ` and ${branch.length - 5} more` : '';
  const before = formatDuration((ctx.startMs - merge.committedMs) / TIME.MINUTE);
  return {
    kind: 'window',
    role: 'trigger',
    weight: unit.weight * UNIT_BELOW,
    brought: branch.map((c) => c.sha),
    reason: `a pull request merged ${before} before start (${ctx.at(merge.committedMs)}), the whole pull request is a suspect: this team reverts whole pull requests (${habit.merges} of its ${habit.merges + habit.commits} reverts of the last ${HABIT_DAYS} days undid a merge)${shipReason(merge.sha, ctx.shipping, ctx.at)}; it brought ${branch.length === 1 ? '1 commit' : `${branch.length} commits`}: ${list.join(', ')}${more}: ${quoted(merge.subject)}`,
  };
}

/** Release commits (they mark a batch) and back-merges (see isBackMerge): listed as related, never suspects. */
function notASuspect(commit: GitCommit, at: (ms: number) => string): Evidence | undefined {
  const when = at(commit.committedMs);
  const reason = isReleaseCommit(commit)
    ? `release commit at ${when}: it marks the batch shipped before it, it is not a suspect`
    : isBackMerge(commit)
      ? `the mainline merged into a branch at ${when}: what it brought was already running, it is not a suspect`
      : undefined;
  return reason ? { kind: 'window', role: 'related', weight: 0.06, reason: `${reason}: ${quoted(commit.subject)}` } : undefined;
}

/** A window suspect's weight (with deploy information: its batch first) and its reason in words. */
function suspectEvidence(
  commit: GitCommit,
  score: WindowScore,
  ctx: { startMs: number; shipping: Shipping; via: { ms: number; merge: string } | undefined; at: (ms: number) => string },
): Evidence {
  const { shipping, via, at } = ctx;
  const before = ctx.startMs - commit.committedMs;
  const merged = via ? `, merged at ${at(via.ms)} by ${via.merge.slice(0, 7)}` : '';
  let weight = score.weight;
  if (shipping.authoritative) weight = shipping.batch?.has(commit.sha) ? BATCH_FLOOR + (1 - BATCH_FLOOR) * weight : weight * EARLIER_DEPLOY;
  const where = score.relevance >= 0.5 ? ', in the impacted system' : '';
  const kind = score.kind === 'feature' ? '; a new feature' : score.kind === 'revert' ? '; a revert (it removed code that was running)' : '';
  const said = score.matches.length ? `; the record's words: ${describeMatches(score.matches)}` : '';
  return {
    kind: 'window',
    role: 'trigger',
    weight,
    reason: `landed ${formatDuration(before / TIME.MINUTE)} before start (${at(commit.committedMs)}${merged})${where}${kind}${shipReason(commit.sha, shipping, at)}${said}: ${quoted(commit.subject)}`,
  };
}

export interface WindowResult {
  readonly findings: WindowFinding[];
  readonly notes: string[];
  /** What ran at start: with deploy information (authoritative), the commits the running deploy had. */
  readonly shipping: Pick<Shipping, 'authoritative' | 'shipped'>;
}

export async function windowFindings(git: GitHistory, input: WindowInput): Promise<WindowResult> {
  const { startMs, windowMs } = input;
  const notes: string[] = [];
  const at = (ms: number) => clock(ms, input.offsetMinutes, startMs);
  const tags = git.tags ? await git.tags() : [];
  const deploys = await deployMarksBefore(
    git,
    tags,
    {
      startMs,
      sinceMs: startMs - windowMs,
      ...(input.deploys ? { deploys: input.deploys } : {}),
      ...(input.environment ? { environment: input.environment } : {}),
    },
    notes,
  );
  let since = startMs - windowMs;
  if (deploys[0]) {
    const from = (deploys.find((m) => m.sha !== deploys[0]!.sha)?.ms ?? deploys[0].ms) - windowMs;
    since = Math.max(startMs - MAX_BATCH_DAYS * TIME.DAY, Math.min(since, from));
  }
  const commits = (await git.commitsInWindow(since, startMs)).filter((c) => !input.skip(c));
  const shipping = await readShipping(git, commits, tags, deploys, { startMs, sinceMs: since }, notes);
  const words = withoutSiblingWords(
    anchorAtRoot(
      recordWords(input.incident, (p) => productionWeight(p) < 1),
      commits,
    ),
    commits,
  );

  const findings: WindowFinding[] = [];
  const scored: Array<{ commit: GitCommit; score: WindowScore }> = [];
  let unshipped = 0;
  const brought = broughtByMerges(commits);
  const landed = landedByMerge(brought, commits);
  // Closeness: a deploy's batch from the deploy, a branch commit from the merge that brought it, else its own time.
  const beforeStart = (c: GitCommit) =>
    shipping.authoritative && shipping.batch?.has(c.sha) ? startMs - shipping.last!.ms : startMs - Math.max(c.committedMs, landed.get(c.sha)?.ms ?? 0);
  const suspects: GitCommit[] = [];
  for (const commit of commits) {
    const not = notASuspect(commit, at);
    if (not) {
      findings.push({ commit, evidence: not });
      continue;
    }
    if (shipping.authoritative && !shipping.shipped?.has(commit.sha)) {
      unshipped++;
      continue;
    }
    // Older than the window: a suspect only in the last deploy's batch.
    if ((shipping.authoritative && shipping.batch?.has(commit.sha)) || commit.committedMs >= startMs - windowMs) suspects.push(commit);
  }
  // The team's revert habit (revertHabit.ts): read once, when a tests-only suspect or a merge's commits could use it.
  let habit = suspects.some((c) => isTestsOnly(c, words)) ? await revertHabit(git, startMs) : undefined;
  const testsReverted = habit?.revertsTests === true;
  for (const commit of suspects) scored.push({ commit, score: windowWeight(commit, beforeStart(commit), windowMs, words, [], testsReverted) });
  await withSymbols(git, scored, words, (c, symbols) => windowWeight(c, beforeStart(c), windowMs, words, symbols, testsReverted));
  const ranked = new Set(scored.map((s) => s.commit.sha));
  // A merge whose branch is ranked on its own is no suspect: it does not take a newest place.
  favourNewestInSystem(
    scored.filter((s) => !(brought.get(s.commit.sha) ?? []).some((c) => ranked.has(c.sha))),
    beforeStart,
    (c) => !testsReverted && isTestsOnly(c, words),
  );
  // Where the team reverts whole pull requests, a merge is a suspect too, just below its strongest commit.
  const units = mergeUnits(scored, brought);
  if (units.size > 0) habit ??= await revertHabit(git, startMs);
  for (const { commit, score } of scored) {
    const unit = units.get(commit.sha);
    if (unit) {
      findings.push({ commit, evidence: habit?.revertsMerges ? unitEvidence(unit, habit, { startMs, shipping, at }) : mergeEvidence(commit, unit.branch, at) });
      continue;
    }
    findings.push({ commit, evidence: suspectEvidence(commit, score, { startMs, shipping, via: landed.get(commit.sha), at }) });
  }
  if (unshipped > 0 && shipping.last)
    notes.push(`${unshipped} commit(s) before start had not shipped (not in the ${shipping.last.label} at ${at(shipping.last.ms)}): not ranked`);
  return { findings, notes, shipping };
}
