/**
 * Code links from git history: which commits an incident concerns (the
 * trigger, the revert that mitigated it, the fix that closed it) and which
 * files and symbols they changed, each with the reason in words.
 *
 * Evidence, strongest first:
 *   - commits the record names (commits, rootCause.trigger.ref, its action records);
 *   - commits whose message names the incident id (fixes, reverts, PR merges);
 *   - reverts that landed during the incident: the reverted commit is the prime suspect;
 *   - SZZ (Śliwerski, Zimmermann, Zeller 2005) on the fixes: the lines a fix
 *     deleted or changed, blamed to the commits that wrote them;
 *   - commits that landed in a window before start, ranked by closeness, by
 *     how much of the change is production code in the impacted system, and
 *     by overlap with the record's words.
 * Each piece of evidence has a weight; a commit's score is their noisy-or.
 */
import type { ActionItem, Incident } from '../records/model';
import type { CommitRole } from '../records/schema';
import { formatDuration, TIME } from '../time/recordTime';
import { clock, quoted } from './describe';
import { revertedSha, revertedSubject, shortSha, type GitCommit, type GitHistory, type GitHunk } from './gitHistoryPort';
import { linksFrom } from './links';
import { productionWeight } from './rank';
import { windowFindings } from './window';
import { DEFAULT_WINDOW_HOURS, type Evidence, type SuggestedCommit, type SuggestedLink, type Suggestions, type SuggestOptions } from './suggestTypes';

export type { Evidence, SuggestedCommit, SuggestedLink, Suggestions, SuggestOptions } from './suggestTypes';
export { acceptOps, preselect, selectSuggestions } from './select';
import { noStrongCandidate } from './select';
export { toWorkspacePath } from './links';

export { DEFAULT_WINDOW_HOURS };
export const DEFAULT_FIX_WINDOW_DAYS = 14;
/** SZZ blames no further back than this before start: older lines are not the change that broke things. */
const SZZ_LOOKBACK_DAYS = 90;
const MAX_LINK_COMMITS = 3;
const ROLE_ORDER: readonly CommitRole[] = ['trigger', 'revert', 'fix', 'related'];
/** A revert this close before start may be the mitigation of an incident whose start was written late: the reason says so. */
const LATE_START_MS = 10 * TIME.MINUTE;
/** Below this a window commit is noise: not listed. */
const MIN_SCORE = 0.05;

interface Candidate {
  commit: GitCommit;
  evidence: Evidence[];
  onRecord: boolean;
}

/** The id as commit messages and branch names write it: INC-023, inc-023, INC023, inc-23. */
function idPattern(id: string): RegExp {
  const n = Number(id.replace(/^INC-/, ''));
  return new RegExp(`(?:^|[^a-z0-9])inc[-_ ]?0*${n}(?![0-9])`, 'i');
}

function grepTermsFor(id: string): string[] {
  const digits = id.replace(/^INC-/, '');
  const n = String(Number(digits));
  return [...new Set([`inc-${digits}`, `inc${digits}`, `inc-${n}`, `inc_${digits}`])];
}

function noisyOr(evidence: readonly Evidence[]): number {
  return 1 - evidence.reduce((p, e) => p * (1 - Math.min(0.99, e.weight)), 1);
}

