/**
 * An incident's commits as people read them: "introduced by a1b2c3d (14:15)
 * · reverted by 8ccde44 (15:02) · fixed by d6b32db (16:45)". The record's
 * own list (trigger.ref included) and its action records' commits.
 */
import { sameCommit, type ActionItem, type Incident } from '../records/model';
import { COMMIT_ROLE_LABELS, COMMIT_ROLES, type CommitRef, type CommitRole } from '../records/schema';
import { formatClock, formatDate, resolveTime, type Instant } from '../time/recordTime';
import { recordZone } from '../records/resolveTimes';

export interface IncidentCommit {
  readonly sha: string;
  readonly role: CommitRole;
  readonly subject?: string;
  readonly at?: Instant;
  /** Where it is written: the incident, or an action record's id. */
  readonly from: string;
}

/** The incident's commits, then its action records' (as fixes unless they say otherwise), each once, in role order. */
export function incidentCommits(incident: Incident, actions: readonly ActionItem[]): IncidentCommit[] {
  const zone = recordZone(incident.record);
  const at = (c: CommitRef): Instant | undefined => {
    if (!c.at) return undefined;
    const r = resolveTime(c.at, incident.start, { allowDate: true, zone });
    return 'error' in r ? undefined : r;
  };
  const out: IncidentCommit[] = [];
  const add = (c: CommitRef, from: string) => {
    if (out.some((o) => sameCommit(o.sha, c.sha))) return;
    const time = at(c);
    out.push({ sha: c.sha, role: c.role, from, ...(c.subject ? { subject: c.subject } : {}), ...(time ? { at: time } : {}) });
  };
  for (const c of incident.commits) add(c, incident.id);
  for (const a of actions) for (const c of a.record.commits ?? []) add(c, a.id);
  return out.sort((a, b) => COMMIT_ROLES.indexOf(a.role) - COMMIT_ROLES.indexOf(b.role) || (a.at?.ms ?? 0) - (b.at?.ms ?? 0));
}

/** "14:15" on the incident's start day, else "2025-03-19 10:00". */
function when(at: Instant, incident: Incident): string {
  return incident.start && formatDate(at) === formatDate(incident.start) ? formatClock(at) : `${formatDate(at)} ${formatClock(at)}`;
}

/** One commit: "introduced by a1b2c3d (14:15, Update Stripe webhook handler)". */
export function commitPhrase(c: IncidentCommit, incident: Incident, withSubject = true): string {
  const details = [c.at && when(c.at, incident), withSubject && c.subject].filter(Boolean).join(', ');
  return `${COMMIT_ROLE_LABELS[c.role]} ${c.sha.slice(0, 7)}${details ? ` (${details})` : ''}`;
}

/** The one line hovers, lenses and the timeline header show; empty when the incident names no commit. */
export function commitsLine(commits: readonly IncidentCommit[], incident: Incident, withSubject = false): string {
  return commits.map((c) => commitPhrase(c, incident, withSubject)).join(' · ');
}
