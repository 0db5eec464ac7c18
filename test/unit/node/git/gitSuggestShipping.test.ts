/**
 * Suspect commits and what shipped (issue 32), on real git repositories built
 * here: deploy tags, a deploy log (and a hostile one), an unshipped commit,
 * a release commit, and abstaining when no suspect is clearly ahead.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeployLog } from '../../../../src/core/git/deployLogFormat';
import { isReleaseCommit } from '../../../../src/core/git/shipping';
import { selectSuggestions, suggestFromHistory, type Suggestions } from '../../../../src/core/git/suggestCommits';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import type { Incident } from '../../../../src/core/records/model';
import { readDeployLog } from '../../../../src/node/git/readDeployLog';
import { ProcessGitHistory } from '../../../../src/node/git/gitHistory';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { GitRepo } from '../../../support/gitRepo';
import { REPO_ROOT } from '../../../support/workspace';

const NOW = Date.parse('2025-06-12T10:00:00Z');
const INCIDENT = `id: INC-050
title: Invoice totals wrong
status: active
priority: P2
start: 2025-06-10T14:00:00+02:00
impact:
  system: billing
`;

async function suggest(root: string, extra: { deploys?: boolean } = {}): Promise<Suggestions> {
  const index = new IncidentIndex(new NodeFileAccess(root), { now: () => NOW });
  await index.load();
  const incident = index.byId('INC-050') as Incident;
  const git = (await ProcessGitHistory.open(root))!;
  const log = extra.deploys ? await readDeployLog(root) : undefined;
  return suggestFromHistory(incident, [], git, { now: NOW, recordsFolder: '.incidents', ...(log ? { deploys: log.deploys } : {}) });
}

const subjects = (s: Suggestions) => s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);

/**
 * 09:00 shipped long ago · 11:00 the trigger (billing) · 11:30 search · 13:00 a
 * billing change that was never deployed (newest in the impacted system: the
 * naive answer) · start 14:00.
 */
function history(repo: GitRepo): { trigger: string; shippedAt: string; unshipped: string } {
  repo.write('src/billing/invoice.ts', 'export function total(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n');
  repo.write('src/search/query.ts', 'export const q = 1;\n').write('package.json', '{ "version": "1.0.0" }\n');
  const old = repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  repo.write('src/billing/tax.ts', 'export const RATE = 0.2;\n');
  repo.commit('billing: tax rate constant', '2025-06-10T09:00:00+02:00');
  repo.write('src/billing/invoice.ts', 'export function total(xs: number[]): number {\n  return Math.floor(xs.reduce((a, b) => a + b, 0));\n}\n');
  const trigger = repo.commit('Faster invoice sums', '2025-06-10T11:00:00+02:00');
  repo.write('src/search/query.ts', 'export const q = 2;\n');
  const shippedAt = repo.commit('search: bigger pages', '2025-06-10T11:30:00+02:00');
  repo.write('src/billing/invoice.ts', 'export function total(xs: number[]): number {\n  return Math.floor(xs.reduce((a, b) => a + b, 0)) + 0;\n}\n');
  const unshipped = repo.commit('billing: tidy invoice sums', '2025-06-10T13:00:00+02:00');
  repo.write('.incidents/INC-050.yaml', INCIDENT);
  repo.commit('Open INC-050', '2025-06-10T14:10:00+02:00');
  void old;
  return { trigger, shippedAt, unshipped };
}

