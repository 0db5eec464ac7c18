/**
 * Round 8: a timeline heading that is a weekday alone ("### Thursday", after
 * "### Wednesday 2019-01-30 - 08:35") is the first day after the day above it
 * that falls on that weekday: the days of a week-long write-up, each under its
 * weekday. Only a weekday name alone (with a colon at most), and only after a
 * known day.
 */
import type { Day } from './inline';

const NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ALONE = /^\**(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\**:?\**$/i;

export const WEEKDAY_RULE = { on: true };

/** "Thurs", "Wed.", "Saturday," → 0 (Sunday) … 6 (Saturday). */
export function weekdayNumber(word: string): number {
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(word.trim().slice(0, 3).toLowerCase());
}

/**
 * Round 11: an entry written "- Thurs 07:06 PDT: …" is on the day in force (the heading's, the document's) only when that
 * day is a Thursday; otherwise its day is not known, and the notes say why.
 */
export function weekdayDay(weekday: number | undefined, day: Day | undefined, line: number, notes: string[]): Day | undefined {
  if (weekday === undefined || !day?.y || new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() === weekday) return day;
  notes.push(`timeline: line ${line} names ${NAMES[weekday]}, not the weekday of ${day.y}-${day.m}-${day.d}; the entry is kept without a day`);
  return undefined;
}

export function weekdayAfter(heading: string, before: Day | undefined): Day | undefined {
  const m = ALONE.exec(heading.trim().slice(0, 40));
  if (!m || !before?.y) return undefined;
  const want = NAMES.indexOf(m[1]!.toLowerCase());
  const from = Date.UTC(before.y, before.m - 1, before.d);
  for (let k = 1; k <= 7; k++) {
    const t = new Date(from + k * 86400000);
    if (t.getUTCDay() === want) return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }
  return undefined;
}
