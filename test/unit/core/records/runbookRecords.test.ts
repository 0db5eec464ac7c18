import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { linkedRunbooks } from '../../../../src/core/links/linkedIncidents';
import { formatDiagnostic } from '../../../../src/core/records/diagnostics';
import { parseRecordText } from '../../../../src/core/records/parseRecord';
import { timelineViewModel } from '../../../../src/core/present/timelineView';
import { incidentYaml, REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const NOW = Date.parse('2026-11-27T12:00:00Z');

const runbook = (id: string, extra = '', lastVerified = '2026-10-01') => `id: ${id}
title: Roll back the auth service
system: Auth service
owner: Selin
lastVerified: ${lastVerified}
${extra}steps:
  - instruction: Find the last good release.
    command: git tag --list 'auth-*' | tail -n 2
    expected: Two tags.
  - instruction: Deploy it.
    whoMayRun: On-call engineer
`;

describe('runbook records', () => {
  it('parse with the same validation and positioned diagnostics as incidents', () => {
    const ok = parseRecordText('.incidents/runbooks/RB-auth-rollback.yaml', runbook('RB-auth-rollback'));
    assert.deepEqual(ok.diagnostics, []);
    assert.equal(ok.record?.kind, 'runbook');
    const bad = parseRecordText('.incidents/runbooks/RB-Auth.yaml', 'id: RB-Auth\ntitle: x\nsteps: []\nlastVerified: someday\n');
    assert.deepEqual(bad.diagnostics.map(formatDiagnostic), [
      '.incidents/runbooks/RB-Auth.yaml:1:5 error id: expected a runbook id like RB-payments-rollback (lower case, dashes), got "RB-Auth"',
      '.incidents/runbooks/RB-Auth.yaml:3:8 error steps: a runbook needs at least one step',
    ]);
    const when = parseRecordText('.incidents/runbooks/RB-x.yaml', runbook('RB-x', '', 'someday'));
    assert.match(formatDiagnostic(when.diagnostics[0]!), /^\.incidents\/runbooks\/RB-x\.yaml:5:15 error lastVerified: /);
    const step = parseRecordText('.incidents/runbooks/RB-x.yaml', 'id: RB-x\ntitle: x\nsteps:\n  - command: ls\n');
    assert.deepEqual(step.diagnostics.map(formatDiagnostic), ['.incidents/runbooks/RB-x.yaml:4:5 error steps[0].instruction: is required']);
  });

  it('are named by incidents and action records; a missing one is an error at its position', async () => {
    const ws = new TempWorkspace();
    try {
      ws.write('.incidents/INC-001.yaml', incidentYaml('INC-001', 'runbooks: [RB-auth-rollback, RB-nope]\n'));
      ws.write('.incidents/runbooks/RB-auth-rollback.yaml', runbook('RB-auth-rollback'));
      const index = await ws.index({ now: () => NOW });
      assert.deepEqual(index.diagnostics().map(formatDiagnostic), ['.incidents/INC-001.yaml:6:30 error runbooks[1]: runbook "RB-nope" does not exist']);
      assert.deepEqual(
        index.runbooksForIncident(index.incident('INC-001')!).map((r) => `${r.runbook.id} ${r.why}`),
        ['RB-auth-rollback named'],
      );
    } finally {
      ws.dispose();
    }
  });

  it('are offered by system and by code, as well as by name', async () => {
    const ws = new TempWorkspace();
    try {
      ws.write('.incidents/INC-001.yaml', incidentYaml('INC-001', 'impact:\n  system: Auth service — session refresh\n'));
      ws.write('.incidents/INC-002.yaml', incidentYaml('INC-002', 'links:\n  - path: src/auth/session.ts\n'));
      ws.write('.incidents/INC-003.yaml', incidentYaml('INC-003', 'impact:\n  system: Payments\n'));
      ws.write('.incidents/runbooks/RB-auth-rollback.yaml', runbook('RB-auth-rollback', 'links:\n  - path: src/auth/\n'));
      const index = await ws.index({ now: () => NOW });
      const offered = (id: string) => index.runbooksForIncident(index.incident(id)!).map((r) => `${r.runbook.id} ${r.why}`);
      assert.deepEqual(offered('INC-001'), ['RB-auth-rollback system']);
      assert.deepEqual(offered('INC-002'), ['RB-auth-rollback code']);
      assert.deepEqual(offered('INC-003'), []);
      assert.deepEqual(
        index.runbooksForFile('src/auth/session.ts').map((r) => r.id),
        ['RB-auth-rollback'],
      );
      assert.deepEqual(index.runbooksForFile('src/payments/checkout.ts'), []);
    } finally {
      ws.dispose();
    }
  });

  it('are flagged stale after the configured days (default 90), or when never verified', async () => {
    const ws = new TempWorkspace();
    try {
      ws.write('.incidents/runbooks/RB-fresh.yaml', runbook('RB-fresh', '', '2026-10-01'));
      ws.write('.incidents/runbooks/RB-old.yaml', runbook('RB-old', '', '2026-08-01'));
      ws.write('.incidents/runbooks/RB-never.yaml', runbook('RB-never').replace(/^lastVerified: .*\n/m, ''));
      const index = await ws.index({ now: () => NOW });
      assert.deepEqual(index.diagnostics().map(formatDiagnostic), [
        '.incidents/runbooks/RB-never.yaml:1:5 warning id: runbook RB-never has never been verified: try it and set lastVerified (runbooks older than 90 days are flagged)',
        '.incidents/runbooks/RB-old.yaml:5:15 warning lastVerified: runbook RB-old was last verified 118 days ago (more than 90): try it again and update lastVerified',
      ]);
      assert.deepEqual(
        index.staleRunbooks(NOW).map((s) => s.runbook.id),
        ['RB-never', 'RB-old'],
      );
      const strict = await ws.index({ now: () => NOW, runbookStaleAfterDays: 30 });
      assert.equal(strict.diagnostics().length, 3);
      const off = await ws.index({ now: () => NOW, runbookStaleAfterDays: 0 });
      assert.deepEqual(off.diagnostics(), []);
    } finally {
      ws.dispose();
    }
  });

  it('in the demo: the rollback procedure ACTION-INC023-3 asked for, on INC-023, its action and its code', async () => {
    const ws = new TempWorkspace(true);
    try {
      const index = await ws.index();
      const inc023 = index.incident('INC-023')!;
      assert.deepEqual(
        index.runbooksForIncident(inc023).map((r) => `${r.runbook.id} ${r.why}`),
        ['RB-payments-rollback named'],
      );
      assert.deepEqual(index.actionRecordsOf('INC-023').find((a) => a.id === 'ACTION-INC023-3')!.record.runbooks, ['RB-payments-rollback']);
      assert.deepEqual(
        linkedRunbooks(index, 'src/payments/stripeWebhook.ts').map((g) => [
          g.anchor.kind === 'symbol' ? g.anchor.symbol : g.anchor.kind,
          g.runbooks.map((r) => r.id),
        ]),
        [['handleStripeWebhook', ['RB-payments-rollback']]],
      );
      const m = timelineViewModel(
        inc023,
        index.actionRecordsOf('INC-023'),
        NOW,
        index.runbooksForIncident(inc023).map((r) => r.runbook),
      );
      assert.deepEqual(m.runbooks, [
        { id: 'RB-payments-rollback', label: 'Rollback', title: 'Roll back the payment service to the previous deploy', steps: 5 },
      ]);
    } finally {
      ws.dispose();
    }
  });
});

describe('CLI: incident-lens runbooks', () => {
  it('lists runbooks with STALE flags, and shows the ones for a file in full', () => {
    const ws = new TempWorkspace(true);
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...args], { cwd: ws.root, encoding: 'utf8' });
    try {
      const list = cli('runbooks');
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /^RB-payments-rollback +5 steps +2025-03-25 +STALE +Roll back the payment service to the previous deploy$/m);
      const forFile = cli('runbooks', '--for', 'src/payments/checkout.ts');
      assert.match(forFile.stdout, /^RB-payments-rollback {2}Roll back the payment service/m);
      assert.match(forFile.stdout, /^ {2}3\. Deploy the last good release of the payment service\. {2}\[On-call engineer, incident lead\]$/m);
      assert.match(forFile.stdout, /^ {7}\$ \.\/scripts\/deploy\.sh payments --tag <last-good-tag>$/m);
      assert.match(cli('runbooks', '--for', 'src/auth/session.ts').stdout, /^no runbook for src\/auth\/session\.ts$/m);
      const json = JSON.parse(cli('runbooks', '--json', '--stale-days', '0').stdout) as Array<{ id: string; stale: boolean; steps: number }>;
      assert.deepEqual(
        json.map((r) => [r.id, r.stale, r.steps]),
        [['RB-payments-rollback', false, 5]],
      );
    } finally {
      ws.dispose();
    }
  });
});
