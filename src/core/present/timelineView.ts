/**
 * The incident read as a story, for the timeline webview: header, key
 * figures, the gaps that made it long, and every entry, action and
 * communication in place on one time axis. Plain data, no HTML.
 */
import { similarReason, type SimilarHit } from '../search/similarIncidents';
import { commitPhrase, incidentCommits } from './commitPhrases';
import { incidentMetrics, METRIC_LABELS, type IncidentMetrics } from '../insights/incidentMetrics';
import { postmortemOwed, runbookRole, type ActionItem, type Incident, type Runbook } from '../records/model';
import { AI_CONNECTION_LABELS, COMMUNICATION_LABELS, STATUS_LABELS, type EntryKind, type Milestone, priorityDefinition, priorityText } from '../records/schema';
import { formatClock, formatDate, formatDuration, formatInstant, TIME } from '../time/recordTime';

export type FieldPathData = Array<string | number>;

export interface TimelineItem {
  readonly type: 'entry' | 'action' | 'communication';
  /** Epoch ms, for ordering; undefined when the time could not be read. */
  readonly at?: number;
  /** Clock time (or the raw text when unreadable). */
  readonly clock: string;
  readonly author?: string;
  readonly kind: EntryKind | 'action-done' | 'communication';
  readonly milestone?: Milestone;
  readonly text: string;
  /** Where it is in the YAML, to open the record there. */
  readonly path: FieldPathData;
  /** Minutes since the previous timeline entry, when long enough to show. */
  readonly gapBefore?: number;
  /** The date, on the first item of each day of a timeline that spans more than one (a day separator). */
  readonly dayBefore?: string;
}

export interface TimelineViewModel {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly priority: string;
  readonly priorityDefinition: string;
  readonly roles: Array<{ label: string; name: string }>;
  readonly start?: string;
  readonly resolution?: string;
  readonly duration?: string;
  readonly figures: Array<{ key: keyof IncidentMetrics; label: string; value: string }>;
  readonly gaps: string[];
  readonly items: TimelineItem[];
  readonly rootCause: Array<{ label: string; text: string }>;
  /** The incident's commits (trigger, revert, fix…), each opening its change. */
  readonly commits: Array<{ sha: string; text: string }>;
  readonly postmortem: {
    status: string;
    owner?: string;
    due?: string;
    overdue: boolean;
    summary?: string;
    actions: Array<{ id: string; title: string; status: string; owner?: string; deadline?: string }>;
  };
  readonly learning?: { lesson?: string; promptTemplate?: string };
  /** Runbooks for this incident (named, same system, same code): "Rollback: RB-…" one click away. */
  readonly runbooks: Array<{ id: string; label: string; title: string; steps: number }>;
  /** Past incidents alike in cause (similar.ts), each with why. */
  readonly similar: Array<{ id: string; title: string; priority: string; status: string; why: string; lesson?: string }>;
}

/** A gap between entries worth pointing at: 20 minutes, or a quarter of the incident. */
function longGapMinutes(incident: Incident): number {
  const total = incident.durationMinutes ?? 0;
  return Math.max(20, Math.round(total / 4));
}

function minutesBetween(a: number, b: number): number {
  return Math.round((b - a) / TIME.MINUTE);
}

