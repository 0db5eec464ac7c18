/**
 * Record text in Markdown that GitHub posts (the risk verdict's sticky pull
 * request comment) must not notify anyone: `@team` or `@org/team` in a lesson
 * would ping a team on every pull request that touches the code. A mention
 * inside a code span is shown as written and never notifies, so each mention
 * outside code is put in one. Text already in code (spans, fenced blocks) is
 * left as it is. No invisible character is added: what the reader sees is
 * what was written.
 */

/**
 * GitHub's mention shape: @ after a non-word character (not an e-mail address), a user or
 * org/team name. The span taken runs on through dots, slashes and further @s (`@a@b`,
 * `@a.@b`): a code span ending right before an @ would turn the next name into a mention.
 */
const MENTION = /(^|[^\w`])@([A-Za-z0-9](?:[\w.\/@-]*[\w\/@-])?)/g;

function quietLine(line: string): string {
  // Split into code spans (a backtick run closed by a run of the same length) and the text between.
  let out = '';
  let i = 0;
  while (i < line.length) {
    const tick = line.indexOf('`', i);
    const text = tick < 0 ? line.slice(i) : line.slice(i, tick);
    // A backslash-escaped backtick is text, not a span opener.
    if (tick > 0 && line[tick - 1] === '\\') {
      out += text.replace(MENTION, '$1`@$2`') + '`';
      i = tick + 1;
      continue;
    }
    out += text.replace(MENTION, '$1`@$2`');
    if (tick < 0) break;
    const run = /^`+/.exec(line.slice(tick))![0];
    const close = line.slice(tick + run.length).search(new RegExp(`(?<!\`)${run}(?!\`)`));
    if (close < 0) {
      out += run;
      i = tick + run.length;
      continue;
    }
    const end = tick + run.length + close + run.length;
    out += line.slice(tick, end);
    i = end;
  }
  return out;
}

/** Markdown in which no text outside code can mention (and so notify) a user or team. */
export function quietMentions(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (opener && opener[1]![0] === fence[0] && opener[1]!.length >= fence.length && line.trim() === opener[1]) fence = undefined;
        return line;
      }
      if (opener) {
        fence = opener[1];
        return line;
      }
      return quietLine(line);
    })
    .join('\n');
}
