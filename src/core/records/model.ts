/**
 * Records interpreted: times resolved (resolveTimes.ts), durations computed, AI connection
 * normalised. Built from a schema-valid record; reports the problems that
 * need more than the schema (times, order, consistency) as field paths.
 */
import {
  type ActionRecord,
  type RunbookRecord,
  type AiConnection,
  type CodeLink,
  type CommitRef,
  type CommunicationChannel,
  type Communication,
  type IncidentRecord,
  type InlineAction,
  type Milestone,
  type TimelineEntry,
} from './schema';
import type { DiagnosticFix, Severity } from './diagnostics';
import type { FieldPath } from './yamlPositions';
import { incidentWithRecord } from './lazyIncident';
import { recordZone, resolveActions, resolveCommunications, resolveTimeline, timeResolver, milestoneProblems } from './resolveTimes';
import { formatDuration, isTimeZone, parseDuration, resolveTime, TIME, type Instant } from '../time/recordTime';

export const POSTMORTEM_DUE_HOURS = 48;

export interface ResolvedEntry {
  readonly index: number;
  readonly entry: TimelineEntry;
  readonly at?: Instant;
}

export interface ResolvedAction {
  readonly index: number;
  readonly action: InlineAction;
  readonly deadline?: Instant;
  readonly doneAt?: Instant;
}

export interface ResolvedCommunication {
  readonly channel: CommunicationChannel;
  readonly index: number;
  readonly item: Communication;
  readonly at?: Instant;
}

/**
 * The small part of an incident record, always in memory: what lists,
 * sorting, grouping, metrics and cross-record checks read for all incidents
 * at once. Everything else (timeline, actions, communications, roles, root
 * cause and learning texts, postmortem texts…) is in the full record.
 */
export type IncidentHead = Pick<
  IncidentRecord,
  'id' | 'title' | 'status' | 'priority' | 'start' | 'resolution' | 'duration' | 'links' | 'runbooks' | 'source'
> & {
  readonly impact?: Pick<NonNullable<IncidentRecord['impact']>, 'system' | 'feature'>;
  readonly rootCause?: Pick<NonNullable<IncidentRecord['rootCause']>, 'aiConnection'>;
  readonly postmortem?: Pick<NonNullable<IncidentRecord['postmortem']>, 'status' | 'deadline' | 'owner' | 'actionPlan'>;
  /** The record teaches something: a lesson, a prompt template or a confirmed root cause (learnings.ts). */
  readonly hasLearning?: true;
  /** `commits`, with rootCause.trigger.ref as the trigger when it is a SHA not listed there (commitsOfRecord). */
  readonly commits?: readonly CommitRef[];
};

export interface Incident {
  readonly kind: 'incident';
  /** Workspace-relative path of the YAML file. */
  readonly file: string;
  /** The small fields, always in memory: read these when going over many incidents. */
  readonly head: IncidentHead;
  /** The whole record; on big folders loaded on first access (and forgotten again when many others were). */
  readonly record: IncidentRecord;
  readonly id: string;
  readonly start?: Instant;
  readonly resolution?: Instant;
  /** Minutes from start to resolution. */
  readonly durationMinutes?: number;
  readonly timeline: readonly ResolvedEntry[];
  readonly actions: readonly ResolvedAction[];
  /** The actions not done yet (always in memory). */
  readonly openActions: readonly ResolvedAction[];
  readonly communications: readonly ResolvedCommunication[];
  readonly milestones: Partial<Record<Milestone, Instant>>;
  readonly aiConnections: readonly AiConnection[];
  /** Explicit postmortem deadline, else 48 h after resolution. */
  readonly postmortemDeadline?: Instant;
  readonly links: readonly CodeLink[];
  /** Commits with their roles (head.commits). */
  readonly commits: readonly CommitRef[];
  /** The words search indexes, with their field weights (searchWords.ts). */
  readonly searchWords: string;
  /** The word stems similar incidents compare, when listed at parse time (similarWords.ts); else read from the record. */
  readonly similarWords?: string;
}

export interface ActionItem {
  readonly kind: 'action';
  readonly file: string;
  readonly record: ActionRecord;
  readonly id: string;
  /** Parsed deadline when it is a date or time; free text ("Q2 sprint planning") has none. */
  readonly deadline?: Instant;
  readonly links: readonly CodeLink[];
}

export interface Runbook {
  readonly kind: 'runbook';
  readonly file: string;
  readonly record: RunbookRecord;
  readonly id: string;
  /** Parsed lastVerified date. */
  readonly lastVerified?: Instant;
  readonly links: readonly CodeLink[];
}

export type IndexedRecord = Incident | ActionItem | Runbook;

