/**
 * Postmortems written as Markdown documents: Incident Lens's own export
 * (export.ts, read back field for field), the Google SRE book's template
 * (`**Root Causes**: …` paragraphs, an action items table, "2015-10-21
 * (all times UTC)" above the timeline), and the common heading sets —
 * Summary, Impact, Root cause(s), Trigger, Detection, Resolution, Timeline,
 * Action items, Lessons learned — in any order and at any level.
 *
 * Timeline lines in the usual shapes: `- 14:37 — text`, `- **14:37** text`,
 * `| time | event |` tables, `**2017-01-31 23:27 UTC** text`,
 * `**± 17:20 UTC:** text` (± or ~: approximate). A date comes from the entry,
 * a day heading, a date line above the list, or the document (its first full
 * date); "UTC" anywhere in the timeline's heading or lines, or "all times …
 * UTC" in the document, gives the zone. Without a zone, times are written as
 * times of day read from the start, as the record format allows.
 *
 * Nothing is made up: a section the format has no field for is named in a
 * comment at the head of the record; a priority only comes from a
 * Priority/Severity label (SEV1 reads as P1, with a note).
 */
import { AI_CONNECTION_LABELS, COMMUNICATION_LABELS, DETECTION_METHODS, STATUS_LABELS, type CommunicationChannel, type IncidentStatus } from '../schema';
import type { Draft, DraftAction, ImportProblem } from './types';

// ---------------------------------------------------------------- inline Markdown to text

const PH = 0xe000;

