/**
 * The document's title: its front matter's, else its first heading that names
 * the incident (at the head of the body when the front matter has a title),
 * else its first sentence when that says an incident happened. Our own
 * export's "Postmortem — INC-12: …" gives the record's id as well.
 */
import { inlineText } from './inline';
import type { Doc } from './doc';
import { GENERIC_TITLE, type Block } from './sections';
import { OUTAGE_WORDS } from './spanWords';

export interface DocTitle {
  readonly title: string;
  /** The heading the title is from (none when it is the front matter's or the first sentence's). */
  readonly titleBlock: Block | undefined;
  /** Our own export's incident id. */
  readonly preferredId: string | undefined;
  /** Round 16: the line of a table row the title is from. */
  readonly line?: number;
}

/** The title, or none (a problem says why: the document is not imported). */
export function documentTitle(doc: Doc): DocTitle | undefined {
  const { blocks, notes, problems, file } = doc;
  const headed = blocks.find((b) => b.level >= 1 && b.level <= 6 && !b.key && b.heading && !GENERIC_TITLE.test(inlineText(b.heading)));
  // With a title in the front matter, a heading is the title's only at the head of the body: "# ActivityEve" after a
  // poem and a timeline is a section, and its lines are not the document's opening statements.
  const atHead = (b: Block) => blocks.slice(0, blocks.indexOf(b)).every((x) => !x.lines.some((l) => l.text.trim()));
  const titleBlock = headed && (!doc.front?.title || atHead(headed)) ? headed : undefined;
  // Round 16: a body that opens with a table naming the event ("| **Event** | `20210305_blankbiosample` |"), before any
  // heading: the event's name, not a section's heading further down ("## Fault").
  const row = !doc.front?.title ? tableTitle(doc) : undefined;
  if (row) notes.push(`title: the document opens with a table; its ${row.label} row (line ${row.line}) is used`);
  let title = doc.front?.title ?? row?.text ?? (titleBlock ? inlineText(titleBlock.heading) : undefined);
  let preferredId: string | undefined;
  const own = title && /^Postmortem — (INC-\d+): (.+)$/.exec(title);
  if (own) {
    preferredId = own[1];
    title = own[2];
  }
  // No heading and no front matter: the first sentence names the incident when it says one happened ("On 28th February,
  // PostHog Feature Flags went down…"); the record says where its title came from.
  const opening = !title ? firstSentence(doc) : undefined;
  if (opening) {
    title = opening.text;
    notes.push(`title: the document has no heading or front matter title; its first sentence (line ${opening.line}) is used`);
  }
  if (!title) {
    problems.push({
      where: `${file}:1:1`,
      message: 'no title: the document has neither a title in its front matter nor a heading naming the incident; not imported',
    });
    return undefined;
  }
  return { title, titleBlock: row ? undefined : titleBlock, preferredId, ...(row ? { line: row.line } : {}) };
}

export const TABLE_TITLE_RULE = { on: true };
const TITLE_ROW = /^\|\s{0,40}(?:\*\*|__)?(event|incident|title|name)(?:\*\*|__)?\s{0,40}\|\s{0,60}([^|]{1,200}?)\s{0,60}\|?\s*$/i;

/** The Event (Incident, Title, Name) row of a table that opens the body, before any heading or paragraph. */
function tableTitle(doc: Doc): { text: string; line: number; label: string } | undefined {
  if (!TABLE_TITLE_RULE.on) return undefined;
  for (let i = doc.first; i < doc.lines.length; i++) {
    const raw = doc.lines[i]!.trim();
    if (!raw && i === doc.first) continue;
    if (!raw.startsWith('|')) return undefined;
    const m = TITLE_ROW.exec(raw.slice(0, 500));
    const text = m ? inlineText(m[2]!).replace(/`/g, '').trim() : '';
    if (m && text) return { text, line: i + 1, label: m[1]! };
  }
  return undefined;
}

/** The first sentence of the first paragraph, when it says an incident happened (a title for a document without one). */
function firstSentence(doc: Doc): { text: string; line: number } | undefined {
  for (let i = doc.first; i < doc.lines.length; i++) {
    const raw = doc.lines[i]!.trim();
    // Blank lines, a label with a link ("Internal post-mortem: https://…"), images and HTML are not the opening.
    if (!raw || /^[^:]{1,40}:\s*<?https?:\/\/\S+>?$/.test(raw) || /^(!\[|<|\||```|---)/.test(raw)) continue;
    const sentence = inlineText(raw.slice(0, 2000))
      .split(/(?<=[.!?])\s+(?=[A-Z])/)[0]!
      .replace(/[.!?]$/, '');
    if (!OUTAGE_WORDS.test(sentence)) return undefined;
    const text = sentence.length <= 120 ? sentence : `${sentence.slice(0, 117).replace(/\s+\S*$/, '')}…`;
    return { text, line: i + 1 };
  }
  return undefined;
}
