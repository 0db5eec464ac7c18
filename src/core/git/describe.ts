/** How suggestions say when and what: times in the incident's offset, quoted subjects. */
import { TIME } from '../time/recordTime';

/** "15:02" in the incident's offset, with the date when it is another day than start. */
export function clock(ms: number, offsetMinutes: number, startMs: number): string {
  const local = new Date(ms + offsetMinutes * TIME.MINUTE).toISOString();
  const day = new Date(startMs + offsetMinutes * TIME.MINUTE).toISOString().slice(0, 10);
  return local.slice(0, 10) === day ? local.slice(11, 16) : `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

export function quoted(subject: string): string {
  const s = subject.length > 60 ? `${subject.slice(0, 57)}…` : subject;
  return `"${s}"`;
}
