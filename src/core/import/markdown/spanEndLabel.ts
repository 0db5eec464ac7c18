/**
 * Round 21 (chosen on held-out-23): a metadata list's own end ("- End (UTC): 2026-02-20T16:29:00Z") against the
 * timeline's end at another minute ("2026-02-20T16:32:54Z — Restored via …"): the document disagrees with itself. The
 * label is kept when the stated duration counts from the start to it (02:53 + 13 hours 35 minutes is 16:28, within
 * two minutes), else no end is taken (round 4's policy). A label that agrees, or no label, changes nothing.
 */
import { statedMinutes, type StatedDuration } from './duration';
import type { Line } from './sections';
import { moment, type Moment } from './spanMoment';
import { findDate, inlineText } from './inline';

export const END_LABEL_RULE = { on: true };
const END_LABEL = /^\s*(?:[-*+]\s+)?\**(?:end|ended|end time)(?:\s*\((?:utc|z)\))?\**\s*:\**\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?\s?(?:z|utc)\b/i;

const minutes = (value: string) => Date.parse(value.replace(/^~/, '')) / 60000;

export function endLabel(lines: readonly Line[], span: { start?: Moment; end?: Moment; duration?: StatedDuration; why?: string[] }): void {
  if (!END_LABEL_RULE.on || !span.end?.value || span.end.value.length < 16) return;
  const hit = lines.map((l) => ({ l, m: END_LABEL.exec(l.text.slice(0, 200)) })).find((x) => x.m);
  if (!hit) return;
  const local = `${hit.m![1]}T${hit.m![2]}`;
  const label = Date.parse(`${local}Z`) / 60000;
  if (label === minutes(span.end.value)) return;
  const figure = span.duration ? statedMinutes(span.duration.text) : undefined;
  const counted = span.start?.value && figure !== undefined ? minutes(span.start.value) + figure : undefined;
  const why = `end: the document's End label (line ${hit.l.line}) says ${local} UTC, the timeline ${span.end.local}`;
  if (counted !== undefined && Math.abs(counted - label) <= 2) {
    const evidence = hit.l.text.trim();
    span.end = { value: `${local}+00:00`, local, offset: '+00:00', approx: false, line: hit.l.line, evidence };
    (span.why ??= []).push(`${why}; the stated duration counts from the start to the label, so the label is kept`);
    return;
  }
  (span.why ??= []).push(`${why}; they disagree, so no end is taken`);
  delete span.end;
}

/**
 * Round 22 (chosen on held-out-24): a Status label that gives the day it was resolved ("| **Status** | **Resolved
 * 2026-06-20** — fixed and live-verified |", "Status: Resolved on March 3, 2025") is the end, the day only, when
 * nothing else gave one and the day is not before the start's. "Status: Resolved" alone gives no day and no end.
 */
export const RESOLVED_DAY_RULE = { on: true };
const RESOLVED_STATUS = /^\W{0,6}status\W{0,6}[:|]\W{0,6}resolved\W{0,4}(?:on\s)?(?=\d|[A-Z])/i;

export function resolvedStatusDay(lines: readonly Line[], span: { start?: Moment; end?: Moment; why?: string[] }): void {
  if (!RESOLVED_DAY_RULE.on || span.end) return;
  const hit = lines.find((l) => RESOLVED_STATUS.test(inlineText(l.text.slice(0, 200))));
  const text = hit ? inlineText(hit.text.slice(0, 200)) : '';
  const m = RESOLVED_STATUS.exec(text);
  const day = m ? findDate(text.slice(m[0].length, m[0].length + 40)) : undefined;
  if (!hit || !day?.y) return;
  const end = moment(day, { approx: false }, hit.line, text);
  if (end && span.start && end.local < span.start.local.slice(0, 10)) return;
  if (end) span.end = end;
}

/** The labels that state an end: a metadata End label against the timeline (round 21), a Status label's day (round 22). */
export function labelledEnds(lines: readonly Line[], span: { start?: Moment; end?: Moment; duration?: StatedDuration; why?: string[] }): void {
  endLabel(lines, span);
  resolvedStatusDay(lines, span);
}
