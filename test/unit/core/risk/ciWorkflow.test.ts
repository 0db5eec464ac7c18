/**
 * The CI check the walkthrough writes (and docs/ci.md's examples) reach the CLI through one
 * boundary: the exact version, installed from the registry into the runner's temporary folder
 * (outside the checkout, no install scripts) and put on PATH. Before, every step ran
 * `npx --yes incident-lens`: whatever package of that name the registry held at that moment,
 * unpinned, with the job's token in reach (test/fixtures/hostile/risk-gate/README.md).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ciWorkflowText } from '../../../../src/core/risk/ciWorkflow';
import { DEMO, REPO_ROOT, TempWorkspace } from '../../../support/workspace';

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
  uses?: string;
}

const stepsOf = (text: string) => (parse(text) as { jobs: { incidents: { steps: Step[] } } }).jobs.incidents.steps;

describe('the CI workflow: the CLI at an exact version, never fetched by npx', () => {
  it('installs exactly the version given, outside the checkout, without scripts, before any step runs it', () => {
    const text = ciWorkflowText('.incidents', '1.4.2');
    assert.equal((parse(text) as { permissions: Record<string, string> }).permissions.contents, 'read');
    const steps = stepsOf(text);
    const install = steps.findIndex((s) => s.run?.includes('npm install'));
    assert.ok(install > 0);
    assert.equal(steps[install]!.env!.VERSION, '1.4.2');
    assert.match(
      steps[install]!.run!,
      /^npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "\$RUNNER_TEMP\/incident-lens" "incident-lens@\$VERSION"\n/,
    );
    assert.match(steps[install]!.run!, /echo "\$RUNNER_TEMP\/incident-lens\/node_modules\/\.bin" >> "\$GITHUB_PATH"/);
    const calls = steps.filter((s) => s.run?.includes('incident-lens ') && !s.run.includes('npm install'));
    assert.equal(calls.length, 3);
    for (const s of calls)
      assert.match(s.run!, /^incident-lens (lint|instructions --check|risk --diff \$\{\{ github\.event\.pull_request\.base\.sha \}\} --fail-on P1)$/);
    assert.ok(
      steps.slice(0, install).every((s) => !s.run),
      'nothing runs before the install',
    );
    assert.doesNotMatch(text, /npx/);
  });

  it('refuses to pin anything but a version (a range, a tag, a shell word)', () => {
    for (const bad of ['latest', '^1.0.0', '1.0', '1.0.0 && curl x | sh', '1.0.0"\n    run: curl x'])
      assert.throws(() => ciWorkflowText('.incidents', bad), /not a version/);
    assert.match(ciWorkflowText('.incidents', '2.0.0-rc.1'), /VERSION: "2\.0\.0-rc\.1"/);
    assert.match(ciWorkflowText('ops/incidents', '1.0.0'), /run: incident-lens lint --folder "ops\/incidents"\n/);
  });

  it('its commands run as written with the installed CLI on PATH (real bash, the demo as a repository)', () => {
    const ws = new TempWorkspace();
    const bin = mkdtempSync(join(tmpdir(), 'incident-lens-bin-'));
    try {
      cpSync(DEMO, ws.root, { recursive: true });
      writeFileSync(join(bin, 'incident-lens'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'dist', 'cli.js')}" "$@"\n`);
      chmodSync(join(bin, 'incident-lens'), 0o755);
      const run = (line: string) =>
        spawnSync('bash', ['-c', line], { cwd: ws.root, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
      const steps = stepsOf(ciWorkflowText());
      const lint = run(steps.find((s) => s.name === 'Records lint clean')!.run!);
      assert.equal(lint.status, 0, lint.stderr);
      assert.match(lint.stdout, /records checked: 0 errors/);
      const check = run(steps.find((s) => s.name === 'AI instruction files are up to date')!.run!);
      // The demo's instruction files are not written yet: the check fails, as it should in CI, naming them.
      assert.equal(check.status, 1, check.stdout + check.stderr);
    } finally {
      ws.dispose();
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it("docs/ci.md's and docs/teams.md's workflows install the CLI the same way and never run npx in CI", () => {
    for (const doc of ['ci.md', 'teams.md']) {
      const text = readFileSync(join(REPO_ROOT, 'docs', doc), 'utf8');
      const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
      const running = blocks.filter((b) => /incident-lens (lint|risk|instructions)/.test(b));
      assert.ok(running.length > 0, doc);
      for (const b of running) {
        assert.doesNotMatch(b, /npx/, `${doc}: ${b.slice(0, 80)}`);
        assert.match(
          b,
          /npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "?[$\w/]+incident-lens"? "?incident-lens@(\$VERSION|\d+\.\d+\.\d+)"?/,
          `${doc}: ${b.slice(0, 80)}`,
        );
      }
    }
  });
});
