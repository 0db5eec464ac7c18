/**
 * The seed's process steps as edit operations on a record: log a timeline
 * entry, change status, add and complete actions, record communications, set
 * the root cause, start the postmortem, create a new incident. Pure: callers
 * pass "now" and the author; the result goes through applyEdits.
 */
import type { EditOp } from './yamlEdit';
import { newRecordText } from './yamlEdit';
import { POSTMORTEM_DUE_HOURS, type Incident } from './model';
import { recordZone } from './resolveTimes';
import { PRIORITIES, type AiConnection, type CommunicationChannel, type EntryKind, type IncidentStatus, type Milestone, type Priority } from './schema';
import {
  CLOCK_MAY_BE_ANOTHER_DAY_MS,
  formatClock,
  formatDuration,
  formatInstant,
  parseTime,
  resolveClock,
  TIME,
  zoneOffsetMinutes,
  type Instant,
} from '../time/recordTime';

export interface EntryInput {
  readonly at: Instant;
  readonly author?: string;
  readonly kind?: EntryKind;
  readonly text: string;
  readonly milestone?: Milestone;
}

/** `now` in the incident's own offset, to the minute. */
export function inIncidentOffset(incident: Incident | undefined, ms: number, fallbackOffsetMinutes: number): Instant {
  const minute = Math.floor(ms / TIME.MINUTE) * TIME.MINUTE;
  const zone = incident && recordZone(incident.record);
  return { ms: minute, offsetMinutes: zone ? zoneOffsetMinutes(zone, minute) : (incident?.start?.offsetMinutes ?? fallbackOffsetMinutes) };
}

/**
 * How to write a time in this record: the bare HH:MM the timeline already uses
 * when it reads back as exactly this instant, otherwise ISO 8601 with offset.
 */
export function timeText(incident: Incident, at: Instant): string {
  const entries = incident.record.timeline ?? [];
  const usesClock = entries.length === 0 || entries.every((e) => parseTime(e.at).kind === 'clock');
  const anchor = [...incident.timeline].reverse().find((e) => e.at)?.at ?? incident.start;
  if (usesClock && anchor) {
    const clock = formatClock(at);
    const [h, m] = clock.split(':').map(Number);
    if (resolveClock(h! * 60 + m!, anchor, recordZone(incident.record)).ms === at.ms && at.ms >= anchor.ms && at.ms - anchor.ms <= CLOCK_MAY_BE_ANOTHER_DAY_MS)
      return clock;
  }
  return formatInstant(at);
}

export function logEntryOps(incident: Incident, input: EntryInput): EditOp[] {
  const entry: Record<string, unknown> = { at: timeText(incident, input.at) };
  if (input.author) entry.author = input.author;
  entry.kind = input.kind ?? 'event';
  if (input.milestone) entry.milestone = input.milestone;
  entry.text = input.text;
  return [{ kind: 'append', path: ['timeline'], value: entry }];
}

export type StatusChange = { ops: EditOp[] } | { error: string };

/**
 * Resolve fills resolution and duration; Close moves to postmortem-pending
 * with the postmortem due 48 h after resolution (the seed's life cycle);
 * Closed is for a finished postmortem; reopening is logged in the timeline.
 */
export function setStatusOps(incident: Incident, target: IncidentStatus, now: Instant, author?: string): StatusChange {
  const r = incident.record;
  if (r.status === target) return { error: `${r.id} is already ${target}` };
  const ops: EditOp[] = [{ kind: 'set', path: ['status'], value: target }];
  const log = (text: string, milestone?: Milestone) => ops.push(...logEntryOps(incident, { at: now, author, kind: 'event', text, milestone }));

  if (target === 'active') {
    log(`Reopened (was ${r.status}).`);
    return { ops };
  }
  const resolution = incident.resolution ?? now;
  if (!incident.resolution) {
    if (incident.start && resolution.ms < incident.start.ms) return { error: 'cannot resolve before the incident started' };
    ops.push({ kind: 'set', path: ['resolution'], value: formatInstant(resolution) });
    if (incident.start) ops.push({ kind: 'set', path: ['duration'], value: formatDuration((resolution.ms - incident.start.ms) / TIME.MINUTE) });
  }
  if (target === 'resolved') {
    log('Resolved.', incident.milestones.resolved ? undefined : 'resolved');
    return { ops };
  }
  if (target === 'postmortem-pending') {
    const deadline = { ms: resolution.ms + POSTMORTEM_DUE_HOURS * TIME.HOUR, offsetMinutes: resolution.offsetMinutes };
    ops.push({
      kind: 'set',
      path: ['postmortem'],
      value: { status: r.postmortem?.status ?? 'pending', deadline: r.postmortem?.deadline ?? formatInstant(deadline) },
    });
    log(`Closed; postmortem due ${formatInstant(deadline)}.`, incident.milestones.resolved ? undefined : 'resolved');
    return { ops };
  }
  // closed
  if (r.postmortem?.status !== 'complete') {
    return { error: `${r.id}'s postmortem is not complete: close moves it to postmortem-pending first; set the postmortem status to complete to close it` };
  }
  log('Closed: postmortem complete.');
  return { ops };
}

