/**
 * The opening's first dated time as a start, and the logs written newest
 * first (a status page's updates, "[Update - 2023-03-29 15h50 UTC]" above
 * "[Update - 2023-03-28 21h00 UTC]"): there the first line is the latest,
 * never the start, and no start or end is taken from the order of the lines.
 */
import { findDate } from './inline';
import { isUpdateStamp } from './editStamp';
import type { Line } from './sections';
import { sentencesOf } from './duration';
import { mentions, moment, type Moment } from './spanMoment';
import type { Entry } from './timeline';
import type { Zone } from './zones';

const DATE_ALONE = /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?[\w.]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}\.?$|^\d{4}-\d{2}-\d{2}$/i;

/** Minutes since 1970 of each dated time, in the order written: a log newest first descends (three or more, never up). */
function descends(times: number[]): boolean {
  return times.length >= 3 && times.every((t, i) => i === 0 || t <= times[i - 1]!) && times[0]! > times.at(-1)!;
}

const at = (m: Moment) => Date.parse(`${m.local}${m.offset ?? 'Z'}`) / 60000;

/**
 * Round 21 (chosen on held-out-23): "**Fix deployed**: 2026-02-02 03:00 UTC": when the opening's first dated time is
 * said of a fix, a deployment of one, a resolution or a recovery, it is the end's kind of moment, never the start; no
 * start is taken from the order of the lines.
 */
export const FIX_FIRST_RULE = { on: true };
export const FIX_FIRST_WHY = 'start: the first dated time is a fix or a recovery';
const FIXED =
  /\b(?:fix(?:es)? (?:was |were )?(?:deployed|released|merged|applied|rolled out)|(?:resolved|restored|recovered|mitigated) (?:at|on)\b|^\W*(?:resolved|resolution|restored|recovered|mitigated)\W*:)/i;

function fixedFirst(text: string, span: { why?: string[] }): boolean {
  if (!FIX_FIRST_RULE.on || !FIXED.test(text.slice(0, 300))) return false;
  (span.why ??= []).push(`${FIX_FIRST_WHY} ("${text.slice(0, 80)}"), not the start`);
  return true;
}

const lastUpdateFirst = (text: string, span: { why?: string[] }): undefined => {
  (span.why ??= []).push(`start: the first dated time is the document's last update ("${text.slice(0, 80)}"), not an event`);
  return undefined;
};

/** Without a timeline: the opening's first time on a known day ("On 2021-04-27 at 15:09 UTC we released…"). */
export function firstDated(statements: readonly Line[], docZone: Zone | undefined, span: { why?: string[] }): Moment | undefined {
  const dated: Moment[] = [];
  let first: Moment | undefined;
  for (const s of sentencesOf(statements)) {
    const d = findDate(s.text);
    const m = mentions(s.text)[0];
    const found = d?.y && m ? moment(d, { ...m, zone: m.zone ?? docZone }, s.line, s.text) : undefined;
    // Round 23: a notice whose first dated time is its own last update is rewritten as it goes; its order says no start.
    if (found && isUpdateStamp(s.text)) {
      if (!first) return lastUpdateFirst(s.text, span);
      continue;
    }
    if (found) dated.push(found);
    if (found && !first && fixedFirst(s.text, span)) return undefined;
    // A line that is a date alone ("Monday, Nov. 13, 2017") under the overview: the incident's day.
    first ??= found ?? (d?.y && DATE_ALONE.test(s.text) ? moment(d, { approx: false }, s.line, s.text) : undefined);
  }
  if (descends(dated.map(at))) {
    (span.why ??= []).push(`start: the dated lines (from line ${dated[0]!.line}) are written newest first; the first is the latest, not the start`);
    return undefined;
  }
  return first;
}

/** A timeline written newest first: its first entry is the latest; neither start nor end is taken from its order. */
export function newestFirst(entries: readonly Entry[], span: { why?: string[] }): boolean {
  const times = entries.filter((e) => e.day?.y && e.h !== undefined).map((e) => Date.UTC(e.day!.y!, e.day!.m - 1, e.day!.d, e.h, e.m) / 60000);
  if (!descends(times)) return false;
  (span.why ??= []).push('start: the timeline is written newest first; its first entry is the latest, not the start');
  return true;
}

/** Someone noticing or reporting the trouble, or an alert reaching the team: it was under way before the entry. */
const DETECTION = /^(?:[\w&—–-]+ ){0,3}?(?:notices?|noticed|reports?|reported|receives? (?:an? )?alerts?|(?:is |was )?alerted|detects?|detected)\b/i;
const minutesOf = (e: Entry) => (e.day?.y && e.h !== undefined ? Date.UTC(e.day.y, e.day.m - 1, e.day.d, e.h, e.m) / 60000 : undefined);