export function timelineViewModel(
  incident: Incident,
  actionRecords: readonly ActionItem[],
  now: number,
  runbooks: readonly Runbook[] = [],
  similar: readonly SimilarHit[] = [],
): TimelineViewModel {
  const r = incident.record;
  const metrics = incidentMetrics(incident);
  const figures = (Object.keys(METRIC_LABELS) as Array<keyof IncidentMetrics>)
    .filter((k) => metrics[k] !== undefined)
    .map((k) => ({ key: k, label: METRIC_LABELS[k], value: formatDuration(metrics[k]!) }));

  const items: TimelineItem[] = [];
  const threshold = longGapMinutes(incident);
  let previous: number | undefined;
  for (const e of incident.timeline) {
    const at = e.at?.ms;
    const gap = at !== undefined && previous !== undefined ? minutesBetween(previous, at) : undefined;
    items.push({
      type: 'entry',
      at,
      clock: e.at ? formatClock(e.at) : e.entry.at,
      author: e.entry.author,
      kind: e.entry.kind ?? 'event',
      milestone: e.entry.milestone,
      text: e.entry.text,
      path: ['timeline', e.index],
      gapBefore: gap !== undefined && gap >= threshold ? gap : undefined,
    });
    if (at !== undefined) previous = at;
  }
  for (const a of incident.actions) {
    if (!a.action.done || !a.doneAt) continue;
    items.push({
      type: 'action',
      at: a.doneAt.ms,
      clock: formatClock(a.doneAt),
      author: a.action.doneBy,
      kind: 'action-done',
      text: a.action.text,
      path: ['actions', a.index],
    });
  }
  for (const c of incident.communications) {
    if (!c.at) continue;
    items.push({
      type: 'communication',
      at: c.at.ms,
      clock: formatClock(c.at),
      author: c.item.by,
      kind: 'communication',
      text: `${COMMUNICATION_LABELS[c.channel]}${c.item.text ? `: ${c.item.text}` : ''}`,
      path: ['communications', c.channel, c.index],
    });
  }
  // One time axis; entries first at equal times, then actions, then communications.
  const rank = { entry: 0, action: 1, communication: 2 } as const;
  items.sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || rank[a.type] - rank[b.type]);
  // A timeline over several days says where each day begins, in the incident's own offset.
  const offsetMinutes = incident.start?.offsetMinutes ?? 0;
  const dayOf = (at: number | undefined) => (at === undefined ? undefined : formatDate({ ms: at, offsetMinutes }));
  const multiDay = new Set(items.map((i) => dayOf(i.at)).filter(Boolean)).size > 1;
  if (multiDay) {
    let current: string | undefined;
    items.forEach((item, i) => {
      const day = dayOf(item.at);
      if (day && day !== current) {
        current = day;
        items[i] = { ...item, dayBefore: day };
      }
    });
  }

  const gaps: string[] = [];
  const m = incident.milestones;
  const clock = (ms: number, offset: number) =>
    `${multiDay ? `${formatDate({ ms, offsetMinutes: offset })} ` : ''}${formatClock({ ms, offsetMinutes: offset })}`;
  const offset = incident.start?.offsetMinutes ?? 0;
  if (m.detected && m.acknowledged)
    gaps.push(`Acknowledged ${formatDuration(minutesBetween(m.detected.ms, m.acknowledged.ms))} after detection (${clock(m.acknowledged.ms, offset)}).`);
  const entries = incident.timeline.filter((e) => e.at);
  const firstDecision = entries.find((e) => e.entry.kind === 'decision');
  if (firstDecision) {
    const findings = entries.filter((e) => e.entry.kind === 'finding' && e.at!.ms <= firstDecision.at!.ms);
    const lastFinding = findings[findings.length - 1];
    const firstFinding = findings[0];
    if (lastFinding)
      gaps.push(
        `First decision at ${clock(firstDecision.at!.ms, offset)} came ${formatDuration(minutesBetween(lastFinding.at!.ms, firstDecision.at!.ms))} after the last finding (${clock(lastFinding.at!.ms, offset)}).`,
      );
    if (firstFinding && firstFinding !== lastFinding)
      gaps.push(
        `${formatDuration(minutesBetween(firstFinding.at!.ms, firstDecision.at!.ms))} from the first finding (${clock(firstFinding.at!.ms, offset)}) to that decision.`,
      );
  }
  if (m.mitigated && (m.resolved ?? incident.resolution)) {
    const end = (m.resolved ?? incident.resolution)!;
    gaps.push(`Mitigated at ${clock(m.mitigated.ms, offset)}; ${formatDuration(minutesBetween(m.mitigated.ms, end.ms))} more until resolved.`);
  }
  for (const item of items)
    if (item.gapBefore) gaps.push(`${formatDuration(item.gapBefore)} without an entry before ${multiDay ? `${dayOf(item.at)} ` : ''}${item.clock}.`);

  const rc = r.rootCause;
  const commitList = incidentCommits(incident, actionRecords);
  const rootCause = [
    rc?.initialHypothesis && { label: 'Initial hypothesis', text: rc.initialHypothesis },
    rc?.confirmed && { label: 'Confirmed root cause', text: rc.confirmed },
    (rc?.trigger?.text || rc?.trigger?.ref) && {
      label: 'Trigger',
      text: [rc?.trigger?.text, rc?.trigger?.ref && `(${rc.trigger.ref})`].filter(Boolean).join(' '),
    },
    commitList.length && { label: 'Commits', text: commitList.map((c) => commitPhrase(c, incident)).join(' · ') },
    incident.aiConnections.length && { label: 'AI connection', text: incident.aiConnections.map((a) => AI_CONNECTION_LABELS[a]).join(', ') },
    rc?.note && { label: 'Note', text: rc.note },
  ].filter((x): x is { label: string; text: string } => !!x);

  const pm = r.postmortem;
  const roles = [
    ['Incident lead', r.roles?.incidentLead],
    ['Comms owner', r.roles?.commsOwner],
    ['Technical lead', r.roles?.technicalLead],
    ['On-call', r.roles?.onCall],
  ]
    .filter(([, name]) => name)
    .map(([label, name]) => ({ label: label!, name: name! }));

  return {
    id: r.id,
    title: r.title,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    priority: priorityText(r.priority),
    priorityDefinition: priorityDefinition(r.priority, r.source !== undefined),
    roles,
    start: incident.start && `${formatDate(incident.start)} ${formatClock(incident.start)}`,
    resolution: incident.resolution && `${formatDate(incident.resolution)} ${formatClock(incident.resolution)}`,
    duration: incident.durationMinutes !== undefined ? formatDuration(incident.durationMinutes) : undefined,
    figures,
    gaps,
    items,
    rootCause,
    commits: commitList.map((c) => ({ sha: c.sha, text: commitPhrase(c, incident) })),
    postmortem: {
      status: pm?.status ?? (postmortemOwed(incident) ? 'pending' : 'not started'),
      owner: pm?.owner,
      due: incident.postmortemDeadline && formatInstant(incident.postmortemDeadline),
      overdue: postmortemOwed(incident) && !!incident.postmortemDeadline && incident.postmortemDeadline.ms < now,
      summary: pm?.summary,
      actions: actionRecords.map((a) => ({ id: a.id, title: a.record.title, status: a.record.status, owner: a.record.owner, deadline: a.record.deadline })),
    },
    learning: r.learning && { lesson: r.learning.lesson, promptTemplate: r.learning.promptTemplate },
    runbooks: runbooks.map((rb) => ({ id: rb.id, label: runbookRole(rb), title: rb.record.title, steps: rb.record.steps.length })),
    similar: similar.map((h) => ({
      id: h.incident.id,
      title: h.incident.head.title,
      priority: priorityText(h.incident.head.priority),
      status: STATUS_LABELS[h.incident.head.status] ?? h.incident.head.status,
      why: similarReason(h),
      lesson: h.incident.record.learning?.lesson,
    })),
  };
}
