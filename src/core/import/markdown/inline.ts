/**
 * Inline Markdown to plain text, and the dates a postmortem writes. Every
 * pattern here runs in time linear in its input: no nested or adjacent
 * unbounded quantifiers that could backtrack over the same text (a pasted
 * 100 kB line must not stall the extension host).
 */

const PH = 0xe000;

/** Code spans found by scanning (a backtracking pattern is quadratic on runs of backticks). */
function holdCodeSpans(md: string, hold: (s: string) => string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    const open = md.indexOf('`', i);
    if (open < 0) break;
    if (open > 0 && md[open - 1] === '\\') {
      out += md.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    let n = open;
    while (md[n] === '`') n++;
    const fence = md.slice(open, n);
    // The closing run must be exactly as long; search forward run by run.
    let close = -1;
    for (let k = md.indexOf(fence, n); k >= 0; k = md.indexOf(fence, k + 1)) {
      let e = k;
      while (md[e] === '`') e++;
      if (e - k === fence.length) {
        close = k;
        break;
      }
      k = e - 1;
    }
    if (close < 0 || close === n) {
      out += md.slice(i, n);
      i = n;
      continue;
    }
    out += md.slice(i, open) + hold(md.slice(open, close + fence.length));
    i = close + fence.length;
  }
  return out + md.slice(i);
}