export interface ActionInput {
  readonly text: string;
  readonly owner?: string;
  readonly deadline?: string;
}

export function addActionOps(input: ActionInput): EditOp[] {
  const action: Record<string, unknown> = { text: input.text };
  if (input.owner) action.owner = input.owner;
  if (input.deadline) action.deadline = input.deadline;
  return [{ kind: 'append', path: ['actions'], value: action }];
}

export function completeActionOps(incident: Incident, index: number, by: string | undefined, at: Instant): EditOp[] | { error: string } {
  const action = incident.record.actions?.[index];
  if (!action) return { error: `${incident.id} has no action ${index + 1}` };
  if (action.done) return { error: `"${action.text}" is already done` };
  const ops: EditOp[] = [
    { kind: 'set', path: ['actions', index, 'done'], value: true },
    { kind: 'set', path: ['actions', index, 'doneAt'], value: timeText(incident, at) },
  ];
  if (by) ops.push({ kind: 'set', path: ['actions', index, 'doneBy'], value: by });
  ops.push(...logEntryOps(incident, { at, author: by, kind: 'action', text: `Action done: ${action.text}` }));
  return ops;
}

export const CHANNEL_ENTRY_TEXT: Record<CommunicationChannel, string> = {
  customerNotification: 'Customer notification sent',
  teamUpdates: 'Team update shared',
  statusPage: 'Status page updated',
};

export function communicationOps(incident: Incident, channel: CommunicationChannel, at: Instant, text: string | undefined, by: string | undefined): EditOp[] {
  const item: Record<string, unknown> = { at: timeText(incident, at) };
  if (by) item.by = by;
  if (text) item.text = text;
  return [
    { kind: 'append', path: ['communications', channel], value: item },
    ...logEntryOps(incident, {
      at,
      author: by,
      kind: 'communication',
      text: text ? `${CHANNEL_ENTRY_TEXT[channel]}: "${text}"` : `${CHANNEL_ENTRY_TEXT[channel]}.`,
    }),
  ];
}

export interface RootCauseInput {
  readonly initialHypothesis?: string;
  readonly confirmed?: string;
  readonly trigger?: string;
  readonly triggerRef?: string;
  readonly aiConnection?: readonly AiConnection[];
  readonly note?: string;
}

export function rootCauseOps(input: RootCauseInput): EditOp[] {
  const value: Record<string, unknown> = {};
  if (input.initialHypothesis) value.initialHypothesis = input.initialHypothesis;
  if (input.confirmed) value.confirmed = input.confirmed;
  if (input.trigger || input.triggerRef)
    value.trigger = { ...(input.trigger ? { text: input.trigger } : {}), ...(input.triggerRef ? { ref: input.triggerRef } : {}) };
  if (input.aiConnection?.length) value.aiConnection = input.aiConnection.length === 1 ? input.aiConnection[0] : [...input.aiConnection];
  if (input.note) value.note = input.note;
  return Object.keys(value).length ? [{ kind: 'set', path: ['rootCause'], value }] : [];
}

/** Fills the postmortem skeleton: only what is missing, never over what was written. */
export function startPostmortemOps(incident: Incident, owner: string | undefined): EditOp[] {
  const pm = incident.record.postmortem ?? {};
  const learning = incident.record.learning ?? {};
  const ops: EditOp[] = [];
  const fill = (path: string[], value: unknown, present: unknown) => {
    if (present === undefined) ops.push({ kind: 'set', path, value });
  };
  if (pm.status !== 'complete') ops.push({ kind: 'set', path: ['postmortem', 'status'], value: 'in-progress' });
  fill(['postmortem', 'owner'], owner ?? '', pm.owner);
  fill(['postmortem', 'summary'], '', pm.summary);
  fill(['postmortem', 'whyNotCaught'], '', pm.whyNotCaught);
  fill(['postmortem', 'whyTookLong'], '', pm.whyTookLong);
  fill(['learning', 'lesson'], '', learning.lesson);
  fill(
    ['learning', 'promptTemplate'],
    'When writing [service] integration, the following constraints apply: [type requirements], [format rules], [error behavior expectations]',
    learning.promptTemplate,
  );
  return ops;
}

