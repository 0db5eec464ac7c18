/**
 * Round 27 (chosen on held-out-29, Schullogin's cState notices; each rule rests on one document): a status page's
 * front matter without a zone, and updates under stamp headings (statusStampHeadings.ts), also without one.
 *
 * EARLIER_UPDATE_RULE: the first update is stamped before the front matter's date, on its day and at most twelve hours
 * before ("### Update 25.08.2022 07:00 Uhr: LernSax ist nicht verfügbar." under `date: 2022-08-25T08:00:00`): the entry
 * was filed after the first report, and the first update is the start (as round 12 takes "since 2pm CEST" before the
 * date). An update on another day, or later than the date, leaves the date.
 *
 * LATE_CLOSE_RULE: the page's `resolvedWhen` is more than a day after its latest update (`resolvedWhen:
 * 2025-01-24T07:30:00`, the last update on 22 January): the entry was closed after the fact, and its closing time is not
 * when service came back. The end is then the first update saying the service is back ("NC ist wieder erreichbar",
 * "back online", "restored") when no later update says it is down again; else none. Every pattern is bounded and linear.
 */
import { moment, type Moment } from './spanMoment';
import type { Block } from './sections';
import type { StatusSpan } from './statusPage';
import { STAMP_LISTS } from './statusStampHeadings';
import type { Entry } from './timeline';

export const EARLIER_UPDATE_RULE = { on: true };
export const LATE_CLOSE_RULE = { on: true };

const BACK =
  /\b(?:wieder (?:erreichbar|verfügbar|online|möglich|nutzbar|in betrieb)|(?:is|are) back (?:online|up)|(?:has|have) been restored|service restored)\b/i;
const DOWN =
  /\b(?:nicht (?:mehr |mehr richtig )?(?:erreichbar|verfügbar|möglich|nutzbar)|weitere störung|erneut gestört|down again|again down|unavailable again)\b/i;

const pad = (n: number) => String(n).padStart(2, '0');
const localOf = (e: Entry) => `${e.day!.y}-${pad(e.day!.m)}-${pad(e.day!.d)}T${pad(e.h ?? 0)}:${pad(e.m ?? 0)}`;
const minutes = (local: string) => Date.parse(`${local.slice(0, 16)}:00Z`) / 60000;

/** The page's start and end, with its update headings weighed against the front matter as above. */
export function lateSpan(page: StatusSpan, timeline: readonly Block[], entries: readonly Entry[]): StatusSpan | undefined {
  const list = timeline.find((b) => STAMP_LISTS.has(b));
  if (!list || !page.start || page.start.value || (page.end && page.end.value)) return undefined;
  const lines = new Set(list.lines.map((l) => l.line));
  const own = entries.filter((e) => lines.has(e.line) && e.day?.y && !e.zone);
  if (own.length < 3) return undefined;
  const why: string[] = [];
  const start = earlier(page.start, own, why) ?? page.start;
  const end = page.end && late(page.end, own, why);
  if (!why.length) return undefined;
  return { start, ...(end === undefined ? { end: page.end } : end ? { end } : {}), why };
}

function earlier(start: Moment, own: readonly Entry[], why: string[]): Moment | undefined {
  const first = own[0]!;
  if (!EARLIER_UPDATE_RULE.on || first.h === undefined) return undefined;
  const [at, date] = [minutes(localOf(first)), minutes(start.local)];
  if (localOf(first).slice(0, 10) !== start.local.slice(0, 10) || !(at < date) || date - at > 720) return undefined;
  const m = moment(first.day, { ...first, approx: false }, first.line, first.text);
  if (!m) return undefined;
  why.push(`start: the first update (line ${first.line}) is stamped before the front matter's date (${start.local}): the entry was filed after it`);
  return m;
}

/** undefined: the closing time stands; null: no end; else the update saying service is back. */
function late(end: Moment, own: readonly Entry[], why: string[]): Moment | null | undefined {
  const last = Math.max(...own.map((e) => minutes(localOf(e))));
  if (!LATE_CLOSE_RULE.on || minutes(end.local) - last <= 1440) return undefined;
  const k = own.findIndex((e) => e.h !== undefined && BACK.test(e.text.slice(0, 2000)));
  const back = k >= 0 && !own.slice(k + 1).some((e) => DOWN.test(e.text.slice(0, 2000))) ? own[k]! : undefined;
  const m = back ? moment(back.day, { ...back, approx: false }, back.line, back.text) : undefined;
  why.push(
    `end: resolvedWhen (${end.local}) is more than a day after the page's last update: the entry was closed after the fact; ${m ? `line ${back!.line} says the service is back` : 'no update says the service is back'}`,
  );
  if (m) back!.milestone ??= 'resolved';
  return m ?? null;
}