/** Markdown inline text → plain text: escapes undone, emphasis and links unwrapped, code spans kept as written. */
export function inlineText(md: string): string {
  const held: string[] = [];
  const hold = (s: string) => {
    held.push(s);
    return String.fromCharCode(PH + held.length - 1);
  };
  let s = holdCodeSpans(md, hold)
    .replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => hold(c))
    .replace(/<br\s?\/?>/gi, ' ')
    // A link's address stops at a bracket ("[UTC]([UTC]([UTC](…" is read in linear time, not searched to the end each time).
    .replace(/!\[([^\][]*)\]\([^)[\]]*\)/g, '$1')
    .replace(/\[([^\][]+)\]\(([^)\s[\]]+)(?: "[^"]{0,300}")?\)/g, (_, t: string, u: string) =>
      t === u || t === u.replace(/^\w+:\/\//, '') ? t : `${t} (${u})`,
    )
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|[\s(["'])\*([^*\s][^*]*)\*(?=$|[\s)\]"'.,:;!?])/g, (m, a: string, b: string) => (/\s$/.test(b) ? m : a + b))
    .replace(/(^|[\s(["'])_([^_\s][^_]*)_(?=$|[\s)\]"'.,:;!?])/g, (m, a: string, b: string) => (/\s$/.test(b) ? m : a + b));
  s = s.replace(/[\ue000-\uf8ff]/g, (c) => held[c.charCodeAt(0) - PH] ?? c);
  return s.replace(/\s+/g, ' ').trim();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for a month's name or its first three letters (any case); 0 when it is none. */
export function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}
export const pad = (n: number) => String(n).padStart(2, '0');
/** A month's name, whole or cut short ("Aug", "August", "Sept."), its first three letters captured: for monthNumber. */
export const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.?';
/** A 12-hour clock's hour on the 24-hour clock: 12 am is 0, 12 pm is 12. */
export const hour24 = (h: number, pm: boolean) => (h % 12) + (pm ? 12 : 0);

export interface Day {
  y?: number;
  m: number;
  d: number;
}

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** Round 16: also the day of an ISO date and time written together ("2022-07-18T07:30:00Z"). */
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})(?:\b|(?=T\d{2}:\d{2}))/;
/** The year as written: "2024", or "’24" (two digits after an apostrophe, read as 20xx); "Feb 7 1506 UTC" is a time, not a year. */
const YEAR = `(?:,? (\\d{4})(?!\\d|\\s?\\(?(?:UTC|GMT|Z)\\b)|,? ['’‘](\\d{2}))?\\b`;
const MDY = new RegExp(`\\b${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:\\s?[-–]\\s?\\d{1,2}(?:st|nd|rd|th)?)?${YEAR}`, 'i');
const DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${MONTH}\\.?${YEAR}`, 'i');
/** No incident happened before 1970 or after next year: another number is not a year. */
export const plausibleYear = (y: number | undefined) => y === undefined || (y >= 1970 && y <= new Date().getUTCFullYear() + 1);
const year = (four: string | undefined, two: string | undefined) => {
  const y = four ? Number(four) : two ? 2000 + Number(two) : undefined;
  return plausibleYear(y) ? y : undefined;
};
/** 29-09-2021, 03/10/2021: day first (the European order); read only where a document writes it so. */
const NUMERIC_DMY = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/;
const NUMERIC_MDY = /(?<![\d.-])(1[0-2]|0?[1-9])-(1[3-9]|2\d|3[01])-(\d{4}|\d{2})(?![\d.-])/;

/** The first date in a text: 2017-01-31, January 31st 2017, 31 January 2017, Jan 31 (year unknown); 29-09-2021 when dayFirst. */
export function findDate(text: string, dayFirst = false, title = false): Day | undefined {
  const t = text.replace(/\s+/g, ' ');
  const cands: Array<{ at: number; day: Day }> = [];
  const iso = ISO_DAY.exec(t);
  if (iso) cands.push({ at: iso.index, day: { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) } });
  const mdy = MDY.exec(t);
  if (mdy) cands.push({ at: mdy.index, day: { y: year(mdy[3], mdy[4]), m: monthNumber(mdy[1]!), d: Number(mdy[2]) } });
  const dmy = DMY.exec(t);
  if (dmy) cands.push({ at: dmy.index, day: { y: year(dmy[3], dmy[4]), m: monthNumber(dmy[2]!), d: Number(dmy[1]) } });
  const num = dayFirst ? NUMERIC_DMY.exec(t) : null;
  if (num) cands.push({ at: num.index, day: { y: Number(num[3]), m: Number(num[2]), d: Number(num[1]) } });
  // A title's "Website Outage 5-26-21": month first where no other order can be (a day over 12 second), the year as written.
  const us = title && !dayFirst ? NUMERIC_MDY.exec(t) : null;
  const y = us ? year(us[3]!.length === 4 ? us[3] : undefined, us[3]!.length === 2 ? us[3] : undefined) : undefined;
  if (us && y) cands.push({ at: us.index, day: { y, m: Number(us[1]), d: Number(us[2]) } });
  cands.sort((a, b) => a.at - b.at);
  const day = cands[0]?.day;
  return day && plausibleYear(day.y) && day.m >= 1 && day.m <= 12 && day.d >= 1 && day.d <= 31 ? day : undefined;
}

/** Every date with its year in a text ("began on 2022-12-07 and was noticed on 2022-12-08": both), as "y-m-d". */
export function datesIn(text: string, dayFirst = false): string[] {
  const t = text.replace(/\s+/g, ' ');
  const out: string[] = [];
  const add = (y: string | undefined, m: number, d: number) => {
    if (y && plausibleYear(Number(y)) && m >= 1 && m <= 12 && d >= 1 && d <= 31) out.push(`${y}-${m}-${d}`);
  };
  for (const x of t.matchAll(new RegExp(ISO_DAY.source, 'g'))) add(x[1], Number(x[2]), Number(x[3]));
  for (const x of t.matchAll(new RegExp(MDY.source, 'gi'))) add(year(x[3], x[4])?.toString(), monthNumber(x[1]!), Number(x[2]));
  for (const x of t.matchAll(new RegExp(DMY.source, 'gi'))) add(year(x[3], x[4])?.toString(), monthNumber(x[2]!), Number(x[1]));
  if (dayFirst) for (const x of t.matchAll(new RegExp(NUMERIC_DMY.source, 'g'))) add(x[3], Number(x[2]), Number(x[1]));
  return out;
}

/** Round 23: every month and day a text names, with or without its year ("April 30th", "2024-04-30"), as "m-d". */
export function monthDaysIn(text: string): string[] {
  const t = text.replace(/\s+/g, ' ');
  const out: string[] = [];
  const add = (m: number, d: number) => {
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) out.push(`${m}-${d}`);
  };
  for (const x of t.matchAll(new RegExp(ISO_DAY.source, 'g'))) add(Number(x[2]), Number(x[3]));
  for (const x of t.matchAll(new RegExp(MDY.source, 'gi'))) add(monthNumber(x[1]!), Number(x[2]));
  for (const x of t.matchAll(new RegExp(DMY.source, 'gi'))) add(monthNumber(x[2]!), Number(x[1]));
  return out;
}

export const dayText = (d: Day) => `${d.y}-${pad(d.m)}-${pad(d.d)}`;

const MDY_RANGE = new RegExp(`\\b${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?\\s?[-–]\\s?(\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'i');

/** "January 14-19, 2026": the first and the last day of a stated range of days. */
export function findDayRange(text: string): { from: Day; to: Day } | undefined {
  const m = MDY_RANGE.exec(text.replace(/\s+/g, ' '));
  if (!m) return undefined;
  const y = Number(m[4]);
  const month = monthNumber(m[1]!);
  const from = { y, m: month, d: Number(m[2]) };
  const to = { y, m: month, d: Number(m[3]) };
  return to.d > from.d && to.d <= 31 ? { from, to } : undefined;
}
