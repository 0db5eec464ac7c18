/**
 * Reverts around start, on real git repositories built here: a revert that
 * landed minutes before start was running when the incident began (unless a
 * deploy log says it shipped later), so the code it removed was not, and
 * the revert itself is the change to suspect; a revert of that revert during
 * the incident names it as the trigger; a commit reverted hours before start
 * was not running at start either.
 */
import { strict as assert } from 'node:assert';
import { selectSuggestions, suggestFromHistory, type Suggestions } from '../../../../src/core/git/suggestCommits';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import type { Incident } from '../../../../src/core/records/model';
import { readDeployLog } from '../../../../src/node/git/readDeployLog';
import { ProcessGitHistory } from '../../../../src/node/git/gitHistory';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { GitRepo } from '../../../support/gitRepo';

const NOW = Date.parse('2025-06-12T10:00:00Z');
const INCIDENT = `id: INC-060
title: Invoice totals wrong
status: active
priority: P2
start: 2025-06-10T14:00:00+02:00
impact:
  system: billing
`;

async function suggest(root: string, deploys = false): Promise<Suggestions> {
  const index = new IncidentIndex(new NodeFileAccess(root), { now: () => NOW });
  await index.load();
  const incident = index.byId('INC-060') as Incident;
  const git = (await ProcessGitHistory.open(root))!;
  const log = deploys ? await readDeployLog(root) : undefined;
  return suggestFromHistory(incident, [], git, { now: NOW, recordsFolder: '.incidents', ...(log ? { deploys: log.deploys } : {}) });
}

const table = (s: Suggestions) => s.commits.map((c) => [c.subject, c.role]);

/**
 * 09:00 import · 12:30 "Round invoice sums" (billing) · 13:20 search · 13:56 its
 * revert, four minutes before start (14:00).
 */
function history(repo: GitRepo): { feature: string; revert: string } {
  repo.write('src/billing/invoice.ts', 'export function total(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n');
  repo.write('src/search/query.ts', 'export const q = 1;\n');
  repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  repo.write('src/billing/invoice.ts', 'export function total(xs: number[]): number {\n  return Math.round(xs.reduce((a, b) => a + b, 0));\n}\n');
  const feature = repo.commit('Round invoice sums', '2025-06-10T12:30:00+02:00');
  repo.write('src/search/query.ts', 'export const q = 2;\n');
  repo.commit('search: bigger pages', '2025-06-10T13:20:00+02:00');
  repo.gitAt('2025-06-10T13:56:00+02:00', 'revert', '--no-edit', feature);
  const revert = repo.git('rev-parse', 'HEAD');
  return { feature, revert };
}

