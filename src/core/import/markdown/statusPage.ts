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

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?\s?(Z|[+-]\d{2}:?\d{2})$/;

/** "2023-03-28T14:00:00-00:00" as a moment with its offset; anything less precise or without an offset is not used. */
function stamped(value: string | undefined, line: number, key: string): Moment | undefined {
  const m = STAMP.exec((value ?? '').trim().slice(0, 40));
  if (!m) return undefined;
  const raw = m[6]!;
  const offset = raw === 'Z' || /^[+-]00:?00$/.test(raw) ? 'Z' : `${raw.slice(0, 3)}:${raw.slice(-2)}`;
  const day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return moment(day, { h: Number(m[4]), m: Number(m[5]), approx: false, zone: { label: raw, offset } }, line, `${key}: ${value!.trim()}`);
}

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
  if (!start || !end || Date.parse(end.value!) < Date.parse(start.value!)) return undefined;
  const said = STATUS_BODY_RULE.on ? sentencesOf(statements).find((s) => mentions(s.text).length) : undefined;
  const first = said ? mentions(said.text)[0]! : undefined;
  if (first && !first.zone && String(first.m).padStart(2, '0') !== start.local.slice(-2))
    return {
      end,
      why: [
        `start: line ${said!.line} gives ${said!.text.slice(0, 60)} without a zone, not the front matter's date (${front.date}); no start is taken from either`,
      ],
    };
  return { start, end };
}

export interface StatusSpan {
  start?: Moment;
  end?: Moment;
  why?: string[];
}

export const STATUS_BODY_RULE = { on: true };
