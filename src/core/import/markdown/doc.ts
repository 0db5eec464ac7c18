/**
 * A Markdown postmortem read into its parts: lines (comments blanked, numbers
 * kept), front matter, blocks under their headings, labels, and the lists the
 * importer fills as it reads (problems, notes, facts). Also whether its numeric
 * dates are day first, and how many days its text names.
 */
import type { DraftFact, ImportProblem } from '../types';
import { datesIn } from './inline';
import { isEditStamp } from './editStamp';
import { withDottedTimes } from './dottedTimes';
import { documentLabels, frontMatter, splitBlocks, type Block } from './sections';

export interface Doc {
  readonly file: string;
  readonly url?: string;
  readonly lines: string[];
  readonly first: number;
  readonly blocks: Block[];
  readonly labels: ReturnType<typeof documentLabels>;
  readonly problems: ImportProblem[];
  readonly notes: string[];
  readonly facts: DraftFact[];
  readonly dayFirst: boolean;
  readonly front?: ReturnType<typeof frontMatter>;
}

const MONTHS = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DMY_WORDS = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? ${MONTHS},? \\d{4}\\b`, 'i');
const MDY_WORDS = new RegExp(`\\b${MONTHS} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b`, 'i');

export function prepare(raw: string, file: string): Doc {
  const url = /<!--\s*source:\s*(\S+)\s*-->/i.exec(raw)?.[1];
  // Comments go (they hold nothing of the incident), lines keep their numbers.
  // A byte order mark would hide the first heading.
  const text = blankComments(raw.replace(/^\ufeff/, ''));
  const raw0 = text.split(/\r?\n/);
  const front = frontMatter(raw0);
  const first = front?.end ?? 0;
  // Round 23: "10.42: …", "at approximately 10.16", "10.42am": dotted times read as times (dottedTimes.ts).
  const lines = withDottedTimes(raw0, first);
  // Numeric dates are read day first only where the document shows it: "29-09-2021", or its dates in words
  // put the day first ("8 January 2026") and never the month ("January 8, 2026").
  const dayFirst =
    lines.some((l) => /\b(1[3-9]|2\d|3[01])[-/.](0?[1-9]|1[0-2])[-/.]\d{4}\b/.test(l)) ||
    (lines.some((l) => /\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b/.test(l)) && lines.some((l) => DMY_WORDS.test(l)) && !lines.some((l) => MDY_WORDS.test(l)));
  return {
    file,
    url,
    lines,
    first,
    front,
    blocks: splitBlocks(lines, first),
    labels: documentLabels(lines, first),
    problems: [],
    notes: [],
    facts: [],
    dayFirst,
  };
}

/** HTML comments blanked (line breaks kept), found by scanning: a pattern is quadratic on many unclosed "<!--". */
function blankComments(raw: string): string {
  let out = '';
  let i = 0;
  for (let open = raw.indexOf('<!--'); open >= 0; open = raw.indexOf('<!--', i)) {
    const close = raw.indexOf('-->', open + 4);
    if (close < 0) break;
    out += raw.slice(i, open) + raw.slice(open, close + 3).replace(/[^\n]/g, '');
    i = close + 3;
  }
  return out + raw.slice(i);
}

/** How many different full dates the document's text names. */
export function namedDays(doc: Doc): number {
  const days = new Set<string>();
  for (let i = doc.first; i < doc.lines.length; i++)
    if (!isEditStamp(doc.lines[i]!)) for (const d of datesIn(doc.lines[i]!.slice(0, 2000), doc.dayFirst)) days.add(d);
  return days.size;
}
