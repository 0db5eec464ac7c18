/**
 * The edit hook's digest (issue 30, latency): a warm hook answers from the
 * per-workspace digest exactly as the cold path does, without loading the
 * cold bundle (dist/hookFull.js, the records' parser); a changed, added or
 * deleted record, or a runbook's age moving, is never answered from it.
 * Real processes of a copy of the production bundles.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoHistory } from '../../../src/node/git/demoHistory';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const NOW = '2026-12-07T10:00:00Z';

describe('edit hook digest: warm answers equal cold ones, changes are never answered from it', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  let base: string;
  let cli: string;
  before(() => {
    ws = new TempWorkspace(true);
    writeDemoHistory(ws.root);
    base = mkdtempSync(join(tmpdir(), 'incident-lens-digest-'));
    mkdirSync(join(base, 'dist'));
    for (const f of ['cli.js', 'hook.js', 'hookFull.js', 'cliMain.js', 'parseWorker.js']) copyFileSync(join(REPO_ROOT, 'dist', f), join(base, 'dist', f));
    cli = join(base, 'dist', 'cli.js');
    const s = spawnSync(process.execPath, [cli, 'suggest', 'INC-023', '--apply'], {
      cwd: ws.root,
      encoding: 'utf8',
      env: { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T11:30:00+01:00', XDG_CACHE_HOME: join(base, 'cache') },
    });
    assert.equal(s.status, 0, s.stderr);
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-qam', 'INC-023: commits'], { cwd: ws.root });
  });
  after(() => {
    ws.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  const run = (file: string, old: string, next: string, now = NOW) => {
    const input = {
      hook_event_name: 'PreToolUse',
      session_id: 's',
      transcript_path: '/dev/null',
      cwd: ws.root,
      tool_name: 'Edit',
      tool_use_id: 't',
      tool_input: { file_path: join(ws.root, file), old_string: old, new_string: next },
    };
    const r = spawnSync(process.execPath, [cli, 'hook', 'claude-code', '--verbose'], {
      cwd: ws.root,
      input: JSON.stringify(input),
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: join(base, 'cache'), INCIDENT_LENS_NOW: now },
    });
    assert.equal(r.status, 0, r.stderr);
    return { stdout: r.stdout, warm: r.stderr.includes('answered from the digest') };
  };
  const handler = [
    'src/payments/stripeWebhook.ts',
    "  if (event.type !== 'payment_intent.succeeded') return undefined;",
    "  if (event.type !== 'payment_intent.succeeded') {\n    return undefined;\n  }",
  ] as const;
  const fixLine = ['src/payments/stripeWebhook.ts', '  if (!Number.isSafeInteger(minor) || minor <= 0) {', '  if (minor < 0) {'] as const;

  it('the second run answers from the digest, the same answer, and never loads the cold bundle', () => {
    const cold = run(...handler);
    assert.equal(cold.warm, false);
    assert.match(cold.stdout, /INC-023/);
    const coldAsk = run(...fixLine);
    assert.match(coldAsk.stdout, /"permissionDecision": "ask"/);
    unlinkSync(join(base, 'dist', 'hookFull.js'));
    try {
      const warm = run(...handler);
      assert.equal(warm.warm, true);
      assert.equal(warm.stdout, cold.stdout);
      assert.equal(run(...fixLine).stdout, coldAsk.stdout, 'the fix lines come from the digest too');
      assert.equal(run('src/auth/session.ts', 'export', 'export').stdout, '');
    } finally {
      copyFileSync(join(REPO_ROOT, 'dist', 'hookFull.js'), join(base, 'dist', 'hookFull.js'));
    }
  });

  it('a changed record is answered from the records, not the digest', () => {
    run(...handler);
    const file = join(ws.root, '.incidents', 'INC-023.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('must\n    be explicitly provided', 'must\n    be explicitly provided, digest-canary'));
    const r = run(...handler);
    assert.equal(r.warm, false);
    assert.match(r.stdout, /digest-canary/);
    assert.equal(run(...handler).warm, true);
  });

  it('an added record is met at once, a deleted one is gone at once', () => {
    const edit = ['src/auth/session.ts', 'export', 'export'] as const;
    assert.equal(run(...edit).stdout, '');
    const added = join(ws.root, '.incidents', 'INC-900.yaml');
    writeFileSync(
      added,
      [
        'id: INC-900',
        'title: Sessions dropped',
        'status: resolved',
        'priority: P2',
        'start: 2026-01-05T10:00:00Z',
        'links:',
        '  - { path: src/auth/session.ts }',
        '',
      ].join('\n'),
    );
    const met = run(...edit);
    assert.equal(met.warm, false);
    assert.match(met.stdout, /INC-900/);
    unlinkSync(added);
    const gone = run(...edit);
    assert.equal(gone.warm, false);
    assert.equal(gone.stdout, '');
  });

  it('a runbook\'s age moving rebuilds the digest (its "N days ago" is in the answer)', () => {
    run(...handler);
    assert.equal(run(...handler).warm, true);
    const later = run(...handler, '2026-12-09T10:00:00Z');
    assert.equal(later.warm, false);
    assert.notEqual(later.stdout, run(...handler).stdout);
  });
});