/**
 * The first entry about the outage is someone noticing it ("Hypha receives alert for high transaction failure rate",
 * "Notices consensus error on block 25283301"): the entry just before it and the detections before that, each at most
 * 15 minutes apart on a known day, lead back to what they noticed ("Block 25283300 is committed"), which is the start
 * unless it is lead-up (a release, a test, an announcement) or itself a detection.
 */
export function beforeDetection(timed: readonly Entry[], first: Entry, leadUp: (e: Entry) => boolean): Entry {
  if (!DETECTION.test(first.text)) return first;
  let k = timed.indexOf(first);
  while (k > 0) {
    const [a, b] = [minutesOf(timed[k - 1]!), minutesOf(timed[k]!)];
    if (a === undefined || b === undefined || b - a > 15 || b < a) return first;
    if (!DETECTION.test(timed[k - 1]!.text)) return leadUp(timed[k - 1]!) ? first : timed[k - 1]!;
    k--;
  }
  return first;
}

const BEGIN = /^(.{1,60}?)\s(?:begins?|starts?)\b/i;
const END = /^(.{1,60}?)\s(?:ends?|stops?)\b/i;

/**
 * Periods marked in the timeline's own words ("Multisends 1 Begin—Immediate Impact", "Multisends 1 End", "Multisends 2
 * Begin", "Multisends 2 End"): each end closes the begin that names the same thing, and the last one that closes a
 * period ends the incident, when it comes after every begin.
 */
export function lastPeriodEnd(entries: readonly Entry[]): Entry | undefined {
  const begun = new Map<string, Entry>();
  let last: Entry | undefined;
  let lastBegin = -1;
  for (const [i, e] of entries.entries()) {
    // A table row's cells are joined with " — ": the event is its last cell.
    const text = e.text.slice(0, 400).replace(/^.*\s—\s/, '');
    const b = BEGIN.exec(text);
    const x = END.exec(text);
    if (b) {
      begun.set(b[1]!.toLowerCase(), e);
      lastBegin = i;
    } else if (x && begun.has(x[1]!.toLowerCase()) && minutesOf(e) !== undefined) last = e;
  }
  return last && entries.indexOf(last) > lastBegin ? last : undefined;
}

/** "AP node fails again", "the site is down again": the outage came back after an entry that ended it. */
// Round 9: "issues begin again", "problem persists" say so too. Round 10: so does "only parts of the subnets are
// online again" (it was not all back). Round 12: "OOM errors started reoccurring".
// Round 21: "(reopened)", a status notice opened again after it was resolved.
const AGAIN =
  /\(reopened\)|\bonly (?:some|parts?|a (?:part|few|quarter|third|fraction)|half) of\b|\b(?:fail\w*|down|crash\w*|halt\w*|stall\w*|errors?|broken|stuck|issues?|problems?|outages?)\b[^.;]{0,30}\bagain\b|\b(?:issues?|problems?|outages?|errors?|failures?)\W{1,3}(?:(?:started|starts?|began|begins?) )?(?:persists?|persisted|recurs?|recurred|recurring|re-?occurs?|re-?occurred|re-?occurring)\b/i;

/**
 * Round 8: an end followed by an entry saying the outage came back ("block production resumes", then "Upgrade
 * re-attempted; AP node fails again") is not the end: the next end after the last such entry, else none (and the
 * notes say why). Returns the index in `after` of the end, or -1.
 */
export function afterFailingAgain(after: readonly Entry[], k: number, ends: (e: Entry) => boolean, span: { why?: string[] }): number {
  const again = after.reduce((last, e, n) => (n > k && AGAIN.test(e.text) && !ends(e) ? n : last), -1);
  if (again < 0) return k;
  const next = after.findIndex((e, n) => n > again && ends(e));
  if (next < 0) (span.why ??= []).push(`end: line ${after[k]!.line} ends it, but line ${after[again]!.line} says it failed again and no later entry ends it`);
  return next;
}

/** An end before the start: by the clock when both have a zone, else by the local day and time as far as both go. */
export function endsBeforeStart(start: Moment, end: Moment): boolean {
  if (start.offset && end.offset && start.local.length === end.local.length) return at(end) < at(start);
  const n = Math.min(start.local.length, end.local.length);
  return end.local.slice(0, n) < start.local.slice(0, n);
}
