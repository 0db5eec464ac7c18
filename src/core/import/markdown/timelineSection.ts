/**
 * Which part of the document is its timeline: the Timeline section; else a
 * table with a time column; else a "Key events" list; else a timeline that
 * prose introduces, a lead-up's timed list, or a status page's later updates.
 * A table or list taken out of another section leaves that section.
 */
import type { Doc } from './doc';
import type { Block, Key, Line } from './sections';
import { laterTimeline } from './statusfy';
import { slippedYear } from './statusYear';
import { boldTimesList, introducedTimeline, leadupTimeline } from './timelineIntro';

/** The Timeline section; else a table with a time column; else a "Key events" list. */
export function timelineBlocks(doc: Doc): Block[] {
  const own = doc.blocks.filter((b) => b.key === 'timeline');
  if (own.length) return own;
  const isHeader = (ls: Line[], i: number) =>
    /^\s*\|/.test(ls[i]!.text) && /\b(time|when|timestamp)\b/i.test(ls[i]!.text) && /^\s*\|?\s*:?-{3,}/.test(ls[i + 1]?.text ?? '');
  for (const b of doc.blocks) {
    const i = b.lines.findIndex((_, k) => isHeader(b.lines, k));
    if (i < 0) continue;
    doc.notes.push(`timeline: the table at line ${b.lines[i]!.line} (the document has no Timeline heading)`);
    const table = { ...b, key: 'timeline' as Key, lines: b.lines.slice(i) };
    b.lines = b.lines.slice(0, i);
    return [table];
  }
  for (const b of doc.blocks) {
    const i = b.lines.findIndex((l) => /^\s*[-*]\s+\*\*(key events|timeline)\*\*:?\s*$/i.test(l.text));
    if (i < 0) continue;
    const indent = /^\s*/.exec(b.lines[i]!.text)![0].length;
    let j = i + 1;
    while (j < b.lines.length && (!b.lines[j]!.text.trim() || /^\s*/.exec(b.lines[j]!.text)![0].length > indent)) j++;
    const list = b.lines.slice(i + 1, j);
    b.lines = [...b.lines.slice(0, i), ...b.lines.slice(j)];
    return [{ heading: 'Key events', level: 7, line: b.lines[i]?.line ?? b.line, lines: list, key: 'timeline' }];
  }
  const introduced = introducedTimeline(doc.blocks, doc.notes) ?? leadupTimeline(doc.blocks, doc.notes);
  if (introduced) return [introduced];
  const later = laterTimeline(doc.blocks, doc.notes, slippedYear(doc.front?.date, doc.lines));
  const bold = later.length ? undefined : boldTimesList(doc.blocks, doc.notes);
  return bold ? [bold] : later;
}
