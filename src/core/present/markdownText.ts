/**
 * Record text inside the Markdown the product writes (export, AI instruction
 * files, AGENTS.md, the language model tool's answer) renders exactly as
 * written: a regex like `.*(?:.*=.*)` is not emphasis, `[a](b)` is not a
 * link, `<img>` is not HTML, a leading `#` or `1.` is not a heading or a list.
 *
 * The escapes are CommonMark backslash escapes, kept to the characters that
 * can start markup, so the raw file stays readable for the AI tools that read
 * it as text (a path like src/payments/x.ts is written as is).
 */

/**
 * Characters that open inline markup anywhere in a line: emphasis, code,
 * strikethrough, HTML, entities. A `]` only closes a link or image when `(`,
 * `[` or `:` follows it, so only that `]` is escaped: `[service]` in a prompt
 * template stays as written in the raw file.
 */
const INLINE = /[\\`*_<>&~]|\](?=[([:])/g;

/** One line of text: inline markup escaped, and block markup at its start. */
function escapeLine(line: string): string {
  const escaped = line.replace(INLINE, '\\$&');
  // Block syntax only matters at the start of a line: an ordered-list number, a heading, list or break marker.
  const ordered = /^(\d+)([.)])/.exec(escaped);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${escaped.slice(ordered[0].length)}`;
  return escaped.replace(/^([#+=-])/, '\\$1');
}

/** Record text as one Markdown paragraph (its line breaks become spaces), rendered literally. */
export function mdInline(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat ? escapeLine(flat) : '';
}

/** Record text as Markdown paragraphs (blank lines kept as paragraph breaks), rendered literally. */
export function mdBlock(text: string | undefined): string {
  return (text ?? '')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => mdInline(p))
    .filter(Boolean)
    .join('\n\n');
}

/** Text for a table cell: literal, and its pipes cannot split the cell. */
export function mdCell(text: string | undefined): string {
  return mdInline(text).replace(/\|/g, '\\|');
}

/** A code span that holds any text: a fence longer than any run of backticks inside it. */
export function mdCode(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim()) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that holds any text (a fence longer than any inside it). */
export function mdFence(text: string, info = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/^\s*(`{3,})/gm)].map((m) => m[1]!.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text.replace(/\s+$/, '')}\n${fence}`;
}
