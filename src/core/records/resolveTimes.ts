/**
 * A record's times resolved: the time zone it names, each timeline entry,
 * action and communication read forward from the one before (clock times
 * after midnight on the next day), the milestones, and the problems found on
 * the way (an unreadable time, milestones out of order) as field paths.
 */
import type { IncidentRecord, Milestone } from './schema';
import { COMMUNICATION_CHANNELS } from './schema';
import type { ResolvedAction, ResolvedCommunication, ResolvedEntry, SemanticProblem } from './model';
import type { FieldPath } from './yamlPositions';
import {
  CLOCK_MAY_BE_ANOTHER_DAY_MS,
  formatDuration,
  formatInstant,
  isTimeZone,
  localDayStart,
  parseTime,
  resolveTime,
  TIME,
  type Instant,
} from '../time/recordTime';

export type TimeResolver = (raw: string | undefined, path: FieldPath, anchor: Instant | undefined, allowDate?: boolean) => Instant | undefined;

/** The record's IANA time zone, when it names a valid one. */
export function recordZone(record: IncidentRecord): string | undefined {
  return record.timeZone && isTimeZone(record.timeZone) ? record.timeZone : undefined;
}

/**
 * Resolves times, reporting the ones it cannot read into `problems` (or nowhere, when they were reported at parse time).
 * `importedWithoutStart`: an imported record whose source gave times of day but no date; its clock times wait for a start (warnings).
 */
export function timeResolver(zone: string | undefined, problems?: SemanticProblem[], importedWithoutStart = false): TimeResolver {
  return (raw, path, anchor, allowDate = false) => {
    if (raw === undefined) return undefined;
    const r = resolveTime(raw, anchor, { allowDate, zone });
    if ('error' in r) {
      if (!anchor && importedWithoutStart && parseTime(raw).kind === 'clock') {
        problems?.push({
          path,
          severity: 'warning',
          message: `"${raw.trim()}" is a time of day and the record has no start (a date and time with its offset) to place it: set start`,
          code: 'time-no-date',
        });
        return undefined;
      }
      problems?.push({ path, severity: 'error', message: r.error, code: 'time' });
      return undefined;
    }
    return r;
  };
}

export function resolveTimeline(record: IncidentRecord, start: Instant | undefined, time: TimeResolver, problems?: SemanticProblem[]) {
  const timeline: ResolvedEntry[] = [];
  const milestones: Partial<Record<Milestone, Instant>> = {};
  let anchor = start;
  let previous: Instant | undefined;
  (record.timeline ?? []).forEach((entry, index) => {
    const at = time(entry.at, ['timeline', index, 'at'], anchor, true);
    if (at) {
      // A date-only entry is in order when its day is not before the previous entry's day.
      const previousDay = previous && localDayStart(previous);
      const outOfOrder = previous && (at.precision === 'day' ? at.ms < previousDay! : at.ms < (previous.precision === 'day' ? previousDay! : previous.ms));
      if (outOfOrder) {
        problems?.push({
          path: ['timeline', index, 'at'],
          severity: 'warning',
          message: 'timeline is out of order: this entry is earlier than the one before it',
          code: 'timeline-order',
        });
      }
      if (anchor && at.ms - anchor.ms > CLOCK_MAY_BE_ANOTHER_DAY_MS && parseTime(entry.at).kind === 'clock') {
        const written = formatInstant(at);
        problems?.push({
          path: ['timeline', index, 'at'],
          severity: 'warning',
          message: `"${entry.at.trim()}" is ${formatDuration((at.ms - anchor.ms) / TIME.MINUTE)} after the entry before it, so it may be on a later day: write the date (read now as ${written})`,
          code: 'time-needs-date',
          fix: { title: `Write the date: ${written}`, path: ['timeline', index, 'at'], value: `${at.approximate ? '~' : ''}${written}` },
        });
      }
      previous = at;
      anchor = at;
    }
    if (entry.milestone) {
      if (milestones[entry.milestone]) {
        problems?.push({
          path: ['timeline', index, 'milestone'],
          severity: 'warning',
          message: `milestone "${entry.milestone}" is marked more than once; the first one counts`,
          code: 'milestone-repeated',
        });
      } else if (at && at.precision !== 'day') {
        // A day alone cannot time a milestone: figures in minutes leave it out.
        milestones[entry.milestone] = at;
      }
    }
    timeline.push({ index, entry, at });
  });
  return { timeline, milestones };
}

/** Where milestones contradict the record: resolution vs resolved, mitigated after resolved, detected before start. */
export function milestoneProblems(
  record: IncidentRecord,
  start: Instant | undefined,
  resolution: Instant | undefined,
  milestones: Partial<Record<Milestone, Instant>>,
): SemanticProblem[] {
  const out: SemanticProblem[] = [];
  const at = (m: Milestone) => (record.timeline ?? []).findIndex((e) => e.milestone === m);
  const { resolved, mitigated, detected } = milestones;
  if (resolution && resolved && Math.abs(resolution.ms - resolved.ms) >= TIME.MINUTE) {
    out.push({
      path: ['resolution'],
      severity: 'warning',
      message: `resolution (${formatInstant(resolution)}) and the "resolved" milestone (${formatInstant(resolved)}) differ by ${formatDuration(Math.abs(resolution.ms - resolved.ms) / TIME.MINUTE)}: make them agree`,
      code: 'milestone-contradiction',
    });
  }
  if (mitigated && resolved && mitigated.ms > resolved.ms) {
    out.push({
      path: ['timeline', at('mitigated'), 'milestone'],
      severity: 'warning',
      message: 'the incident is marked mitigated after it was resolved',
      code: 'milestone-contradiction',
    });
  }
  if (detected && start && detected.ms < start.ms) {
    out.push({
      path: ['timeline', at('detected'), 'milestone'],
      severity: 'warning',
      message: `detected (${formatInstant(detected)}) is before start (${formatInstant(start)}): the start is when impact began; move it earlier or mark the milestone elsewhere`,
      code: 'milestone-contradiction',
    });
  }
  return out;
}

export function resolveActions(record: IncidentRecord, start: Instant | undefined, time: TimeResolver): ResolvedAction[] {
  return (record.actions ?? []).map((action, index) => ({
    index,
    action,
    deadline: time(action.deadline, ['actions', index, 'deadline'], start, true),
    doneAt: time(action.doneAt, ['actions', index, 'doneAt'], start),
  }));
}

export function resolveCommunications(record: IncidentRecord, start: Instant | undefined, time: TimeResolver): ResolvedCommunication[] {
  const communications: ResolvedCommunication[] = [];
  for (const channel of COMMUNICATION_CHANNELS) {
    (record.communications?.[channel] ?? []).forEach((item, index) => {
      communications.push({ channel, index, item, at: time(item.at, ['communications', channel, index, 'at'], start, true) });
    });
  }
  return communications;
}

/** A copy without shared references or undefined fields. */
