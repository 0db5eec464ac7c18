/**
 * The zone a whole document states: a line saying so ("All times are UTC",
 * "Timeline (UTC)"); our export's offset from its Start label; else (round 9)
 * the zone its title gives with its own times ("… outage 2021-10-08 23:01 -
 * 2021-10-09 02:40 UTC"), which applies to the document's times that name none.
 */
import type { DraftFact, ImportProblem } from '../types';
import { inlineText } from './inline';
import type { Line } from './sections';
import { titleZone } from './spanStated';
import { declaredZone, type Zone } from './zones';

export interface ZoneDoc {
  readonly file: string;
  readonly lines: string[];
  readonly first: number;
  readonly labels: ReadonlyMap<string, Line & { value: string }>;
  readonly problems: ImportProblem[];
  readonly notes: string[];
  readonly facts: DraftFact[];
}

/** The zone the whole document states ("all times are UTC"); our export's offset from its Start label. */
export function documentZone(doc: ZoneDoc, ownExport: boolean, title?: { text: string; line: number }): Zone | undefined {
  if (ownExport) {
    const off = /(Z|[+-]\d{2}:\d{2})$/.exec(doc.labels.get('start')?.value.trim() ?? '')?.[1];
    return off ? { label: off, offset: off } : undefined;
  }
  for (let i = doc.first; i < doc.lines.length; i++) {
    const l = doc.lines[i]!.slice(0, 2000);
    if (!/\btimes?\b|\(UTC\)/i.test(l)) continue;
    const z = declaredZone(l);
    if (z) {
      if (z.ambiguous)
        doc.problems.push({
          where: `${doc.file}:${i + 1}:1`,
          message: `time zone "${z.label}" is ambiguous (${z.ambiguous}); times are kept without an offset: set the record's timeZone`,
        });
      if (z.assumed) doc.notes.push(`timeZone: "${z.label}" ${z.assumed} (line ${i + 1}); check it`);
      zoneFact(doc, z, i + 1, l);
      return z.ambiguous ? undefined : z;
    }
  }
  const fromTitle = title ? titleZone(title.text) : undefined;
  if (!fromTitle || fromTitle.assumed) return undefined;
  doc.notes.push(`timeZone: "${fromTitle.label}" is the zone the title gives with its times (line ${title!.line}); times without a zone are read in it`);
  zoneFact(doc, fromTitle, title!.line, title!.text);
  return fromTitle;
}

function zoneFact(doc: ZoneDoc, z: Zone, line: number, text: string): void {
  doc.facts.push({
    field: 'timeZone',
    value: `${z.iana ?? z.offset ?? `${z.label} (ambiguous)`}${z.assumed ? ` (${z.label} ${z.assumed})` : ''}`,
    line,
    evidence: inlineText(text).slice(0, 200),
  });
}
