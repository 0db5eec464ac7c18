/**
 * Round 19 (chosen on held-out-21), for blogProse.ts: a post's opening "On
 * <day>" sentence that names no year or has no comma (read with round 18's "On
 * <date>," as one rule there), its times and the day its fix was available; else what went wrong "today" or "last night"
 * against the post's own date. See blogProse.ts and blogDays.ts.
 */
import { hour24, MONTH_NAME, monthNumber, type Day } from './inline';
import type { Line } from './sections';
import { moment, type Moment } from './spanMoment';
import { zoneFor } from './zones';
import { GERMAN_YESTERDAY_RULE, relativeDay, WEEKDAY_DAYS_RULE, yearAfter, yearOf } from './blogDays';

type Found = { start?: Moment; end?: Moment } | undefined;

const DAY = `${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?`;
const ON_NAMED = new RegExp(`^on ${DAY}(?:,? (\\d{4}))?\\b,?\\s`, 'i');
const WENT_WRONG = /\b(?:outages?|incidents?|abort\w*|fail\w*|down|bugs?|attacks?|unresponsive|unavailable|not working|broken|inaccessible)\b/i;
const WINDOW = /\bfrom (approx\.? |approximately |about |around )?(\d{1,2}):(\d{2}) (?:until|till|to) (\d{1,2}):(\d{2})\b/i;
const FIX_AVAILABLE = new RegExp(
  `\\b(?:hot ?fix|fix|patch|mitigat)\\w*\\b.{0,200}?\\b(?:available|announced|released)\\b.{0,60}?\\b(?:on|since) ${DAY}(?:,? (\\d{4}))?`,
  'i',
);

/**
 * Round 26 (chosen on held-out-28): "During a few hours on March 17th you may have noticed longer response times": a
 * sentence opening with a length on a day ("During a few hours on <day>", "For 20 minutes on <day>") names the day of
 * the outage or slowdown it says (slower, longer or higher response times or latency count), read like "On <day>".
 */
export const DURING_ON_RULE = { on: true };
const DURING_ON = new RegExp(
  `^(?:during|for) (?:about |around |roughly |approximately )?(?:a few|several|a couple of|\\d{1,3}) (?:hours?|minutes?) on ${DAY}(?:,? (\\d{4}))?\\b,?\\s`,
  'i',
);
const SLOWER = /\b(?:longer|slower|higher|increased|elevated) (?:response times?|latenc(?:y|ies)|load(?:ing)? times?)\b/i;

/** "On April 6th `catfish` became unresponsive": the day a sentence opens with, its year from blogDays.ts, when it says what went wrong. */
export function namedOpening(text: string, docDay: Day | undefined, postDay: Day | undefined): Day | undefined {
  const during = !ON_NAMED.test(text) && DURING_ON_RULE.on ? DURING_ON.exec(text) : null;
  const m = ON_NAMED.exec(text) ?? during;
  if (!m || !(WENT_WRONG.test(text) || (during && SLOWER.test(text)))) return undefined;
  return yearOf({ ...(m[3] ? { y: Number(m[3]) } : {}), m: monthNumber(m[1]!), d: Number(m[2]) } as Day, docDay, postDay);
}

/** "from approx 7:15 until 11:45" in the opening sentence: its start and end on that day, "approx" qualifying both. */
export function windowOn(s: Line, day: Day): Found {
  const w = WINDOW.exec(s.text);
  if (!w || Number(w[4]) * 60 + Number(w[5]) <= Number(w[2]) * 60 + Number(w[3])) return undefined;
  const start = moment(day, { h: Number(w[2]), m: Number(w[3]), approx: !!w[1] }, s.line, s.text);
  const end = moment(day, { h: Number(w[4]), m: Number(w[5]), approx: !!w[1] }, s.line, s.text);
  return start && end ? { start, end } : undefined;
}

/** The first later day a fix, hotfix or mitigation was "available since" or "announced … on": the end, the day only. */
export function fixAvailable(sentences: readonly Line[], day: Day, start: Moment | undefined): Moment | undefined {
  if (!WEEKDAY_DAYS_RULE.on) return undefined;
  for (const x of sentences) {
    const f = FIX_AVAILABLE.exec(x.text);
    const fixDay = f && (f[3] ? { y: Number(f[3]), m: monthNumber(f[1]!), d: Number(f[2]) } : yearAfter({ m: monthNumber(f[1]!), d: Number(f[2]) }, day));
    const end = fixDay && moment(fixDay, { approx: false }, x.line, x.text);
    if (end && start && end.local > start.local.slice(0, 10)) return end;
  }
  return undefined;
}

/**
 * Round 26 (chosen on held-out-28; rests on one document): "All Algolia services were secured the same day, by 3pm PDT
 * on Monday, April 7th": every service said secured, restored, fixed or patched by a time with its zone on a named day
 * is the end; "the same day" makes that day the start too (the day only). Only "all" or "every" before it, a time with
 * am or pm and a zone, and a month and day (the year as blogDays.ts gives it).
 */
export const ALL_BY_RULE = { on: true };
const ALL_BY = new RegExp(
  `\\b(?:all|every)\\b[^.]{0,80}?\\b(?:were|was|had been|have been|has been)\\s(?:secured|restored|fixed|patched|recovered|back online)\\b(\\s(?:on\\s)?(?:the same|that) day)?,?\\s(?:by|at)\\s(\\d{1,2})(?::(\\d{2}))?\\s?(am|pm)\\s([A-Z]{2,4})\\s(?:on\\s)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s)?${DAY}(?:,? (\\d{4}))?`,
  'i',
);

