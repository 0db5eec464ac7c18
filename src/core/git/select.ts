/** What accepting suggestions takes by default, and the edit that writes it. */
import type { EditOp } from '../records/yamlEdit';
import type { Incident } from '../records/model';
import { sameCommit } from '../records/model';
import type { CodeLink } from '../records/schema';
import { formatInstant } from '../time/recordTime';
import type { SuggestedCommit, SuggestedLink, Suggestions } from './suggestTypes';

/** Whether a suggestion is strong enough to be preselected. */
export function preselect(score: number, strongest: number): boolean {
  return score >= 0.5 || (score >= 0.25 && score >= strongest * 0.8);
}

/** Chosen on the tune half of the evaluation: a window suspect is preselected only this far ahead of the next one. */
export const LEAD = { minScore: 0.2, ratio: 1.8 };

/** A commit and the pull request's merge that brought it, when both are suspects: one change, not two candidates. */
function sameChange(a: SuggestedCommit, b: SuggestedCommit): boolean {
  return !!a.brought?.includes(b.sha) || !!b.brought?.includes(a.sha);
}

/** The first and the next suspect that is another change (not the first's pull request or a commit of it). */
function firstTwo(suspects: readonly SuggestedCommit[]): [SuggestedCommit | undefined, SuggestedCommit | undefined] {
  const [top] = suspects;
  return [top, top ? suspects.find((c) => c !== top && !sameChange(c, top)) : undefined];
}

/** The window-only suspect clearly ahead of the others (score and ratio to the next), if one is. */
export function clearLeader(commits: readonly SuggestedCommit[]): SuggestedCommit | undefined {
  const window = commits.filter((c) => c.windowOnly && c.role === 'trigger' && !c.onRecord).sort((a, b) => b.score - a.score);
  const [top, next] = firstTwo(window);
  if (!top || top.score < LEAD.minScore) return undefined;
  return !next || top.score >= LEAD.ratio * next.score ? top : undefined;
}

/** "no strong candidate: …" when the suspects come from the window alone and none is clearly ahead. */
export function noStrongCandidate(commits: readonly SuggestedCommit[]): string | undefined {
  const triggers = commits.filter((c) => c.role === 'trigger' && !c.onRecord);
  if (triggers.length === 0 || triggers.some((c) => !c.windowOnly) || clearLeader(commits)) return undefined;
  const [a, b] = firstTwo(triggers);
  return `no strong candidate: the suspects come from the window before start alone and none is clearly ahead (${a!.score.toFixed(2)}${b ? ` and ${b.score.toFixed(2)}` : ''}); nothing is preselected, read the reasons`;
}

/** What accepting takes by default (preselect), or every commit scoring `minScore` or more with its links and every other link scoring it; commits already on the record are never taken. */
export function selectSuggestions(s: Pick<Suggestions, 'commits' | 'links'>, minScore?: number): { commits: SuggestedCommit[]; links: SuggestedLink[] } {
  const commits = s.commits.filter((c) => !c.onRecord);
  if (minScore !== undefined) {
    // A commit taken brings the code it changed (its links score below it, by how much of the commit each holds).
    const taken = commits.filter((c) => c.score >= minScore);
    const shas = new Set(taken.map((c) => c.sha));
    return { commits: taken, links: s.links.filter((l) => l.score >= minScore || shas.has(l.sha)) };
  }
  const top = (xs: readonly { score: number }[]) => xs.reduce((m, x) => Math.max(m, x.score), 0);
  const leader = clearLeader(commits);
  const tc = top(commits);
  const picked = commits.filter((c) => (c.windowOnly ? c === leader && preselect(c.score, tc) : preselect(c.score, tc)));
  // Links follow their commit: no link of a commit left unselected.
  const shas = new Set([...picked, ...s.commits.filter((c) => c.onRecord)].map((c) => c.sha));
  const listed = new Set(s.commits.map((c) => c.sha));
  // A link whose commit is not listed comes from a commit already on the record (a face may list only the others).
  const links = s.links.filter((l) => shas.has(l.sha) || !listed.has(l.sha));
  const tl = top(links);
  return { commits: picked, links: links.filter((l) => preselect(l.score, tl)) };
}

/**
 * The edit that accepts suggestions: links appended to `links`, commits to
 * `commits` with their role, subject and landing time (in the incident's
 * offset), skipping what the record already holds.
 */
export function acceptOps(incident: Incident, links: readonly CodeLink[], commits: readonly SuggestedCommit[]): EditOp[] {
  const ops: EditOp[] = [];
  const seen = new Set(incident.links.map((l) => `${l.path}#${l.symbol ?? ''}#${l.lines ?? ''}`));
  for (const l of links) {
    const key = `${l.path}#${l.symbol ?? ''}#${l.lines ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ops.push({
      kind: 'append',
      path: ['links'],
      value: { ...(l.repo ? { repo: l.repo } : {}), path: l.path, ...(l.symbol ? { symbol: l.symbol } : {}), ...(l.lines ? { lines: l.lines } : {}) },
    });
  }
  const offset = incident.start?.offsetMinutes ?? 0;
  const listed = [...(incident.record.commits ?? []).map((c) => c.sha)];
  for (const c of [...commits].sort((a, b) => a.committedMs - b.committedMs)) {
    if (c.onRecord || listed.some((s) => sameCommit(s, c.sha))) continue;
    listed.push(c.sha);
    ops.push({
      kind: 'append',
      path: ['commits'],
      value: { sha: c.sha.slice(0, 12), role: c.role, subject: c.subject, at: formatInstant({ ms: c.committedMs, offsetMinutes: offset }) },
    });
  }
  return ops;
}
