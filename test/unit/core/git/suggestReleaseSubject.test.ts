/**
 * What counts as a release commit (shipping.ts, isReleaseCommit), on real git repositories built here:
 * a subject that starts with "Release" or "Publish" is a release only when what follows names a version,
 * a package or nothing; "Release the connection pool on shutdown" changes code and is a suspect like any
 * other, while "release: v1.0.1" still marks the batch and is never a suspect.
 */
import { strict as assert } from 'node:assert';
import { isReleaseCommit } from '../../../../src/core/git/shipping';
import { suggestFromHistory, type Suggestions } from '../../../../src/core/git/suggestCommits';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import type { Incident } from '../../../../src/core/records/model';
import { ProcessGitHistory } from '../../../../src/node/git/gitHistory';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { GitRepo } from '../../../support/gitRepo';

const NOW = Date.parse('2025-06-12T10:00:00Z');

async function suggest(repo: GitRepo): Promise<Suggestions> {
  repo.write(
    '.incidents/INC-073.yaml',
    'id: INC-073\ntitle: Invoices wrong\nstatus: active\npriority: P2\nstart: 2025-06-10T14:00:00+02:00\nimpact:\n  system: billing\n',
  );
  repo.commit('Open INC-073', '2025-06-10T14:10:00+02:00');
  const index = new IncidentIndex(new NodeFileAccess(repo.root), { now: () => NOW });
  await index.load();
  const git = (await ProcessGitHistory.open(repo.root))!;
  return suggestFromHistory(index.byId('INC-073') as Incident, [], git, { now: NOW, recordsFolder: '.incidents', links: false });
}

describe('release commits are read from what the subject says was released (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
    repo.write('src/billing/pool.ts', 'export const size = 1;\n').write('package.json', '{ "version": "1.0.0" }\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  });
  afterEach(() => repo.dispose());

  it('"Release the connection pool on shutdown" is a suspect; "release: v1.0.1" marks the batch and is not', async () => {
    repo.write('src/billing/pool.ts', 'export const size = 1;\nexport function close(): void {}\n');
    const code = repo.commit('Release the connection pool on shutdown', '2025-06-10T13:40:00+02:00');
    repo.write('package.json', '{ "version": "1.0.1" }\n').write('CHANGELOG.md', '## 1.0.1\n');
    const release = repo.commit('release: v1.0.1', '2025-06-10T13:50:00+02:00');
    const s = await suggest(repo);
    const byId = (sha: string) => s.commits.find((c) => c.sha === sha);
    assert.equal(byId(code)?.role, 'trigger', JSON.stringify(s.commits.map((c) => [c.subject, c.role])));
    assert.equal(s.commits.filter((c) => c.role === 'trigger')[0]?.sha, code);
    assert.equal(byId(release)?.role, 'related');
    assert.match(byId(release)!.reasons[0]!, /it marks the batch shipped before it, it is not a suspect/);
  });

  it('subjects: releases of a version, a package or a channel; code and CI changes that start with the same words are not', () => {
    for (const subject of [
      'release: v8.1.1',
      '[ci] release (#17287)',
      '[ci] release (beta) (#17119)',
      'Release 2.3.0',
      'Release/v0.22.0 (#4143)',
      'Release Prometheus 2.32.0-beta.0 (#9747)',
      'chore: Release loki helm chart 7.3.0 (#23801)',
      'chore: release deno_* crates (#25987)',
      'chore: release deno_fetch (#11549)',
      'chore: Release new versions of all js packages (#9964)',
      'chore(release): publish',
      'Publish',
      'Published @ms/rush v0.3.6',
    ]) {
      assert.ok(isReleaseCommit({ subject }), subject);
    }
    for (const subject of [
      '[mypyc] Release new instances when `__init__` raises (#21248)',
      'chore: Release column vectors and their arrays correctly (#19496)',
      'release lock on errors, validate if local is behind remote before acquiring the lock',
      'Release the native window after window gets closed',
      'Publish event in `withCtx` flow only (#8188)',
      'release create: warn about unpushed local git tag (#5104)',
      'ci: publish indexer docker image',
      'chore(deps): Bump version of forked sucrase from 3.35.0 to 3.36.0 (#14921)',
      'chore: release notes (#15777)',
    ]) {
      assert.ok(!isReleaseCommit({ subject }), subject);
    }
  });
});