/** The next free INC- number, padded like the existing ids (INC-032). */
export function nextIncidentId(existing: readonly string[]): string {
  let max = 0;
  let width = 3;
  for (const id of existing) {
    const m = /^INC-(\d+)$/i.exec(id);
    if (!m) continue;
    max = Math.max(max, Number(m[1]));
    width = Math.max(width, m[1]!.length);
  }
  return `INC-${String(max + 1).padStart(width, '0')}`;
}

export interface NewIncidentInput {
  readonly id: string;
  readonly title: string;
  readonly priority: Priority;
  readonly start: Instant;
  readonly detectedHow?: 'monitoring' | 'user' | 'team';
  readonly detectedSource?: string;
  readonly system?: string;
  readonly roles?: { incidentLead?: string; commsOwner?: string; technicalLead?: string; onCall?: string };
  readonly author?: string;
}

/** A new incident file, valid by construction, formatted like the demo. */
export function newIncidentText(input: NewIncidentInput): string {
  if (!(PRIORITIES as readonly string[]).includes(input.priority)) throw new Error(`unknown priority ${input.priority}`);
  const roles = Object.fromEntries(Object.entries(input.roles ?? {}).filter(([, v]) => v));
  const data: Record<string, unknown> = {
    id: input.id,
    title: input.title,
    status: 'active',
    priority: input.priority,
    start: formatInstant(input.start),
  };
  if (input.detectedHow) data.detected = { how: input.detectedHow, ...(input.detectedSource ? { source: input.detectedSource } : {}) };
  if (Object.keys(roles).length) data.roles = roles;
  if (input.system) data.impact = { system: input.system };
  data.timeline = [
    {
      at: formatClock(input.start),
      ...(input.author ? { author: input.author } : {}),
      kind: 'event',
      milestone: 'detected',
      text: input.detectedSource ? `Detected: ${input.detectedSource}` : 'Incident opened.',
    },
  ];
  return newRecordText(data, `${input.id} — ${input.title.replace(/\s+/g, ' ')}`);
}

export interface NewActionRecord {
  readonly id: string;
  /** Workspace-relative path of the new file. */
  readonly file: string;
  readonly text: string;
}

/**
 * Each planned action in the postmortem becomes its own record
 * (ACTION-INC023-5.yaml …) linked back to the incident, as the seed asks;
 * the plan then names the new record's id in place of the planned item.
 */
export function actionRecordsFromPlan(
  incident: Incident,
  existingActionIds: readonly string[],
  actionsFolder: string,
): { records: NewActionRecord[]; ops: EditOp[] } | { error: string } {
  const plan = incident.record.postmortem?.actionPlan ?? [];
  const planned = plan.map((entry, index) => ({ entry, index })).filter((p) => typeof p.entry !== 'string');
  if (!planned.length)
    return { error: `${incident.id}'s postmortem has no planned action without a record (add items with a title under postmortem.actionPlan)` };
  const digits = incident.id.replace(/^INC-/i, '');
  const prefix = `ACTION-INC${digits}-`;
  let next = 1;
  for (const id of [...existingActionIds, ...plan.filter((p): p is string => typeof p === 'string')]) {
    if (id.toUpperCase().startsWith(prefix)) next = Math.max(next, Number(id.slice(prefix.length)) + 1 || next);
  }
  const records: NewActionRecord[] = [];
  const ops: EditOp[] = [];
  for (const { entry, index } of planned) {
    const p = entry as Exclude<typeof entry, string>;
    const id = `${prefix}${next++}`;
    const data: Record<string, unknown> = { id, incident: incident.id, title: p.title };
    if (p.owner) data.owner = p.owner;
    if (p.deadline) data.deadline = p.deadline;
    if (p.acceptanceCriteria) data.acceptanceCriteria = p.acceptanceCriteria;
    if (p.term) data.term = p.term;
    data.status = 'open';
    records.push({ id, file: `${actionsFolder.replace(/\/+$/, '')}/${id}.yaml`, text: newRecordText(data, `${id} — from the ${incident.id} postmortem`) });
    ops.push({ kind: 'set', path: ['postmortem', 'actionPlan', index], value: id });
  }
  return { records, ops };
}

/**
 * A person read an imported record's text: `source.reviewed` (who, when). From
 * then on it reaches AI instruction files and AGENTS.md like a team record.
 * A record written in the repository (no source) needs no review.
 */
export function markReviewedOps(
  record: { readonly id: string; readonly source?: { readonly reviewed?: unknown } },
  by: string,
  at: Instant,
): EditOp[] | { error: string } {
  if (!record.source) return { error: `${record.id} was written in this repository (it has no source:), so it needs no review` };
  if (!by.trim()) return { error: 'say who reviewed it (--by NAME, or git config user.name)' };
  return [{ kind: 'set', path: ['source', 'reviewed'], value: { by: by.trim(), at: formatInstant(at) } }];
}
