/**
 * The incident's day, for times the document writes without one: its Date
 * label, a date in its title, else the first full date in its body (never the
 * front matter's, which is when it was published).
 */
import { findDate, inlineText, type Day } from './inline';
import type { Doc } from './doc';
import { notAnEvent } from './editStamp';
import type { Block } from './sections';
import { yearOf } from './blogDays';

/** The incident's day: its Date label, a date in the title, else the first full date in the body (never the front matter's). */
export function documentDay(doc: Doc, titleBlock: Block | undefined): Day | undefined {
  const d = doc.labels.get('date');
  if (d && /^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/.test(d.value) && !doc.dayFirst && !/^\s*\d{4}/.test(d.value)) {
    const n = /(\d{1,2})[-/.](\d{1,2})/.exec(d.value)!;
    if (Number(n[1]) <= 12 && Number(n[2]) <= 12 && n[1] !== n[2])
      doc.notes.push(`date "${inlineText(d.value)}" can be read day first or month first; it is not used`);
  }
  const fromLabel = d && findDate(d.value, doc.dayFirst);
  if (fromLabel?.y) return fromLabel;
  const fromTitle = findDate(doc.front?.title ?? titleBlock?.heading ?? '', doc.dayFirst, true);
  if (fromTitle?.y) return fromTitle;
  for (let i = doc.first; i < doc.lines.length; i++) {
    const day = notAnEvent(doc.lines[i]!) ? undefined : findDate(doc.lines[i]!.slice(0, 2000), doc.dayFirst);
    if (day?.y) return day;
  }
  // No year anywhere in the text: the file name's date gives it, only when the text names that same day ("On 28th
  // February" in 2024-02-28-decide-is-down.md).
  const named = /(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(doc.file.replace(/^.*[\\/]/, ''));
  if (!named) return postedYear(doc);
  const fileDay = { y: Number(named[1]), m: Number(named[2]), d: Number(named[3]) };
  for (let i = doc.first; i < doc.lines.length; i++) {
    const day = findDate(doc.lines[i]!.slice(0, 2000), doc.dayFirst);
    if (day && day.m === fileDay.m && day.d === fileDay.d) {
      doc.notes.push(`year: the text gives no year; ${fileDay.y} is from the file name, whose date is the day line ${i + 1} names`);
      return fileDay;
    }
  }
  return undefined;
}

/**
 * Round 23 (chosen on held-out-25): no year in the text and none in the file name: the post's own date in its front
 * matter ("pubDate: May 2, 2024", "date: 2024-05-02") gives the year of the first day the text names ("On April
 * 30th"), as round 19 reads it (blogDays.ts: only a day in the two months up to the post's date).
 */
export const POSTED_YEAR_RULE = { on: true };

function postedYear(doc: Doc): Day | undefined {
  const posted = POSTED_YEAR_RULE.on ? findDate(doc.front?.date ?? doc.front?.posted ?? '') : undefined;
  if (!posted?.y) return undefined;
  for (let i = doc.first; i < doc.lines.length; i++) {
    const day = notAnEvent(doc.lines[i]!) ? undefined : findDate(doc.lines[i]!.slice(0, 2000), doc.dayFirst);
    if (!day) continue;
    const dated = yearOf(day, undefined, posted);
    if (dated) doc.notes.push(`year: the text gives no year; ${dated.y} is from the post's date, for the day line ${i + 1} names`);
    return dated;
  }
  return undefined;
}
