/**
 * Record text on its way to a terminal: a runbook step's command typed into
 * VS Code's terminal, and the CLI's text output read in a terminal or a CI log.
 * A terminal acts on characters a reader cannot see: a line break is Enter,
 * ESC starts a control sequence (colours, titles, OSC 8 links, clipboard
 * writes), a line starting with `::` is a GitHub Actions workflow command.
 * Record text is written by anyone with commit access or arrives through
 * `import`, so it is shown escaped here (`\u{1B}`), never acted on and never
 * silently dropped.
 */
import { INVISIBLE } from './hiddenText';

/** Every C0 control (tab and line breaks included), DEL and C1. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;

// Invisible characters: one set for every boundary (hiddenText.ts).
/**
 * What the CLI escapes in text output: controls but tab and line feed, and the
 * invisible characters, except U+FE0F and U+FE0E, the variation selectors
 * that end emoji (the verdict's ⚠️): a terminal draws them, and they change
 * nothing but a glyph's style.
 */
const UNSAFE_IN_TEXT = new RegExp(`(?![\\uFE0E\\uFE0F])(?:[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]|${INVISIBLE.source})`, 'gu');
const UNSAFE_IN_COMMAND = new RegExp(`${CONTROL.source}|${INVISIBLE.source}`, 'gu');

const NAMES: Record<string, string> = {
  '\n': 'line break',
  '\r': 'carriage return',
  '\t': 'tab',
  '\u001B': 'escape',
  '\u007F': 'delete',
  '\u2028': 'line separator',
  '\u2029': 'paragraph separator',
};

function codePoint(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** `\u{1B}`: how a hidden character is shown. */
export function escapedChar(ch: string): string {
  return `\\u{${codePoint(ch)}}`;
}

function described(ch: string): string {
  const name =
    NAMES[ch] ?? (/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u.test(ch) ? 'bidi control' : CONTROL.test(ch) ? 'control character' : 'invisible character');
  return `U+${codePoint(ch)} ${name}`;
}

/**
 * Why a runbook step's command must not be typed into a terminal, or
 * undefined. VS Code's terminal turns every line break (a lone carriage
 * return too) into Enter, so a command over several lines runs before the
 * person reads it; other controls and invisible characters make what runs
 * differ from what was reviewed.
 */
export function commandProblem(command: string): string | undefined {
  const found = [...new Set(command.trim().match(UNSAFE_IN_COMMAND) ?? [])];
  if (!found.length) return undefined;
  const shown = found.slice(0, 4).map(described).join(', ') + (found.length > 4 ? `, ${found.length - 4} more` : '');
  return `the command holds ${shown}: a terminal acts on these (a line break is Enter and runs the command at once), so Incident Lens never types it; write the command on one line of plain text (join steps with && or make them separate steps)`;
}

/**
 * A command on one line for display: as written when it is plain text; with
 * control or invisible characters, in double quotes with them escaped
 * (`"echo ok\ntouch x"`, backslashes and quotes escaped too, so the line is
 * unambiguous).
 */
export function commandLine(command: string): string {
  const c = command.trim();
  if (!commandProblem(c)) return c;
  const body = c
    .replace(/[\\"]/g, (ch) => `\\${ch}`)
    .replace(UNSAFE_IN_COMMAND, (ch) => (ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : escapedChar(ch)));
  return `"${body}"`;
}

/**
 * Text safe to print to a terminal or a CI log: line feeds and tabs kept
 * (CRLF read as LF), every other control and invisible character shown as
 * `\u{…}`; `##[` (the older workflow command form, acted on anywhere in a
 * line) is broken up. Unless `workflowCommands` (output that is GitHub
 * workflow commands by design, record text escaped by the format), a line
 * whose first non-blank characters are `::` has its first colon escaped.
 */
export function terminalText(text: string, options: { workflowCommands?: boolean } = {}): string {
  const shown = text.replace(/\r\n/g, '\n').replace(UNSAFE_IN_TEXT, escapedChar).replace(/##\[/g, '#\\u{23}[');
  return options.workflowCommands ? shown : shown.replace(/^([ \t]*):(?=:)/gm, '$1\\u{3A}');
}

/**
 * JSON text that stays valid JSON and carries no character a terminal acts
 * on: JSON.stringify escapes C0 itself; C1, U+2028/2029 and the invisible
 * characters are written as `\uXXXX` escapes (same value when parsed), and so
 * is the `#` of `##[`. Passing it through terminalText changes nothing.
 */
export function terminalJson(value: unknown, space = 2): string {
  return (JSON.stringify(value, null, space) ?? 'null')
    .replace(new RegExp(`[\\u007F-\\u009F]|${INVISIBLE.source}`, 'gu'), (ch) =>
      [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`).join(''),
    )
    .replace(/##\[/g, '#\\u0023['); // only ever inside a string: the old workflow command form, broken up the JSON way
}
