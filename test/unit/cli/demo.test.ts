import { strict as assert } from 'node:assert';
import { incidentMetrics, aggregateMetrics } from '../../../src/core/insights/incidentMetrics';
import { formatClock, formatInstant } from '../../../src/core/time/recordTime';
import type { IncidentIndex } from '../../../src/core/index/incidentIndex';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { recentDemoRecord } from '../../../src/core/time/demoShift';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

describe('the demo workspace', () => {
  let ws: TempWorkspace;
  let index: IncidentIndex;
  before(async () => {
    ws = new TempWorkspace(true);
    index = await ws.index({ checkLinkTargets: true });
  });
  after(() => ws.dispose());

  it('parses with no diagnostic but the stale rollback runbook (verified March 2025)', () => {
    assert.deepEqual(
      index.diagnostics().map((d) => `${d.file} ${d.code}`),
      ['.incidents/runbooks/RB-payments-rollback.yaml runbook-stale'],
    );
  });

  it('holds the seed incident and its four action records', () => {
    assert.deepEqual(
      index.incidents().map((i) => i.id),
      ['INC-019', 'INC-023', 'INC-027', 'INC-031'],
    );
    assert.deepEqual(
      index.actionRecordsOf('INC-023').map((a) => a.id),
      ['ACTION-INC023-1', 'ACTION-INC023-2', 'ACTION-INC023-3', 'ACTION-INC023-4'],
    );
    const inc = index.incident('INC-023')!;
    assert.equal(inc.record.title, 'Payment page 500 error');
    assert.equal(inc.timeline.length, 14);
    assert.equal(inc.actions.length, 7);
    assert.equal(inc.communications.length, 5);
    assert.deepEqual(inc.aiConnections, ['ai-generated-code']);
    assert.equal(index.incident('INC-023')!.record.postmortem?.actionPlan?.length, 4);
  });

  it('computes INC-023 figures: 2 h 15 min, mitigated at 15:11', () => {
    const inc = index.incident('INC-023')!;
    const m = incidentMetrics(inc);
    assert.equal(m.durationMinutes, 135);
    assert.equal(formatClock(inc.milestones.mitigated!), '15:11');
    assert.equal(m.timeToDetect, 0);
    assert.equal(m.timeToAcknowledge, 2);
    assert.equal(m.timeToMitigate, 34);
    assert.equal(m.timeToResolve, 135);
    assert.equal(formatInstant(inc.postmortemDeadline!), '2025-03-20T16:52:00+03:00');
  });

  it('resolves bare timeline times on the start day in its offset', () => {
    const inc = index.incident('INC-023')!;
    assert.equal(formatInstant(inc.timeline[6]!.at!), '2025-03-18T15:02:00+03:00');
  });

  it('aggregates across incidents', () => {
    const agg = aggregateMetrics(index.incidents());
    assert.equal(agg.incidents, 4);
    assert.deepEqual(agg.byPriority, { P1: 1, P2: 1, P3: 1, P4: 1 });
    assert.deepEqual(agg.byAiConnection, { 'ai-generated-code': 2, 'ai-deploy-speed': 1, 'not-related': 1, unknown: 1 });
    // Durations: INC-019 330 min, INC-023 135, INC-027 195 → median 195.
    assert.equal(agg.figures.durationMinutes.count, 3);
    assert.equal(agg.figures.durationMinutes.median, 195);
    assert.equal(agg.figures.durationMinutes.mean, 220);
  });

  it('knows open actions (overdue first) and postmortems due', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    const open = index.openActions(now);
    assert.deepEqual(
      open.map((a) => [a.source === 'record' ? a.item.id : a.item.action.text, a.overdue]),
      [
        ['ACTION-INC023-3', true],
        ['Tell support which users must sign in again', true],
        ['Add a regression test for session expiry units', false],
        ['ACTION-INC023-4', false],
      ],
    );
    const due = index.postmortemsDue(now);
    assert.deepEqual(
      due.map((d) => [d.incident.id, d.overdue, formatInstant(d.deadline)]),
      [['INC-027', true, '2025-09-04T11:20:00+03:00']],
    );
  });
});

describe('the demo stays recent on any day', () => {
  const inc031 = readFileSync(join(REPO_ROOT, 'examples', 'payments-demo', '.incidents', 'INC-031.yaml'), 'utf8');
  const at = (iso: string) => Date.parse(iso);

  for (const today of ['2026-11-26T11:30:00+01:00', '2026-11-28T08:30:00Z', '2027-03-01T07:00:00+01:00', '2031-06-15T23:59:00Z']) {
    it(`on ${today} the active incident started within the last day, and reads the same`, () => {
      const text = recentDemoRecord(inc031, at(today));
      const record = parse(text) as { start: string; timeline: Array<{ at: string }>; actions: Array<{ deadline: string }> };
      const age = at(today) - Date.parse(record.start);
      assert.ok(age >= 0 && age < 24 * 3600_000, `started ${age / 3600_000} h before ${today}`);
      // The story is unchanged: clock times, offsets, the gaps between start and deadlines, comments.
      assert.deepEqual(
        record.timeline.map((e) => e.at),
        ['09:12', '09:20', '09:41'],
      );
      assert.equal(Date.parse(record.actions[0]!.deadline) - Date.parse(record.start), at('2026-11-27T18:00:00+01:00') - at('2026-11-26T09:12:00+01:00'));
      assert.ok(text.startsWith('# Still running'));
      assert.equal(text.split('\n').length, inc031.split('\n').length);
    });
  }

  it('leaves records that are not active as they are', () => {
    const inc023 = readFileSync(join(REPO_ROOT, 'examples', 'payments-demo', '.incidents', 'INC-023.yaml'), 'utf8');
    assert.equal(recentDemoRecord(inc023, at('2030-01-01T00:00:00Z')), inc023);
  });
});
