/**
 * risk in pull requests and deploy gates, as real processes on real git
 * repositories: SARIF validated against the SARIF 2.1.0 schema, GitHub
 * annotations escaped, a Markdown comment, a verdict, --fail-on unchanged.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parseDocument } from 'yaml';
import { escapeData, escapeProperty } from '../../../../src/core/risk/riskFormats';
import { incidentYaml, REPO_ROOT, TempWorkspace } from '../../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const NOW = '2026-11-26T11:30:00+01:00';

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_NOW: NOW } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0.json'), 'utf8')) as object;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

interface SarifResult {
  ruleId: string;
  level: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; endLine: number } } }>;
  partialFingerprints: Record<string, string>;
  properties: { incident: string; priority: string };
}
interface Sarif {
  runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: SarifResult[]; properties: { verdict: string } }>;
}

describe('risk for pull requests and deploy gates (real git, real process)', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace(true);
    git(ws.root, 'init', '-q', '-b', 'main');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-qm', 'base');
    git(ws.root, 'checkout', '-qb', 'feature');
  });
  afterEach(() => ws.dispose());

  const change = (file: string, find: string, replace: string) => {
    ws.write(file, ws.read(file).replace(find, replace));
    git(ws.root, 'commit', '-qam', `change ${file}`);
  };

  it('SARIF 2.1.0 valid against the schema: paths relative to the root, placed on the linked symbol, fingerprints stable and moving with the finding', () => {
    change('src/payments/stripeWebhook.ts', 'export', '// touched\nexport');
    const r = cli(['risk', '--diff', 'main', '--format', 'sarif'], ws.root);
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout) as Sarif;
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    const run = sarif.runs[0]!;
    assert.equal(run.tool.driver.name, 'Incident Lens');
    assert.equal(run.properties.verdict, 'CAUTION');
    const results = run.results.filter((x) => x.properties.incident === 'INC-023' && x.ruleId === 'incident-lens/linked-incident-p1');
    assert.deepEqual(
      results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri),
      ['src/payments/stripeWebhook.ts', 'src/payments/stripeWebhook.ts'],
    );
    assert.ok(results.every((x) => x.level === 'error'));
    // On the declarations of the two linked symbols (the file gained one line at the top).
    const text = ws.read('src/payments/stripeWebhook.ts').split('\n');
    for (const x of results) assert.match(text[x.locations[0]!.physicalLocation.region.startLine - 1]!, /function (handleStripeWebhook|toStripeAmount)/);
    assert.ok(run.results.some((x) => x.ruleId === 'incident-lens/stale-runbook'));
    // Same diff twice: same fingerprints. Lines shift: the symbol's fingerprint stays. Another file: another fingerprint.
    const again = JSON.parse(cli(['risk', '--diff', 'main', '--format', 'sarif'], ws.root).stdout) as Sarif;
    assert.deepEqual(
      again.runs[0]!.results.map((x) => x.partialFingerprints),
      run.results.map((x) => x.partialFingerprints),
    );
    change('src/payments/stripeWebhook.ts', '// touched\n', '// touched\n// and again\n');
    const shifted = JSON.parse(cli(['risk', '--diff', 'main', '--format', 'sarif'], ws.root).stdout) as Sarif;
    assert.deepEqual(
      shifted.runs[0]!.results.map((x) => x.partialFingerprints),
      run.results.map((x) => x.partialFingerprints),
    );
    change('src/payments/checkout.ts', 'export', '// touched\nexport');
    const more = JSON.parse(cli(['risk', '--diff', 'main', '--format', 'sarif'], ws.root).stdout) as Sarif;
    const checkout = more.runs[0]!.results.find(
      (x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'src/payments/checkout.ts' && x.ruleId.startsWith('incident-lens/linked'),
    )!;
    assert.ok(!run.results.some((x) => x.partialFingerprints['incidentLens/v1'] === checkout.partialFingerprints['incidentLens/v1']));
    // A file linked as a whole is placed on the changed lines of the diff.
    assert.equal(checkout.locations[0]!.physicalLocation.region.startLine, ws.read('src/payments/checkout.ts').split('\n').indexOf('// touched') + 1);
  });

  it('verdicts: GO, CAUTION, NO-GO for an active incident and for a recent P1, thresholds configurable; --fail-on exit codes unchanged', () => {
    const verdict = (args: string[]) => JSON.parse(cli(['risk', ...args, '--format', 'json'], ws.root).stdout) as { verdict: string; reasons: string[] };
    change('README.md', 'demo', 'demo.');
    assert.equal(verdict(['--diff', 'main']).verdict, 'GO');
    change('src/payments/stripeWebhook.ts', 'export', '// touched\nexport');
    assert.equal(verdict(['--diff', 'main']).verdict, 'CAUTION', 'INC-023 is a P1 from March 2025: older than 90 days');
    assert.equal(verdict(['--diff', 'main', '--no-go-p1-days', '1000']).verdict, 'NO-GO', 'within 1000 days it blocks');
    assert.match(verdict(['--diff', 'main', '--no-go-p1-days', '1000']).reasons.join(' '), /INC-023, a P1 within the last 1000 days/);
    change('src/auth/session.ts', 'export', '// touched\nexport');
    const active = verdict(['--diff', 'main']);
    assert.equal(active.verdict, 'NO-GO');
    assert.match(active.reasons.join(' '), /active incident INC-031/);
    assert.equal(cli(['risk', '--diff', 'main', '--fail-on', 'P1'], ws.root).code, 1);
    assert.equal(cli(['risk', '--diff', 'main', '--fail-on', 'p2'], ws.root).code, 1);
    assert.equal(cli(['risk', 'src/notifications/emailWorker.ts', '--fail-on', 'P2'], ws.root).code, 0);
    assert.match(cli(['risk', '--diff', 'main'], ws.root).stdout, /^NO-GO: /);
  });

  it("GitHub annotations: most severe first, escaped per GitHub's rules, with the count and a summary line", () => {
    ws.write(
      '.incidents/INC-060.yaml',
      incidentYaml('INC-060', 'links:\n  - path: src/payments/money.ts\nrootCause:\n  confirmed: "100% of requests:\\nfailed, then %0A literally"\n').replace(
        'Something broke',
        '"Title: with, commas"',
      ),
    );
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-qm', 'record');
    change('src/payments/money.ts', 'export', '// touched\nexport');
    const out = cli(['risk', '--diff', 'main', '--format', 'github'], ws.root).stdout.trim().split('\n');
    const annotations = out.filter((l) => l.startsWith('::'));
    assert.ok(annotations.length >= 1);
    const line = annotations.find((l) => l.includes('INC-060'))!;
    assert.match(line, /^::error file=src\/payments\/money\.ts,line=\d+,endLine=\d+,title=INC-060 P2::/, `an active P2 is an error: ${line}`);
    assert.ok(line.includes('100%25 of requests%3A') === false, 'the message is data: ":" stays');
    assert.ok(line.includes('100%25 of requests:%0Afailed, then %250A literally'), line);
    assert.equal(line.split('\n').length, 1, 'one line per annotation');
    assert.match(out.at(-1)!, /^Incident Lens: NO-GO — .* annotated\.$/);
    assert.equal(escapeProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
    assert.equal(escapeData('a:b,c%d\r\ne'), 'a:b,c%25d%0D%0Ae');
  });

  it('a Markdown PR comment: marker, verdict, table, learnings, runbooks; the same diff gives the same text', () => {
    change('src/payments/stripeWebhook.ts', 'export', '// touched\nexport');
    const a = cli(['risk', '--diff', 'main', '--format', 'markdown'], ws.root).stdout;
    const b = cli(['risk', '--diff', 'main', '--format', 'markdown'], ws.root).stdout;
    assert.equal(a, b);
    assert.ok(a.startsWith('<!-- incident-lens:risk -->\n## ⚠️ Incident Lens: CAUTION\n'));
    assert.match(a, /\| INC-023 Payment page 500 error \| P1 \| closed \| `src\/payments\/stripeWebhook\.ts` \| Webhook handler written with Claude/);
    assert.match(a, /### INC-023: what it taught/);
    assert.match(a, /```+text\nWhen writing \[service\] integration/);
    assert.match(a, /### Rollback runbooks\n\n- `RB-payments-rollback` — /);
  });

  it('lint --format sarif (valid) and github put broken records on the PR', () => {
    ws.write('.incidents/INC-040.yaml', 'id: INC-040\ntitle: Broken\nstatus: resovled\npriority: P2\nstart: 2025-03-18T14:37:00+03:00\n');
    const sarif = cli(['lint', '--format', 'sarif'], ws.root);
    assert.equal(sarif.code, 1);
    const parsed = JSON.parse(sarif.stdout) as Sarif;
    assert.ok(validate(parsed), JSON.stringify(validate.errors?.slice(0, 3)));
    const r = parsed.runs[0]!.results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === '.incidents/INC-040.yaml')!;
    assert.equal(r.level, 'error');
    assert.equal(r.locations[0]!.physicalLocation.region.startLine, 3);
    const gh = cli(['lint', '--format', 'github'], ws.root).stdout;
    assert.match(
      gh,
      /^::error file=\.incidents\/INC-040\.yaml,line=3,col=9,endLine=3,endColumn=17,title=status::expected active, resolved, postmortem-pending or closed, got "resovled"; did you mean "resolved"\?$/m,
    );
  });
});

describe('pre-push hook (real git push to a local bare repository)', () => {
  let ws: TempWorkspace;
  let remote: string;
  beforeEach(() => {
    ws = new TempWorkspace(true);
    remote = `${ws.root}-remote.git`;
    execFileSync('git', ['init', '-q', '--bare', remote]);
    git(ws.root, 'init', '-q', '-b', 'main');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-qm', 'base');
    git(ws.root, 'remote', 'add', 'origin', remote);
    git(ws.root, 'push', '-q', 'origin', 'main');
  });
  afterEach(() => {
    ws.dispose();
    execFileSync('rm', ['-rf', remote]);
  });

  const push = () => spawnSync('git', ['push', 'origin', 'HEAD:main'], { cwd: ws.root, encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_NOW: NOW } });

  it('warns when pushed commits touch code of an active incident or a P1, lets the push go, and chains to an existing hook', () => {
    // Someone's own hook, which must keep running.
    const hooks = join(ws.root, '.git', 'hooks');
    ws.write('.git/hooks/pre-push', '#!/bin/sh\necho "team hook ran for $1" >&2\ncat > "$(dirname "$0")/../team-hook-input"\n');
    execFileSync('chmod', ['+x', join(hooks, 'pre-push')]);
    const installed = cli(['init', '--hooks'], ws.root);
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(installed.stdout, /^installed .*pre-push \(your existing hook now runs first, from .*pre-push\.chained\)/m);
    assert.match(
      cli(['init', '--hooks'], ws.root).stdout,
      /already routes the records to it; this clone's git config already has it .*\nrecords folder: \.incidents\/ is there\nunchanged /,
      'idempotent',
    );

    ws.write('src/auth/session.ts', `${ws.read('src/auth/session.ts')}\n// touched\n`);
    git(ws.root, 'commit', '-qam', 'touch the session code');
    const r = push();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /team hook ran for origin/);
    assert.match(r.stderr, /incident-lens: this push to origin touches code of INC-031 \(P2, active\)/);
    assert.match(r.stderr, /pushing anyway/);
    assert.match(ws.read('.git/team-hook-input'), /^\S+ [0-9a-f]{40} refs\/heads\/main [0-9a-f]{40}/, "the chained hook got git's input");
    assert.equal(
      execFileSync('git', ['rev-parse', 'main'], { cwd: remote, encoding: 'utf8' }).trim(),
      git(ws.root, 'rev-parse', 'HEAD').trim(),
      'the push went through',
    );
  });

  it('blocks when configured, and says nothing about code no serious incident is linked to', () => {
    assert.equal(cli(['init', '--hooks'], ws.root).code, 0);
    ws.write('README.md', `${ws.read('README.md')}\nmore\n`);
    git(ws.root, 'commit', '-qam', 'docs');
    const quiet = push();
    assert.equal(quiet.status, 0);
    assert.doesNotMatch(quiet.stderr, /incident-lens:/);
    git(ws.root, 'config', 'incident-lens.prePush', 'block');
    ws.write('src/payments/stripeWebhook.ts', `${ws.read('src/payments/stripeWebhook.ts')}\n// touched\n`);
    git(ws.root, 'commit', '-qam', 'touch the webhook');
    const blocked = push();
    assert.notEqual(blocked.status, 0);
    assert.match(blocked.stderr, /touches code of INC-023 \(P1\)/);
    assert.match(blocked.stderr, /push stopped/);
  });
});

describe('the CI docs (docs/ci.md, docs/teams.md)', () => {
  it('its workflow files are valid YAML, and every incident-lens call in them names real options', () => {
    const section = readFileSync(join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');
    const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.equal(blocks.length, 5); // three workflows, and the warm cache for GitHub Actions and GitLab CI
    for (const b of blocks)
      assert.deepEqual(
        parseDocument(b).errors.map((e) => e.message),
        [],
      );
    for (const call of section.matchAll(/incident-lens (risk|lint)([^\n|>]*)/g)) {
      for (const [, format] of call[2]!.matchAll(/--format (\S+)/g)) assert.ok(['text', 'json', 'sarif', 'github', 'markdown'].includes(format!), call[0]);
      for (const [, option] of call[2]!.matchAll(/(--[a-z-]+)/g))
        assert.ok(['--diff', '--format', '--fail-on', '--no-go-p1-days', '--yes'].includes(option!), `${call[0]}: ${option}`);
    }
  });

  it("the Teams section's YAML is valid and its incident-lens calls name real options", () => {
    const teams = readFileSync(join(REPO_ROOT, 'docs', 'teams.md'), 'utf8');
    const section = teams.slice(teams.indexOf('## One incidents repository for many services'));
    const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.equal(blocks.length, 2);
    for (const b of blocks)
      assert.deepEqual(
        parseDocument(b).errors.map((e) => e.message),
        [],
      );
    for (const call of section.matchAll(/incident-lens (risk|lint)([^\n|>`]*)/g)) {
      for (const [, option] of call[2]!.matchAll(/(--[a-z-]+)/g)) assert.ok(['--diff', '--fail-on', '--source'].includes(option!), `${call[0]}: ${option}`);
    }
  });

  it("its CLI lines run as written in a real repository with a change to INC-023's code", () => {
    const ci = readFileSync(join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');
    const block = /# In pull requests and deploy gates[\s\S]*?```sh\n([\s\S]*?)```/.exec(ci)![1]!;
    const ws = new TempWorkspace(true);
    try {
      git(ws.root, 'init', '-q', '-b', 'main');
      // A repository that uses Incident Lens has its AI instruction files committed.
      assert.equal(cli(['instructions'], ws.root).code, 0);
      git(ws.root, 'add', '-A');
      git(ws.root, 'commit', '-qm', 'base');
      git(ws.root, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      ws.write('src/payments/stripeWebhook.ts', `${ws.read('src/payments/stripeWebhook.ts')}\n// touched\n`);
      for (const line of block.split('\n').filter((l) => l.startsWith('npx incident-lens'))) {
        const [command, redirect] = line.split(' > ');
        const r = cli(command!.split(/\s+/).slice(2), ws.root);
        if (line.includes('--fail-on P2')) assert.equal(r.code, 1, `${line}: INC-023 is a P1`);
        else assert.equal(r.code, 0, `${line}\n${r.stderr}`);
        if (redirect?.endsWith('.sarif')) assert.ok(validate(JSON.parse(r.stdout)), line);
        if (redirect === 'comment.md') assert.match(r.stdout, /^<!-- incident-lens:risk -->/);
      }
    } finally {
      ws.dispose();
    }
  });
});
