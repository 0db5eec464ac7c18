/**
 * A status page's incident kept as Markdown (cState and other Hugo themes):
 * front matter with `resolved: true` and `resolvedWhen: 2023-03-29T15:55:00-00:00`.
 * There the front matter `date` is when the incident was opened, not when a
 * post was published, and `resolvedWhen` when it was closed: the page's own
 * start and end, taken as written (seconds dropped). A front matter without
 * those keys is a post's, and its date stays the publication's.
 */
import type { Moment } from './spanMoment';
import { mentions, moment } from './spanMoment';
import type { FrontMatter, Line } from './sections';
import { sentencesOf } from './duration';
import { ZONE_WORD, zoneFor } from './zones';

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?\s?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * "2023-03-28T14:00:00-00:00" as a moment with its offset; anything less precise is not used. Round 13: a stamp without
 * an offset ("2025-08-04 18:00:00", QFieldCloud's, Wikibase Cloud's and xREL's pages) is the time as written, with no
 * zone (the record says the zone is not stated), when ZONELESS_FRONT_RULE is on.
 */
export function stamped(value: string | undefined, line: number, key: string): Moment | undefined {
  const m = STAMP.exec((value ?? '').trim().slice(0, 40));
  if (!m || (!m[6] && !ZONELESS_FRONT_RULE.on)) return undefined;
  const raw = m[6];
  const offset = !raw ? undefined : raw === 'Z' || /^[+-]00:?00$/.test(raw) ? 'Z' : `${raw.slice(0, 3)}:${raw.slice(-2)}`;
  const day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const zone = raw && offset ? { zone: { label: raw, offset } } : {};
  return moment(day, { h: Number(m[4]), m: Number(m[5]), approx: false, ...zone }, line, `${key}: ${value!.trim()}`);
}

export const ZONELESS_FRONT_RULE = { on: true };
export const POSTED_CLOSED_RULE = { on: true };

/** The front matter's date and closing time less than a minute apart (with their seconds): why neither is taken. */
function sameInstant(date: string, closed: string): string | undefined {
  const at = (v: string) => Date.parse(v.trim().slice(0, 40).replace(' ', 'T'));
  const [a, b] = [at(date), at(closed)];
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(b - a) >= 60000) return undefined;
  return `start, end: the front matter's date (${date.trim()}) and resolvedWhen (${closed.trim()}) are less than a minute apart: the notice was posted already closed, so neither says when the outage began or ended`;
}

/** The two moments in order (both with an offset, or both without: then as written). */
const inOrder = (a: Moment, b: Moment) => (a.value && b.value ? Date.parse(b.value) >= Date.parse(a.value) : !a.value && !b.value && b.local >= a.local);

/**
 * The status page's start and end, or undefined when the front matter is not a status page's incident. Round 11: when
 * the page's text gives the time it began without a zone ("Electrical failure … at 5:00 am") and that time is not the
 * front matter's in some whole-hour zone (its minutes differ), the post came later than the start: no start is taken
 * from the front matter, and the notes say why.
 */
export function statusPageSpan(front: FrontMatter | undefined, statements: readonly Line[] = []): StatusSpan | undefined {
  if (!front?.resolvedWhen || !/^(?:true|yes)$/i.test(front.resolved ?? 'true')) return undefined;
  const start = stamped(front.date, 1, 'date');
  const end = stamped(front.resolvedWhen, 1, 'resolvedWhen');
  if (!start || !end || !inOrder(start, end)) return undefined;
  // Round 15: opened and closed within the same minute (Overclock's "date: …22:31:54.077Z", "resolvedWhen: …22:31:54.127Z",
  // 50 ms apart): the notice was posted already closed, after the fact; neither time says when the outage began or ended.
  const posted = POSTED_CLOSED_RULE.on && sameInstant(front.date!, front.resolvedWhen);
  if (posted) return { start: undefined, end: undefined, why: [posted] };
  const said = STATUS_BODY_RULE.on ? sentencesOf(statements).find((s) => mentions(s.text).length) : undefined;
  const first = said ? mentions(said.text)[0]! : undefined;
  if (first && !first.zone && String(first.m).padStart(2, '0') !== start.local.slice(-2))
    return {
      end,
      why: [
        `start: line ${said!.line} gives ${said!.text.slice(0, 60)} without a zone, not the front matter's date (${front.date}); no start is taken from either`,
      ],
    };
  const since = STATUS_BODY_RULE.since && start.value ? sinceEarlier(statements, start) : undefined;
  if (since) return { start: since.start, end, why: [since.why] };
  const named = !start.value && !end.value ? bodyZone(statements, start, end) : undefined;
  if (named) return { start: named.start, end: named.end, why: [named.why] };
  return { start, end, ...(start.value ? {} : { zoneless: true }) };
}

