/** Incident Lens's own Markdown export read back: entry tags and communications. */
import { COMMUNICATION_LABELS, type CommunicationChannel } from '../../records/schema';
import { inlineText } from './inline';

export function ownTags(rest: string): { text: string; author?: string; kind?: string; milestone?: string } {
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
export function ownCommunications(lines: string[], offset: string | undefined): Record<string, unknown> | undefined {
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

/** Text our export wrote with mdInline: escapes undone. */
export function unmd(s: string | undefined): string | undefined {
  return s === undefined ? undefined : inlineText(s);
}
