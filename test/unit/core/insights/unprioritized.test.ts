/**
 * Records without a priority: every import from a source that gives none
 * (most Markdown postmortems). Found trying the CLI on outline/outline with
 * one imported postmortem: `hotspots` printed "NaN  undefined" for every
 * row, `risk` said "INC-001 (undefined, resolved)", and the Insights chart
 * stacked no bar for them. They read P? everywhere, count 1 in a hotspot's
 * severity-weighted score, and a chart's stack has a P? part of its own.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hotspots, metricsReport } from '../../../../src/core/insights/insightsReport';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const record = (id: string, priority: string, path: string) => `id: ${id}
title: List endpoints slow (${id})
status: resolved
${priority}start: 2026-02-24T09:10:00-05:00
resolution: 2026-02-24T10:05:00-05:00
links:
  - path: ${path}
`;

describe('records without a priority in insights, risk and lists', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = new TempWorkspace();
    ws.write('.incidents/INC-001.yaml', record('INC-001', '', 'server/routes/groups.ts'));
    ws.write('.incidents/INC-002.yaml', record('INC-002', '', 'server/routes/users.ts'));
    ws.write('.incidents/INC-003.yaml', record('INC-003', 'priority: P2\n', 'server/routes/users.ts'));
  });
  after(() => ws.dispose());
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...args], { cwd: ws.root, encoding: 'utf8' });

  it('hotspots: an unprioritized incident counts 1; worst is P? only when none has a priority', async () => {
    const top = hotspots(await ws.index(), 10);
    const of = (target: string) => top.find((h) => h.target === target)!;
    assert.deepEqual([of('server/routes/groups.ts').score, of('server/routes/groups.ts').worst], [1, 'P?']);
    assert.deepEqual([of('server/routes/users.ts').score, of('server/routes/users.ts').worst], [5, 'P2']);
    assert.deepEqual([of('server/routes').score, of('server/routes').worst], [6, 'P2']);
    const text = cli('hotspots');
    assert.equal(text.status, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /NaN|undefined/);
    assert.match(text.stdout, /^ {3}1 {2}P\? {2}file {4}server\/routes\/groups\.ts {2}\(INC-001\)$/m);
  });

  it('risk, list, search and metrics say P?, never "undefined"', async () => {
    const risk = cli('risk', 'server/routes/groups.ts');
    assert.match(risk.stdout, /^CAUTION: touches code of INC-001 \(P\?, resolved\) \(server\/routes\/groups\.ts\)$/m);
    const md = cli('risk', 'server/routes/groups.ts', '--format', 'markdown');
    for (const out of [risk.stdout, md.stdout, cli('list').stdout, cli('search', 'slow').stdout]) assert.doesNotMatch(out, /undefined/, out);
    assert.match(cli('list').stdout, /^INC-001 {2}P\? {2}resolved/m);
    // Written by hand, not imported: no source to blame.
    assert.match(cli('show', 'INC-001').stdout, /^ {2}priority: {4}P\? — not set yet$/m);
    const report = metricsReport((await ws.index()).incidents(), { by: 'month' });
    assert.deepEqual([report.rows[0]!.incidents, report.rows[0]!.byPriority], [3, { P1: 0, P2: 1, P3: 0, P4: 0 }]);
    assert.match(cli('metrics').stdout, /; 2 without a priority \(P\?\) in n but in no P column\.$/m);
  });
});
