/**
 * The demo's active incident, kept recent: a copy of the demo opened on any
 * day shows INC-031 as started within the last day, its deadlines as near as
 * they were written, and its timeline unchanged in clock time. Whole days are
 * added to every full date in an active record (bare HH:MM times and offsets
 * stay as written), so the story reads the same on any day.
 */
import { parseDocument } from 'yaml';
import { parseTime, TIME } from './recordTime';

const FULL_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?=[T ]\d{2}:\d{2})/g;

/** Whole days to add so that `startMs` lands within the day before `now` (0 when already recent or in the future). */
export function daysToRecent(startMs: number, now: number): number {
  return Math.max(0, Math.floor((now - startMs) / TIME.DAY));
}

function shiftDate(y: string, m: string, d: string, days: number): string {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)) + days * TIME.DAY);
  return date.toISOString().slice(0, 10);
}

/** The record text with every full date moved by `days` (comments and layout kept). */
export function shiftRecordDays(text: string, days: number): string {
  if (!days) return text;
  return text.replace(FULL_DATE, (_, y: string, m: string, d: string) => shiftDate(y, m, d, days));
}

/** An active incident record made recent for a demo copy; any other text is returned unchanged. */
export function recentDemoRecord(text: string, now: number): string {
  const doc = parseDocument(text);
  if (doc.errors.length || doc.get('status') !== 'active') return text;
  const start = doc.get('start');
  if (typeof start !== 'string') return text;
  const parsed = parseTime(start);
  if (parsed.kind !== 'instant') return text;
  return shiftRecordDays(text, daysToRecent(parsed.instant.ms, now));
}
