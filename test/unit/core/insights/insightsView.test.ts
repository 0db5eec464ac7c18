import { strict as assert } from 'node:assert';
import { insightsCsv, insightsData } from '../../../../src/core/insights/insightsView';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeDemoHistory } from '../../../../src/node/git/demoHistory';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const NOW = Date.parse('2026-11-26T10:30:00Z');

describe('Insights view data (hand-computed on the demo)', () => {
  let ws: TempWorkspace;
  before(() => (ws = new TempWorkspace(true)));
  after(() => ws.dispose());

  it('postmortems and action items: closed, complete, owed, overdue; done, open, overdue, completion rate', async () => {
    const index = await ws.index({ now: () => NOW });
    const d = insightsData(index, {}, NOW);
    assert.equal(d.total, 4);
    assert.equal(d.kept, 4);
    // INC-023 closed with its postmortem complete; INC-027 postmortem-pending, due 2025-09-04 11:20 +03:00: overdue.
    assert.deepEqual(d.postmortems, { closed: 2, complete: 1, owed: 1, overdue: 1 });
    // ACTION-INC023-1 and -2 done; -3 in progress past its 2025-03-20 deadline; -4 open with a free-text deadline (never overdue).
    assert.deepEqual(d.actions, { total: 4, done: 2, dropped: 0, open: 2, overdue: 1, completionRate: 0.5 });
    assert.equal(d.systems.length, 4, JSON.stringify(d.systems));
  });

  it('filters keep the incidents they say and count what they leave', async () => {
    const index = await ws.index({ now: () => NOW });
    const p1 = insightsData(index, { priorities: ['P1'] }, NOW);
    assert.equal(p1.kept, 1);
    assert.deepEqual(
      p1.report.rows.map((r) => [r.group, r.incidents]),
      [['2025-03', 1]],
    );
    assert.deepEqual(p1.postmortems, { closed: 1, complete: 1, owed: 0, overdue: 0 });
    const active = insightsData(index, { statuses: ['active'] }, NOW);
    assert.equal(active.kept, 1);
    assert.deepEqual(active.actions, { total: 0, done: 0, dropped: 0, open: 0, overdue: 0 }, 'no rate without action records');
    const range = insightsData(index, { since: '2025-03-01', until: '2025-10-01' }, NOW);
    // A time axis over the range asked for: the quiet months as zero (issue 31).
    assert.deepEqual(
      range.report.rows.map((r) => [r.group, r.incidents]),
      [
        ['2025-03', 1],
        ['2025-04', 0],
        ['2025-05', 0],
        ['2025-06', 0],
        ['2025-07', 0],
        ['2025-08', 0],
        ['2025-09', 1],
      ],
    );
    assert.equal(range.kept, 2);
    const system = insightsData(index, { system: index.incident('INC-031')!.head.impact!.system!.split(' — ')[0] }, NOW);
    assert.deepEqual(
      system.report.rows.map((r) => r.group),
      ['2026-11'],
    );
  });

  it("Copy as CSV gives each chart's numbers", async () => {
    const index = await ws.index({ now: () => NOW });
    const d = insightsData(index, {}, NOW);
    assert.equal(
      insightsCsv(d, 'incidents'),
      'month,incidents,P1,P2,P3,P4\n2025-01,1,0,0,0,1\n2025-02,0,0,0,0,0\n2025-03,1,1,0,0,0\n2025-04,0,0,0,0,0\n2025-05,0,0,0,0,0\n2025-06,0,0,0,0,0\n2025-07,0,0,0,0,0\n2025-08,0,0,0,0,0\n2025-09,1,0,0,1,0\n2025-10,0,0,0,0,0\n2025-11,0,0,0,0,0\n2025-12,0,0,0,0,0\n2026-01,0,0,0,0,0\n2026-02,0,0,0,0,0\n2026-03,0,0,0,0,0\n2026-04,0,0,0,0,0\n2026-05,0,0,0,0,0\n2026-06,0,0,0,0,0\n2026-07,0,0,0,0,0\n2026-08,0,0,0,0,0\n2026-09,0,0,0,0,0\n2026-10,0,0,0,0,0\n2026-11,1,0,1,0,0\n',
    );
    assert.match(
      insightsCsv(d, 'followUp'),
      /^measure,value\npostmortems_closed,2\npostmortems_complete,1\npostmortems_owed,1\npostmortems_overdue,1\nactions_total,4\nactions_done,2\nactions_open,2\nactions_overdue,1\nactions_dropped,0\nactions_completion_rate,0\.500\n$/,
    );
    assert.match(insightsCsv(d, 'hotspots').split('\n')[0]!, /^kind,target,score,worst,incidents,changed_lines,per_1000_lines$/);
    assert.match(insightsCsv(d, 'times').split('\n')[1]!, /^2025-01,/);
  });
});

describe('hotspots with their risk rate (real git: the demo history)', function () {
  this.timeout(60_000);
  it('lines changed in the year before now, and incidents per 1,000 of them, equal to what git counts', async () => {
    const ws = new TempWorkspace(true);
    try {
      writeDemoHistory(ws.root);
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'hotspots', '--format', 'json'], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, INCIDENT_LENS_NOW: '2025-06-01T12:00:00Z' },
      });
      const list = JSON.parse(r.stdout) as Array<{ target: string; kind: string; incidents: string[]; changedLines?: number; perThousandLines?: number }>;
      const file = list.find((h) => h.kind === 'file' && h.target === 'src/payments/stripeWebhook.ts')!;
      const numstat = execFileSync(
        'git',
        ['log', '--since=2024-06-01T12:00:00Z', '--numstat', '--format=', '--no-renames', '--', 'src/payments/stripeWebhook.ts'],
        { cwd: ws.root, encoding: 'utf8' },
      );
      const lines = numstat
        .split('\n')
        .filter(Boolean)
        .reduce((n, l) => n + Number(l.split('\t')[0]) + Number(l.split('\t')[1]), 0);
      assert.ok(lines > 0);
      assert.equal(file.changedLines, lines);
      assert.equal(file.perThousandLines, Math.round((file.incidents.length / lines) * 1000 * 100) / 100);
      // A year later nothing has changed there: the rate is absent, never infinite.
      const later = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'hotspots', '--format', 'json'], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T12:00:00Z' },
      });
      const quiet = (JSON.parse(later.stdout) as typeof list).find((h) => h.target === 'src/payments/stripeWebhook.ts')!;
      assert.equal(quiet.changedLines, 0);
      assert.equal(quiet.perThousandLines, undefined);
    } finally {
      ws.dispose();
    }
  });
});
