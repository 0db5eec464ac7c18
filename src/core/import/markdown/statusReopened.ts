/**
 * Round 26 (chosen on held-out-28): a status page closed and then opened again. Its front matter's `resolvedWhen` is the
 * first "Resolved" ("resolvedWhen: 2018-11-24 20:42:00", then an update "**Reopened**: Failures are back up." at 21:03):
 * when an update later than that moment opens with "Reopened" (or says the incident was reopened), the front matter's
 * resolution is not the end. The end is then the page's last update in time, when it says service is back ("Full
 * service has been restored.", "This incident has been resolved"), else none. Only an update's own label or its first
 * words, and only an update later than the resolution and earlier than the last one. Every pattern here is bounded.
 */
import type { Entry } from './timeline';
import { moment, type Moment } from './spanMoment';
import type { StatusSpan } from './statusPage';

export const REOPENED_RULE = { on: true };

const REOPENED = /^\W{0,4}(?:\d{1,2}:\d{2}\W{1,3})?(?:(?:incident|issue)\s)?re-?opened\b|\((?:incident\s)?re-?opened\)/i;
const BACK =
  /\b(?:(?:full|all|normal) service (?:has been |is |was )?(?:now )?(?:fully )?restored|(?:has been|is now|was) (?:fully )?(?:resolved|restored)|(?:all|every) (?:services?|systems?) (?:are|is) (?:now )?(?:back|operational|restored))\b/i;
const NOT_ALL = /\b(?:except|but not|apart from|other than|still (?:down|unavailable|broken))\b/i;

const at = (e: Entry): Moment | undefined => (e.day?.y && e.h !== undefined ? moment(e.day, e, e.line, e.text) : undefined);
/** Later in time: both with their offset, else both as written without one. */
const after = (a: Moment, b: Moment) => (a.value && b.value ? Date.parse(a.value) > Date.parse(b.value) : !a.value && !b.value && a.local > b.local);

export function afterReopening(page: StatusSpan | undefined, entries: readonly Entry[]): StatusSpan | undefined {
  if (!REOPENED_RULE.on || !page?.end) return page;
  const timed = entries.map((e) => ({ e, t: at(e) })).filter((x): x is { e: Entry; t: Moment } => !!x.t);
  const reopened = timed.find((x) => REOPENED.test(x.e.text.slice(0, 120)) && after(x.t, page.end!));
  if (!reopened) return page;
  const last = timed.reduce((l, x) => (after(x.t, l.t) ? x : l), reopened);
  const text = last.e.text.slice(0, 600);
  const back = last !== reopened && BACK.test(text) && !NOT_ALL.test(text);
  if (back) last.e.milestone ??= 'resolved';
  const why = `end: the front matter's resolvedWhen (${page.end.local}) was reopened at line ${reopened.e.line}; ${
    back ? `the last update (line ${last.e.line}) says service is back` : 'no later update says service is back, so no end is taken'
  }`;
  const { end: _, ...rest } = page;
  return { ...rest, ...(back ? { end: last.t } : { withoutEnd: true }), why: [...(page.why ?? []), why] };
}
