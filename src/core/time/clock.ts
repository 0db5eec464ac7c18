/**
 * "Now", for everything that depends on it (overdue actions and postmortems,
 * stale runbooks, relative ages, the time a new entry gets).
 *
 * The real clock, unless INCIDENT_LENS_NOW names another starting instant
 * (ISO 8601 with offset): then time starts there and runs at the real pace.
 * The integration and end-to-end tests set it, so that what their fixture
 * shows as overdue does not drift with the calendar; the hosts (extension,
 * CLI) read the variable, core only parses it.
 */
import { parseTime } from './recordTime';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that reads `start` (ISO 8601 with offset) now and runs on at the pace of `realNow`. */
export function clockFrom(start: string | undefined, realNow: () => number = Date.now): Clock {
  if (!start?.trim()) return systemClock;
  const parsed = parseTime(start);
  if (parsed.kind !== 'instant') throw new Error(`INCIDENT_LENS_NOW: ${parsed.kind === 'error' ? parsed.message : `"${start}" needs a date and an offset`}`);
  const offset = parsed.instant.ms - realNow();
  return { now: () => realNow() + offset };
}