/**
 * Round 24 (chosen on held-out-26): "resolvedWhen: 2026-07-27 14:41:00" without a zone, and the page's text "The
 * backlog cleared at 14:41 UTC": the text gives one of the front matter's own times (its hour and minute) with a zone,
 * and names no other zone, so both front matter times are read in it. A text time that is neither's leaves them as written.
 */
export const BODY_ZONE_RULE = { on: true };

function bodyZone(statements: readonly Line[], start: Moment, end: Moment): { start: Moment; end: Moment; why: string } | undefined {
  if (!BODY_ZONE_RULE.on) return undefined;
  const zoned = statements.flatMap((l) => mentions(l.text.slice(0, 2000)).flatMap((x) => (x.zone ? [{ x, zone: x.zone, l }] : [])));
  const labels = new Set(zoned.map((z) => z.zone.offset));
  const clock = (v: Moment) => v.local.slice(11, 16);
  const hm = (x: { h?: number; m?: number }) => `${String(x.h).padStart(2, '0')}:${String(x.m ?? 0).padStart(2, '0')}`;
  const same = zoned.find((z) => !z.zone.ambiguous && (hm(z.x) === clock(start) || hm(z.x) === clock(end)));
  if (!same || labels.size !== 1) return undefined;
  const again = (v: Moment) => {
    const [y, m, d, h, mi] = v.local.split(/[-T:]/).map(Number);
    return moment({ y: y!, m: m!, d: d! }, { h: h!, m: mi!, approx: false, zone: same.zone }, v.line, v.evidence);
  };
  const [a, b] = [again(start), again(end)];
  if (!a || !b) return undefined;
  return {
    start: a,
    end: b,
    why: `timeZone: line ${same.l.line} gives ${hm(same.x)} ${same.zone.label}, one of the front matter's own times; its times are read in ${same.zone.label}`,
  };
}

/** "since 2pm CEST", "since 13:40 UTC": a time with its zone, the hour alone only with am or pm. */
const SINCE = new RegExp(
  `\\bsince\\s(?:about |around |approximately |roughly |~)?(\\d{1,2})(?::(\\d{2}))?\\s?([ap])?\\.?(m\\.?)?\\s?(${ZONE_WORD})(?![A-Za-z/])`,
  'gi',
);

/**
 * Round 12: the page's text says the trouble began earlier than the front matter's date, the time the notice was
 * posted ("Fedora integration is disrupted: since 2pm CEST", posted at 14:20 +02:00): the text's time is the start,
 * when it has its zone and is at most twelve hours before the date on the date's own day (the earliest, if several).
 */
function sinceEarlier(statements: readonly Line[], posted: Moment): { start: Moment; why: string } | undefined {
  const day = { y: Number(posted.local.slice(0, 4)), m: Number(posted.local.slice(5, 7)), d: Number(posted.local.slice(8, 10)) };
  const postedAt = Date.parse(posted.value!);
  let best: { at: number; start: Moment } | undefined;
  for (const l of statements) {
    for (const x of l.text.slice(0, 2000).matchAll(SINCE)) {
      const zone = zoneFor(x[5]!);
      const h = Number(x[1]);
      if (!zone || zone.ambiguous || h > 23 || (!x[2] && !x[3]) || (x[3] && (h < 1 || h > 12)) || (x[3] && !x[4])) continue;
      const hh = x[3] ? (h % 12) + (x[3].toLowerCase() === 'p' ? 12 : 0) : h;
      const start = moment(day, { h: hh, m: Number(x[2] ?? 0), approx: /about|around|approx|roughly|~/i.test(x[0]), zone }, l.line, l.text.trim());
      const at = start?.value ? Date.parse(start.value.replace(/^~/, '')) : NaN;
      if (!start || !(at < postedAt) || postedAt - at > 12 * 3600000 || (best && best.at <= at)) continue;
      best = { at, start };
    }
  }
  return (
    best && {
      start: best.start,
      why: `start: line ${best.start.line} says it began at ${best.start.local}, before the page's date (${posted.local}), when the notice was posted`,
    }
  );
}

export interface StatusSpan {
  start?: Moment;
  end?: Moment;
  why?: string[];
  /** Round 13: the front matter's times have no offset; a status page's own updates stamped in a zone come first. */
  zoneless?: boolean;
  /** Round 26: reopened after its resolution and no later update says service is back (statusReopened.ts): no end. */
  withoutEnd?: boolean;
}

export const STATUS_BODY_RULE = { on: true, since: true };