describe('suspect commits and what shipped (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
  });
  afterEach(() => repo.dispose());

  it('without deploy information the newest billing change leads (the naive answer)', async () => {
    const { unshipped } = history(repo);
    const s = await suggest(repo.root);
    assert.equal(s.commits[0]!.sha, unshipped, JSON.stringify(subjects(s)));
  });

  it('deploy tags: the last deploy before start ran the trigger; the commit after it had not shipped and is not ranked', async () => {
    const { trigger, shippedAt, unshipped } = history(repo);
    repo.gitAt('2025-06-10T09:30:00+02:00', 'tag', '-a', 'deploy-2025-06-10-1', '-m', 'deploy', repo.git('rev-parse', 'HEAD~4'));
    repo.gitAt('2025-06-10T12:00:00+02:00', 'tag', '-a', 'deploy-2025-06-10-2', '-m', 'deploy', shippedAt);
    // A deploy tag made after start says nothing about what ran at start.
    repo.gitAt('2025-06-10T15:00:00+02:00', 'tag', '-a', 'deploy-2025-06-10-3', '-m', 'deploy', unshipped);
    const s = await suggest(repo.root);
    assert.equal(s.commits[0]!.sha, trigger, JSON.stringify(subjects(s)));
    assert.ok(!s.commits.some((c) => c.sha === unshipped), 'an unshipped commit is never ranked');
    assert.match(s.commits[0]!.reasons[0]!, /shipped in the last deploy before start \(deploy tag deploy-2025-06-10-2, 12:00\)/);
    assert.ok(
      s.notes.some((n) => /1 commit\(s\) before start had not shipped \(not in the deploy tag deploy-2025-06-10-2 at 12:00\): not ranked/.test(n)),
      s.notes.join('\n'),
    );
    // The batch's production change is clearly ahead: preselected.
    assert.deepEqual(
      selectSuggestions(s).commits.map((c) => c.sha),
      [trigger],
    );
  });

  it('a deploy log: production deploys count, staging ones do not; a tag name or a SHA as revision', async () => {
    const { trigger, shippedAt, unshipped } = history(repo);
    repo.git('tag', 'build-7', shippedAt);
    repo.write(
      '.incident-lens/deploys.jsonl',
      [
        `{"time": "2025-06-10T09:30:00+02:00", "environment": "production", "revision": "${repo.git('rev-parse', 'HEAD~4').slice(0, 10)}"}`,
        '{"time": "2025-06-10T12:00:00+02:00", "environment": "prod", "revision": "build-7", "by": "ci"}',
        `{"time": "2025-06-10T13:10:00+02:00", "environment": "staging", "revision": "${unshipped}"}`,
        `{"time": "2025-06-10T15:00:00+02:00", "environment": "production", "revision": "${unshipped}"}`,
      ].join('\n'),
    );
    const s = await suggest(repo.root, { deploys: true });
    assert.equal(s.commits[0]!.sha, trigger, JSON.stringify(subjects(s)));
    assert.ok(!s.commits.some((c) => c.sha === unshipped));
    assert.match(s.commits[0]!.reasons[0]!, /shipped in the last deploy before start \(deploy of build-7 to prod \(deploy log line 2\), 12:00\)/);
  });

  it('a release commit marks the batch and is never a suspect, however close to start and inside the system', async () => {
    const { unshipped } = history(repo);
    repo
      .write('src/billing/version.ts', "export const VERSION = '1.0.1';\n")
      .write('package.json', '{ "version": "1.0.1" }\n')
      .write('CHANGELOG.md', '## 1.0.1\n');
    const release = repo.commit('release: v1.0.1', '2025-06-10T13:50:00+02:00');
    const s = await suggest(repo.root);
    const r = s.commits.find((c) => c.sha === release)!;
    assert.equal(r.role, 'related');
    assert.match(r.reasons[0]!, /^release commit at 13:50: it marks the batch shipped before it, it is not a suspect/);
    assert.equal(s.commits[0]!.sha, unshipped);
    assert.match(s.commits[0]!.reasons[0]!, /shipped in the last release before start \(release commit [0-9a-f]{7} "release: v1\.0\.1", 13:50\)/);
    for (const subject of [
      'release: v8.1.1',
      'chore(release): 1.2.3',
      '[ci] release (#17287)',
      'Version Packages',
      'Bump v30.0.0-nightly.20240101',
      '1.2.3',
      'v0.5.1-next.2 (#3269)',
      'chore: bump version to 2.0.0',
    ]) {
      assert.ok(isReleaseCommit({ subject }), subject);
    }
    for (const subject of [
      'Bump lodash from 4.17.20 to 4.17.21',
      'release notes for the billing page',
      'fix: release the lock on timeout',
      'Releases page shows drafts',
      '1.2.3 is the version that broke uploads (#12)',
    ]) {
      assert.ok(!isReleaseCommit({ subject }), subject);
    }
  });

  it('abstains: two billing changes ten minutes apart, none clearly ahead: "no strong candidate" and nothing preselected', async () => {
    repo.write('src/billing/invoice.ts', 'export const a = 1;\n').write('src/billing/tax.ts', 'export const b = 1;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('src/billing/invoice.ts', 'export const a = 2;\n');
    repo.commit('billing: invoice rounding', '2025-06-10T13:20:00+02:00');
    repo.write('src/billing/tax.ts', 'export const b = 2;\n');
    repo.commit('billing: tax rounding', '2025-06-10T13:30:00+02:00');
    repo.write('.incidents/INC-050.yaml', INCIDENT);
    repo.commit('Open INC-050', '2025-06-10T14:10:00+02:00');
    const s = await suggest(repo.root);
    assert.equal(subjects(s).length, 2);
    assert.ok(
      s.notes.some((n) => n.startsWith('no strong candidate')),
      s.notes.join('\n'),
    );
    const picked = selectSuggestions(s);
    assert.deepEqual([picked.commits.length, picked.links.length], [0, 0]);
    // --apply then writes nothing and says why, and how to choose.
    const before = readFileSync(join(repo.root, '.incidents', 'INC-050.yaml'), 'utf8');
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'suggest', 'INC-050', '--apply'], {
      cwd: repo.root,
      encoding: 'utf8',
      env: { ...process.env, INCIDENT_LENS_NOW: '2025-06-12T10:00:00Z' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\nnothing written: nothing is selected; choose with --min-score X/);
    assert.equal(readFileSync(join(repo.root, '.incidents', 'INC-050.yaml'), 'utf8'), before);
  });

  it('--min-score: a commit taken brings the code it changed, though its links score below it', async () => {
    repo.write('src/billing/invoice.ts', 'export const a = 1;\n').write('src/billing/tax.ts', 'export const b = 1;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('src/billing/invoice.ts', Array.from({ length: 10 }, (_, i) => `export const a${i} = ${i};`).join('\n') + '\n');
    repo.write('src/billing/tax.ts', 'export const b = 2;\n');
    const both = repo.commit('billing: invoice lines and tax', '2025-06-10T13:20:00+02:00');
    repo.write('.incidents/INC-050.yaml', INCIDENT);
    repo.commit('Open INC-050', '2025-06-10T14:10:00+02:00');
    const s = await suggest(repo.root);
    const top = s.commits.find((c) => c.sha === both)!;
    const links = s.links.filter((l) => l.sha === both);
    assert.deepEqual(links.map((l) => l.link.path).sort(), ['src/billing/invoice.ts', 'src/billing/tax.ts']);
    assert.ok(
      links.every((l) => l.score < top.score),
      JSON.stringify(links.map((l) => l.score)),
    );
    const chosen = selectSuggestions(s, top.score);
    assert.deepEqual(
      chosen.commits.map((c) => c.sha),
      [both],
    );
    assert.deepEqual(chosen.links.map((l) => l.link.path).sort(), ['src/billing/invoice.ts', 'src/billing/tax.ts']);
  });

  it("the record's words are matched against message, paths and symbols, and named", async () => {
    repo
      .write('src/billing/invoice.ts', 'export function total(): number {\n  return 1;\n}\n')
      .write('src/billing/tax.ts', 'export function rate(): number {\n  return 1;\n}\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('src/billing/invoice.ts', 'export function total(): number {\n  return 2;\n}\n');
    const words = repo.commit('billing: faster sums', '2025-06-10T13:20:00+02:00');
    repo.write('src/billing/tax.ts', 'export function rate(): number {\n  return 2;\n}\n');
    repo.commit('billing: rounding', '2025-06-10T13:30:00+02:00');
    repo.write('.incidents/INC-050.yaml', `${INCIDENT}timeline:\n  - at: "14:00"\n    text: "Alert: invoice total mismatch in total()"\n`);
    repo.commit('Open INC-050', '2025-06-10T14:10:00+02:00');
    const s = await suggest(repo.root);
    assert.equal(s.commits[0]!.sha, words, JSON.stringify(subjects(s)));
    assert.match(s.commits[0]!.reasons[0]!, /the record's words: .*invoice.* \(changed paths\)/);
  });

  it('a hostile deploy log: every bad line a positioned problem, the good line used, nothing run (CLI path)', async () => {
    const { trigger, shippedAt, unshipped } = history(repo);
    repo.git('tag', 'deploy-good', shippedAt);
    repo.git('tag', '-d', 'deploy-good');
    repo.git('tag', 'deploy-good', shippedAt);
    const hostile = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'suggest', 'deploys.jsonl'), 'utf8');
    repo.write('.incident-lens/deploys.jsonl', hostile);
    const log = parseDeployLog(hostile, '.incident-lens/deploys.jsonl');
    assert.deepEqual(
      log.errors.map((e) => [e.line, e.field ?? '', e.column > 0]),
      [
        [2, 'revision', true],
        [3, 'revision', true],
        [4, 'revision', true],
        [5, 'revision', true],
        [6, 'revision', true],
        [8, 'time', true],
        [9, 'time', true],
        [10, 'environment', true],
        [11, '', true],
        [12, '', true],
        [13, '', true],
      ],
    );
    assert.equal(log.errors.find((e) => e.line === 2)!.column, hostileColumn(hostile, 2, '"revision"'));
    assert.deepEqual(
      log.deploys.map((d) => d.revision),
      ['deadbeefdeadbeef', 'deploy-good'],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'suggest', 'INC-050', '--json'], {
      cwd: repo.root,
      encoding: 'utf8',
      env: { ...process.env, INCIDENT_LENS_NOW: '2025-06-12T10:00:00Z' },
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { commits: Array<{ sha: string }>; notes: string[] };
    assert.equal(out.commits[0]!.sha, trigger);
    assert.ok(!out.commits.some((c) => c.sha === unshipped));
    assert.ok(
      out.notes.some((n) => n.startsWith('deploy log: .incident-lens/deploys.jsonl:2:') && n.includes('revision')),
      out.notes.join('\n'),
    );
    assert.ok(
      out.notes.some((n) => /deploy log line 7: revision deadbeefdeadbeef is not in this repository's history/.test(n)),
      out.notes.join('\n'),
    );
    assert.ok(!existsSync('/tmp/incident-lens-pwned') && !existsSync(join(repo.root, 'pwned')));
  });

  it('a deploy log that is a symbolic link or too large is not read', async () => {
    history(repo);
    const big = parseDeployLog('x'.repeat(5 * 1024 * 1024));
    assert.match(big.errors[0]!.message, /larger than 4 MB/);
    repo.git('config', 'core.symlinks', 'true');
    const { symlinkSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(repo.root, '.incident-lens'), { recursive: true });
    symlinkSync('/etc/hostname', join(repo.root, '.incident-lens', 'deploys.jsonl'));
    const log = await readDeployLog(repo.root);
    assert.match(log!.errors[0]!.message, /symbolic link: not followed/);
  });
});

function hostileColumn(text: string, line: number, needle: string): number {
  return text.split('\n')[line - 1]!.indexOf(needle) + 1;
}
