/** What accepting suggestions takes by default, and the edit that writes it. */
import type { EditOp } from '../edit';
import type { Incident } from '../model';
import { sameCommit } from '../model';
import type { CodeLink } from '../schema';
import { formatInstant } from '../time';
import type { SuggestedCommit, SuggestedLink, Suggestions } from './suggestTypes';

/** Whether a suggestion is strong enough to be preselected. */
export function preselect(score: number, strongest: number): boolean {
  return score >= 0.5 || (score >= 0.25 && score >= strongest * 0.8);
}

/** What accepting takes by default (preselect), or everything scoring `minScore` or more; commits already on the record are never taken. */
export function selectSuggestions(s: Pick<Suggestions, 'commits' | 'links'>, minScore?: number): { commits: SuggestedCommit[]; links: SuggestedLink[] } {
  const commits = s.commits.filter((c) => !c.onRecord);
  const top = (xs: readonly { score: number }[]) => xs.reduce((m, x) => Math.max(m, x.score), 0);
  const tc = top(commits);
  const tl = top(s.links);
  const take = (score: number, strongest: number) => (minScore === undefined ? preselect(score, strongest) : score >= minScore);
  return { commits: commits.filter((c) => take(c.score, tc)), links: s.links.filter((l) => take(l.score, tl)) };
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
    ops.push({ kind: 'append', path: ['links'], value: { ...(l.repo ? { repo: l.repo } : {}), path: l.path, ...(l.symbol ? { symbol: l.symbol } : {}), ...(l.lines ? { lines: l.lines } : {}) } });
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
