/**
 * Trust boundary, on disk and through the CLI as a real process: imported
 * records reach instruction files only after `review`; generated files are
 * written only inside the workspace and never through a symbolic link
 * (hostile layouts from test/fixtures/hostile/file-writes/README.md).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const HOSTILE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'ai-channels');

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_NOW: '2026-12-07T10:00:00Z' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('trust boundary on disk (real CLI process)', function () {
  this.timeout(30000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    cpSync(HOSTILE, ws.root, { recursive: true });
  });
  afterEach(() => ws.dispose());

  it('an imported record gets no instruction file until a person runs review; review writes who and when, keeping the rest', () => {
    ws.write('.incidents/INC-904.yaml', `# kept comment\n${ws.read('.incidents/INC-904.yaml')}links:\n  - path: src/pay.ts\nx-unknown: kept\n`);
    let r = cli(['instructions', '--agents'], ws.root);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(ws.root, '.github/instructions/incident-inc-904.instructions.md')));
    assert.doesNotMatch(ws.read('AGENTS.md'), /INC-904/);
    r = cli(['review', '--list'], ws.root);
    assert.match(r.stdout, /^INC-904 +statuspage p31zjtct2jer +Imported outage CANARY$/m);
    r = cli(['review', 'INC-904', '--by', 'Ayşe Demir'], ws.root);
    assert.equal(r.code, 0, r.stderr);
    const text = ws.read('.incidents/INC-904.yaml');
    assert.match(text, /^# kept comment/);
    assert.match(text, /x-unknown: kept/);
    assert.match(text, /reviewed:\n\s+by: Ayşe Demir\n\s+at: "?2026-12-07T10:00:00(Z|\+00:00)"?/);
    r = cli(['instructions', '--agents'], ws.root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(ws.read('.github/instructions/incident-inc-904.instructions.md'), /origin="imported from statuspage p31zjtct2jer, reviewed by Ayşe Demir"/);
    assert.equal(cli(['instructions', '--agents', '--check'], ws.root).code, 0, 'instructions --check passes after a run');
    assert.equal(cli(['review', 'INC-901'], ws.root).code !== 0, true, 'a team record needs no review');
  });

  it('instructions --check passes right after a run, even with a link path holding the AGENTS.md end marker', () => {
    assert.equal(cli(['instructions', '--agents'], ws.root).code, 0);
    const agents = ws.read('AGENTS.md');
    assert.equal(cli(['instructions', '--agents'], ws.root).code, 0);
    assert.equal(ws.read('AGENTS.md'), agents, 'nothing duplicated on the second run');
    const r = cli(['instructions', '--agents', '--check'], ws.root);
    assert.equal(r.code, 0, r.stdout);
    rmSync(join(ws.root, '.incidents/INC-905.yaml'));
    cli(['instructions', '--agents'], ws.root);
    assert.doesNotMatch(ws.read('AGENTS.md'), /INC-905/, "the section follows the record's deletion");
  });

  it('never writes through a symbolic link: AGENTS.md into .git/hooks, a linked instructions folder out of the repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    try {
      mkdirSync(join(ws.root, '.git', 'hooks'), { recursive: true });
      const hook = join(ws.root, '.git', 'hooks', 'pre-commit');
      writeFileSync(hook, '#!/bin/sh\nexit 0\n');
      symlinkSync(join('.git', 'hooks', 'pre-commit'), join(ws.root, 'AGENTS.md'));
      mkdirSync(join(ws.root, '.github'));
      symlinkSync(outside, join(ws.root, '.github', 'instructions'));
      const r = cli(['instructions', '--agents'], ws.root);
      assert.equal(r.code, 1, 'refused paths fail the run');
      assert.match(r.stderr, /AGENTS\.md.*symbolic link/);
      assert.match(r.stderr, /\.github\/instructions.*symbolic link/);
      assert.equal(readFileSync(hook, 'utf8'), '#!/bin/sh\nexit 0\n', 'the hook is untouched');
      assert.ok(lstatSync(join(ws.root, 'AGENTS.md')).isSymbolicLink(), 'the link itself is left as it was');
      assert.deepEqual(spawnSync('ls', ['-A', outside], { encoding: 'utf8' }).stdout, '', 'nothing written outside the repository');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
