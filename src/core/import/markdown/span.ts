/**
 * When the incident began and ended, and how long the document says it
 * lasted, from the document's own statements, each with the sentence or line
 * it came from. In order: a stated range ("between 12:17 and 12:30 UTC",
 * "from ~12:00 to 17:55 CEST"); the document's "Date:" and "Time:" labels;
 * marked entries ("OUTAGE BEGINS", "First detected", "Resolved"); two
 * entries as far apart as a stated time to recovery; statements ("went
 * down at", "back online", "resolved at", a day said in prose); the timeline
 * (from its first entry about the outage when it opens with lead-up, such as
 * a change, a rollout or a day-only entry before timed ones; an earlier day
 * in the opening when the timeline opens with a report; a provider
 * recovering is not the end; a test environment is neither start nor end);
 * the opening's first dated time or date line; the day in the title. Lead-up
 * sections never count. Durations as written: a label, a Duration column, a
 * phrase ("lasted 84 minutes", "for a few hours", "resolved(~20 hrs)").
 * Nothing is computed that the document does not say.
 */
import { safetyGuards } from './spanSafety';
import { findDate, type Day } from './inline';
import type { Line } from './sections';
import { oneUpdateDuration, sentencesOf, statedDuration, statedMinutes, type StatedDuration } from './duration';
import { entryLocal, type Entry } from './timeline';
import { labelledEnds } from './spanEndLabel';
import { durationWindow } from './spanDurationWindow';
import { afterFailingAgain, endsBeforeStart, beforeDetection, lastPeriodEnd, newestFirst } from './spanFirst';
import { weakerStart } from './spanWeakStart';

export { statedMinutes };
import type { Zone } from './zones';
import { abstainStart } from './spanAbstain';
import type { LabelPeriod } from './spanLabel';
import { hourRange, moment, statementMentions, type Mention, type Moment } from './spanMoment';
import { disagreements } from './spanConflicts';
import { failingSince, relativeEnd } from './spanRelative';
import { dayOnlyEnd, endOnLastDay, resolvedOnDay, securityStartDay, statedDays } from './spanDays';
import { changeCountedFrom, durationsDisagree, labelOnOtherDay, rangeFigure, statedStartEntry } from './spanAgree';

export type { Moment };
import { judge, type Judge } from './spanJudge';
import { chooseFigure, durationList } from './durationList';
import { beforeNamedDetection } from './spanDetected';
import { resolvedRow } from './spanResolvedRow';
import { openingPeriod } from './spanBetween';
import { sameFailureFirst, withoutRecaps } from './spanRecur';
import { clockBack, evidenceAfter, firstNoticed, releaseReported, restoredRun } from './spanRound28';
import { isRemark, remarkWhy } from './spanRemark';
import { labelMention } from './spanLabelTime';
import { farSighting } from './spanFar';
import {
  IMPACT,
  UNDER_WAY,
  REPORT,
  PROVIDER,
  DONE,
  START_MARK,
  END_MARK,
  START_STATEMENT,
  END_STATEMENT,
  FULL_RECOVERY,
  BEGAN_EARLIER,
  RANGE,
  OUTAGE_WORDS,
  FULLY_BACK,
  USERS_BACK,
  FIRST_REPORT,
  PERIODS,
  RANGE_ABOUT,
} from './spanWords';

export interface Span {
  start?: Moment;
  end?: Moment;
  /** As written: "84 minutes", "0h 55m", "approximately 47 minutes". */
  duration?: StatedDuration;
  /** Why a fact was left empty ("the first entry says it began earlier"), for the record's notes. */
  why?: string[];
}

export const FULLY_RULE = { last: true };
const ALERTED = /\b(alerts?|alarms?|alerted|paged|pages? (?:was|were) sent|detect\w*|monitor\w*)\b/i;

