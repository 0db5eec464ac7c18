/**
 * Round 8: the period a document states for the incident in its own Date or
 * Time label ("* Date: May 28 2025, 11:30 AM UTC - May 29 2025, ~17:30 PM
 * UTC", "| Time | 0730 - 1230 (UTC) |" in a key/value table under "| Date |
 * February 4th, 2019 |"). It is the document's statement of when the outage
 * was, so it comes before any timeline entry (whose first row may be lead-up:
 * "Snapshot generated at upgrade height"). Only the first such label counts
 * (a later one is a sub-period or the review meeting's), only a range with a
 * time on its first side, and the end only when it is after the start
 * ("9:30 AM UTC - 12:30 AM UTC" gives the start and no end, and the notes say
 * why). Every pattern here runs in time linear in its input.
 */
import { findDate, inlineText, type Day } from './inline';
import type { Line } from './sections';
import { mentions, moment, type Moment } from './spanMoment';
import { declaredZone, type Zone } from './zones';
import { parenthesisedTime } from './fourDigit';

export interface LabelPeriod {
  start: Moment;
  end?: Moment;
  why?: string;
}

// Round 10: "Incident Date", and a window the document names ("**Impact Window:** **02:00–02:08 CET** (01:00–01:08 UTC)").
const NAMES = '((?:incident |outage )?date|time|date ?/ ?time|date and time|when|period|(?:impact|outage|incident|downtime) window)';
/** "* Date: …", "**Date**: …", "Time: …" at the head of a line (not a nested sub-item). */
const LABEL = new RegExp(`^ ?(?:[-*+] {1,3})?(?:\\*\\*)?${NAMES}(?:\\*\\*)? ?:(?:\\*\\*)? ?(\\S.{0,300})$`, 'i');
/** A key/value table row: "| Time | 0730 - 1230 (UTC) |". */
const ROW = new RegExp(`^ ?\\| ?(?:\\*\\*)?${NAMES}(?:\\*\\*)? ?:? ?\\| ?([^|]{1,300})\\|\\s{0,9}$`, 'i');
/** Between the two sides of the period. */
const SEPARATOR = /\s[-–—]\s|\s(?:to|until|till)\s|(?<=\d)[–—](?=~?\d)/i;
/** "0730" alone (with a zone or an approximate mark around it): a time without its colon. */
const FOUR = /^\s{0,3}(~)?([01]\d|2[0-3])([0-5]\d)(?!\d)/;

interface Side {
  day?: Day;
  h: number;
  m: number;
  approx: boolean;
  zone?: Zone;
}

function side(text: string, dayFirst: boolean): Side | undefined {
  const t = mentions(text)[0];
  const four = t ? undefined : FOUR.exec(text);
  const day = findDate(text, dayFirst);
  // Round 11: "Thur 3 Nov 2016 (~1727)": a four-digit time in parentheses after a date with its year.
  const inParens = !t && !four && day?.y ? parenthesisedTime(text) : undefined;
  if (inParens) return { ...inParens, day: day! };
  if (!t && !four) return undefined;
  const time = t ? { h: t.h, m: t.m, approx: t.approx, ...(t.zone ? { zone: t.zone } : {}) } : { h: Number(four![2]), m: Number(four![3]), approx: !!four![1] };
  return { ...time, ...(day ? { day } : {}) };
}

export function labelPeriod(lines: readonly Line[], dayFirst: boolean, docZone: Zone | undefined): LabelPeriod | undefined {
  let labelDay: Day | undefined;
  let seen = false;
  for (const l of lines) {
    const m = LABEL.exec(l.text) ?? ROW.exec(l.text);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const value = inlineText(m[2]!).trim();
    if (name.endsWith('date') && !labelDay) labelDay = findDate(value, dayFirst);
    // The same period again in another zone, or a remark, in parentheses after it: the period is the one before them.
    const parts = value.split(SEPARATOR).length === 2 ? value.split(SEPARATOR) : value.replace(/\s?\([^()]{0,120}\)$/, '').split(SEPARATOR);
    if (parts.length !== 2 || seen) continue;
    const a = side(parts[0]!, dayFirst);
    const b = side(parts[1]!, dayFirst);
    if (!a || !b) continue;
    // The first labelled period is the incident's; a later one (a severity's, the review's) is not.
    seen = true;
    const zone = a.zone ?? b.zone ?? declaredZone(value) ?? docZone;
    const dayA = a.day ?? labelDay;
    if (!dayA?.y) return undefined;
    const start = moment(dayA, { ...a, zone: a.zone ?? zone }, l.line, inlineText(l.text));
    if (!start) return undefined;
    const dayB = b.day ? { ...b.day, y: b.day.y ?? dayA.y } : dayA;
    const end = moment(dayB, { ...b, zone: b.zone ?? zone }, l.line, inlineText(l.text));
    if (end && end.local > start.local) return { start, end };
    return { start, why: `end: the period on line ${l.line} ends ("${parts[1]!.trim().slice(0, 40)}") before it starts; no end is taken from it` };
  }
  return undefined;
}
