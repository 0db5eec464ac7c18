import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseSourcesConfig } from '../../../../src/core/index/recordSources';
import { multiRepo } from '../../../support/multiRepo';
import { REPO_ROOT } from '../../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const NOW = { ...process.env, INCIDENT_LENS_NOW: '2026-11-26T11:30:00+01:00' };

describe('record sources and repository-qualified links (real repositories side by side)', function () {
  this.timeout(60_000);
  let m: ReturnType<typeof multiRepo>;
  const cli = (repo: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: join(m.dir, repo), encoding: 'utf8', env: NOW });
  beforeEach(() => (m = multiRepo()));
  afterEach(() => rmSync(m.dir, { recursive: true, force: true }));

  it('risk --diff in a service repository finds the central incident linked to its code, by remote URL', () => {
    m.git('payments', 'checkout', '-qb', 'change');
    m.write('payments/src/charge.ts', 'export function charge(amount: number): number {\n  return amount * 2;\n}\n');
    m.git('payments', 'commit', '-qam', 'change the charge');
    const r = cli('payments', 'risk', '--diff', 'main', '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      verdict: string;
      incidents: Array<{ id: string; files: string[] }>;
      findings: Array<{ file: string; startLine: number }>;
    };
    assert.equal(report.verdict, 'CAUTION');
    assert.deepEqual(
      report.incidents.map((i) => [i.id, i.files]),
      [['INC-500', ['src/charge.ts']]],
    );
    assert.equal(report.findings[0]!.startLine, 1, 'placed on charge()');
  });

  it("each service meets only the links into its own repository; the incidents repository's own links stay there", () => {
    m.write('web/app/checkout/[step]/page.tsx', 'export default function Page() { return 1; }\n');
    m.write('web/src/charge.ts', '// the same path as a payments file, another repository\n');
    const web = cli('web', 'risk', 'app/checkout/[step]/page.tsx', 'src/charge.ts', '--json');
    const report = JSON.parse(web.stdout) as { incidents: Array<{ id: string; files: string[] }> };
    assert.deepEqual(
      report.incidents.map((i) => [i.id, i.files]),
      [['INC-500', ['app/checkout/[step]/page.tsx']]],
    );
    const refund = JSON.parse(cli('payments', 'risk', 'src/refund.ts', '--json').stdout) as { verdict: string };
    assert.equal(refund.verdict, 'GO');
    // In the incidents repository, the unqualified link means its own src/charge.ts.
    const own = JSON.parse(cli('incidents', 'risk', 'src/charge.ts', '--json').stdout) as { incidents: Array<{ id: string }> };
    assert.deepEqual(
      own.incidents.map((i) => i.id),
      ['INC-500'],
    );
  });

  it('a missing source is a warning naming where it is configured, never a failure', () => {
    m.write('payments/.incident-lens.yaml', 'sources:\n  - path: ../incidents\n  - path: ../nowhere\n');
    const r = cli('payments', 'risk', 'src/charge.ts', '--json');
    assert.equal(r.status, 0);
    assert.match(
      r.stderr,
      /^warning: \.incident-lens\.yaml:3:5: record source "\.\.\/nowhere" has no \.incidents\/ folder at .*nowhere\/\.incidents; skipped$/m,
    );
    assert.equal((JSON.parse(r.stdout) as { verdict: string }).verdict, 'CAUTION');
  });

  it('a config that cannot be read says where', () => {
    assert.deepEqual(parseSourcesConfig('sources:\n  - path: 3\n').problems, ['.incident-lens.yaml:2:5 sources.0: Invalid input']);
    assert.deepEqual(parseSourcesConfig('sources: [\n').problems.length, 1);
  });
});
