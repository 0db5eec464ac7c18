/**
 * Round 22 (chosen on held-out-24): a Duration label that states its own window in a parenthesis after its figure
 * ("**Duration:** ~4h active (Nagios alert ~20:20 UTC → recovery ~00:20 UTC 2026-06-25)"): when the figure counts
 * from the window's first time to its second (within two minutes), the window is the document's own statement of the
 * start and the end, and it is kept over the timeline's reading where the two disagree (a first entry of write
 * contention hours before, an end at an earlier failure). A side the timeline gives at the same minute keeps the
 * timeline's moment; a window that its figure does not match, or a parenthesis that is no window ("7 days degraded
 * (2/3 nodes) + …"), changes nothing. Every pattern here is bounded and runs in time linear in its input.
 */
import { statedMinutes } from './duration';
import { findDate, inlineText, type Day } from './inline';
import type { Line } from './sections';
import { mentions, moment, type Moment } from './spanMoment';
import { DURATION_LABEL, FIGURE } from './spanWords';
import type { Zone } from './zones';

export const DURATION_WINDOW_RULE = { on: true };
/** After the figure: a few words, then the parenthesis (no nested one). */
const WINDOW = /^[^()]{0,40}\(([^()]{5,200})\)/;
/** Between the two times: an arrow, a dash or "to". */
const ARROW = /^[^()]{0,60}?(?:→|->|\u2192|–|—|\s-\s|\bto\b|\buntil\b)[^()]{0,60}$/i;

const at = (m: Moment | undefined) => (m?.value ? Date.parse(m.value.replace(/^~/, '')) / 60000 : undefined);

function nextDay(d: Day): Day {
  const t = new Date(Date.UTC(d.y!, d.m - 1, d.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The window one part of a Duration label states ("~1h 12m complete outage (2026-04-12 09:27–10:39 AEST)"), counted by its figure. */
function partWindow(value: string, docDay: Day | undefined, docZone: Zone | undefined, line: number, evidence: string) {
  const figure = FIGURE.exec(value)?.[1];
  const minutes = figure ? statedMinutes(figure) : undefined;
  const w = figure && minutes !== undefined ? WINDOW.exec(value.slice(figure.length)) : null;
  if (!w) return undefined;
  const inner = w[1]!;
  const ts = mentions(inner);
  if (ts.length !== 2 || !ARROW.test(inner.slice(ts[0]!.index + 1, ts[1]!.index))) return undefined;
  const [a, b] = [ts[0]!, ts[1]!];
  const own = findDate(inner.slice(0, a.index));
  const first = own?.y ? own : docDay;
  if (!first?.y) return undefined;
  const later = findDate(inner.slice(a.index + 1));
  const second = later?.y ? later : b.h * 60 + b.m < a.h * 60 + a.m ? nextDay(first) : first;
  const start = moment(first, { ...a, zone: a.zone ?? b.zone ?? docZone }, line, evidence);
  const end = moment(second, { ...b, zone: b.zone ?? a.zone ?? docZone }, line, evidence);
  const [s, e] = [at(start), at(end)];
  return s === undefined || e === undefined || Math.abs(e - s - minutes!) > 2 ? undefined : { start: start!, end: end! };
}

/** The first Duration label's window (its first part's), and its last part's when it lists parts joined by "+". */
function labelWindow(lines: readonly Line[], docDay: Day | undefined, docZone: Zone | undefined) {
  for (const l of lines) {
    const m = DURATION_LABEL.exec(l.text.slice(0, 300));
    if (!m) continue;
    const parts = inlineText(m[2]!)
      .slice(0, 400)
      .split(/\s\+\s/);
    const evidence = inlineText(l.text);
    const first = partWindow(parts[0]!, docDay, docZone, l.line, evidence);
    const last = parts.length > 1 && LAST_PART_RULE.on ? partWindow(parts.at(-1)!, docDay, docZone, l.line, evidence) : undefined;
    return { first, last, line: l.line };
  }
  return undefined;
}

/**
 * Round 22: "**Duration:** 7 days degraded (2/3 nodes) + ~1h 12m complete outage (2026-04-12 09:27–10:39 AEST)": a label
 * that lists the incident's parts joined by "+" ends with the last part; the window that part states, counted by its
 * own figure, gives the end (never the start, which the first part's span holds), where nothing else gave one.
 */
export const LAST_PART_RULE = { on: true };

export function durationWindow(
  lines: readonly Line[],
  docDay: Day | undefined,
  docZone: Zone | undefined,
  span: { start?: Moment; end?: Moment; why?: string[] },
): void {
  if (!DURATION_WINDOW_RULE.on) return;
  const found = labelWindow(lines, docDay, docZone);
  const last = found?.last;
  if (last && !found.first && !span.end && (!at(span.start) || at(last.end)! > at(span.start)!)) {
    span.end = last.end;
    (span.why ??= []).push(`end: the Duration label's last part (line ${found.line}) states its window to ${last.end.local}, which its figure counts`);
  }
  const w = found?.first ? { ...found.first, line: found.line } : undefined;
  if (!w) return;
  const same = (x: Moment | undefined, y: Moment) => at(x) === at(y);
  if (same(span.start, w.start) && same(span.end, w.end)) return;
  if (!same(span.start, w.start)) span.start = w.start;
  if (!same(span.end, w.end)) span.end = w.end;
  (span.why ??= []).push(
    `start and end: the Duration label (line ${w.line}) states its window, ${w.start.local} to ${w.end.local}, and its figure counts it; kept over the timeline's reading`,
  );
}
