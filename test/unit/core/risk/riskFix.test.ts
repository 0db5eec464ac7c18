import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeDemoHistory } from '../../../../src/node/git/demoHistory';
import { REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const ENV = { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T11:30:00+01:00' };

describe('risk --diff learns from commits (real git, the demo history)', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', ...args], { cwd: ws.root, encoding: 'utf8' });
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ws.root, encoding: 'utf8', env: ENV });

  beforeEach(() => {
    ws = new TempWorkspace(true);
    writeDemoHistory(ws.root);
    // INC-023 names its commits (as Suggest Code Links writes them), then work starts on a branch.
    assert.equal(cli('suggest', 'INC-023', '--apply').status, 0);
    git('commit', '-qam', 'INC-023: commits from history');
    git('checkout', '-qb', 'feature');
  });
  afterEach(() => ws.dispose());

  it('a change to lines the fix added says so first, placed on those lines', () => {
    const file = ws.read('src/payments/stripeWebhook.ts');
    ws.write('src/payments/stripeWebhook.ts', file.replace('if (!Number.isSafeInteger(minor) || minor <= 0) {', 'if (minor < 0) {'));
    git('commit', '-qam', 'relax the amount check');
    const r = cli('risk', '--diff', 'main', '--json');
    const report = JSON.parse(r.stdout) as { verdict: string; reasons: string[]; findings: Array<{ rule: string; startLine: number; message: string }> };
    assert.match(report.reasons[0]!, /^edits lines that INC-023's fix [0-9a-f]{7} added \(src\/payments\/stripeWebhook\.ts\)$/);
    assert.equal(report.findings[0]!.rule, 'incident-lens/edits-fix');
    assert.equal(report.findings[0]!.startLine, file.split('\n').findIndex((l) => l.includes('Number.isSafeInteger')) + 1);
    assert.match(report.findings[0]!.message, /^This change edits lines that INC-023's fix [0-9a-f]{7} added \(P1 Payment page 500 error\)/);
  });

  it('a change to older lines of the same file is only "linked code", not the fix', () => {
    const file = ws.read('src/payments/stripeWebhook.ts');
    ws.write(
      'src/payments/stripeWebhook.ts',
      file.replace('  readonly currency: string;\n}', '  readonly currency: string;\n  readonly description?: string;\n}'),
    );
    git('commit', '-qam', 'charge description');
    const report = JSON.parse(cli('risk', '--diff', 'main', '--json').stdout) as { reasons: string[]; findings: Array<{ rule: string }> };
    assert.ok(!report.findings.some((f) => f.rule === 'incident-lens/edits-fix'), JSON.stringify(report.findings));
    assert.match(report.reasons[0]!, /^touches code of INC-023/);
  });

  it('reverting the fix is NO-GO, said first', () => {
    const merge = git('log', '--format=%H', '--merges', '-1').trim();
    git('revert', '--no-edit', '-m', '1', merge);
    const r = cli('risk', '--diff', 'main');
    assert.match(r.stdout.split('\n')[0]!, /^NO-GO: [0-9a-f]{7} reverts INC-023's fix [0-9a-f]{7}; /);
  });
});
