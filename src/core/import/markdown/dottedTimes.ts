/**
 * Round 23 (chosen on held-out-25): times written with a dot, as many teams in
 * Britain, Australia and Europe write them ("10.42: the application became
 * unavailable", "started at approximately 10.16, and was fixed at
 * approximately 11.35", "starting at 10.42am"), are read as the same times
 * with a colon, so every other rule reads them. A dotted number is a time only
 * where nothing else could be meant:
 *
 * - with am or pm after it ("10.42am", "3.05 pm");
 * - after "at" or "until" (with "approximately", "about", "around", "roughly",
 *   "circa" or "~" between), not followed by a figure, a unit or a percent
 *   ("at 10.16,", never "at 1.25 times", "at 99.95%", "from 1.10 to 1.12");
 * - opening two lines or more ("- 10.42: …", "| 10.46 | …"), followed by a
 *   colon, a dash or a cell's bar: a list of timed steps (one such line alone
 *   may be a version's notes).
 *
 * The hour runs to 23 and the minutes are two digits to 59; a number next to
 * another dot and digit ("12.08.2016", "v1.10.2") is never read. Front matter
 * is left as it is. Every pattern is bounded and linear in its line.
 */
export const DOTTED_TIME_RULE = { on: true };

const HM = '(?<![\\d.,]|\\bv)((?:[01]?\\d|2[0-3]))\\.([0-5]\\d)(?![\\d%]|\\.\\d)';
const MERIDIEM = new RegExp(`${HM}(?=\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)(?![a-z]))`, 'gi');
const AFTER_WORD = new RegExp(
  `(\\b(?:at|until|till)\\s(?:(?:approximately|approx\\.|about|around|roughly|circa)\\s)?~?)${HM}(?=$|[,;:)]|\\.(?!\\d)|\\s(?![\\d%]|(?:times|per|percent|x)\\b))`,
  'gi',
);
const LINE_HEAD = new RegExp(`^(\\s{0,8}(?:[-*+]\\s{1,4}|\\d{1,3}[.)]\\s{1,4}|\\|\\s{0,4})?(?:\\*\\*|__)?)${HM}(?=(?:\\*\\*|__)?\\s?(?::\\s|[-–—]\\s|\\|))`);

const colon = (_: string, before: string, h: string, m: string) => `${before}${h}:${m}`;

/** The document's lines with dotted times read as times; the front matter (before `first`) as it is. */
export function withDottedTimes(lines: string[], first: number): string[] {
  if (!DOTTED_TIME_RULE.on) return lines;
  const heads = lines.filter((l, i) => i >= first && LINE_HEAD.test(l.slice(0, 80))).length;
  return lines.map((l, i) => {
    if (i < first || !/\d\.[0-5]\d/.test(l)) return l;
    let out = heads >= 2 ? l.replace(LINE_HEAD, colon) : l;
    out = out.replace(MERIDIEM, (_, h: string, m: string) => `${h}:${m}`);
    return out.replace(AFTER_WORD, colon);
  });
}
