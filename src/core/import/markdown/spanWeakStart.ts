/**
 * The weaker guesses at a start, taken last and only when no start was left empty for a reason: the opening's first
 * dated time (without a timeline), then the title's day. Round 21: a first dated time that is a fix ("**Fix
 * deployed**: 2026-02-02 03:00 UTC") leaves the start empty, and the title's day (often the fix's) is not taken either.
 */
import type { Day } from './inline';
import type { Line } from './sections';
import { earlierThanTitle } from './spanConflicts';
import { firstDated, FIX_FIRST_WHY } from './spanFirst';
import { moment, type Moment } from './spanMoment';
import type { Zone } from './zones';

export interface WeakStartInput {
  readonly statements: readonly Line[];
  readonly entries: readonly unknown[];
  readonly docZone?: Zone;
  readonly titleDay?: { day: Day; line: number; text: string };
  readonly unreadRows?: number;
}

export function weakerStart(input: WeakStartInput, span: { start?: Moment; why?: string[] }): void {
  // A start left empty for a reason is not filled by a weaker guess (the title's day, the opening's first date).
  const reasoned = span.why?.some((w) => w.startsWith('start:'));
  if (span.start || reasoned) return;
  if (!input.entries.length) span.start = firstDated(input.statements, input.docZone, span);
  if (span.start || !input.titleDay || span.why?.some((w) => w.startsWith(FIX_FIRST_WHY))) return;
  const titleLater = earlierThanTitle(input.titleDay, input.statements);
  if (titleLater) (span.why ??= []).push(titleLater);
  // Round 8: not when timeline rows were left unread (their times would say more than the title's day).
  else if (input.unreadRows)
    (span.why ??= []).push(`start: ${input.unreadRows} timeline rows have no time I can read; the title's day is not taken in their place`);
  else span.start = moment(input.titleDay.day, { approx: false }, input.titleDay.line, input.titleDay.text);
}
