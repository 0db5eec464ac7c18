import { strict as assert } from 'node:assert';
import { formatDuration, formatInstant, formatRelative, parseDuration, parseTime, resolveClock, resolveTime, type Instant } from '../../src/core/time';

function instant(raw: string): Instant {
  const t = parseTime(raw);
  assert.equal(t.kind, 'instant', raw);
  return (t as { instant: Instant }).instant;
}

describe('times and durations', () => {
  it('parses ISO 8601 with offset and keeps the offset for display', () => {
    const t = parseTime('2025-03-18T14:37:00+03:00');
    assert.equal(t.kind, 'instant');
    if (t.kind !== 'instant') return;
    assert.equal(new Date(t.instant.ms).toISOString(), '2025-03-18T11:37:00.000Z');
    assert.equal(formatInstant(t.instant), '2025-03-18T14:37:00+03:00');
    assert.equal(formatInstant(instant('2025-03-18T14:37Z')), '2025-03-18T14:37:00+00:00');
  });

  it('reads bare HH:MM nearest to its anchor, rolling past midnight', () => {
    const anchor = instant('2025-03-18T23:50:00+03:00');
    assert.equal(formatInstant(resolveClock(10, anchor)), '2025-03-19T00:10:00+03:00');
    assert.equal(formatInstant(resolveClock(23 * 60 + 40, anchor)), '2025-03-18T23:40:00+03:00');
  });

  it('explains bad times', () => {
    assert.match((resolveTime('25:00', undefined) as { error: string }).error, /not a valid clock time/);
    assert.match((resolveTime('yesterday', undefined) as { error: string }).error, /not a time/);
    assert.match((resolveTime('14:37', undefined) as { error: string }).error, /no valid start/);
    assert.equal(parseTime('2025-03-21').kind, 'error');
    assert.equal(parseTime('2025-03-21', { allowDate: true }).kind, 'instant');
  });

  it('parses and formats durations', () => {
    assert.equal(parseDuration('2h 15m'), 135);
    assert.equal(parseDuration('2 hours 15 minutes'), 135);
    assert.equal(parseDuration('2 hours and 15 minutes'), 135);
    assert.equal(parseDuration('PT2H15M'), 135);
    assert.equal(parseDuration('1d 1h'), 1500);
    assert.equal(parseDuration('soon'), undefined);
    assert.equal(parseDuration('2h banana'), undefined);
    assert.equal(formatDuration(135), '2h 15m');
    assert.equal(formatDuration(0), '0m');
    assert.equal(formatDuration(1500), '1d 1h');
  });

  it('formats relative ages', () => {
    const now = Date.parse('2025-11-18T12:00:00Z');
    assert.equal(formatRelative(Date.parse('2025-03-18T11:37:00Z'), now), '8 months ago');
    assert.equal(formatRelative(now - 3 * 86_400_000, now), '3 days ago');
    assert.equal(formatRelative(now + 2 * 3_600_000, now), 'in 2 hours');
  });
});
