import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hotspots, isoWeek, metricsReport } from '../../../../src/core/insights/insightsReport';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

describe('insights: metrics and hotspots (one computation for the CLI and the view)', () => {
  let ws: TempWorkspace;
  let index: IncidentIndex;
  before(async () => {
    ws = new TempWorkspace(true);
    index = await ws.index();
  });
  after(() => ws.dispose());

  it('per priority on the demo, figures computed by hand from the records', () => {
    const report = metricsReport(index.incidents(), { by: 'priority' });
    assert.equal(report.counted, 4);
    const p1 = report.rows.find((r) => r.group === 'P1')!;
    // INC-023: start 14:37, detected 14:37, acknowledged 14:39, mitigated 15:11, resolution 16:52.
    assert.deepEqual(
      [p1.figures.timeToDetect.median, p1.figures.timeToAcknowledge.median, p1.figures.timeToMitigate.median, p1.figures.timeToResolve.median],
      [0, 2, 34, 135],
    );
    assert.deepEqual(p1.ai, { incidents: 1, share: 1, resolveMedian: 135, otherResolveMedian: undefined });
    // INC-031 (P2, active) has no mitigated milestone: left out and counted as missing, never as zero.
    const p2 = report.rows.find((r) => r.group === 'P2')!;
    assert.deepEqual(p2.figures.timeToMitigate, { n: 0, missing: 1, median: undefined, p90: undefined });
  });

  it('per month over the six real postmortems, with median and p90, and a date range', async () => {
    const real = new IncidentIndex(new NodeFileAccess(join(REPO_ROOT, 'test', 'fixtures', 'real-postmortems')), {});
    await real.load();
    const all = metricsReport(real.incidents(), { by: 'priority' });
    const p1 = all.rows[0]!;
    assert.equal(p1.incidents, 6);
    // Time to resolve, minutes: 27, 78, 280, 1127, 1451, 4508 → median (280 + 1127) / 2, p90 the 6th value.
    assert.equal(p1.figures.timeToResolve.median, (280 + 1127) / 2);
    assert.equal(p1.figures.timeToResolve.p90, 4508);
    const since2020 = metricsReport(real.incidents(), { by: 'month', since: Date.UTC(2020, 0, 1) });
    // A time axis: every month from --since to the last incident, the quiet ones as zero (issue 31).
    assert.equal(since2020.rows.length, 55);
    assert.deepEqual([since2020.rows[0]!.group, since2020.rows.at(-1)!.group], ['2020-01', '2024-07']);
    assert.deepEqual(
      since2020.rows.filter((r) => r.incidents).map((r) => r.group),
      ['2021-01', '2021-10', '2024-07'],
    );
    assert.ok(since2020.rows.every((r, i) => i === 0 || r.group > since2020.rows[i - 1]!.group));
    const all2 = metricsReport(real.incidents(), { by: 'month' });
    assert.equal(
      all2.rows.reduce((a, r) => a + r.incidents, 0),
      all2.counted,
    );
  });

  it('ISO weeks across year ends', () => {
    assert.equal(isoWeek(Date.UTC(2021, 0, 4, 12), 0), '2021-W01');
    assert.equal(isoWeek(Date.UTC(2020, 11, 31, 12), 0), '2020-W53');
    assert.equal(isoWeek(Date.UTC(2027, 0, 1, 12), 0), '2026-W53');
    assert.equal(isoWeek(Date.UTC(2025, 2, 18, 23, 30), 180), '2025-W12', "in the incident's own offset");
  });

  it("hotspots: the demo's payments code first, weighted by severity, symbols named", () => {
    const top = hotspots(index, 5);
    assert.deepEqual(top[0], { kind: 'folder', target: 'src/payments', incidents: ['INC-019', 'INC-023'], score: 9, worst: 'P1' });
    assert.ok(top.some((h) => h.kind === 'symbol' && h.target === 'src/payments/stripeWebhook.ts#handleStripeWebhook'));
  });

  it('the CLI prints the same numbers (real process, JSON and CSV)', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...args], { cwd: ws.root, encoding: 'utf8' });
    const json = JSON.parse(cli(['metrics', '--by', 'priority', '--format', 'json']).stdout);
    assert.deepEqual(json, JSON.parse(JSON.stringify(metricsReport(index.incidents(), { by: 'priority' }))));
    const csv = cli(['metrics', '--by', 'priority', '--format', 'csv']).stdout.trim().split('\n');
    assert.match(csv[1]!, /^P1,1,1,0,0,0,0,0,1,0,2,2,1,0,34,34,1,0,135,135,1,0,1,1\.000,135,$/);
    assert.deepEqual(JSON.parse(cli(['hotspots', '--limit', '3', '--format', 'json']).stdout), JSON.parse(JSON.stringify(hotspots(index, 3))));
    assert.match(cli(['metrics', '--by', 'mnth']).stderr, /--by must be one of month, week, system, priority; did you mean "month"\?/);
  });
});