export async function suggestFromHistory(incident: Incident, actions: readonly ActionItem[], git: GitHistory, options: SuggestOptions): Promise<Suggestions> {
  const notes: string[] = [];
  const start = incident.start;
  if (!start || start.precision === 'day') {
    notes.push(start ? 'start is a date without a time: the window before it cannot be placed' : 'the record has no start time');
  }
  const offset = start?.offsetMinutes ?? 0;
  const startMs = start?.ms ?? 0;
  const windowMs = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * TIME.HOUR;
  const endMs = incident.resolution?.ms ?? incident.milestones.resolved?.ms ?? Math.min(options.now, startMs + 7 * TIME.DAY);
  const fixUntil = Math.min(options.now, endMs + (options.fixWindowDays ?? DEFAULT_FIX_WINDOW_DAYS) * TIME.DAY);
  const candidates = new Map<string, Candidate>();
  const add = (commit: GitCommit, e: Evidence | undefined, onRecord = false) => {
    let c = candidates.get(commit.sha);
    if (!c) candidates.set(commit.sha, (c = { commit, evidence: [], onRecord }));
    if (onRecord) c.onRecord = true;
    if (e && !c.evidence.some((x) => x.reason === e.reason)) c.evidence.push(e);
    return c;
  };
  const at = (ms: number) => clock(ms, offset, startMs);
  const revertedDuring = (revert: GitCommit, target: GitCommit, when: string) => {
    add(revert, { role: 'revert', weight: 0.85, reason: `reverts ${shortSha(target.sha)} at ${at(revert.committedMs)}, ${when}` });
    add(target, { role: 'trigger', weight: 0.9, reason: `reverted at ${at(revert.committedMs)} by ${shortSha(revert.sha)}` });
  };
  // A history git cannot read in full (a partial clone, missing objects) limits the answer; it does not end it.
  const attempt = async <T>(what: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      notes.push(`could not read ${what}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
      return fallback;
    }
  };
  const recordsPrefix = `${git.prefix}${(options.recordsFolder ?? '.incidents').replace(/\/+$/, '')}/`;
  const onlyRecords = (c: GitCommit) =>
    c.files.length > 0 && c.files.every((f) => f.path.startsWith(recordsPrefix) && (!f.oldPath || f.oldPath.startsWith(recordsPrefix)));

  // 1. Commits the record names.
  const named = [
    ...incident.commits.map((c) => ({ ref: c, from: 'the record' })),
    ...actions.flatMap((a) => (a.record.commits ?? []).map((c) => ({ ref: c, from: a.id }))),
  ];
  for (const { ref, from } of named) {
    const commit = await git.commit(ref.sha);
    if (!commit) {
      notes.push(`${ref.sha} (${ref.role}, named in ${from}) is not in this repository's history`);
      continue;
    }
    add(commit, { role: ref.role, weight: 1, reason: `named in ${from} as ${ref.role}` }, true);
  }

  if (start && start.precision !== 'day') {
    // 2. Messages naming the incident: fixes, reverts, PR merges of branches named after it.
    const byId = idPattern(incident.id);
    for (const commit of await attempt(
      'the commits naming the incident',
      () => git.commitsInWindow(startMs - windowMs, fixUntil, { grep: grepTermsFor(incident.id) }),
      [],
    )) {
      if (!byId.test(`${commit.subject}\n${commit.body}`) || onlyRecords(commit)) continue;
      const reverts = revertedSha(commit.body) ?? revertedSha(commit.subject);
      const during = commit.committedMs >= startMs && commit.committedMs <= endMs;
      const role: CommitRole = commit.committedMs < startMs ? 'related' : reverts && during ? 'revert' : 'fix';
      add(commit, {
        role,
        weight: 0.9,
        reason: `its message names ${incident.id} (${role === 'related' ? 'landed' : role === 'revert' ? 'reverted' : 'fixed'} at ${at(commit.committedMs)}): ${quoted(commit.subject)}`,
      });
    }

    // 3. Reverts during the incident: the reverted commit is the prime suspect. Those of the window
    // before start are read too: what they reverted was no longer running at start (3b).
    const reverts = await attempt(
      'the reverts during the incident',
      () => git.commitsInWindow(startMs - windowMs, endMs, { grep: ['This reverts commit', 'Revert "'] }),
      [],
    );
    const revertedBefore: Array<{ revert: GitCommit; target: GitCommit }> = [];
    for (const revert of reverts) {
      let target: GitCommit | undefined;
      const sha = revertedSha(revert.body);
      if (sha) target = await git.commit(sha);
      // Found by subject (a week of history read) only from the minutes before start on.
      else if (revert.committedMs >= startMs - LATE_START_MS) {
        const subject = revertedSubject(revert.subject);
        if (subject)
          target = (await attempt('the week before the revert', () => git.commitsInWindow(startMs - 7 * TIME.DAY, revert.committedMs), [])).find(
            (c) => c.subject === subject && c.sha !== revert.sha,
          );
      }
      if (!target) continue;
      // Before start: the window decides whether it was running then (step 5).
      if (revert.committedMs < startMs) revertedBefore.push({ revert, target });
      else revertedDuring(revert, target, 'during the incident');
    }

    // 4. SZZ on the fixes: who wrote the lines each fix deleted or changed.
    const fixes = [...candidates.values()].filter((c) => roleOf(c) === 'fix');
    for (const fix of fixes)
      await attempt(
        `the lines the fix ${shortSha(fix.commit.sha)} changed`,
        () =>
          blameFix(fix.commit, startMs, git, (commit, share, pure) => {
            if (commit.committedMs > startMs) return;
            const before = startMs - commit.committedMs;
            const closeness = Math.exp(-before / (7 * TIME.DAY));
            add(commit, {
              role: 'trigger',
              weight: (pure ? 0.45 : 0.8) * (0.5 + 0.5 * share) * (0.4 + 0.6 * closeness),
              reason: pure
                ? `wrote the code next to which the fix ${shortSha(fix.commit.sha)} added lines (${formatDuration(before / TIME.MINUTE)} before start)`
                : `wrote ${Math.round(share * 100)}% of the lines the fix ${shortSha(fix.commit.sha)} changed (${formatDuration(before / TIME.MINUTE)} before start)`,
            });
          }),
        undefined,
      );

    // 5. What landed in the window before start, and what of it had shipped.
    const window = await attempt(
      'the commits before start',
      () =>
        windowFindings(git, {
          incident,
          startMs,
          windowMs,
          offsetMinutes: offset,
          skip: onlyRecords,
          ...(options.deploys ? { deploys: options.deploys } : {}),
          ...(options.environment ? { environment: options.environment } : {}),
        }),
      { findings: [], notes: [], shipping: { authoritative: false } },
    );
    notes.push(...window.notes);
    for (const f of window.findings) add(f.commit, f.evidence);

    // 3b. A revert that landed before start: when it was running at start (deploy information says
    // so, or there is none), the code it removed was not, so its target is no suspect, and the
    // revert is a change like any other in the window. One in the minutes before start that a
    // deploy had not yet brought is the mitigation of an incident whose start came first.
    for (const { revert, target } of revertedBefore) {
      const late = startMs - revert.committedMs <= LATE_START_MS;
      const running = !window.shipping.authoritative || window.shipping.shipped?.has(revert.sha) === true;
      if (!running) {
        if (late) revertedDuring(revert, target, 'deployed after start');
        continue;
      }
      // Earlier in the window: said only of a target the window ranked.
      if (!late && !candidates.get(target.sha)?.evidence.some((e) => e.kind === 'window')) continue;
      const c = add(target, undefined);
      c.evidence = c.evidence.filter((e) => e.kind !== 'window');
      // Read from the window like its other commits: never preselected.
      add(target, {
        kind: 'window',
        role: 'related',
        weight: 0.3,
        reason: `reverted by ${shortSha(revert.sha)} at ${at(revert.committedMs)}, ${formatDuration((startMs - revert.committedMs) / TIME.MINUTE)} before start: its code was no longer running when the incident started${startMs - revert.committedMs <= LATE_START_MS ? ' (if start was written late, that revert is the mitigation and this the trigger)' : ''}`,
      });
    }
  }

  const commits = [...candidates.values()]
    .filter((c) => c.evidence.length > 0 && (c.onRecord || noisyOr(c.evidence) >= MIN_SCORE))
    .map((c): SuggestedCommit => {
      const evidence = [...c.evidence].sort((a, b) => b.weight - a.weight);
      return {
        sha: c.commit.sha,
        subject: c.commit.subject,
        author: c.commit.author,
        committedMs: c.commit.committedMs,
        role: evidence[0]!.role,
        score: noisyOr(evidence),
        reasons: evidence.map((e) => e.reason),
        onRecord: c.onRecord,
        ...(evidence.every((e) => e.kind === 'window') ? { windowOnly: true } : {}),
        ...(evidence.find((e) => e.brought) ? { brought: evidence.find((e) => e.brought)!.brought! } : {}),
      };
    })
    // Suspects first, then what undid and fixed them; by score within each.
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || b.score - a.score || b.committedMs - a.committedMs);

  const links =
    options.links === false
      ? []
      : await attempt(
          'the changes of the suspect commits',
          () => linksFrom(commits.filter((c) => c.role === 'trigger').slice(0, MAX_LINK_COMMITS), (sha) => candidates.get(sha)!.commit, incident, git, options),
          [] as SuggestedLink[],
        );
  const doubt = noStrongCandidate(commits);
  if (doubt) notes.push(doubt);
  return { commits, links, notes };
}

