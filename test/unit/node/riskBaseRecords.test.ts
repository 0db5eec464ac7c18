/**
 * A change cannot edit the records that gate it (issue 27): `risk --diff BASE`
 * judges the change by the records as they are at the base, and every record
 * the change adds, edits or deletes is a finding of its own. Real git
 * repositories built from test/fixtures/hostile/risk-gate/ (see its README),
 * the built CLI as a real process.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { FileAccess, FileStat } from '../../../src/core/index/fileAccess';
import { IncidentIndex } from '../../../src/core/index/incidentIndex';
import { recordChanges } from '../../../src/core/risk/recordChanges';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { GitRevisionFileAccess, parseBatch, resolveCommit } from '../../../src/node/git/revisionFiles';
import { checkRisk } from '../../../src/node/riskCheck';
import { repoScope } from '../../../src/node/git/repoScope';
import { GitRepo } from '../../support/gitRepo';
import { REPO_ROOT } from '../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'risk-gate');
const NOW = '2026-11-26T11:30:00+01:00';
const AT = '2026-11-26T10:00:00+01:00';

interface RecordChangeJson {
  rule: string;
  level: string;
  id: string;
  change: string;
  file: string;
  details: string[];
  weakens: boolean;
  region: { startLine: number };
}
interface RiskJson {
  verdict: string;
  reasons: string[];
  incidents: Array<{ id: string; status: string }>;
  findings: Array<{ rule: string; incident: string; file: string }>;
  recordChanges: RecordChangeJson[];
  base: string | null;
}

function cli(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_NOW: NOW } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function riskJson(cwd: string, ...args: string[]): RiskJson {
  const r = cli(cwd, 'risk', ...args, '--format', 'json');
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as RiskJson;
}

/** The base committed on main (under `sub` when given), then branch `feature`. */
function baseRepo(sub = ''): GitRepo {
  const repo = new GitRepo();
  cpSync(join(FIXTURE, 'base'), join(repo.root, sub), { recursive: true });
  repo.commit('base', AT);
  repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

function touch(repo: GitRepo, file: string): void {
  repo.write(file, `${readFileSync(join(repo.root, file), 'utf8')}// changed\n`);
}

/** One case of the fixture's table: its record files over the work tree, and a change to charge.ts (committed unless `commit` is false). */
function attack(repo: GitRepo, name: string, options: { code?: string; commit?: boolean; sub?: string } = {}): void {
  const sub = options.sub ? `${options.sub}/` : '';
  if (name === 'deleted') rmSync(join(repo.root, sub, '.incidents', 'INC-900.yaml'));
  else cpSync(join(FIXTURE, 'change', name), join(repo.root, sub), { recursive: true });
  touch(repo, `${sub}${options.code ?? 'src/billing/charge.ts'}`);
  if (options.commit !== false) repo.commit(`feature: ${name}`, AT);
}

describe('risk --diff judges a change by the records at the base (hostile: a change edits its own gate)', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  afterEach(() => repo?.dispose());

  it("the attack is real: by the change's own records, moving the link makes the change GO", () => {
    repo = baseRepo();
    attack(repo, 'link-moved');
    assert.equal(riskJson(repo.root, 'src/billing/charge.ts').verdict, 'GO', 'risk FILE reads the work tree: this is what --diff used to do');
  });

  it('rename-the-link: stays NO-GO, and the moved link is a warning of its own on the record', () => {
    repo = baseRepo();
    attack(repo, 'link-moved');
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.match(r.reasons[0]!, /^touches code of the active incident INC-900 \(src\/billing\/charge\.ts\)$/);
    assert.ok(r.findings.some((f) => f.rule === 'incident-lens/active-incident' && f.incident === 'INC-900' && f.file === 'src/billing/charge.ts'));
    assert.equal(r.recordChanges.length, 1);
    const c = r.recordChanges[0]!;
    assert.deepEqual(
      [c.rule, c.level, c.id, c.change, c.file, c.weakens],
      ['incident-lens/record-changed', 'warning', 'INC-900', 'modified', '.incidents/INC-900.yaml', true],
    );
    assert.deepEqual(c.details, ['link moved from src/billing/charge.ts#charge to src/billing/charge_legacy.ts#charge']);
    assert.equal(c.region.startLine, 8, 'placed on the new link');
    assert.match(r.reasons.at(-1)!, /^edits records the gate reads \(judged as they are at the base [0-9a-f]{7}\): INC-900 link moved from/);
    assert.equal(r.base, repo.git('rev-parse', 'main'));
  });

  it('an uncommitted record edit is part of the change too', () => {
    repo = baseRepo();
    attack(repo, 'link-moved', { commit: false });
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.equal(r.recordChanges[0]!.details[0], 'link moved from src/billing/charge.ts#charge to src/billing/charge_legacy.ts#charge');
  });

  it('a record deleted in the change: stays NO-GO and is reported', () => {
    repo = baseRepo();
    attack(repo, 'deleted');
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.ok(r.incidents.some((i) => i.id === 'INC-900' && i.status === 'active'));
    assert.deepEqual(
      r.recordChanges.map((c) => [c.id, c.change, c.file, c.level, c.details.join()]),
      [['INC-900', 'deleted', '.incidents/INC-900.yaml', 'warning', 'record deleted']],
    );
  });

  it('a status flip active → resolved in the change is judged by the base (NO-GO); a record-only flip is CAUTION, not GO', () => {
    repo = baseRepo();
    attack(repo, 'status-resolved');
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.equal(r.incidents[0]!.status, 'active', 'the base says active');
    assert.deepEqual(r.recordChanges[0]!.details, ['status active → resolved']);
    repo.git('reset', '-q', '--hard', 'main');
    cpSync(join(FIXTURE, 'change', 'status-resolved'), repo.root, { recursive: true });
    repo.commit('close INC-900', AT);
    const only = riskJson(repo.root, '--diff', 'main');
    assert.equal(only.verdict, 'CAUTION');
    assert.match(only.reasons.join('; '), /edits records the gate reads .*INC-900 status active → resolved/);
  });

  it('a record made unreadable, or a second record with the same id: NO-GO, each reported', () => {
    repo = baseRepo();
    attack(repo, 'broken-yaml');
    const broken = riskJson(repo.root, '--diff', 'main');
    assert.equal(broken.verdict, 'NO-GO');
    assert.equal(broken.recordChanges[0]!.change, 'unreadable');
    assert.match(broken.recordChanges[0]!.details[0]!, /^no longer a readable record \(/);
    repo.dispose();
    repo = baseRepo();
    attack(repo, 'duplicate-id');
    const dup = riskJson(repo.root, '--diff', 'main');
    assert.equal(dup.verdict, 'NO-GO');
    assert.match(
      dup.recordChanges[0]!.details[0]!,
      /^a second record with this id in \.incidents\/INC-900-resolved\.yaml \(duplicate id; the base's \.incidents\/INC-900\.yaml decides\)$/,
    );
    assert.ok(dup.recordChanges[0]!.details.includes('status active → resolved'));
  });

  it('a record added in the change can make the verdict stricter (a new active incident is NO-GO) and is reported as a note', () => {
    repo = baseRepo();
    attack(repo, 'new-active', { code: 'src/billing/invoice.ts' });
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.match(r.reasons[0]!, /^touches code of the active incident INC-902/);
    const c = r.recordChanges.find((x) => x.id === 'INC-902')!;
    assert.deepEqual([c.change, c.level, c.weakens], ['added', 'note', false]);
    assert.match(
      c.details[0]!,
      /^new record \(incident, P2, active, links src\/billing\/invoice\.ts\); not at the base, so it can only make the verdict stricter$/,
    );
  });

  it('an edit the gate does not read (a timeline entry) is a note and adds no reason of its own', () => {
    repo = baseRepo();
    attack(repo, 'timeline-entry');
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.deepEqual(
      r.recordChanges.map((c) => [c.level, c.details.join()]),
      [['note', 'edited; nothing the gate reads changed']],
    );
    assert.ok(!r.reasons.some((x) => x.startsWith('edits records')));
  });

  it("a legit change with no record edits: the same verdict, reasons and findings as the work tree's records give, git not asked for the base", () => {
    repo = baseRepo();
    touch(repo, 'src/billing/refund.ts');
    repo.commit('refund tweak', AT);
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'CAUTION');
    assert.deepEqual(r.reasons, ['touches code of INC-901 (P3, resolved) (src/billing/refund.ts)']);
    assert.deepEqual(r.recordChanges, []);
    assert.equal(r.base, null, "the base's records were not read: nothing in the folder changed");
    const byFile = riskJson(repo.root, 'src/billing/refund.ts');
    assert.deepEqual([byFile.verdict, byFile.reasons, byFile.findings.map((f) => f.rule)], [r.verdict, r.reasons, r.findings.map((f) => f.rule)]);
  });

  it('SARIF: valid 2.1.0 with the record-changed rule (warning by default) and its result on the record; Markdown and GitHub say it too', () => {
    repo = baseRepo();
    attack(repo, 'link-moved');
    const out = cli(repo.root, 'risk', '--diff', 'main', '--format', 'sarif');
    const sarif = JSON.parse(out.stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
          properties: Record<string, unknown>;
        }>;
        properties: { verdict: string; base: string };
      }>;
    };
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    const run = sarif.runs[0]!;
    const rule = run.tool.driver.rules.find((x) => x.id === 'incident-lens/record-changed')!;
    assert.equal(rule.defaultConfiguration.level, 'warning');
    const result = run.results.find((x) => x.ruleId === 'incident-lens/record-changed')!;
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, 'incident-lens/record-changed');
    assert.equal(result.level, 'warning');
    assert.equal(result.locations[0]!.physicalLocation.artifactLocation.uri, '.incidents/INC-900.yaml');
    assert.deepEqual([result.properties.record, result.properties.change, result.properties.weakensGate], ['INC-900', 'modified', true]);
    assert.ok(run.results.some((x) => x.ruleId === 'incident-lens/active-incident'));
    assert.equal(run.properties.verdict, 'NO-GO');
    const md = cli(repo.root, 'risk', '--diff', 'main', '--format', 'markdown').stdout;
    assert.match(
      md,
      /### Incident records changed in this change\n\nJudged by the records at the base \(`[0-9a-f]{7}`\); check these edits before merging\.\n\n- \*\*Would relax the check:\*\* `INC-900` modified \(`\.incidents\/INC-900\.yaml`\): link moved from src\/billing\/charge\.ts#charge to src\/billing\/charge\\_legacy\.ts#charge$/m,
    );
    const gh = cli(repo.root, 'risk', '--diff', 'main', '--format', 'github').stdout;
    assert.match(
      gh,
      /^::warning file=\.incidents\/INC-900\.yaml,line=8,endLine=8,title=INC-900 record modified::Incident record INC-900 changed in this change: link moved/m,
    );
    const text = cli(repo.root, 'risk', '--diff', 'main').stdout;
    assert.match(
      text,
      /^records changed in this change \(the verdict reads them as they are at the base [0-9a-f]{7}\):\n {3}warning INC-900 modified \(\.incidents\/INC-900\.yaml\): link moved/m,
    );
  });

  it("a base without the records folder says so; the change's new records still count (they can only tighten)", () => {
    repo = new GitRepo();
    cpSync(join(FIXTURE, 'base', 'src'), join(repo.root, 'src'), { recursive: true });
    repo.commit('code only', AT);
    repo.git('checkout', '-q', '-b', 'feature');
    cpSync(join(FIXTURE, 'base', '.incidents'), join(repo.root, '.incidents'), { recursive: true });
    touch(repo, 'src/billing/charge.ts');
    repo.commit('records and a change', AT);
    const r = riskJson(repo.root, '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.ok(
      r.reasons.some((x) =>
        /^the base [0-9a-f]{7} has no \.incidents folder: every record here is new in this change and can only make the verdict stricter$/.test(x),
      ),
      r.reasons.join('\n'),
    );
    assert.deepEqual(
      r.recordChanges.map((c) => [c.id, c.change]),
      [
        ['INC-900', 'added'],
        ['INC-901', 'added'],
      ],
    );
  });

  it('a workspace in a subfolder of the repository reads its folder at the base by its own paths', () => {
    repo = baseRepo('services/billing');
    attack(repo, 'link-moved', { sub: 'services/billing' });
    const r = riskJson(join(repo.root, 'services', 'billing'), '--diff', 'main');
    assert.equal(r.verdict, 'NO-GO');
    assert.equal(r.recordChanges[0]!.file, '.incidents/INC-900.yaml');
  });

  it("a change that stops naming a record source still meets that source's incidents, and the config edit is a warning", () => {
    const parent = mkdtempSync(join(tmpdir(), 'incident-lens-sources-'));
    try {
      mkdirSync(join(parent, 'billing'));
      repo = new GitRepo(join(parent, 'billing'));
      cpSync(join(FIXTURE, 'base'), repo.root, { recursive: true });
      cpSync(join(FIXTURE, 'source-dropped', 'central'), join(parent, 'central'), { recursive: true });
      cpSync(join(FIXTURE, 'source-dropped', 'incident-lens.base.yaml'), join(repo.root, '.incident-lens.yaml'));
      repo.git('remote', 'add', 'origin', 'https://github.com/acme/billing.git');
      repo.commit('base', AT);
      repo.git('checkout', '-q', '-b', 'feature');
      cpSync(join(FIXTURE, 'source-dropped', 'incident-lens.change.yaml'), join(repo.root, '.incident-lens.yaml'));
      touch(repo, 'src/billing/refund.ts');
      repo.commit('drop the source', AT);
      assert.equal(riskJson(repo.root, 'src/billing/refund.ts').verdict, 'CAUTION', "by the change's config only INC-901 counts");
      const r = riskJson(repo.root, '--diff', 'main');
      assert.equal(r.verdict, 'NO-GO');
      assert.match(r.reasons[0]!, /^touches code of the active incident INC-500 \(src\/billing\/refund\.ts\)$/);
      const c = r.recordChanges.find((x) => x.id === '.incident-lens.yaml')!;
      assert.deepEqual(
        [c.level, c.weakens, c.details],
        ['warning', true, ['record source ../central no longer named (its records still count: the base names it)']],
      );
    } finally {
      repo.dispose();
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("the MCP server's check_diff path (checkRisk with the workspace's index) gets the same verdict", async () => {
    repo = baseRepo();
    attack(repo, 'link-moved');
    const index = new IncidentIndex(new NodeFileAccess(repo.root), { folder: '.incidents', linkScope: await repoScope(repo.root) });
    await index.load();
    const { report } = await checkRisk(repo.root, [index], { diff: 'main', now: Date.parse(NOW), noGoP1Days: 90 });
    assert.equal(report.verdict, 'NO-GO');
    assert.match(report.reasons.join('; '), /edits records the gate reads .*INC-900 link moved/);
  });

  it('a revision that could be read as an option is refused before git sees it', async () => {
    repo = baseRepo();
    assert.equal(cli(repo.root, 'risk', '--diff=--output=/tmp/x').code, 2);
    await assert.rejects(resolveCommit(repo.root, '--output=/tmp/x'), /is not a revision/);
    await assert.rejects(resolveCommit(repo.root, 'no-such-branch'), /is not a commit git knows here/);
    assert.throws(() => new GitRevisionFileAccess(repo.root, 'main', '.incidents'), /not a full commit SHA/);
  });
});

describe('GitRevisionFileAccess: the records folder of a commit, and nothing else', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  afterEach(() => repo?.dispose());

  it('lists and reads only the folder (UTF-8 intact, in batches), skips symbolic links and blobs above the size limit', async () => {
    repo = new GitRepo();
    for (let i = 0; i < 450; i++)
      repo.write(`.incidents/bulk/INC-${String(1000 + i)}.yaml`, `id: INC-${1000 + i}\ntitle: Café ☕ ${i}\nstatus: resolved\npriority: P4\n`);
    repo.write('.incidents/big.yaml', `id: INC-5\ntitle: big\nstatus: resolved\npriority: P4\n#${'x'.repeat(2000)}\n`);
    repo.write('outside.yaml', 'not: read\n');
    mkdirSync(join(repo.root, '.incidents', 'links'), { recursive: true });
    symlinkSync('../../outside.yaml', join(repo.root, '.incidents', 'links', 'INC-9.yaml'));
    const commit = repo.commit('records', AT);
    const access = new GitRevisionFileAccess(repo.root, commit, '.incidents', 1000);
    const files = await access.listFiles('.incidents');
    assert.equal(files.length, 451);
    assert.ok(!files.includes('.incidents/links/INC-9.yaml') && !files.includes('outside.yaml'));
    assert.equal(await access.readFile('.incidents/bulk/INC-1449.yaml'), 'id: INC-1449\ntitle: Café ☕ 449\nstatus: resolved\npriority: P4\n');
    await assert.rejects(access.readFile('.incidents/big.yaml'), /above the record size limit: not read/);
    assert.ok((await access.stat('.incidents/big.yaml'))!.size > 2000, 'stat answers from the tree listing');
    const index = new IncidentIndex(new GitRevisionFileAccess(repo.root, commit, '.incidents'), { folder: '.incidents' });
    await index.load();
    assert.equal(index.incidents().length, 451);
    const first = index.byId('INC-1000');
    assert.equal(first?.kind === 'incident' && first.head.title, 'Café ☕ 0');
    assert.equal(await new GitRevisionFileAccess(repo.root, commit, '.other').hasFolder(), false);
  });

  it('parseBatch reads cat-file --batch output by byte counts, missing objects skipped', () => {
    const body = Buffer.from('é\n', 'utf8');
    const out = Buffer.concat([Buffer.from(`aaaa blob ${body.length}\n`), body, Buffer.from('\nbbbb missing\n')]);
    assert.deepEqual([...parseBatch(out)], [['aaaa', 'é\n']]);
  });
});