export interface SemanticProblem {
  readonly path: FieldPath;
  readonly severity: Severity;
  readonly message: string;
  readonly code: string;
  /** Point at the key rather than the value (e.g. a missing companion field). */
  readonly at?: 'key' | 'value';
  readonly fix?: DiagnosticFix;
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Plain data only (no shared references into the record), so that it can be sent and stored on its own. */
export function incidentHead(record: IncidentRecord): IncidentHead {
  const { id, title, status, priority, start, resolution, duration, links, runbooks, impact, rootCause, postmortem, learning } = record;
  const head: { -readonly [K in keyof IncidentHead]: IncidentHead[K] } = { id, title, status, priority, start };
  if (resolution !== undefined) head.resolution = resolution;
  if (duration !== undefined) head.duration = duration;
  if (links) head.links = links.map((l) => ({ ...l }));
  if (runbooks) head.runbooks = [...runbooks];
  if (record.source) head.source = plain(record.source);
  if (impact?.system !== undefined || impact?.feature !== undefined) head.impact = plain({ system: impact.system, feature: impact.feature });
  if (rootCause?.aiConnection !== undefined) head.rootCause = plain({ aiConnection: rootCause.aiConnection });
  if (postmortem) {
    const { status: s, deadline, owner, actionPlan } = postmortem;
    head.postmortem = plain({ status: s, deadline, owner, actionPlan });
  }
  if (learning?.lesson?.trim() || learning?.promptTemplate?.trim() || rootCause?.confirmed?.trim()) head.hasLearning = true;
  const commits = commitsOfRecord(record);
  if (commits.length) head.commits = commits;
  return head;
}

const SHA = /^[0-9a-fA-F]{7,40}$/;

/** The record's commits, plus rootCause.trigger.ref as the trigger when it is a SHA the list does not already hold. */
export function commitsOfRecord(record: Pick<IncidentRecord, 'commits' | 'rootCause'>): CommitRef[] {
  const list: CommitRef[] = (record.commits ?? []).map((c) => plain(c));
  const ref = record.rootCause?.trigger?.ref?.trim();
  if (ref && SHA.test(ref) && !list.some((c) => sameCommit(c.sha, ref))) {
    const trigger: CommitRef = { sha: ref, role: 'trigger' };
    if (record.rootCause?.trigger?.text) trigger.subject = record.rootCause.trigger.text;
    list.unshift(trigger);
  }
  return list;
}

/** Two SHAs name the same commit when one abbreviates the other. */
export function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

export function buildIncident(file: string, record: IncidentRecord): { incident: Incident; problems: SemanticProblem[] } {
  const problems: SemanticProblem[] = [];
  if (record.timeZone !== undefined && !isTimeZone(record.timeZone)) {
    problems.push({
      path: ['timeZone'],
      severity: 'error',
      message: `"${record.timeZone}" is not an IANA time zone: write it like Europe/Istanbul, America/Los_Angeles or UTC`,
      code: 'time-zone',
    });
  }
  const time = timeResolver(recordZone(record), problems, !!record.source && record.start === undefined);

  // Required, except that an imported record may lack what its source never gave: then a warning, never an invented value.
  const from = record.source ? `${record.source.system} (${record.source.id}) gave none` : undefined;
  if (record.priority === undefined) {
    problems.push({
      path: ['priority'],
      severity: from ? 'warning' : 'error',
      message: from ? `priority is not set: ${from}; set P1–P4` : 'priority is required: P1, P2, P3 or P4',
      code: 'missing-priority',
    });
  }
  if (record.start === undefined) {
    problems.push({
      path: ['start'],
      severity: from ? 'warning' : 'error',
      message: from
        ? `start is not set: ${from}; write when it began, like 2025-03-18T14:37:00+03:00`
        : 'start is required: when the incident began, like 2025-03-18T14:37:00+03:00',
      code: 'missing-start',
    });
  }

  const start = time(record.start, ['start'], undefined);
  const resolution = time(record.resolution, ['resolution'], start);

  let durationMinutes: number | undefined;
  if (start && resolution) {
    durationMinutes = Math.round((resolution.ms - start.ms) / TIME.MINUTE);
    if (resolution.ms < start.ms) {
      problems.push({ path: ['resolution'], severity: 'error', message: 'resolution is before start', code: 'resolution-before-start' });
    }
  }
  if (record.duration !== undefined) {
    const stored = parseDuration(record.duration);
    if (stored === undefined) {
      problems.push({ path: ['duration'], severity: 'error', message: `"${record.duration}" is not a duration: write it like "2h 15m"`, code: 'duration' });
    } else if (durationMinutes === undefined) {
      problems.push({
        path: ['duration'],
        severity: 'warning',
        message: 'duration is given but start and resolution cannot confirm it',
        code: 'duration-unverified',
      });
    } else if (stored !== durationMinutes) {
      problems.push({
        path: ['duration'],
        severity: 'error',
        message: `duration says ${formatDuration(stored)} but start to resolution is ${formatDuration(durationMinutes)}`,
        code: 'duration-mismatch',
        fix: { title: `Change to "${formatDuration(durationMinutes)}"`, path: ['duration'], value: formatDuration(durationMinutes) },
      });
    }
  }

  if (record.status === 'closed' && !record.resolution) {
    problems.push({ path: ['status'], severity: 'error', message: 'incident is closed but has no resolution time', code: 'closed-without-resolution' });
  } else if ((record.status === 'resolved' || record.status === 'postmortem-pending') && !record.resolution) {
    problems.push({
      path: ['status'],
      severity: 'warning',
      message: `incident is ${record.status} but has no resolution time`,
      code: 'resolved-without-resolution',
    });
  }

  const { timeline, milestones } = resolveTimeline(record, start, time, problems);
  problems.push(...milestoneProblems(record, start, resolution, milestones));
  const actions = resolveActions(record, start, time);
  const communications = resolveCommunications(record, start, time);

  const explicitDeadline = time(record.postmortem?.deadline, ['postmortem', 'deadline'], resolution ?? start, true);
  const postmortemDeadline =
    explicitDeadline ??
    (resolution && (record.status === 'postmortem-pending' || record.status === 'closed')
      ? { ms: resolution.ms + POSTMORTEM_DUE_HOURS * TIME.HOUR, offsetMinutes: resolution.offsetMinutes }
      : undefined);

  const incident = incidentWithRecord(
    file,
    incidentHead(record),
    {
      start,
      resolution,
      durationMinutes,
      postmortemDeadline,
      milestones,
      openActions: actions.filter((a) => !a.action.done),
    },
    { record, timeline, actions, communications },
  );
  return { incident, problems };
}

export function buildAction(file: string, record: ActionRecord): { action: ActionItem; problems: SemanticProblem[] } {
  let deadline: Instant | undefined;
  if (record.deadline !== undefined) {
    const r = resolveTime(record.deadline, undefined, { allowDate: true });
    // Free text ("To be prioritized in Q2 sprint planning") is allowed by the seed.
    if (!('error' in r)) deadline = r;
  }
  return { action: { kind: 'action', file, record, id: record.id, deadline, links: record.links ?? [] }, problems: [] };
}

export function buildRunbook(file: string, record: RunbookRecord): { runbook: Runbook; problems: SemanticProblem[] } {
  const problems: SemanticProblem[] = [];
  let lastVerified: Instant | undefined;
  if (record.lastVerified !== undefined) {
    const r = resolveTime(record.lastVerified, undefined, { allowDate: true });
    if ('error' in r) problems.push({ path: ['lastVerified'], severity: 'error', message: r.error, code: 'time' });
    else lastVerified = r;
  }
  return { runbook: { kind: 'runbook', file, record, id: record.id, lastVerified, links: record.links ?? [] }, problems };
}

/** Days since the runbook was last verified (undefined: never said). */
export function runbookAgeDays(runbook: Runbook, now: number): number | undefined {
  return runbook.lastVerified ? Math.floor((now - runbook.lastVerified.ms) / 86_400_000) : undefined;
}

/** Not verified for more than `days` days, or never (`days` 0: the check is off). */
export function isRunbookStale(runbook: Runbook, now: number, days: number): boolean {
  if (days <= 0) return false;
  const age = runbookAgeDays(runbook, now);
  return age === undefined || age > days;
}

/** A rollback procedure (the seed's name for it) or another runbook, by its id and title. */
export function runbookRole(runbook: Runbook): 'Rollback' | 'Runbook' {
  return /rollback/i.test(`${runbook.id} ${runbook.record.title}`) ? 'Rollback' : 'Runbook';
}

/** The system's name without its detail: "Payment service — /api/checkout" → "Payment service". */
export function systemName(system: string | undefined): string | undefined {
  return system?.split(/\s+[—–-]\s+/)[0]?.trim() || undefined;
}

/**
 * Is the incident's postmortem still owed? Closing an incident moves it to
 * postmortem-pending (the seed's life cycle); a closed incident still owes
 * one while its postmortem section exists and is not complete.
 */
export function postmortemOwed(incident: Incident): boolean {
  const { status, postmortem } = incident.head;
  if (incident.postmortemDeadline === undefined || postmortem?.status === 'complete') return false;
  return status === 'postmortem-pending' || (status === 'closed' && postmortem !== undefined);
}

export function isActionOpen(action: ActionItem): boolean {
  return action.record.status === 'open' || action.record.status === 'in-progress';
}
