/**
 * The weaker guesses at a start, taken last and only when no start was left empty for a reason: the opening's first
 * dated time (without a timeline), then the title's day. Round 21: a first dated time that is a fix ("**Fix
 * deployed**: 2026-02-02 03:00 UTC") leaves the start empty, and the title's day (often the fix's) is not taken either.
 */
import type { Day } from './inline';
import type { Line } from './sections';
import { earlierThanTitle } from './spanConflicts';
import { firstDated, FIX_FIRST_WHY } from './spanFirst';
import { mentions, moment, type Moment } from './spanMoment';
import { sentencesOf } from './duration';
import type { Zone } from './zones';

export interface WeakStartInput {
  readonly statements: readonly Line[];
  readonly lines?: readonly Line[];
  readonly entries: readonly unknown[];
  readonly docZone?: Zone;
  readonly titleDay?: { day: Day; line: number; text: string };
  readonly unreadRows?: number;
  /** Round 22: the Date label's day, when it names one day and no time ("**Date:** January 27, 2026"). */
  readonly labelDay?: { day: Day; line: number; text: string };
}

/**
 * Round 22 (chosen on held-out-24): a document whose title names no day and whose Date label names one day, no time
 * ("**Date:** Feb 16, 2026" over a post published two days later): that day is the start, the day only, when nothing
 * else gave one. A label that is a range of days is read as a period elsewhere.
 */
export const DATE_LABEL_START_RULE = { on: true };
/** Only where neither the label ("16/03/2020 3am") nor the text ("At roughly 09:30 GMT, the network halted") gives a time. */
const HOUR = /\b(?:1[0-2]|0?[1-9])\s?[ap]\.?m\b/i;
const timesSaid = (label: string, statements: readonly Line[]) =>
  HOUR.test(label) || mentions(label).length > 0 || sentencesOf(statements).some((s) => mentions(s.text).length > 0 || HOUR.test(s.text));

/**
 * Round 22 (chosen on held-out-24): "# 2026-06-19 — toshi silent UNLOAD-cleanup failure" over an Impact saying "toshi S3
 * sync blocked for ~3 days (2026-06-18 → 2026-06-22)": a period of full dates in the opening that begins before the
 * title's day and runs past it says the title names a later day (the detection's); the title's day is not the start.
 */
export const RANGE_BEFORE_TITLE_RULE = { on: true };
const DAY_RANGE = /\b(\d{4}-\d{2}-\d{2})\s?(?:→|->|\u2192|–|—|\bto\b|\bthrough\b|\buntil\b)\s?(\d{4}-\d{2}-\d{2})\b/;

function rangeBeforeTitle(title: { day: Day; line: number }, statements: readonly Line[]): string | undefined {
  if (!RANGE_BEFORE_TITLE_RULE.on) return undefined;
  const t = `${title.day.y}-${String(title.day.m).padStart(2, '0')}-${String(title.day.d).padStart(2, '0')}`;
  for (const s of sentencesOf(statements)) {
    const m = s.line === title.line ? null : DAY_RANGE.exec(s.text.slice(0, 600));
    if (m && m[1]! < t && t <= m[2]!)
      return `start: the title names ${t}, but line ${s.line} states a period from ${m[1]} to ${m[2]}; the title's day is not the start`;
  }
  return undefined;
}

export function weakerStart(input: WeakStartInput, span: { start?: Moment; why?: string[] }): void {
  // A start left empty for a reason is not filled by a weaker guess (the title's day, the opening's first date).
  const reasoned = span.why?.some((w) => w.startsWith('start:'));
  if (span.start || reasoned) return;
  if (!input.entries.length) span.start = firstDated(input.statements, input.docZone, span);
  if (span.start || span.why?.some((w) => w.startsWith(FIX_FIRST_WHY))) return;
  if (!input.titleDay && input.labelDay && DATE_LABEL_START_RULE.on && !timesSaid(input.labelDay.text, input.lines ?? input.statements))
    span.start = moment(input.labelDay.day, { approx: false }, input.labelDay.line, input.labelDay.text);
  if (!input.titleDay) return;
  const titleLater = earlierThanTitle(input.titleDay, input.statements) ?? rangeBeforeTitle(input.titleDay, input.statements);
  if (titleLater) (span.why ??= []).push(titleLater);
  // Round 8: not when timeline rows were left unread (their times would say more than the title's day).
  else if (input.unreadRows)
    (span.why ??= []).push(`start: ${input.unreadRows} timeline rows have no time I can read; the title's day is not taken in their place`);
  else span.start = moment(input.titleDay.day, { approx: false }, input.titleDay.line, input.titleDay.text);
}