/** Markdown inline text → plain text: escapes undone, emphasis and links unwrapped, code spans kept as written. */
export function inlineText(md: string): string {
  const held: string[] = [];
  const hold = (s: string) => {
    held.push(s);
    return String.fromCharCode(PH + held.length - 1);
  };
  let s = md
    // Code spans: kept with their backticks (code in a postmortem stays code).
    .replace(/(?<![\\`])(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (m) => hold(m))
    .replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => hold(c))
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((\S+?)(?:\s+"[^"]*")?\)/g, (_, t: string, u: string) => (t === u || t === u.replace(/^\w+:\/\//, '') ? t : `${t} (${u})`))
    .replace(/\*\*([^*]+?)\*\*/g, '$1')
    .replace(/__([^_]+?)__/g, '$1')
    .replace(/(^|[\s(["'])\*(?!\s)([^*]*?\S)\*(?=$|[\s)\]"'.,:;!?])/g, '$1$2')
    .replace(/(^|[\s(["'])_(?!\s)([^_]*?\S)_(?=$|[\s)\]"'.,:;!?])/g, '$1$2');
  s = s.replace(/[\ue000-\uf8ff]/g, (c) => held[c.charCodeAt(0) - PH] ?? c);
  return s.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------- dates and times

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for a month's name or its first three letters (any case); 0 when it is none. */
export function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}
const pad = (n: number) => String(n).padStart(2, '0');

interface Day {
  y?: number;
  m: number;
  d: number;
}

/** The first date in a text: 2017-01-31, January 31st 2017, 31 January 2017, Jan 31 (year unknown). */
export function findDate(text: string): Day | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  const month = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
  const mdy = new RegExp(`\\b${month}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'i').exec(text);
  const dmy = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${month}\\.?(?:,?\\s+(\\d{4}))?\\b`, 'i').exec(text);
  const cands: Array<{ at: number; day: Day }> = [];
  if (iso) cands.push({ at: iso.index, day: { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) } });
  if (mdy) cands.push({ at: mdy.index, day: { y: mdy[3] ? Number(mdy[3]) : undefined, m: monthNumber(mdy[1]!), d: Number(mdy[2]) } });
  if (dmy) cands.push({ at: dmy.index, day: { y: dmy[3] ? Number(dmy[3]) : undefined, m: monthNumber(dmy[2]!), d: Number(dmy[1]) } });
  cands.sort((a, b) => a.at - b.at);
  const day = cands[0]?.day;
  return day && day.m >= 1 && day.m <= 12 && day.d >= 1 && day.d <= 31 ? day : undefined;
}

const dayText = (d: Day) => `${d.y}-${pad(d.m)}-${pad(d.d)}`;

/** A time as the record format writes it: ISO with offset when date and zone are known, else a time of day. */
function timeValue(hm: string, day: Day | undefined, utc: boolean, approximate: boolean): string {
  const [h, m] = hm.split(':').map(Number);
  const clock = `${pad(h!)}:${pad(m!)}`;
  const v = day?.y && utc ? `${dayText(day)}T${clock}:00Z` : clock;
  return approximate ? `~${v}` : v;
}

// ---------------------------------------------------------------- sections

type Key = 'summary' | 'impact' | 'rootCause' | 'trigger' | 'detection' | 'resolution' | 'timeline' | 'actions' | 'lessons' | 'whyNotCaught' | 'whyTookLong' | 'learning' | 'communications' | 'hypothesis' | 'contributing';

const SECTIONS: Array<[Key, RegExp]> = [
  ['summary', /^(incident |executive )?summary$|^overview$|^what happened\??$|^background$|^description$/],
  ['impact', /^(customer |user |business )?impact$|^data loss impact$|^who was affected\??$/],
  ['rootCause', /^root[ -]?causes?( analysis)?$|^causes?$|^what went wrong technically$/],
  ['contributing', /^contributing factors?$/],
  ['trigger', /^triggers?$/],
  ['detection', /^detection$|^how (was it|we) detected\??$/],
  ['resolution', /^resolution$|^mitigation$|^recovery$|^remediation$|^how (it was|we) fixed( it)?\??$/],
  ['timeline', /^timeline( of events)?$|^chronology$|^sequence of events$/],
  ['actions', /^action (items|plan)$|^follow[- ]?ups?$|^corrective (and preventive )?actions$|^next steps$|^improvements?$|^improving .+|^what we(?:'|’)re doing about it$|^preventing .+|^remediation items$/],
  ['lessons', /^lessons?( learned| learnt)?$|^what we learned$|^takeaways$/],
  ['learning', /^learning$/],
  ['whyNotCaught', /^why wasn(?:'|’)t it caught\??$/],
  ['whyTookLong', /^why did it take this long\??$/],
  ['communications', /^communications$/],
];

function sectionKey(heading: string): Key | undefined {
  const h = inlineText(heading)
    .toLowerCase()
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/[:.]+$/, '')
    .trim();
  return SECTIONS.find(([, re]) => re.test(h))?.[0];
}

const GENERIC_TITLE = /^(example |sample )?(post-?mortem|incident (report|review|postmortem)|retrospective|root cause analysis)( template)?$/i;

interface Block {
  key?: Key;
  heading: string;
  level: number;
  line: number;
  lines: Array<{ text: string; line: number }>;
}

// ---------------------------------------------------------------- the parser

export interface MarkdownOptions {
  /** The file's path (positions and the source id). */
  readonly file: string;
}

export function parseMarkdownPostmortem(raw: string, options: MarkdownOptions): { drafts: Draft[]; problems: ImportProblem[] } {
  const file = options.file;
  const problems: ImportProblem[] = [];
  const url = /<!--\s*source:\s*(\S+)\s*-->/i.exec(raw)?.[1];
  // Comments go (they hold nothing of the incident), lines keep their numbers.
  const text = raw.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ''));
  const lines = text.split(/\r?\n/);

  // Headings, and the paragraphs that work as headings: "**Root Causes**: …", "**What went well**".
  const blocks: Block[] = [];
  let cur: Block = { heading: '', level: 0, line: 1, lines: [] };
  blocks.push(cur);
  let fence = false;
  lines.forEach((l, i) => {
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    const h = !fence && /^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$/.exec(l);
    if (h) {
      cur = { heading: h[2]!, level: h[1]!.length, line: i + 1, lines: [], key: sectionKey(h[2]!) };
      blocks.push(cur);
      return;
    }
    const label = !fence && /^\*\*([^*]{2,40}?)\*\*\s*:\s*(.*)$|^\*\*([^*]{2,40}?):\*\*\s*(.*)$/.exec(l);
    const key = label && sectionKey(label[1] ?? label[3]!);
    if (label && key) {
      cur = { heading: label[1] ?? label[3]!, level: 7, line: i + 1, lines: [], key };
      blocks.push(cur);
      const rest = label[2] ?? label[4] ?? '';
      if (rest.trim()) cur.lines.push({ text: rest, line: i + 1 });
      return;
    }
    cur.lines.push({ text: l, line: i + 1 });
  });
  // A subsection of a known section belongs to it (### What went well under ## Lessons Learned).
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.key) continue;
    for (let j = i - 1; j >= 0; j--) {
      const p = blocks[j]!;
      if (p.level < b.level && p.level > 0) {
        if (p.key) {
          p.lines.push({ text: '', line: b.line }, { text: `**${b.heading}**`, line: b.line }, ...b.lines);
          b.lines = [];
          b.key = undefined;
          b.heading = '';
        }
        break;
      }
    }
  }

  // The document's own labels: "**Date**: …", "- **Priority:** P1 — …" (our export).
  const labels = new Map<string, { value: string; line: number }>();
  lines.forEach((l, i) => {
    const m = /^\s*(?:[-*]\s+)?\*\*([A-Za-z][A-Za-z ]{1,30}?):?\*\*:?\s+(.+)$/.exec(l);
    if (m && !labels.has(m[1]!.toLowerCase())) labels.set(m[1]!.toLowerCase(), { value: m[2]!, line: i + 1 });
  });
  const labelled = (...names: string[]) => names.map((n) => labels.get(n)).find(Boolean);

  // Title: the first heading that is not a section and not a generic "Postmortem".
  const titleBlock = blocks.find((b) => b.level >= 1 && b.level <= 6 && !b.key && b.heading && !GENERIC_TITLE.test(inlineText(b.heading)));
  let title = titleBlock ? inlineText(titleBlock.heading) : undefined;
  let preferredId: string | undefined;
  const own = title && /^Postmortem — (INC-\d+): (.+)$/.exec(title);
  if (own) {
    preferredId = own[1];
    title = own[2];
  }
  if (!title) {
    problems.push({ where: `${file}:1:1`, message: 'no title: the document has no heading naming the incident; not imported' });
    return { drafts: [], problems };
  }

  const notes: string[] = [];
  const record: Record<string, unknown> = { title };
  // A document's own labels (**Date**: …, **Severity**: …) are read above, not part of the section they sit in.
  const META = /^\s*\*\*(date|authors?|status|severity|sev|priority|owners?|start|end|duration)(\*\*\s*:|:\*\*)/i;
  const body = (k: Key) =>
    blocks
      .filter((b) => b.key === k)
      .flatMap((b) => b.lines)
      .map((l) => l.text)
      .filter((l) => !META.test(l));
  // Paragraphs as paragraphs, list items one a line ("- item"): the structure a reader needs survives.
  const paragraphs = (k: Key) =>
    body(k)
      .join('\n')
      .split(/\n\s*\n/)
      .map((p) => {
        const ls = p.split('\n').filter((l) => l.trim());
        if (ls.length > 1 && ls.every((l) => /^\s*([-*+]|\d+[.)])\s+/.test(l) || /^\s{2,}\S/.test(l))) return ls.map((l) => `- ${inlineText(l.replace(/^\s*([-*+]|\d+[.)])\s+/, ''))}`).join('\n');
        return inlineText(p.replace(/^\s*[-*+]\s+/gm, ''));
      })
      .filter((p) => p && !/^_?not written yet\.?_?$/i.test(p) && !/^_?no (entries|actions planned yet)\.?_?$/i.test(p))
      .join('\n\n');

  // Bullet labels of our own export ("- **Confirmed root cause:** …").
  const bullet = (k: Key, name: string) => {
    for (const l of body(k)) {
      const m = new RegExp(`^\\s*-\\s+\\*\\*${name}:\\*\\*\\s+(.*)$`, 'i').exec(l);
      if (m) return m[1]!;
    }
    return undefined;
  };
  const ownExport = !!preferredId;

  // ---- dates, zone
  // The document's day: its Date label, else the first date with a year in it ("On January 31st 2017").
  const docDay = (() => {
    const d = labelled('date');
    const labelledDay = d && findDate(d.value);
    if (labelledDay?.y) return labelledDay;
    for (const l of lines) {
      const day = findDate(l);
      if (day?.y) return day;
    }
    return labelledDay ?? findDate(text);
  })();
  const docUtc = /\ball times[^.\n]*\bUTC\b/i.test(text);

  // ---- timeline
  // The Timeline section; without one, a table with a time column anywhere (posts often put it under another heading).
  let timelineBlocks = blocks.filter((b) => b.key === 'timeline');
  const ownOffset = ownExport ? /(Z|[+-]\d{2}:\d{2})$/.exec(labelled('start')?.value.trim() ?? '')?.[1] : undefined;
  if (!timelineBlocks.length) {
    const withTable = blocks.find((b) => b.lines.some((l, i) => /^\s*\|/.test(l.text) && /\b(time|when|timestamp)\b/i.test(l.text) && /^\s*\|?\s*:?-{3,}/.test(b.lines[i + 1]?.text ?? '')));
    if (withTable) {
      const i = withTable.lines.findIndex((l, k) => /^\s*\|/.test(l.text) && /\b(time|when|timestamp)\b/i.test(l.text) && /^\s*\|?\s*:?-{3,}/.test(withTable.lines[k + 1]?.text ?? ''));
      timelineBlocks = [{ ...withTable, key: 'timeline', lines: withTable.lines.slice(i) }];
      withTable.lines = withTable.lines.slice(0, i);
      notes.push(`timeline: the table at line ${withTable.lines.length ? withTable.lines[withTable.lines.length - 1]!.line + 1 : withTable.line} (the document has no Timeline heading)`);
    }
  }
  const entries: Array<{ at: string; text: string; author?: string; kind?: string; milestone?: string; line: number; iso?: boolean }> = [];
  for (const b of timelineBlocks) {
    let day: Day | undefined = findDate(b.heading) ?? undefined;
    let utc = docUtc || /\bUTC\b/.test(b.heading);
    if (day && !day.y) day = { ...day, y: docDay?.y };
    // Until the timeline names a day, its times are on the document's day.
    if (!day && !ownExport && docDay?.y && !b.lines.some((l) => !/^\s*([-*+]|\|)/.test(l.text) && findDate(l.text))) {
      day = docDay;
      notes.push(`timeline: times of day read on ${dayText(docDay)}, the document's date`);
    }
    const all = b.lines;
    let table: { time: number; cells: number[] } | undefined;
    for (let i = 0; i < all.length; i++) {
      const { text: l, line } = all[i]!;
      if (!l.trim()) {
        table = undefined;
        continue;
      }
      // Day headings inside the timeline (our export: "### 2025-03-18") and date lines ("2015-10-21 (all times UTC)", "On January 31st …").
      const dayHead = /^\*\*([^*]+)\*\*$/.exec(l.trim());
      if (/\bUTC\b/.test(l) && !/^\s*[-*|]/.test(l) && !/^\*\*/.test(l.trim())) utc = true;
      if (!/^\s*([-*+]|\|)/.test(l) && !/^\s*\*\*/.test(l) && !/^\s*\d{1,2}:\d{2}/.test(l)) {
        const d = findDate(l);
        if (d) day = { ...d, y: d.y ?? day?.y ?? docDay?.y };
        continue;
      }
      if (dayHead && findDate(dayHead[1]!) && !/\d{1,2}:\d{2}/.test(dayHead[1]!)) {
        const d = findDate(dayHead[1]!)!;
        day = { ...d, y: d.y ?? docDay?.y };
        continue;
      }
      // Tables: a header row with a time column.
      if (/^\s*\|/.test(l)) {
        const cells = l.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
        if (!table) {
          const t = cells.findIndex((c) => /\b(time|when|timestamp)\b/i.test(inlineText(c)));
          if (t >= 0 && /^\s*\|?\s*:?-{3,}/.test(all[i + 1]?.text ?? '')) {
            table = { time: t, cells: cells.map((_, k) => k).filter((k) => k !== t) };
            if (/\bUTC\b/.test(cells[t]!)) utc = true;
            i++;
          }
          continue;
        }
        const when = inlineText(cells[table.time] ?? '');
        const tm = /^(~|±|≈)?\s*(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}:\d{2})(?:\s*[-–]\s*(\d{1,2}:\d{2}))?/.exec(when);
        if (!tm) {
          problems.push({ where: `${file}:${line}:1`, message: `timeline row without a time I can read ("${when}"); the row is left out` });
          continue;
        }
        const d = tm[2] ? findDate(tm[2]) : day;
        const words = table.cells.map((k) => inlineText((cells[k] ?? '').replace(/\\\|/g, '|'))).filter(Boolean);
        entries.push({ at: timeValue(tm[3]!, d, utc, !!tm[1]), text: `${tm[4] ? `(until ${tm[4]}) ` : ''}${words.join(' — ')}`, line });
        continue;
      }
      // "- 14:37 — text", "- **14:37** — text (author) _[kind, milestone: x]_", "**± 17:20 UTC:** text", "14:51 text".
      // The closing ** only when one opened before the time (\1 matches nothing otherwise).
      const m = /^\s*(?:[-*+]\s+)?(\*\*)?\s*(~|±|≈)\s*?\s*(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}:\d{2})(?::\d{2})?\s*(UTC|Z)?\s*:?\s*\1\s*:?\s*(?:[—–-]\s+)?(.*)$/.exec(l) ??
        /^\s*(?:[-*+]\s+)?(\*\*)?\s*()(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}:\d{2})(?::\d{2})?\s*(UTC|Z)?\s*:?\s*\1\s*:?\s*(?:[—–-]\s+)?(.*)$/.exec(l);
      const dated = !m && /^\s*[-*+]\s+\*\*(≈ )?(\d{4}-\d{2}-\d{2}) \(date only\)\*\* — (.*)$/.exec(l);
      if (dated) {
        entries.push({ ...ownTags(dated[3]!), at: `${dated[1] ? '~' : ''}${dated[2]}`, line });
        continue;
      }
      if (!m) {
        // A line that continues the entry before it.
        const prev = entries.at(-1);
        if (prev && !/^\s*[-*+]\s/.test(l)) prev.text = `${prev.text} ${inlineText(l)}`.trim();
        else if (/^\s*[-*+]\s/.test(l)) problems.push({ where: `${file}:${line}:1`, message: 'timeline line without a time I can read; it is left out' });
        continue;
      }
      const d = m[3] ? findDate(m[3]) : day;
      const u = utc || !!m[5];
      const rest = m[6] ?? '';
      const tagged = ownExport ? ownTags(rest) : { text: inlineText(rest) };
      // Our export writes times of day in the incident's offset, under a heading per day when it spans several.
      const at = ownExport && d?.y && ownOffset ? `${m[2] ? '~' : ''}${dayText(d)}T${timeValue(m[4]!, undefined, false, false)}:00${ownOffset}` : timeValue(m[4]!, d, u, !!m[2]);
      entries.push({ ...tagged, at, line });
    }
  }

  // ---- milestones, start and resolution
  const startLabel = labelled('start');
  const resolutionLabel = labelled('resolution', 'end');
  const marker = (re: RegExp) => entries.find((e) => re.test(e.text));
  const begins = marker(/\b(outage|impact|incident) (begins|began|starts|started)\b/i);
  const ends = marker(/\b(outage|impact) (ends|ended)\b|\ball services resolved\b/i);
  const mitigated = marker(/\b(outage|impact) mitigated\b/i);
  if (!ownExport) {
    if (mitigated) mitigated.milestone = 'mitigated';
    if (ends) ends.milestone = 'resolved';
  }
  // A start needs a date: a time of day alone cannot be one.
  const full = (at: string | undefined) => (at && /\d{4}-\d{2}-\d{2}/.test(at) ? at : undefined);
  const startValue = full(startLabel?.value.trim()) ?? full(begins?.at) ?? full(entries[0]?.at);
  if (!startValue) notes.push(`start: the document gives ${docDay?.y ? `the day (${dayText(docDay)})` : 'no date'}${entries.length ? ' and times of day' : ''} but no time with a zone; set it`);
  if (startValue) {
    record.start = startValue;
    if (!startLabel) notes.push(startValue === full(begins?.at) ? `start: the timeline entry "${begins!.text.slice(0, 60)}"` : 'start: the first timeline entry (the document marks no start)');
  }
  const resolution = (resolutionLabel && /\d{4}-\d{2}-\d{2}T/.test(resolutionLabel.value) ? resolutionLabel.value.trim() : undefined) ?? ends?.at;
  if (resolution && /T/.test(resolution)) record.resolution = resolution;
  if (entries.length) {
    record.timeline = entries.map((e) => {
      const out: Record<string, unknown> = { at: e.at };
      if (e.author) out.author = e.author;
      if (e.kind) out.kind = e.kind;
      if (e.milestone) out.milestone = e.milestone;
      out.text = e.text || '(no text)';
      return out;
    });
  }

  // ---- status, priority
  const statusLabel = labelled('status');
  const ownStatus = statusLabel && (Object.entries(STATUS_LABELS) as Array<[IncidentStatus, string]>).find(([, v]) => v.toLowerCase() === inlineText(statusLabel.value).toLowerCase())?.[0];
  if (ownExport && ownStatus) record.status = ownStatus;
  else {
    // A postmortem describes an incident that is over.
    const complete = statusLabel && /\bcomplete/i.test(statusLabel.value);
    record.status = complete && record.resolution ? 'closed' : 'resolved';
    notes.push(`status: ${record.status} (a postmortem document describes an incident that is over${statusLabel ? `; it says "${inlineText(statusLabel.value)}"` : ''})`);
  }
  const prio = labelled('priority', 'severity', 'sev');
  const p = prio && /^\s*(?:P|SEV[- ]?|S)([1-4])\b/i.exec(inlineText(prio.value));
  if (p) {
    record.priority = `P${p[1]}`;
    if (!/^\s*P[1-4]/.test(prio.value)) notes.push(`priority: P${p[1]} read from "${inlineText(prio.value).slice(0, 40)}"`);
  } else notes.push(`priority: the document gives none${prio ? ` ("${inlineText(prio.value).slice(0, 40)}" is not P1–P4 or SEV1–4)` : ''}; set P1–P4`);

  // ---- texts
  const set = (path: string[], value: string | undefined) => {
    if (!value?.trim()) return;
    let o = record;
    for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    o[path.at(-1)!] = value.trim();
  };
  if (ownExport) {
    set(['postmortem', 'summary'], paragraphs('summary'));
    set(['impact', 'system'], unmd(bullet('impact', 'Affected system')));
    set(['impact', 'feature'], unmd(bullet('impact', 'Affected feature')));
    set(['impact', 'users', 'text'], unmd(bullet('impact', 'Affected users')));
    set(['impact', 'business'], unmd(bullet('impact', 'Business impact')));
    set(['rootCause', 'initialHypothesis'], unmd(bullet('rootCause', 'Initial hypothesis')));
    set(['rootCause', 'confirmed'], unmd(bullet('rootCause', 'Confirmed root cause')));
    const trig = bullet('rootCause', 'Trigger');
    if (trig) {
      const ref = /\s*\((`+)\s?(.+?)\s?\1\)\s*$/.exec(trig);
      set(['rootCause', 'trigger', 'text'], unmd(ref ? trig.slice(0, ref.index) : trig));
      set(['rootCause', 'trigger', 'ref'], ref?.[2]);
    }
    const ai = bullet('rootCause', 'AI connection');
    if (ai) {
      const values = ai.split(/,\s*/).map((a) => (Object.entries(AI_CONNECTION_LABELS).find(([, v]) => v === a.trim()) ?? [])[0]).filter(Boolean);
      if (values.length) ((record.rootCause ??= {}) as Record<string, unknown>).aiConnection = values.length === 1 ? values[0] : values;
    }
    set(['rootCause', 'note'], unmd(bullet('rootCause', 'Note')));
    set(['postmortem', 'whyNotCaught'], paragraphs('whyNotCaught'));
    set(['postmortem', 'whyTookLong'], paragraphs('whyTookLong'));
    const learning = body('learning');
    const fenceAt = learning.findIndex((l) => /^\s*`{3,}/.test(l));
    const lessonLines = fenceAt >= 0 ? learning.slice(0, fenceAt).filter((l) => !/^Prompt template from this incident:$/.test(l.trim())) : learning;
    set(['learning', 'lesson'], lessonLines.join('\n').split(/\n\s*\n/).map((x) => inlineText(x)).filter((x) => x && !/^not written yet\.?$/i.test(x)).join('\n\n'));
    if (fenceAt >= 0) {
      const open = /^\s*(`{3,})/.exec(learning[fenceAt]!)![1]!;
      const close = learning.findIndex((l, i) => i > fenceAt && l.trim() === open);
      set(['learning', 'promptTemplate'], learning.slice(fenceAt + 1, close < 0 ? undefined : close).join('\n'));
    }
    const detected = labelled('detected');
    if (detected) {
      const [how, ...rest] = detected.value.split(' — ');
      if ((DETECTION_METHODS as readonly string[]).includes(how!.trim())) record.detected = { how: how!.trim(), ...(rest.length ? { source: unmd(rest.join(' — ')) } : {}) };
    }
    const pm = labelled('postmortem');
    // "complete, owner Ali, due 2025-03-20T16:52:00+03:00", each part optional.
    const m = pm && /^(?:(pending|in-progress|complete)(?:, |$))?(?:owner (.*?))?(?:,? ?due \S+)?$/.exec(pm.value.trim());
    if (m && (m[1] || m[2])) Object.assign((record.postmortem ??= {}) as object, { ...(m[1] ? { status: m[1] } : {}), ...(m[2] ? { owner: unmd(m[2]) } : {}) });
    const comms = ownCommunications(body('communications'), ownOffset);
    if (comms) record.communications = comms;
  } else {
    // Without a Summary section, the paragraphs under the title are the summary.
    if (!blocks.some((b) => b.key === 'summary') && titleBlock && titleBlock.lines.some((l) => l.text.trim())) titleBlock.key = 'summary';
    const summary = paragraphs('summary');
    const resolutionText = paragraphs('resolution');
    set(['postmortem', 'summary'], [summary, resolutionText && `Resolution: ${resolutionText}`].filter(Boolean).join('\n\n'));
    set(['impact', 'users', 'text'], paragraphs('impact'));
    const causes = [paragraphs('rootCause'), paragraphs('contributing') && `Contributing factors: ${paragraphs('contributing')}`].filter(Boolean).join('\n\n');
    set(['rootCause', 'confirmed'], causes);
    set(['rootCause', 'trigger', 'text'], paragraphs('trigger'));
    const detection = paragraphs('detection');
    if (detection) {
      const how = /\b(monitor|alert|alarm|paged|pager|borgmon|prometheus|automated test|health ?check)/i.test(detection) ? 'monitoring' : /\b(customer|user report|support ticket|tweet)/i.test(detection) ? 'user' : undefined;
      if (how) {
        record.detected = { how, source: detection };
        notes.push(`detected.how: ${how}, read from the Detection section`);
      } else set(['rootCause', 'note'], `Detection: ${detection}`);
    }
    set(['learning', 'lesson'], paragraphs('lessons'));
  }

  // ---- action items
  const { actions, planned } = actionItems(blocks.filter((b) => b.key === 'actions'), file, url, ownExport, problems);
  if (planned.length) ((record.postmortem ??= {}) as Record<string, unknown>).actionPlan = planned;

  // Sections with no field to hold them are named, never silently dropped.
  const unplaced = blocks.filter((b) => b.level >= 2 && b.level <= 6 && !b.key && b !== titleBlock && b.lines.some((l) => l.text.trim()));
  if (unplaced.length) notes.push(`not imported (no field holds them; see the source): sections ${unplaced.map((b) => `"${inlineText(b.heading)}" (line ${b.line})`).join(', ')}`);

  const id = file.replace(/^.*[\\/]/, '');
  const source = { system: ownExport ? 'incident-lens' : 'markdown', id: ownExport ? preferredId! : id, ...(url ? { url } : {}) };
  return {
    drafts: [{ source, label: `${id}: ${title}`, where: `${file}:${titleBlock!.line}:1`, record, actions: actions.map((a) => ({ ...a, source: { ...a.source, system: source.system } })), notes, preferredId }],
    problems,
  };
}

/** Text our export wrote with mdInline: escapes undone. */
function unmd(s: string | undefined): string | undefined {
  return s === undefined ? undefined : inlineText(s);
}

/** Our export's "text (author) _[kind, milestone: x]_". */
function ownTags(rest: string): { text: string; author?: string; kind?: string; milestone?: string } {
  const out: { text: string; author?: string; kind?: string; milestone?: string } = { text: rest };
  const tags = /\s_\[([a-z-]+)(?:, milestone: ([a-z]+))?\]_$/.exec(out.text) ?? /\s_\[milestone: ([a-z]+)\]_$/.exec(out.text);
  if (tags) {
    out.text = out.text.slice(0, tags.index);
    if (tags[0].includes('milestone:') && tags.length === 2) out.milestone = tags[1];
    else {
      out.kind = tags[1];
      if (tags[2]) out.milestone = tags[2];
    }
  }
  // Escapes are consumed in pairs, so the closing ")" is never an escaped one.
  const author = /\s\(((?:\\.|[^()\\])+)\)$/.exec(out.text);
  if (author) {
    out.author = inlineText(author[1]!);
    out.text = out.text.slice(0, author.index);
  }
  out.text = inlineText(out.text);
  return out;
}

/** Our export's "- Customer notification — 14:50: text". */
function ownCommunications(lines: string[], offset: string | undefined): Record<string, unknown> | undefined {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const l of lines) {
    const m = /^\s*-\s+(.+?) — (?:(\d{4}-\d{2}-\d{2}) )?(\d{2}:\d{2})(?::\s(.*))?$/.exec(l);
    if (!m) continue;
    const channel = (Object.entries(COMMUNICATION_LABELS) as Array<[CommunicationChannel, string]>).find(([, v]) => v === m[1])?.[0];
    if (!channel) continue;
    const item: Record<string, unknown> = { at: m[2] ? `${m[2]}T${m[3]}:00${offset ?? ''}` : m[3] };
    if (m[4]) item.text = inlineText(m[4]);
    (out[channel] ??= []).push(item);
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Action items: a table (Action Item | Type | Owner | Bug, with DONE/TODO
 * markers), checklists (`- [x]`), or plain lists. Items whose state the
 * document gives become action records; the others are planned actions of
 * the postmortem (Create Action Records turns them into records).
 */
function actionItems(blocks: Block[], file: string, url: string | undefined, ownExport: boolean, problems: ImportProblem[]): { actions: DraftAction[]; planned: Array<Record<string, unknown>> } {
  const actions: DraftAction[] = [];
  const planned: Array<Record<string, unknown>> = [];
  const id = file.replace(/^.*[\\/]/, '');
  const all = blocks.flatMap((b) => b.lines);
  let table: { title: number; owner: number; status: number; type: number; bug: number } | undefined;
  let term: 'short' | 'medium' | 'long' | undefined;
  let last: { planned?: Record<string, unknown>; action?: { -readonly [K in keyof DraftAction]: DraftAction[K] } } | undefined;
  for (let i = 0; i < all.length; i++) {
    const { text: l, line } = all[i]!;
    if (!l.trim()) {
      table = undefined;
      continue;
    }
    if (ownExport) {
      const t = /^\*\*(Short term|Medium term|Long term|Unscheduled)/.exec(l.trim()) ?? /^###\s+(Short term|Medium term|Long term|Unscheduled)/.exec(l.trim());
      if (t) term = t[1] === 'Unscheduled' ? undefined : (t[1]!.split(' ')[0]!.toLowerCase() as 'short');
    }
    if (/^\s*\|/.test(l)) {
      const cells = l.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
      if (!table) {
        if (/^\s*\|?\s*:?-{3,}/.test(all[i + 1]?.text ?? '')) {
          const find = (re: RegExp) => cells.findIndex((c) => re.test(inlineText(c).toLowerCase()));
          const title = find(/action|item|task|title|what/);
          table = { title: title >= 0 ? title : 0, owner: find(/owner|assignee|who/), status: find(/status|state|done/), type: find(/type|kind|category/), bug: find(/bug|ticket|issue|ref/) };
          i++;
        }
        continue;
      }
      const cell = (k: number) => (k >= 0 ? inlineText(cells[k] ?? '') : '');
      const raw = cells.join(' ');
      const state = /\*\*(DONE|TODO|DROPPED|IN PROGRESS)\*\*/i.exec(raw)?.[1] ?? (table.status >= 0 ? cell(table.status) : '');
      const title = cell(table.title);
      if (!title) {
        problems.push({ where: `${file}:${line}:1`, message: 'action item row without a title; left out' });
        continue;
      }
      const owner = cell(table.owner) || undefined;
      const bug = table.bug >= 0 ? cell(table.bug).replace(/\s*\b(DONE|TODO|DROPPED|IN PROGRESS)\b\s*/gi, '').trim() : '';
      const status = actionStatus(state);
      // The table's other columns have no field of their own: kept in the acceptance criteria, as written.
      const extra = [table.type >= 0 && cell(table.type) ? `Type: ${cell(table.type)}` : '', bug && !/^n\/?a$/i.test(bug) ? bug : ''].filter(Boolean).join('; ');
      if (status) actions.push({ source: { system: 'markdown', id: `${id}#${slug(title)}`, ...(url ? { url } : {}) }, title, status, ...(owner ? { owner } : {}), ...(extra ? { acceptanceCriteria: extra } : {}) });
      else planned.push({ title, ...(owner ? { owner } : {}) });
      continue;
    }
    const item = /^(\s*)[-*+]\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(l);
    if (item && item[1]!.length >= 2 && last) {
      // Our export's detail lines under an item: "Owner: … — Deadline: … — Status: …", "Acceptance criteria: …".
      const detail = item[3]!;
      const target = last.action ?? last.planned;
      if (/^Acceptance criteria: /.test(detail)) {
        if (target) (target as Record<string, unknown>).acceptanceCriteria = inlineText(detail.slice(21));
        continue;
      }
      for (const part of detail.split(' — ')) {
        const kv = /^(Owner|Deadline|Status): (.*)$/.exec(part);
        if (!kv || !target) continue;
        if (kv[1] === 'Status' && last.action) last.action.status = actionStatus(kv[2]!) ?? last.action.status;
        else if (kv[1] !== 'Status') (target as Record<string, unknown>)[kv[1]!.toLowerCase()] = inlineText(kv[2]!);
      }
      continue;
    }
    if (item) {
      let title = item[3]!;
      const ref = /^\*\*(ACTION-INC\d+-\d+)\*\*\s+/.exec(title);
      if (ref) title = title.slice(ref[0].length);
      const plannedOnly = / _\(planned, no action record yet\)_$/.test(title);
      title = inlineText(title.replace(/ _\(planned, no action record yet\)_$/, ''));
      if (!title) continue;
      if (item[2] !== undefined && !plannedOnly) {
        const a = { source: { system: 'markdown', id: ref ? ref[1]! : `${id}#${slug(title)}`, ...(url ? { url } : {}) }, title, status: item[2] === ' ' ? ('open' as const) : ('done' as const), ...(term ? { term } : {}) };
        actions.push(a);
        last = { action: a };
      } else {
        const p: Record<string, unknown> = { title, ...(term ? { term } : {}) };
        planned.push(p);
        last = { planned: p };
      }
    }
  }
  return { actions, planned };
}

/** A stable key for an item of a document: its words, not its line (lines move when the document is edited). */
function slug(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function actionStatus(s: string): DraftAction['status'] | undefined {
  const v = s.trim().toLowerCase();
  if (/^(done|complete|completed|closed|fixed|resolved)$/.test(v)) return 'done';
  if (/^(todo|open|to do|not started|outstanding|planned)$/.test(v)) return 'open';
  if (/^(in progress|in-progress|doing|started)$/.test(v)) return 'in-progress';
  if (/^(dropped|won't do|wont do|not doing|cancelled|canceled)$/.test(v)) return 'dropped';
  return undefined;
}