function nextDay(d: Day): Day {
  const t = new Date(Date.UTC(d.y!, d.m - 1, d.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const entryMoment = (e: Entry): Moment | undefined => (entryLocal(e) ? moment(e.day, e, e.line, e.text) : undefined);
const minutes = (e: Entry) => (e.day?.y && e.h !== undefined ? Date.UTC(e.day.y, e.day.m - 1, e.day.d, e.h, e.m) / 60000 : undefined);

export interface SpanInput {
  readonly entries: readonly Entry[];
  /** Opening paragraphs, summary, impact, resolution (never a lead-up section). */
  readonly statements: readonly Line[];
  /** Every line outside lead-up sections (labels like "Time to recovery: 84 minutes"). */
  readonly lines: readonly Line[];
  readonly docDay?: Day;
  readonly docZone?: Zone;
  readonly titleDay?: { day: Day; line: number; text: string };
  /** The document's "Time:" label ("## Time: 5:13:57 UTC"), read on its Date label's day. */
  readonly timeLabel?: { text: string; line: number; day?: Day };
  /** The document's Date label when it gives a range of days ("January 14-19, 2026"). */
  readonly dateRange?: { from: Day; to: Day; line: number; text: string };
  /** The title names a test environment: the incident is there, so entries about it are not set aside. */
  readonly testIncident?: boolean;
  /** Timeline rows or lines left out because their time could not be read. */
  readonly unreadRows?: number;
  /** The period the document's own Date or Time label states ("Date: May 28 2025, 11:30 AM UTC - May 29 2025, 17:30 UTC"). */
  readonly period?: LabelPeriod;
  /** Round 10: the title's day, when the document names no other: a time in its prose is on that day. */
  readonly onlyDay?: Day;
  /** Round 23: the lines of the document's Impact sections (spanDays.ts). */
  readonly impact?: ReadonlySet<number>;
}

export function findSpan(input: SpanInput): Span {
  const span: Span = {};
  const j = judge(!!input.testIncident);
  span.duration =
    durationList(input.lines) ?? statedDuration(input.lines, input.statements) ?? rangeFigure(input.statements) ?? oneUpdateDuration(input.entries);
  // Round 11: "Between 18:30 on November 27, 2025 and 06:15 on November 28, 2025 (UTC), …" opening a sentence.
  const between = openingPeriod(sentencesOf(input.statements), input.docZone);
  if (between) [span.start, span.end] = [between.start, between.end];
  fromStatements(input, span, true);
  // Round 8: a period stated in the document's own Date or Time label, before any timeline entry.
  if (!span.start && input.period) {
    span.start = input.period.start;
    span.end ??= input.period.end;
    if (input.period.why) (span.why ??= []).push(input.period.why);
  }
  // The document's own "Date:" and "Time:" labels say when it happened.
  if (!span.start && input.timeLabel) span.start = labelled(input, input.timeLabel);
  fromMarks(input.entries, span);
  fromPairs(input.entries, span, j);
  fromStatements(input, span, false);
  const relative = !span.end ? relativeEnd(input.statements, input.entries) : undefined;
  if (relative) {
    span.end = relative.end;
    relative.entry.milestone ??= 'mitigated';
    (span.why ??= []).push(relative.why);
  }
  const since = !span.start ? failingSince(input.entries) : undefined;
  if (since) {
    span.start = since.start;
    (span.why ??= []).push(since.why);
  }
  // "exposed from on or about 2025-02-10 through 2025-04-01": the first day starts it, before the timeline's first entry.
  const days = !span.start ? statedDays(input.statements, input.docDay?.y, input.impact) : undefined;
  if (days) span.start = days.from;
  const periodEnd = !span.end ? lastPeriodEnd(input.entries) : undefined;
  if (periodEnd) span.end = entryMoment(periodEnd);
  fromTimeline(
    input.entries,
    span,
    j,
    input.titleDay?.day,
    sentencesOf(input.statements).some((x) => PERIODS.test(x.text)),
    input.lines,
  );
  span.end ??= resolvedRow(input.lines, input.entries, input.docZone);
  if (!span.why?.some((w) => w.startsWith('start:'))) abstainStart(input.entries, input.lines, span);
  if (days) endOnLastDay(days, span);
  if (!span.start && !input.entries.length) span.start = securityStartDay(input.statements, input.docDay?.y);
  // Round 5: a start kept only where the document's sources agree on it.
  statedStartEntry(input.statements, input.entries, span);
  changeCountedFrom(input.entries, span, j.leadUp);
  labelOnOtherDay(input.statements, span);
  durationsDisagree(input.statements, span);
  dayOnlyEnd(input.statements, input.docDay?.y, span);
  if (!span.end && !input.entries.length) span.end = resolvedOnDay(input.lines, span.start);
  if (!span.end && input.dateRange) span.end = moment(input.dateRange.to, { approx: false }, input.dateRange.line, input.dateRange.text);
  beforeReports(input, span);
  // Two sources telling the same event at different moments: no choice is made between them.
  const contradicted = disagreements(span, input.entries, input.statements, input.docZone);
  if (contradicted.length) (span.why ??= []).push(...contradicted);
  weakerStart(input, span);
  labelledEnds(input.lines, span);
  // Round 8: never an end before the start ("### 2021-06-11 14:24" under a timeline that starts on 2021-06-28).
  if (span.start && span.end && endsBeforeStart(span.start, span.end)) {
    (span.why ??= []).push(`end: line ${span.end.line} gives ${span.end.local}, before the start (${span.start.local}); no end is taken`);
    delete span.end;
  }
  safetyGuards(span, input.entries, j, entryMoment);
  durationWindow(input.lines, input.docDay, input.docZone, span);
  chooseFigure(span);
  return span;
}

/** Range statements (first pass) or start/end statements (second pass). */
function fromStatements(input: SpanInput, span: Span, ranges: boolean): void {
  // The day a paragraph has named so far ("On 2021-04-27 at 15:09 UTC we released… completed by 15:56 UTC").
  let paragraph: { line: number; day: Day } | undefined;
  for (const s of sentencesOf(input.statements)) {
    const ms = statementMentions(s.text);
    // "In the morning of Sept. 18th, 2017, a couple of our sites went down": the day, no time.
    if (!ms.length && !ranges && !span.start && START_STATEMENT.test(s.text)) {
      const d = findDate(s.text);
      if (d?.y) span.start = moment(d, { approx: false }, s.line, s.text);
    }
    const dayFound = findDate(s.text);
    if (dayFound) paragraph = { line: s.line, day: { ...dayFound, y: dayFound.y ?? input.docDay?.y } };
    if (!ms.length) continue;
    // A time takes the day its own sentence, or an earlier sentence of its paragraph, names; never a day from elsewhere
    // in the document (the title's, a timeline's, the first date of the body), which may not be the day it happened.
    const day = paragraph?.line === s.line ? paragraph.day : input.onlyDay;
    const zone = ms.find((m) => m.zone)?.zone ?? input.docZone;
    const at = (m: Mention) => moment(day, { ...m, zone: m.zone ?? zone }, s.line, s.text);
    if (ranges) {
      if (ms.length >= 2 && (RANGE.test(s.text) || hourRange(s.text)) && OUTAGE_WORDS.test(s.text)) {
        const a = ms[0]!;
        const b = ms[1]!;
        // "from November 11, 4:02 PM to November 14, 3:02 PM": the end on its own day; "between 23:50 and 00:20":
        // on the next day.
        const own = findDate(s.text.slice(a.index + 1, b.index));
        const next = own ? { ...own, y: own.y ?? day?.y } : day?.y && b.h * 60 + b.m < a.h * 60 + a.m ? nextDay(day) : day;
        // "from 17:09 EST to approximately 23:42 EST": the end as approximate as the sentence says.
        // "Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC": the word governs the whole range.
        const whole = RANGE_ABOUT.test(s.text.slice(Math.max(0, a.index - 80), a.index));
        const about = (m: Mention) => whole || m.approx || /\b(?:approximately|approx\.|about|around|roughly|circa)\s*$/i.test(s.text.slice(0, m.index));
        span.start ??= moment(day, { ...a, approx: about(a), zone: a.zone ?? zone }, s.line, s.text);
        span.end ??= moment(next, { ...b, approx: about(b), zone: b.zone ?? zone }, s.line, s.text);
      }
      continue;
    }
    if (!day && ((!span.start && START_STATEMENT.test(s.text)) || (!span.end && END_STATEMENT.test(s.text))))
      (span.why ??= []).push(`time without a day: line ${s.line} ("${s.text.slice(0, 60)}") names no day of its own, so its time is not used`);
    if (!span.start && START_STATEMENT.test(s.text)) span.start = at(ms[0]!);
    if (!span.end && END_STATEMENT.test(s.text)) span.end = at(ms[ms.length - 1]!);
    // "By November 15, 6:20 AM UTC we had worked through the backlog and fully recovered": a full recovery after a
    // stated window of degradation is the end.
    const full = FULL_RECOVERY.test(s.text) ? at(ms[ms.length - 1]!) : undefined;
    if (full && span.end && later(full, span.end)) span.end = full;
  }
}

const later = (a: Moment, b: Moment) => !!a.value && !!b.value && Date.parse(a.value.replace(/^~/, '')) > Date.parse(b.value.replace(/^~/, ''));

/** "## Date: December 08, 2022" and "## Time: 5:13:57 UTC": the time the document gives the incident. */
function labelled(input: SpanInput, label: NonNullable<SpanInput['timeLabel']>): Moment | undefined {
  const m = labelMention(label.text);
  return m ? moment(label.day, { ...m, zone: m.zone ?? input.docZone }, label.line, label.text) : undefined;
}

/**
 * A timeline that opens with someone reporting the problem, where the opening names an earlier day for the
 * incident ("On February 9th, 2025 two users submitted…", the first report on the 10th): the start is that day.
 */
function beforeReports(input: SpanInput, span: Span): void {
  const first = input.entries.find((e) => e.line === span.start?.line);
  if (!first?.day?.y || !REPORT.test(first.text)) return;
  for (const s of sentencesOf(input.statements)) {
    const d = findDate(s.text);
    // The document's own date line ("Date: 2025-02-12") is when it was written.
    if (!d?.y || /^\W*(date|authors?|status|published|updated)\W*:/i.test(s.text)) continue;
    if (Date.UTC(d.y, d.m - 1, d.d) < Date.UTC(first.day.y, first.day.m - 1, first.day.d)) {
      span.start = moment(d, { approx: false }, s.line, s.text);
      return;
    }
    break;
  }
  // "**Date:** January 14-19, 2026" and a timeline that opens with a customer telling us: the start is the range's
  // first day, never the report's time.
  const range = input.dateRange;
  if (range && Date.UTC(range.from.y!, range.from.m - 1, range.from.d) <= Date.UTC(first.day.y, first.day.m - 1, first.day.d))
    span.start = moment(range.from, { approx: false }, range.line, range.text);
}

function fromMarks(entries: readonly Entry[], span: Span): void {
  const start = entries.find((e) => START_MARK.test(e.text));
  if (start && !span.start) span.start = entryMoment(start);
  const end = entries.find((e) => END_MARK.test(e.text));
  // Round 21: a notice reopened after this resolution (statusHeadings.ts): the timeline's later end decides.
  if (end && !span.end && !entries.some((e) => e.line > end.line && /\(reopened\):/.test(e.text))) {
    span.end = entryMoment(end);
    end.milestone = 'resolved';
  }
  for (const e of entries) if (/\b(outage|impact) mitigated\b/i.test(e.text)) e.milestone = 'mitigated';
}

/** Two entries exactly a stated time to recovery apart: the document's own figure places both. */
function fromPairs(entries: readonly Entry[], span: Span, { impact, ends }: Judge): void {
  const d = span.duration?.pairs ? statedMinutes(span.duration.text) : undefined;
  if (!d || (span.start && span.end)) return;
  const byMinute = new Map<number, Entry[]>();
  for (const e of entries) {
    const t = minutes(e);
    if (t !== undefined) byMinute.set(t, [...(byMinute.get(t) ?? []), e]);
  }
  let best: { s: Entry; e: Entry; score: number } | undefined;
  for (const s of entries) {
    const a = minutes(s);
    if (a === undefined) continue;
    for (const e of byMinute.get(a + d) ?? []) {
      const score = (impact(s) ? 1 : 0) + (ends(e) ? 1 : 0);
      if (!best || score > best.score) best = { s, e, score };
    }
  }
  if (!best) return;
  span.start ??= entryMoment(best.s);
  // The figure places the end only on an entry that can be one ("Issue identified" 389 minutes on is no end).
  if (!span.end && (ends(best.e) || !UNDER_WAY.test(best.e.text))) {
    span.end = entryMoment(best.e);
    best.e.milestone ??= 'resolved';
  }
}

function fromTimeline(
  entries: readonly Entry[],
  span: Span,
  { impact, ends, leadUp, testEnv }: Judge,
  title?: Day,
  periods = false,
  lines: readonly Line[] = [],
): void {
  if (newestFirst(entries, span)) return;
  const timed = afterTitleDay(withoutRecaps(entries.filter((e) => e.h !== undefined || e.day)), span, title, impact);
  // A timeline that opens with lead-up (a change applied, an issue opened, a day-only entry before timed ones that
  // is not about the outage) starts at its first entry about the outage itself; without any such entry (a warning,
  // not an outage), at its first entry.
  const dayOnlyBefore = (e: Entry) => e.h === undefined && !impact(e) && timed.some((x) => x.h !== undefined);
  const opensWithLeadUp = !!timed[0] && (leadUp(timed[0]) || dayOnlyBefore(timed[0]));
  // Without an entry about the outage, its first entry that is not lead-up ("new user account created", then "account
  // invites" it); the first entry when that one is a report (the outage was under way before anyone told us) or when
  // the first tells of a failure itself ("Staging immediately started rebooting repeatedly").
  const next = opensWithLeadUp ? timed.find((e) => !leadUp(e) && !dayOnlyBefore(e)) : undefined;
  const moveOn = next && timed[0] && !REPORT.test(next.text) && !IMPACT.test(timed[0].text);
  // A first entry that is not clearly about the outage (its words, someone reporting it, an alert) is context when a
  // later one is: "Maintenance window opens", then "API returns errors".
  const context = !!timed[0] && !impact(timed[0]) && !REPORT.test(timed[0].text) && !ALERTED.test(timed[0].text);
  // "First validator reports an apphash": an entry opening with the first report is about the outage too.
  const about = (e: Entry) => impact(e) || FIRST_REPORT.test(e.text) || firstNoticed(e.text) || releaseReported(timed, e);
  const found = opensWithLeadUp || context ? (timed.find(about) ?? (moveOn ? next : timed[0])) : timed[0];
  const seen = sameFailureFirst(timed, found && timed.find(about) === found ? beforeDetection(timed, found, leadUp) : found);
  // Round 16: the first entry about it is how it was detected, in the document's own words.
  const first = beforeNamedDetection(timed, seen, opensWithLeadUp, leadUp, lines);
  const i = first ? timed.indexOf(first) : 0;
  // "Security team becomes aware of an odd transaction mined roughly 30 minutes earlier": the entry says the incident
  // began before it, and nothing says when; the start stays empty rather than taking the entry's time.
  if (!span.start && first && isRemark(first)) (span.why ??= []).push(remarkWhy(first));
  else if (!span.start && first && (BEGAN_EARLIER.test(first.text) || evidenceAfter(timed, first, impact)))
    (span.why ??= []).push(`start: the first timeline entry (line ${first.line}) says it began earlier, and the document gives no time for that`);
  else if (!span.start && first && !farSighting(timed, first, span)) span.start = entryMoment(first);
  if (span.end) return;
  const after = timed.slice(
    span.start
      ? Math.max(
          0,
          timed.findIndex((e) => e.line >= span.start!.line),
        )
      : i,
  );
  let k = after.findIndex((e, n) => n > 0 && ends(e));
  // Users' notebooks "start working again" as routes come back, then "datahub is fully operational again": the entry
  // saying the service is wholly back is the end, not an earlier partial recovery.
  // Round 11: "CloudFlare reports to be fully operational", then "Google reports to be fully operational": the last.
  const fully = k > 0 ? after.reduce((last, e, n) => (n > k && ends(e) && FULLY_BACK.test(e.text) ? n : last), -1) : -1;
  if (fully > 0 && FULLY_RULE.last) k = fully;
  else if (fully > 0 && !FULLY_BACK.test(after[k]!.text)) k = after.findIndex((e, n) => n > k && ends(e) && FULLY_BACK.test(e.text));
  if (k > 0 && periods) k = after.reduce((last, e, n) => (ends(e) ? n : last), k);
  // "block production resumes", then "AP node fails again": the outage came back; the next end after it, else none.
  if (k > 0) k = restoredRun(after, afterFailingAgain(after, k, ends, span), ends);
  // A provider's systems recovering is not our service back ("Provider systems recovered", then "All services confirmed
  // operational"): the next end that is not about a provider.
  if (k > 0 && PROVIDER.test(after[k]!.text)) {
    const ours = after.findIndex((e, n) => n > k && ends(e) && !PROVIDER.test(e.text));
    // Only the provider's recovery, and entries after it: our own service's end is not said.
    if (ours < 0 && k < after.length - 1) {
      (span.why ??= []).push(`end: line ${after[k]!.line} is a provider's recovery and the timeline goes on after it; no entry says our own service was back`);
      return;
    }
    if (ours > 0) k = ours;
  }
  const last = after.at(-1);
  // No entry says it ended, but the last one says the stuck work went through, or that users can connect again.
  const end = k > 0 ? after[k] : after.length > 1 && last && (DONE.test(last.text) || USERS_BACK.test(last.text)) && !testEnv(last) ? last : undefined;
  if (end && !clockBack(after, end)) {
    span.end = entryMoment(end);
    end.milestone ??= 'resolved';
  }
}

/**
 * "# 2018-10-30: Incorrect TLS Certificates deployed" over a timeline that opens on 2018-10-08: the entries two days
 * or more before the day the title names are lead-up (how it was set up), when the timeline has the outage on or
 * after that day.
 */
function afterTitleDay(timed: Entry[], span: Span, title: Day | undefined, impact: (e: Entry) => boolean): Entry[] {
  if (!title?.y) return timed;
  const at = (d: Day) => Date.UTC(d.y!, d.m - 1, d.d);
  // Only when the title's day has the outage itself (a title dated by its publication, over a timeline whose last entry
  // is "postmortem published", sets nothing aside).
  if (!timed.some((e) => e.day?.y && at(e.day) >= at(title) && impact(e))) return timed;
  // The evening before runs into the title's day often enough ("20:30" on the 20th in "2019-07-21: Differ Broken").
  const before = timed.filter((e) => e.day?.y && at(e.day) < at(title) - 86400000);
  if (!before.length || !timed.some((e) => e.day?.y && at(e.day) === at(title))) return timed;
  (span.why ??= []).push(
    `lead-up: the title names ${title.y}-${String(title.m).padStart(2, '0')}-${String(title.d).padStart(2, '0')}; the timeline's entries two days or more before it (lines ${before.map((e) => e.line).join(', ')}) are not taken as start or end`,
  );
  return timed.filter((e) => !before.includes(e));
}
