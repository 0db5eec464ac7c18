/** The extension's clock: real time, or the one INCIDENT_LENS_NOW starts (tests; see core/time/clock.ts). */
import { clockFrom, systemClock, type Clock } from '../core/time/clock';

function fromEnvironment(): Clock {
  try {
    return clockFrom(process.env.INCIDENT_LENS_NOW);
  } catch {
    return systemClock;
  }
}

const clock = fromEnvironment();

export function now(): number {
  return clock.now();
}
