/**
 * Round 17 (chosen on held-out-19): a status page's incident (front matter
 * `resolved`) whose body states the outage's window itself, both times and
 * the zone they are in: a post mortem under the updates ("The Central Europe
 * content DB became unavailable from 17:45 to 20:20 CEST on April 20th 2021",
 * Hygraph) or a summary above them ("The network instability occurred between
 * 15:48:40 and 16:20:40 CEST on Thursday 2022-10-06.", Papirfly). The front
 * matter's times are when the notice was opened and closed (Hygraph's 15:35Z,
 * when a rising error rate was first posted; Papirfly's 11:48 and 12:20 in no
 * zone); the page's own account of the window, in the zone it names, is the
 * start and end, as written. Only a window on the front matter's day or the
 * next (its own date, when it names one, else the front matter's), an end
 * after the start, a named zone that is not ambiguous, one such window on the
 * page, never an update's own stamped line. Every pattern here is bounded and
 * runs in time linear in its input.
 */
import type { Doc } from './doc';
import { findDate } from './inline';
import { moment, type Moment } from './spanMoment';
import { ZONE_WORD, zoneFor } from './zones';

export const STATUS_WINDOW_RULE = { on: true };

const WINDOW = new RegExp(
  `\\b(?:[Ff]rom|[Bb]etween)\\s(\\d{1,2}):(\\d{2})(?::\\d{2})?(?:\\s?(${ZONE_WORD}))?\\s(?:to|and|until|till|through)\\s(\\d{1,2}):(\\d{2})(?::\\d{2})?\\s?(${ZONE_WORD})(?![A-Za-z/])`,
);
const TRACK = /\{\{<\s?track\s/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

const dayNumber = (d: { y?: number; m: number; d: number }) => Date.UTC(d.y ?? 0, d.m - 1, d.d) / 86400000;

interface Window {
  start: Moment;
  end: Moment;
  why: string;
}

/** The window one of the page's sentences states, with its zone, or undefined. */
export function statusWindow(doc: Doc): Window | undefined {
  const front = doc.front;
  const opened = DAY.exec((front?.date ?? '').trim());
  if (!STATUS_WINDOW_RULE.on || !opened || !/^(?:true|yes)$/i.test(front?.resolved ?? '')) return undefined;
  const frontDay = { y: Number(opened[1]), m: Number(opened[2]), d: Number(opened[3]) };
  const found: Window[] = [];
  for (let i = doc.first; i < doc.lines.length && found.length < 2; i++) {
    const text = doc.lines[i]!.slice(0, 2000);
    const w = TRACK.test(text) ? null : WINDOW.exec(text);
    if (!w) continue;
    const zone = zoneFor(w[6]!);
    const first = w[3] ? zoneFor(w[3]) : zone;
    if (!zone || zone.ambiguous || !zone.offset || first?.offset !== zone.offset) continue;
    const said = findDate(text, doc.dayFirst);
    const day = said?.y ? said : frontDay;
    if (Math.abs(dayNumber(day) - dayNumber(frontDay)) > 1) continue;
    const evidence = text.trim().slice(0, 300);
    const start = moment(day, { h: Number(w[1]), m: Number(w[2]), approx: false, zone }, i + 1, evidence);
    const end = moment(day, { h: Number(w[4]), m: Number(w[5]), approx: false, zone }, i + 1, evidence);
    if (!start?.value || !end?.value || Date.parse(end.value) <= Date.parse(start.value)) continue;
    const why = `start, end: line ${i + 1} states the outage's window with its zone (${w[0].slice(0, 80)}); the front matter's times are when the notice was opened and closed`;
    found.push({ start, end, why });
  }
  return found.length === 1 ? found[0] : undefined;
}
