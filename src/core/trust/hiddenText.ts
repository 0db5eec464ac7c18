/**
 * Characters a reader cannot see but a program (an AI model, a terminal, a
 * renderer) acts on: C0/C1 controls, bidirectional overrides, zero-width
 * characters, Unicode tag characters (which smuggle ASCII past a human
 * reviewer), variation selectors. Record text is written by anyone with
 * commit access or arrives through `import`, so before it reaches an agent it
 * passes here: hidden characters are shown escaped (`\u{202E}`), never
 * silently dropped, so a reviewer reading the output sees them too.
 */

/**
 * Hidden or control characters, line breaks and tabs excepted. U+E0000–E007F
 * are the tag characters; U+E0100–E01EF and U+FE00–FE0F variation selectors;
 * U+200B–U+200F zero-width and direction marks; U+202A–U+202E and
 * U+2066–U+2069 bidi embeddings, overrides and isolates; U+2060–U+2064 word
 * joiner and invisible operators; U+FEFF the byte-order mark.
 */
/** Characters a reader cannot see (not controls): shared with terminalText.ts, so the two boundaries agree. */
export const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u{1D173}-\u{1D17A}]/u;

const HIDDEN = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]|${INVISIBLE.source}`, 'gu');

/** A lone carriage return (not part of CRLF) moves a terminal's cursor: it counts as hidden. */
const LONE_CR = /\r(?!\n)/g;

function escaped(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** The hidden characters of a text, each once, in order of appearance, as `U+202E`. */
export function hiddenCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.replace(/\r\n/g, '\n').matchAll(HIDDEN)) found.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  if (LONE_CR.test(text.replace(/\r\n/g, '\n'))) found.add('U+000D');
  LONE_CR.lastIndex = 0;
  return [...found];
}

/** Text with every hidden character shown as `\u{…}`; line breaks normalised to `\n`, tabs kept. */
export function revealHidden(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(LONE_CR, '\\u{000D}').replace(HIDDEN, escaped);
}

/** One line: hidden characters shown, every run of white space (line breaks included) one space. */
export function flatText(text: string | undefined): string {
  return revealHidden(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
