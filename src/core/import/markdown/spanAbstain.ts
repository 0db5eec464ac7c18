/**
 * Round 9: a start taken from a timeline entry is left empty (the notes say
 * why) where the document shows the outage was elsewhere:
 * - the entry is more than 30 days before the next dated entry ("| 2021-11-25 |
 *   a way to attack … outlined on Twitter" half a year before a run of daily
 *   rows): it is background, and no later row is marked as the start;
 * - the entry is someone noticing it ("Terrence flagged an unusually high
 *   missed block rate") and a table of the document's gives a time earlier that
 *   day ("| 10495509 | 2024-11-28 05:02:11 | …"): the outage
 *   was under way before the report, and the document does not say when it began.
 * Every pattern here runs in time linear in its input.
 */
import { inlineText } from './inline';
import type { Block, Line } from './sections';
import type { Moment } from './spanMoment';
import type { Entry } from './timeline';

const DAY = 86400000;
/** Someone noticing or flagging the problem, said first: the outage was under way before the entry. */
const NOTICED = /^\W{0,3}(?:[\w'’-]+ ){1,4}?(?:flagged|reported|noticed|spotted|observed|detected|reports|notices|flags)\b/i;
/** A full date and a time in a line: "2024-11-28 05:02:11", "2024-11-28T05:02". */
const STAMP = /\b(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):([0-5]\d)\b/;

const dayAt = (e: Entry) => (e.day?.y ? Date.UTC(e.day.y, e.day.m - 1, e.day.d) : undefined);

export function abstainStart(entries: readonly Entry[], lines: readonly Line[], span: { start?: Moment; why?: string[] }): void {
  const start = span.start;
  const i = start ? entries.findIndex((e) => e.line === start.line) : -1;
  if (!start || i < 0) return;
  const entry = entries[i]!;
  const at = dayAt(entry);
  const next = entries.slice(i + 1).find((e) => dayAt(e) !== undefined);
  const gap = at !== undefined && next ? (dayAt(next)! - at) / DAY : 0;
  if (gap > 30) {
    (span.why ??= []).push(
      `start: line ${entry.line} (${start.local}) is ${Math.round(gap)} days before the next entry (line ${next!.line}); it is background, and no entry says when the outage began`,
    );
    delete span.start;
    return;
  }
  if (entry.h === undefined || !entry.day?.y || !NOTICED.test(entry.text)) return;
  const own = new Set(entries.map((e) => e.line));
  const mine = entry.h * 60 + entry.m!;
  for (const l of lines) {
    // Only a table's row (data: "| 10495509 | 2024-11-28 05:02:11 | …"), never a log or a sentence.
    if (own.has(l.line) || !/^\s{0,3}\|/.test(l.text)) continue;
    const m = STAMP.exec(l.text.slice(0, 2000));
    if (!m || Number(m[1]) !== entry.day.y || Number(m[2]) !== entry.day.m || Number(m[3]) !== entry.day.d) continue;
    if (Number(m[4]) * 60 + Number(m[5]) >= mine) continue;
    (span.why ??= []).push(
      `start: the first entry (line ${entry.line}) is someone noticing it, and line ${l.line} gives an earlier time that day (${m[0]}); the document does not say when it began`,
    );
    delete span.start;
    return;
  }
}

const MONTH_YEAR = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? \d{4}\b/i;

/**
 * A title that names a month and no day ("TorBox Outage Post Mortem - August 2026", "Post Mortem Covering June 2026")
 * is a report on that month's incidents: its timeline's days alone are incidents of their own, so none of them is
 * the start or the end (a period the document states still is).
 */
export function monthReport(title: string, titleHasDay: boolean, entries: readonly Entry[], span: { start?: Moment; end?: Moment; why?: string[] }): void {
  if (titleHasDay || !MONTH_YEAR.test(title.slice(0, 400))) return;
  for (const field of ['start', 'end'] as const) {
    const m = span[field];
    const e = m && entries.find((x) => x.line === m.line);
    if (!m || !e || e.h !== undefined) continue;
    (span.why ??= []).push(`${field}: the title names a month (a report on its incidents); line ${m.line}'s day (${m.local}) is one incident's, not taken`);
    delete span[field];
  }
}

/** "## INCIDENT 2: Distributed Consensus Performance Degradation (…)", "## Incident 1: Operator account balance depletion". */
const NUMBERED = /^\W{0,4}(?:incident|outage)\s?#?(\d{1,3})\b/i;

/**
 * Round 10: a document that reports several incidents under numbered headings ("## INCIDENT 2: …" told before "##
 * INCIDENT 1: …") has no one start, end or duration within them: a fact read from a line under those headings (an
 * entry of one incident, one incident's "Duration: 3 hours 28 minutes") is left empty, and the notes say why. A
 * statement before them still counts.
 */
export function severalIncidents(
  blocks: readonly Block[],
  span: { start?: { line: number }; end?: { line: number }; duration?: { line: number }; why?: string[] },
): void {
  const heads = blocks.filter((b) => b.heading && NUMBERED.test(inlineText(b.heading.slice(0, 200))));
  const numbers = new Set(heads.map((b) => NUMBERED.exec(inlineText(b.heading.slice(0, 200)))![1]));
  if (numbers.size < 2) return;
  const first = Math.min(...heads.map((b) => b.line));
  for (const field of ['start', 'end', 'duration'] as const) {
    const m = span[field];
    if (!m || m.line < first) continue;
    (span.why ??= []).push(
      `${field}: line ${m.line} is within one of the document's ${numbers.size} numbered incidents (from line ${first}); not taken for the whole`,
    );
    delete span[field];
  }
}
