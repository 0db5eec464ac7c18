/**
 * Round 16: the first timeline entry about the outage is, by the document's
 * own words, how it was detected ("The issue was detected by `Asklepian`, …"
 * over "`23:27` - Tael sends @channel alert to #tael-stream" whose notes say
 * "SN checked the Asklepian error log"; "The issue was detected by RC when
 * investigating the failure of Phylopipe 1" over "`08:51` - Phylopipe 1
 * fails and emits a `@channel` warning"): the incident was under way before
 * it. When the timeline opens with lead-up (the change that set it up), the
 * start is the entry after that lead-up ("`16:01` - Elan begins", the run
 * that processed the bad data; "Elan processes 375 `ION_TORRENT` sequences"
 * under its day), as long as it comes before the detection and is no report
 * of it. A detection statement names what the entry names: a code span, a
 * channel or a capitalised name of four letters or more. Every pattern here
 * runs in time linear in its input.
 */
import { sentencesOf } from './duration';
import type { Line } from './sections';
import type { Entry } from './timeline';
import { REPORT } from './spanWords';

export const DETECTED_BY_RULE = { on: true };

const DETECTED_BY = /\b(?:was|were|is|got|been)\s(?:first\s)?(?:detected|discovered|noticed|spotted|caught)\s(?:by|when|through|via|after)\s/i;
/** `Asklepian`, #tael-stream, Phylopipe: the names a detection statement gives. */
const NAME = /`([^`\s]{4,60})`|(#[\w-]{4,60})|(?<=\s)([A-Z][a-z]{3,30}(?:[A-Z][a-z]+)*)\b/g;

/** The names detection statements give, after "detected by" or "detected when". */
function detectionNames(lines: readonly Line[]): Set<string> {
  const names = new Set<string>();
  for (const s of sentencesOf(lines)) {
    const m = DETECTED_BY.exec(s.text.slice(0, 1000));
    if (!m) continue;
    for (const n of s.text.slice(m.index + m[0].length - 1, 1000).matchAll(NAME)) names.add((n[1] ?? n[2] ?? n[3])!);
  }
  return names;
}

/** The entry after the opening lead-up, when `first` (the first entry about the outage) is the detection a statement names. */
export function beforeNamedDetection(
  timed: readonly Entry[],
  first: Entry | undefined,
  opensWithLeadUp: boolean,
  leadUp: (e: Entry) => boolean,
  lines: readonly Line[],
): Entry | undefined {
  if (!DETECTED_BY_RULE.on || !first || !opensWithLeadUp) return first;
  const i = timed.indexOf(first);
  const next = timed.find((e, n) => n > 0 && !leadUp(e));
  if (i <= 1 || !next || timed.indexOf(next) >= i || REPORT.test(next.text)) return first;
  const text = first.text.slice(0, 2000);
  const named = [...detectionNames(lines)].some((n) => new RegExp(`(?<![\\w#-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text));
  return named ? next : first;
}