describe('reverts around start (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => (repo = new GitRepo()));
  afterEach(() => repo.dispose());

  it('a revert four minutes before start is the suspect; the commit it reverted was no longer running and is only related', async () => {
    const { feature, revert } = history(repo);
    repo.write('.incidents/INC-060.yaml', INCIDENT);
    repo.commit('Open INC-060', '2025-06-10T14:10:00+02:00');
    const s = await suggest(repo.root);
    assert.equal(s.commits[0]!.sha, revert, JSON.stringify(table(s)));
    assert.equal(s.commits[0]!.role, 'trigger');
    assert.match(
      s.commits[0]!.reasons[0]!,
      /^landed 4m before start \(13:56\), in the impacted system; a revert \(it removed code that was running\); the record's words: invoice \(message\); totals \(changed symbols\): "Revert "Round invoice sums""$/,
    );
    const reverted = s.commits.find((c) => c.sha === feature)!;
    assert.equal(reverted.role, 'related');
    assert.deepEqual(reverted.reasons, [
      `reverted by ${revert.slice(0, 7)} at 13:56, 4m before start: its code was no longer running when the incident started (if start was written late, that revert is the mitigation and this the trigger)`,
    ]);
    assert.ok(!s.commits.some((c) => c.role === 'revert'), 'nothing is read as a revert during the incident');
    // The revert comes from the window alone: preselected only when clearly ahead, as any window suspect.
    assert.ok(selectSuggestions(s).commits.every((c) => c.sha === revert));
  });

  it('the revert of that revert during the incident names it as the trigger (a revert of a revert)', async () => {
    const { feature, revert } = history(repo);
    repo.gitAt('2025-06-10T14:05:00+02:00', 'revert', '--no-edit', revert);
    const reapply = repo.git('rev-parse', 'HEAD');
    repo.write('.incidents/INC-060.yaml', INCIDENT);
    repo.commit('Open INC-060', '2025-06-10T14:10:00+02:00');
    const s = await suggest(repo.root);
    assert.deepEqual(
      s.commits.filter((c) => [feature, revert, reapply].includes(c.sha)).map((c) => [c.sha, c.role, c.reasons[0]]),
      [
        [revert, 'trigger', `reverted at 14:05 by ${reapply.slice(0, 7)}`],
        [reapply, 'revert', `reverts ${revert.slice(0, 7)} at 14:05, during the incident`],
        [feature, 'related', s.commits.find((c) => c.sha === feature)!.reasons[0]],
      ],
    );
    assert.match(s.commits.find((c) => c.sha === feature)!.reasons[0]!, /^reverted by [0-9a-f]{7} at 13:56, 4m before start/);
    assert.ok(
      selectSuggestions(s).commits.some((c) => c.sha === revert),
      'the reverted revert is preselected',
    );
  });

  it('a deploy log: a revert committed before start but deployed after it is the mitigation, and what it reverted the trigger', async () => {
    const { feature, revert } = history(repo);
    repo.write(
      '.incident-lens/deploys.jsonl',
      [
        `{"time": "2025-06-10T12:40:00+02:00", "environment": "production", "revision": "${feature}"}`,
        `{"time": "2025-06-10T14:06:00+02:00", "environment": "production", "revision": "${revert}"}`,
      ].join('\n') + '\n',
    );
    repo.commit('Record the deploys', '2025-06-10T14:08:00+02:00');
    repo.write('.incidents/INC-060.yaml', INCIDENT);
    repo.commit('Open INC-060', '2025-06-10T14:10:00+02:00');
    const s = await suggest(repo.root, true);
    assert.deepEqual(
      s.commits.filter((c) => [feature, revert].includes(c.sha)).map((c) => [c.sha, c.role, c.reasons[0]]),
      [
        [feature, 'trigger', `reverted at 13:56 by ${revert.slice(0, 7)}`],
        [revert, 'revert', `reverts ${feature.slice(0, 7)} at 13:56, deployed after start`],
      ],
    );
    assert.deepEqual(
      selectSuggestions(s).commits.map((c) => c.sha),
      [feature, revert],
    );
  });

  it('a commit of the window reverted three hours before start was not running at start: related, not a suspect; the revert ranks', async () => {
    repo
      .write('src/billing/invoice.ts', 'export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n')
      .write('src/billing/tax.ts', 'export const RATE = 0.2;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('src/billing/invoice.ts', 'export const total = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0));\n');
    const feature = repo.commit('billing: round sums', '2025-06-10T10:30:00+02:00');
    repo.gitAt('2025-06-10T11:00:00+02:00', 'revert', '--no-edit', feature);
    const revert = repo.git('rev-parse', 'HEAD');
    repo.write('src/billing/tax.ts', 'export const RATE = 0.21;\n');
    const tax = repo.commit('billing: tax rate', '2025-06-10T09:00:00+02:00');
    repo.write('.incidents/INC-060.yaml', INCIDENT);
    repo.commit('Open INC-060', '2025-06-10T14:10:00+02:00');
    const s = await suggest(repo.root);
    const triggers = s.commits.filter((c) => c.role === 'trigger').map((c) => c.sha);
    assert.ok(!triggers.includes(feature), JSON.stringify(table(s)));
    assert.deepEqual(triggers.slice(0, 2), [revert, tax], JSON.stringify(table(s)));
    const reverted = s.commits.find((c) => c.sha === feature)!;
    assert.equal(reverted.role, 'related');
    assert.deepEqual(reverted.reasons, [
      `reverted by ${revert.slice(0, 7)} at 11:00, 3h before start: its code was no longer running when the incident started`,
    ]);
    assert.ok(!selectSuggestions(s).commits.some((c) => c.sha === feature), 'what was no longer running is never preselected');
  });
});
