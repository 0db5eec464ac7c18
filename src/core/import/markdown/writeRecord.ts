/**
 * What the reading puts in the record: start and resolution (a full time
 * only; a day alone or a time without a zone stays a note), the time zone,
 * the duration (only one the start and resolution confirm), the timeline; each
 * with its fact for the preview and its note saying where it came from.
 */
import { formatDuration } from '../../time/recordTime';
import type { Doc } from './doc';
import { ownTags } from './own';
import { statedMinutes, type Moment, type Span } from './span';
import { zoneElsewhere } from './spanAgree';
import { entryAt, type Entry } from './timeline';
import type { Zone } from './zones';

function fact(doc: Doc, field: string, m: Moment): void {
  doc.facts.push({
    field,
    value: `${m.approx ? '~' : ''}${m.local}${m.offset ? ` ${m.offset}` : ' (zone not stated)'}`.replace(/^(~?\d{4}-\d{2}-\d{2}) \(zone not stated\)$/, '$1'),
    line: m.line,
    evidence: m.evidence,
  });
}

export function writeSpan(doc: Doc, record: Record<string, unknown>, span: Span, entries: Entry[], zone: Zone | undefined, ownExport: boolean): void {
  const put = (field: 'start' | 'resolution', m: Moment | undefined, name: string) => {
    if (!m) return;
    fact(doc, name, m);
    // The record takes a full time; a day alone, or a time without a zone, stays a note (and a fact in the preview).
    if (m.value && /T/.test(m.value)) record[field] = m.value;
    else if (m.value) doc.notes.push(`${field}: the document gives the day ${m.local} (line ${m.line}) but no time; set it`);
    else {
      // "names no time zone" only when it names none; a zone given elsewhere is pointed at, never assumed.
      const other = zoneElsewhere(doc.lines, doc.first);
      const said = other ? `its line names no time zone (${other}, which it does not say applies here)` : 'the document names no time zone';
      doc.notes.push(`${field}: ${m.local} (line ${m.line}), but ${said}; set it with its offset`);
    }
  };
  put('start', span.start, 'start');
  put('resolution', span.end, 'end');
  if (!ownExport && zone?.iana) record.timeZone = zone.iana;
  if (!ownExport && span.start) doc.notes.push(`start: "${span.start.evidence.slice(0, 80)}" (line ${span.start.line})`);
  if (!ownExport && span.end) doc.notes.push(`resolution: "${span.end.evidence.slice(0, 80)}" (line ${span.end.line})`);
  for (const why of span.why ?? []) doc.notes.push(why);
  if (!ownExport && !span.start) doc.notes.push('start: the document gives no time the incident began; set it');
  if (!ownExport && !span.end) doc.notes.push('resolution: the document gives no time the incident ended; set it');
  const d = span.duration;
  if (d) {
    doc.facts.push({ field: 'duration', value: d.text, line: d.line, evidence: d.evidence });
    const stated = statedMinutes(d.text);
    const fromSpan = record.start && record.resolution ? minutesBetween(String(record.start), String(record.resolution)) : undefined;
    // Only a duration the record's own start and resolution confirm, and not an estimate ("~24h" stays text).
    if (stated !== undefined && fromSpan === stated && !/~|about|approx|around|roughly|nearly|almost|over|estimated/i.test(d.text))
      record.duration = formatDuration(stated);
    doc.notes.push(
      `duration: the document says "${d.text}" (line ${d.line})${record.duration ? '' : fromSpan !== undefined ? `; start to resolution is ${formatDuration(fromSpan)}, so it is kept here only` : ''}`,
    );
  }
  void entries;
}

function minutesBetween(a: string, b: string): number | undefined {
  const x = Date.parse(a.replace(/^~/, ''));
  const y = Date.parse(b.replace(/^~/, ''));
  return Number.isNaN(x) || Number.isNaN(y) ? undefined : Math.round((y - x) / 60000);
}

export function writeTimeline(record: Record<string, unknown>, entries: Entry[], ownExport: boolean, doc?: Doc): void {
  const list = entries
    .map((e) => {
      const at = entryAt(e);
      if (!at) return undefined;
      const tagged = ownExport ? ownTags(e.raw.replace(/^\(date only\)\**\s*(?:—\s*)?/, '')) : { text: e.text };
      const out: Record<string, unknown> = { at };
      if ('author' in tagged && tagged.author) out.author = tagged.author;
      if ('kind' in tagged && tagged.kind) out.kind = tagged.kind;
      const milestone = ('milestone' in tagged && tagged.milestone) || (!ownExport ? e.milestone : undefined);
      if (milestone) out.milestone = milestone;
      out.text = tagged.text || '(no text)';
      return out;
    })
    .filter((x): x is Record<string, unknown> => !!x);
  if (list.length) record.timeline = list;
  if (doc && list.length) doc.facts.push({ field: 'timeline', value: `${list.length} entr${list.length === 1 ? 'y' : 'ies'}`, line: entries[0]!.line });
}
