/**
 * Round 28 (chosen on held-out-30). Each rule is switchable and every pattern runs in time linear in its input (texts
 * are cut before they are matched).
 */
import { hour24, MONTH_NAME, monthNumber, type Day } from './inline';
import type { Line } from './sections';
import { moment, type Moment } from './spanMoment';
import type { Entry } from './timeline';

/**
 * A build failing ("Build fails because of network connectivity issues", "We see build will fail because …") is the
 * team's own release work going wrong, not the outage: never the timeline's first entry about it.
 */
export const BUILD_FAILS_RULE = { on: true };
const BUILD_FAILS =
  /^(?:we (?:see|saw|notice|noticed) (?:that )?)?(?:the |a |our )?(?:new |next )?builds? (?:will |would |again )?(?:fails?|failed|failing)\b/i;
export const buildFails = (text: string) => BUILD_FAILS_RULE.on && BUILD_FAILS.test(text.slice(0, 300).trim());

/**
 * An update, upgrade or maintenance said to begin ("Updates began on `auth` server") is lead-up, as "deploy started"
 * is; "Disruption first noticed" is the timeline's first entry about the outage, in its own words.
 */
export const CHANGE_BEGAN_RULE = { on: true };
const CHANGE_BEGAN = /^(?:the )?(?:updates?|upgrades?|maintenance|migrations?|rollouts?)\b[^.;]{0,40}?\b(?:began|begins|begun|started|starts)\b/i;
const FIRST_NOTICED = /^(?:the )?(?:disruption|outage|downtime|issue|problem|impact|degradation)s? (?:was |were )?first (?:noticed|detected|observed|seen)\b/i;
export const changeBegan = (text: string) => CHANGE_BEGAN_RULE.on && CHANGE_BEGAN.test(text.slice(0, 300).trim());
export const firstNoticed = (text: string) => CHANGE_BEGAN_RULE.on && FIRST_NOTICED.test(text.slice(0, 300).trim());

/**
 * "First evidence (logs) of wstunnel being accessed by unauthorized users" after an earlier entry: evidence found is when
 * it was seen, not when it began (the earlier entry may be); the start stays empty. Not when the entry itself tells of the
 * attack or failure ("First sign of vulnerability being exploited").
 */
export const FIRST_EVIDENCE_RULE = { on: true };
const FIRST_EVIDENCE = /^first (?:evidence|signs?|indications?|traces?)\b/i;
export const evidenceAfter = (timed: readonly Entry[], first: Entry, impact: (e: Entry) => boolean) =>
  FIRST_EVIDENCE_RULE.on && timed.indexOf(first) > 0 && !impact(first) && FIRST_EVIDENCE.test(first.text.slice(0, 300).trim());

/**
 * "Texoid functionality restored", "Mathoid functionality restored", "Live updates (event server functionality)
 * restored": each part coming back in turn, to the timeline's last entry; the outage ends with the last of them.
 */
export const RESTORED_RUN_RULE = { on: true };
const RESTORED = /\brestored\s*\.?$/i;
export function restoredRun(after: readonly Entry[], k: number, ends: (e: Entry) => boolean): number {
  if (!RESTORED_RUN_RULE.on || k <= 0 || k >= after.length - 1) return k;
  const run = after.slice(k);
  return run.every((e) => ends(e) && RESTORED.test(e.text.slice(-300))) ? after.length - 1 : k;
}

/**
 * "On Thursday, November 17th, 2016 at approximately 12:05pm our website went down … and lasted until Friday, November
 * 18th, at 3:01pm": the opening sentence's own time after its day, and the end "until" a later named day and time.
 */
export const OPENING_TIME_RULE = { on: true };
const AT = /^on\b[^.]{4,60}?\bat (approximately |about |around |roughly |~)?(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?(?![a-z])/i;
const UNTIL = new RegExp(
  `\\buntil (?:[a-z]+day,? )?${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?,? (?:at )?(\\d{1,2})(?::(\\d{2}))? ?([ap])\\.?m\\.?(?![a-z])`,
  'i',
);

export function openingTime(s: Line, day: Day): { start: Moment; end?: Moment } | undefined {
  if (!OPENING_TIME_RULE.on) return undefined;
  const text = s.text.trim().slice(0, 600);
  const m = AT.exec(text);
  if (!m) return undefined;
  const start = moment(day, { h: hour24(Number(m[2]), /p/i.test(m[4]!)), m: Number(m[3] ?? 0), approx: !!m[1] }, s.line, s.text);
  if (!start) return undefined;
  const u = UNTIL.exec(text.slice(m.index + m[0].length));
  if (!u) return { start };
  const mo = monthNumber(u[1]!);
  const endDay = { y: day.y! + (mo < day.m ? 1 : 0), m: mo, d: Number(u[2]) };
  const end = moment(endDay, { h: hour24(Number(u[3]), /p/i.test(u[5]!)), m: Number(u[4] ?? 0), approx: false }, s.line, s.text);
  return end && end.local > start.local ? { start, end } : { start };
}

/**
 * "2015-02-26 19:00 Chef Client 12.2.0. released", then "Issue 3153 reported on Github": a release the next entry reports
 * an issue against shipped it; the release is the timeline's first entry about the outage.
 */
export const RELEASE_REPORTED_RULE = { on: true };
const RELEASED = /\b(?:released|shipped|published|went live)\s*\.?$/i;
const ISSUE_REPORTED = /\b(?:issues?|bugs?|regressions?)\b[^.;]{0,60}?\breported\b/i;
export function releaseReported(timed: readonly Entry[], e: Entry): boolean {
  if (!RELEASE_REPORTED_RULE.on || timed[0] !== e || !timed[1]) return false;
  return RELEASED.test(e.text.slice(-300)) && ISSUE_REPORTED.test(timed[1].text.slice(0, 300));
}

/**
 * "12:39 Workspaces wiped …", then "1:50 Start rebuilding broken node" on the same day with no am or pm: the clock went
 * back, so the later times are on a 12-hour clock the document does not mark; an end among them is not read.
 */
export const CLOCK_BACK_RULE = { on: true };
const at = (e: Entry) => (e.day?.y && e.h !== undefined ? Date.UTC(e.day.y, e.day.m - 1, e.day.d, e.h, e.m) : undefined);
export function clockBack(after: readonly Entry[], end: Entry): boolean {
  if (!CLOCK_BACK_RULE.on || /\b[ap]\.?m\b/i.test(end.text.slice(0, 40))) return false;
  const t = at(end);
  const k = after.indexOf(end);
  return t !== undefined && after.slice(0, k).some((e) => (at(e) ?? 0) > t && e.day?.d === end.day?.d && e.day?.m === end.day?.m);
}
