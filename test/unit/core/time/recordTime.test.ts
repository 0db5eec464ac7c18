import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { incidentMetrics } from '../../../../src/core/insights/incidentMetrics';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import {
  formatClock,
  formatDuration,
  formatInstant,
  formatRelative,
  parseDuration,
  parseTime,
  resolveClock,
  resolveTime,
  type Instant,
} from '../../../../src/core/time/recordTime';

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

  it('reads bare HH:MM forward from its anchor, rolling past midnight, never backwards', () => {
    const anchor = instant('2025-03-18T23:50:00+03:00');
    assert.equal(formatInstant(resolveClock(10, anchor)), '2025-03-19T00:10:00+03:00');
    assert.equal(formatInstant(resolveClock(23 * 60 + 50, anchor)), '2025-03-18T23:50:00+03:00');
    assert.equal(formatInstant(resolveClock(23 * 60 + 40, anchor)), '2025-03-19T23:40:00+03:00');
  });

  it("reads times in a record's IANA zone, across a DST change", () => {
    // America/Los_Angeles: PST (-08:00) until 2021-03-14 02:00, PDT (-07:00) after.
    const zone = 'America/Los_Angeles';
    assert.equal(formatInstant(resolveTime('2021-01-04T06:57', undefined, { zone }) as Instant), '2021-01-04T06:57:00-08:00');
    const before = resolveTime('2021-03-13T22:00', undefined, { zone }) as Instant;
    const after = resolveClock(10 * 60, before, zone);
    assert.equal(formatInstant(after), '2021-03-14T10:00:00-07:00');
    assert.equal((after.ms - before.ms) / 3600_000, 11, 'the lost hour is not counted');
    assert.match((resolveTime('2021-01-04T06:57', undefined) as { error: string }).error, /no UTC offset.*timeZone/);
  });

  it('reads a bare date as its day (shown as the date) and "~" as approximate', () => {
    const day = resolveTime('2024-03-05', instant('2024-07-19T04:09:00Z'), { allowDate: true }) as Instant;
    assert.equal(day.precision, 'day');
    assert.equal(formatClock(day), '2024-03-05');
    const about = resolveTime('~23:30', instant('2017-01-31T23:00:00Z')) as Instant;
    assert.equal(about.approximate, true);
    assert.equal(formatClock(about), '≈ 23:30');
    assert.match((resolveTime('2024-03-05', undefined) as { error: string }).error, /not a time/);
  });

  it('explains bad times', () => {
    assert.match((resolveTime('25:00', undefined) as { error: string }).error, /not a valid clock time/);
    assert.match((resolveTime('yesterday', undefined) as { error: string }).error, /not a time/);
    assert.match((resolveTime('14:37', undefined) as { error: string }).error, /no valid start/);
    assert.equal(parseTime('2025-03-21').kind, 'error');
    assert.equal(parseTime('2025-03-21', { allowDate: true }).kind, 'date');
  });

  it('parses and formats durations', () => {
    assert.equal(parseDuration('2h 15m'), 135);
    assert.equal(parseDuration('2 hours 15 minutes'), 135);
    assert.equal(parseDuration('2 hours and 15 minutes'), 135);
    assert.equal(parseDuration('PT2H15M'), 135);
    assert.equal(parseDuration('1d 1h'), 1500);
    for (const [text, minutes] of [
      ['2h57m', 177],
      ['24h11m', 1451],
      ['24h 11m', 1451],
      ['1d 2h', 1560],
      ['90m', 90],
      ['PT2H57M', 177],
      ['PT24H11M', 1451],
      ['90 min', 90],
    ] as const) {
      assert.equal(parseDuration(text), minutes, text);
    }
    assert.equal(parseDuration('soon'), undefined);
    assert.equal(parseDuration('2h banana'), undefined);
    assert.equal(formatDuration(135), '2h 15m');
    assert.equal(formatDuration(0), '0m');
    assert.equal(formatDuration(1500), '25h');
    assert.equal(formatDuration(1451), '24h 11m');
  });

  it('formats relative ages', () => {
    const now = Date.parse('2025-11-18T12:00:00Z');
    assert.equal(formatRelative(Date.parse('2025-03-18T11:37:00Z'), now), '8 months ago');
    assert.equal(formatRelative(now - 3 * 86_400_000, now), '3 days ago');
    assert.equal(formatRelative(now + 2 * 3_600_000, now), 'in 2 hours');
  });
});

describe('bare clock timelines (property)', () => {
  it('never yield a negative gap or figure, whatever the clock times', () => {
    const milestones = ['detected', 'acknowledged', 'mitigated', 'resolved'] as const;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })), { minLength: 1, maxLength: 14 }), (clocks) => {
        const timeline = clocks
          .map(
            ([h, m], i) =>
              `  - at: "${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}"\n${i < 4 ? `    milestone: ${milestones[i]}\n` : ''}    text: entry ${i}\n`,
          )
          .join('');
        const parsed = parseRecordText(
          '.incidents/INC-900.yaml',
          `id: INC-900\ntitle: t\nstatus: active\npriority: P2\nstart: 2025-03-18T14:37:00+03:00\ntimeline:\n${timeline}`,
        );
        assert.ok(parsed.record?.kind === 'incident');
        const incident = parsed.record;
        let previous = incident.start!.ms;
        for (const e of incident.timeline) {
          assert.ok(e.at!.ms >= previous, 'read forward');
          previous = e.at!.ms;
        }
        for (const [k, v] of Object.entries(incidentMetrics(incident))) if (typeof v === 'number') assert.ok(v >= 0, `${k} = ${v}`);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('every duration the formatter writes reads back to the same minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 400 }), (minutes) => parseDuration(formatDuration(minutes)) === minutes),
      { numRuns: 2000, seed: 16 },
    );
  });
});