export function allBy(sentences: readonly Line[], docDay: Day | undefined, postDay: Day | undefined): Found {
  if (!ALL_BY_RULE.on) return undefined;
  for (const s of sentences) {
    const m = ALL_BY.exec(s.text);
    const zone = m ? zoneFor(m[5]!) : undefined;
    if (!m || !zone) continue;
    const day = yearOf({ ...(m[8] ? { y: Number(m[8]) } : {}), m: monthNumber(m[6]!), d: Number(m[7]) } as Day, docDay, postDay);
    const end = moment(day, { h: hour24(Number(m[2]), /pm/i.test(m[4]!)), m: Number(m[3] ?? 0), approx: false, zone }, s.line, s.text);
    const start = m[1] ? moment(day, { approx: false }, s.line, s.text) : undefined;
    if (end) return { ...(start ? { start } : {}), end };
  }
  return undefined;
}

const AT_RELATIVE = /\bat (about |around |approx\.? |approximately )?(\d{1,2})(?::(\d{2}))? ?(am|pm) (?:last night|yesterday|today|this morning)\b/i;
const FIXED = /\b(?:was|were|been|got) (?:fixed|resolved|restored)\b|\bback (?:up|online|to normal)\b|\bworking normally\b/i;

const FULLY = /\bfully (?:operational|recovered|restored|functional|available|working)\b/i;
const AT_WEEKDAY = /\bat (\d{1,2})(?::(\d{2}))? ?(am|pm),? (?:on )?(sun|mon|tues|wednes|thurs|fri|satur)day\b/i;
const WEEKDAYS = ['sun', 'mon', 'tues', 'wednes', 'thurs', 'fri', 'satur'];

/** "back to a fully working state at 6pm Friday" in a post dated that Friday: the end, at that time of the post's day. */
function fullyOnPostDay(sentences: readonly Line[], postDay: Day): Moment | undefined {
  const weekday = WEEKDAYS[new Date(Date.UTC(postDay.y!, postDay.m - 1, postDay.d)).getUTCDay()];
  for (const x of sentences) {
    const t = FULLY.test(x.text) ? AT_WEEKDAY.exec(x.text) : null;
    if (t && t[4]!.toLowerCase() === weekday)
      return moment(postDay, { h: hour24(Number(t[1]), /pm/i.test(t[3]!)), m: Number(t[2] ?? 0), approx: false }, x.line, x.text);
  }
  return undefined;
}

/**
 * Round 26 (chosen on held-out-28): "We regret to inform you that we are currently experiencing an outage in our main
 * cluster": a post written while the outage was under way, so its own date is the outage's day (the day only, no end).
 * Only "currently" with an outage, downtime or disruption, or a service currently down, offline or unavailable.
 */
export const ONGOING_RULE = { on: true };
const ONGOING =
  /\b(?:we are|we're|(?:is|are)) currently (?:experiencing (?:an? |some )?(?:[\w-]+ ){0,2}?(?:outages?|downtime|disruptions?)\b|(?:down|offline|unavailable|unreachable)\b)/i;

function ongoingDay(sentences: readonly Line[], postDay: Day | undefined): Found {
  const s = ONGOING_RULE.on && postDay?.y ? sentences.find((x) => ONGOING.test(x.text)) : undefined;
  const start = s && moment(postDay, { approx: false }, s.line, s.text);
  return start ? { start } : undefined;
}

/** Round 27: what went wrong, in German ("nicht mehr erreichbar", "ein Problem aufgetreten", "Ausfall", "Störung"). */
const WENT_WRONG_DE =
  /(?<![\p{L}])(?:nicht (?:mehr )?(?:erreichbar|verfügbar|nutzbar)|ausgefallen|Ausfall|Störung|gestört|Probleme? (?:ist |sind )?aufgetreten|ein Problem aufgetreten)(?![\p{L}])/iu;
const wentWrong = (text: string) => WENT_WRONG.test(text) || (GERMAN_YESTERDAY_RULE.on && WENT_WRONG_DE.test(text));

/** What went wrong "today" or "last night" in a post that states its own date: that day (and time); fixed later "today", the end. */
export function todaySpan(sentences: readonly Line[], postDay: Day | undefined): Found {
  const k = sentences.findIndex((s) => wentWrong(s.text) && relativeDay(s.text, postDay));
  if (k < 0) return ongoingDay(sentences, postDay);
  const s = sentences[k]!;
  const day = relativeDay(s.text, postDay)!;
  const t = AT_RELATIVE.exec(s.text);
  const hour = t ? hour24(Number(t[2]), /pm/i.test(t[4]!)) : undefined;
  const start = moment(day, { ...(t ? { h: hour, m: Number(t[3] ?? 0) } : {}), approx: !!t?.[1] }, s.line, s.text);
  const same = /\btoday\b/i.test(s.text) && !t;
  const fixed = same ? sentences.slice(k + 1).find((x) => FIXED.test(x.text)) : undefined;
  const end = (fixed && moment(day, { approx: false }, fixed.line, fixed.text)) || fullyOnPostDay(sentences.slice(k + 1), postDay!);
  return { ...(start ? { start } : {}), ...(end && start && end.local >= start.local ? { end } : {}) };
}