function roleOf(c: Candidate): CommitRole {
  return [...c.evidence].sort((a, b) => b.weight - a.weight)[0]?.role ?? 'related';
}

/** Blame, at the fix's parent, the lines the fix deleted or changed; pure additions blame the line they follow. */
async function blameFix(
  fix: GitCommit,
  startMs: number,
  git: GitHistory,
  found: (commit: GitCommit, share: number, pureAddition: boolean) => void,
): Promise<void> {
  const parent = fix.parents[0];
  if (!parent) return;
  const hunks = (await git.hunks(fix.sha)).filter((h) => h.oldPath && productionWeight(h.oldPath) === 1);
  const byFile = new Map<string, { changed: GitHunk[]; added: GitHunk[] }>();
  for (const h of hunks) {
    const e = byFile.get(h.oldPath!) ?? { changed: [], added: [] };
    (h.oldCount > 0 ? e.changed : e.added).push(h);
    byFile.set(h.oldPath!, e);
  }
  const tally = new Map<string, number>();
  let total = 0;
  const pure = new Set<string>();
  for (const [path, { changed, added }] of byFile) {
    const ranges = changed.map((h) => ({ start: h.oldStart, count: h.oldCount }));
    const anchors = added.filter((h) => h.oldStart > 0).map((h) => ({ start: h.oldStart, count: 1 }));
    const spans = await git.blame(parent, path, [...ranges, ...anchors], startMs - SZZ_LOOKBACK_DAYS * TIME.DAY);
    for (const s of spans) {
      const isAnchor =
        anchors.some((a) => a.start >= s.startLine && a.start < s.startLine + s.count) &&
        !ranges.some((r) => r.start < s.startLine + s.count && s.startLine < r.start + r.count);
      if (isAnchor) pure.add(s.sha);
      else {
        tally.set(s.sha, (tally.get(s.sha) ?? 0) + s.count);
        total += s.count;
      }
    }
  }
  for (const [sha, n] of tally) {
    const commit = await git.commit(sha);
    if (commit) found(commit, n / total, false);
  }
  for (const sha of pure) {
    if (tally.has(sha)) continue;
    const commit = await git.commit(sha);
    if (commit) found(commit, 0, true);
  }
}
