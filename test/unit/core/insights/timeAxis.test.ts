/** Issue 31: Insights and metrics on a continuous time axis. */
import { strict as assert } from 'node:assert';
import { continuousPeriods } from '../../../../src/core/insights/timeAxis';

describe('time axis without holes (issue 31)', () => {
  it('every month between the first and the last, across a year end', () => {
    assert.deepEqual(continuousPeriods(['2025-02', '2024-11'], 'month'), ['2024-11', '2024-12', '2025-01', '2025-02']);
  });
  it('every ISO week, with week 53 where a year has one', () => {
    assert.deepEqual(continuousPeriods(['2020-W52', '2021-W02'], 'week'), ['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
    assert.deepEqual(continuousPeriods(['2025-W52', '2026-W01'], 'week'), ['2025-W52', '2026-W01']);
  });
  it('widened to the range asked for; a range past 1,200 periods keeps only the periods that have incidents', () => {
    assert.deepEqual(continuousPeriods(['2025-03'], 'month', { first: '2025-01', last: '2025-04' }), ['2025-01', '2025-02', '2025-03', '2025-04']);
    assert.deepEqual(continuousPeriods(['1900-01', '2025-01'], 'month'), ['1900-01', '2025-01']);
    assert.deepEqual(continuousPeriods([], 'month'), []);
  });
});