describe("pre-push: a push is judged by the records on the remote's side", function () {
  this.timeout(60_000);
  let repo: GitRepo;
  let remote: string;
  afterEach(() => {
    repo?.dispose();
    if (remote) rmSync(remote, { recursive: true, force: true });
  });

  it('moving the link in the pushed commits still warns about INC-900, and says the record was edited', () => {
    repo = baseRepo();
    remote = `${repo.root}-remote.git`;
    execFileSync('git', ['init', '-q', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', 'origin', 'main');
    assert.equal(cli(repo.root, 'init', '--hooks').code, 0);
    attack(repo, 'link-moved');
    const r = spawnSync('git', ['push', 'origin', 'HEAD:main'], { cwd: repo.root, encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_NOW: NOW } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /incident-lens: this push edits INC-900, a record this check reads \(judged as it is on the remote\): link moved from src\/billing\/charge\.ts#charge to src\/billing\/charge_legacy\.ts#charge/,
    );
    assert.match(r.stderr, /incident-lens: this push to origin touches code of INC-900 \(P2, active\)/);
  });

  it('a new branch is judged by the commit the remotes already have', () => {
    repo = baseRepo();
    remote = `${repo.root}-remote.git`;
    execFileSync('git', ['init', '-q', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', 'origin', 'main');
    repo.git('fetch', '-q', 'origin');
    assert.equal(cli(repo.root, 'init', '--hooks').code, 0);
    attack(repo, 'deleted');
    const r = spawnSync('git', ['push', 'origin', 'feature'], { cwd: repo.root, encoding: 'utf8', env: { ...process.env, INCIDENT_LENS_NOW: NOW } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /this push edits INC-900, a record this check reads \(judged as it is on the remote\): record deleted/);
    assert.match(r.stderr, /touches code of INC-900 \(P2, active\)/);
  });
});

describe('recordChanges (core): what each record edit would do to the gate', () => {
  class Memory implements FileAccess {
    constructor(private readonly files: Record<string, string>) {}
    async readFile(p: string): Promise<string> {
      if (!(p in this.files)) throw new Error('missing');
      return this.files[p]!;
    }
    async stat(p: string): Promise<FileStat | undefined> {
      return p in this.files ? { mtimeMs: 0, size: this.files[p]!.length } : undefined;
    }
    async listFiles(dir: string): Promise<string[]> {
      return Object.keys(this.files)
        .filter((p) => p.startsWith(`${dir}/`))
        .sort();
    }
  }
  const load = async (files: Record<string, string>) => {
    const index = new IncidentIndex(new Memory(files), { folder: '.incidents' });
    await index.load();
    return index;
  };
  const incident = (extra: string, priority = 'P1', status = 'resolved') =>
    `id: INC-1\ntitle: t\nstatus: ${status}\npriority: ${priority}\nstart: 2026-11-01T10:00:00Z\nlinks:\n  - path: src/a.ts\n  - path: src/b.ts\n${extra}`;
  const runbook = (verified: string) => `id: RB-pay\ntitle: Pay rollback\nlastVerified: ${verified}\nsteps:\n  - instruction: roll back\n`;

  it("priority lowered, a P1's start moved, a link removed, a fix commit unnamed, a runbook re-verified: warnings; a link added alone: a note", async () => {
    const fix = 'commits:\n  - sha: 0123456789abcdef\n    role: fix\n';
    const base = await load({ '.incidents/INC-1.yaml': incident(fix), '.incidents/runbooks/RB-pay.yaml': runbook('2025-01-01') });
    const head = await load({
      '.incidents/INC-1.yaml': incident('', 'P3').replace('2026-11-01T10:00:00Z', '2024-01-01T10:00:00Z').replace('  - path: src/b.ts\n', ''),
      '.incidents/runbooks/RB-pay.yaml': runbook('2026-11-25'),
    });
    const changes = recordChanges(base, head, ['.incidents/INC-1.yaml', '.incidents/runbooks/RB-pay.yaml']);
    assert.deepEqual(
      changes.map((c) => [c.id, c.level, c.details]),
      [
        [
          'INC-1',
          'warning',
          ['link removed: src/b.ts', 'priority P1 → P3', 'start 2026-11-01T10:00:00Z → 2024-01-01T10:00:00Z', 'fix commit no longer named: 0123456'],
        ],
        ['RB-pay', 'warning', ['lastVerified 2025-01-01 → 2026-11-25']],
      ],
    );
    const more = await load({ '.incidents/INC-1.yaml': `${incident(fix)}  - path: src/c.ts\n`.replace(fix, '') + fix });
    const added = recordChanges(base, more, ['.incidents/INC-1.yaml']);
    assert.deepEqual(
      added.map((c) => [c.level, c.weakens, c.details]),
      [['note', false, ['link added: src/c.ts']]],
    );
  });

  it('an id changed is the old record gone (a warning) and a new one added (a note)', async () => {
    const base = await load({ '.incidents/INC-1.yaml': incident('', 'P2', 'active') });
    const head = await load({ '.incidents/INC-1.yaml': incident('', 'P2', 'active').replace('id: INC-1', 'id: INC-2') });
    const changes = recordChanges(base, head, ['.incidents/INC-1.yaml']);
    assert.deepEqual(
      changes.map((c) => [c.id, c.change, c.level]),
      [
        ['INC-1', 'modified', 'warning'],
        ['INC-2', 'added', 'note'],
      ],
    );
    assert.deepEqual(changes[0]!.details, ['id changed from INC-1 to INC-2 (the record INC-1 is gone)']);
  });
});
