/**
 * How window suspects rank, on real git repositories built here: code named
 * like a doc file is code, a website's pages count when the website is the
 * impacted system, a commit typed "docs:" weighs less though it touches code, and
 * one typed "feat:" or a revert weighs more.
 */
import { strict as assert } from 'node:assert';
import { suggestFromHistory, type Suggestions } from '../../../../src/core/git/suggestCommits';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import type { Incident } from '../../../../src/core/records/model';
import { ProcessGitHistory } from '../../../../src/node/git/gitHistory';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { GitRepo } from '../../../support/gitRepo';

const NOW = Date.parse('2025-06-12T10:00:00Z');

function incident(system: string): string {
  return `id: INC-070\ntitle: Pages broken\nstatus: active\npriority: P2\nstart: 2025-06-10T14:00:00+02:00\nimpact:\n  system: ${system}\n`;
}

async function suggest(repo: GitRepo, system: string): Promise<Suggestions> {
  repo.write('.incidents/INC-070.yaml', incident(system));
  repo.commit('Open INC-070', '2025-06-10T14:10:00+02:00');
  const index = new IncidentIndex(new NodeFileAccess(repo.root), { now: () => NOW });
  await index.load();
  const git = (await ProcessGitHistory.open(repo.root))!;
  return suggestFromHistory(index.byId('INC-070') as Incident, [], git, { now: NOW, recordsFolder: '.incidents', links: false });
}

const ranked = (s: Suggestions) => s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);

describe('window suspects: what counts as a change that can break (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => (repo = new GitRepo()));
  afterEach(() => repo.dispose());

  it('lib/workers/pr/changelog.js is code, not a changelog: it ranks above an older change and is not dropped', async () => {
    repo.write('lib/workers/pr/changelog.js', 'module.exports = () => [];\n').write('lib/workers/pr/body.js', 'module.exports = 1;\n');
    repo.write('CHANGELOG.md', '# Changes\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('lib/workers/pr/body.js', 'module.exports = 2;\n');
    repo.commit('fix: pr body', '2025-06-10T09:00:00+02:00');
    repo.write('lib/workers/pr/changelog.js', 'module.exports = (token) => [token];\n');
    repo.commit('fix: unset token before calling changelog', '2025-06-10T12:30:00+02:00');
    repo.write('CHANGELOG.md', '# Changes\n\n- token\n');
    repo.commit('Update CHANGELOG.md', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'lib/workers');
    assert.deepEqual(ranked(s).slice(0, 2), ['fix: unset token before calling changelog', 'fix: pr body'], JSON.stringify(ranked(s)));
  });

  it('impact.system "website": a renamed blog post (Markdown) is what the site serves and ranks by closeness like its CSS', async () => {
    repo.write('website/blog/2018-05-27-release.md', '# Release\n').write('website/static/site.css', 'pre { overflow-x: scroll; }\n');
    repo.write('src/index.js', 'module.exports = 1;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('website/static/site.css', 'pre { overflow-x: auto; }\n');
    repo.commit('website: pre overflow auto', '2025-06-10T11:00:00+02:00');
    repo.move('website/blog/2018-05-27-release.md', 'website/blog/2018-05-23-release.md');
    repo.commit('Rename the release post', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'website');
    assert.deepEqual(ranked(s), ['Rename the release post', 'website: pre overflow auto']);
    assert.equal(s.commits.find((c) => c.subject === 'Rename the release post')!.reasons[0]!.includes('in the impacted system'), true);
  });

  it('a commit typed "docs:" that edits a docstring ranks below an older change to the code', async () => {
    repo.write('src/billing/amount.ts', '/** Rounds. */\nexport const round = (x: number) => Math.round(x);\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('src/billing/amount.ts', '/** Rounds. */\nexport const round = (x: number) => Math.floor(x);\n');
    repo.commit('billing: floor amounts', '2025-06-10T12:00:00+02:00');
    repo.write('src/billing/amount.ts', '/** Rounds down to the cent. */\nexport const round = (x: number) => Math.floor(x);\n');
    repo.commit('docs(billing): say how amounts round', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'billing');
    assert.deepEqual(ranked(s), ['billing: floor amounts', 'docs(billing): say how amounts round']);
  });

  it('where docs are the impacted system, a "docs:" commit is not weighed down: the newest change to the guide leads', async () => {
    repo.write('docs/guide.md', '# Guide\n').write('src/index.ts', 'export const x = 1;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('docs/guide.md', '# Guide\n\nInstall it.\n');
    repo.commit('Update the guide wording', '2025-06-10T12:00:00+02:00');
    repo.write('docs/guide.md', '# Guide\n\nInstall it with npm.\n');
    repo.commit('docs: fix the install step', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'docs');
    assert.deepEqual(ranked(s), ['docs: fix the install step', 'Update the guide wording']);
  });

  it('a pull-request merge: the branch commit it brought ranks from the merge time and first; the merge is related to it', async () => {
    repo.write('src/billing/amount.ts', 'export const round = (x: number) => Math.round(x);\n').write('src/search/query.ts', 'export const q = 1;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.git('checkout', '-q', '-b', 'floor');
    repo.write('src/billing/amount.ts', 'export const round = (x: number) => Math.floor(x);\n');
    const branch = repo.commit('billing: floor amounts', '2025-06-10T08:00:00+02:00');
    repo.git('checkout', '-q', 'main');
    repo.write('src/billing/tax.ts', 'export const RATE = 0.2;\n');
    repo.commit('billing: tax constant', '2025-06-10T11:00:00+02:00');
    repo.gitAt('2025-06-10T13:00:00+02:00', 'merge', '--no-ff', '-q', '-m', 'Merge pull request #9 from acme/floor', 'floor');
    const merge = repo.git('rev-parse', 'HEAD');
    const s = await suggest(repo, 'billing');
    assert.deepEqual(ranked(s), ['billing: floor amounts', 'billing: tax constant'], JSON.stringify(s.commits.map((c) => [c.subject, c.role, c.score])));
    assert.match(s.commits[0]!.reasons[0]!, new RegExp(`^landed 6h before start \\(08:00, merged at 13:00 by ${merge.slice(0, 7)}\\), in the impacted system`));
    const m = s.commits.find((c) => c.sha === merge)!;
    assert.equal(m.role, 'related');
    assert.equal(m.reasons[0], `merge at 13:00: it brought ${branch.slice(0, 7)}, ranked on their own: "Merge pull request #9 from acme/floor"`);
  });

  it('a commit typed "feat:" ranks above a fix that landed half an hour after it, and says it is a new feature', async () => {
    repo.write('src/billing/amount.ts', 'export const round = (x: number) => Math.round(x);\n').write('src/billing/tax.ts', 'export const RATE = 0.2;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('src/billing/amount.ts', 'export const round = (x: number, cents = true) => (cents ? Math.round(x * 100) / 100 : Math.round(x));\n');
    repo.commit('feat(billing): round to the cent', '2025-06-10T13:00:00+02:00');
    repo.write('src/billing/tax.ts', 'export const RATE = 0.21;\n');
    repo.commit('fix(billing): tax rate', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'billing');
    assert.deepEqual(ranked(s), ['feat(billing): round to the cent', 'fix(billing): tax rate'], JSON.stringify(s.commits.map((c) => [c.subject, c.score])));
    assert.match(s.commits[0]!.reasons[0]!, /^landed 1h before start \(13:00\), in the impacted system; a new feature: "feat\(billing\): round to the cent"$/);
    assert.doesNotMatch(s.commits[1]!.reasons[0]!, /new feature|a revert/);
  });

  it('a revert in the window (it removed code that was running) ranks above a change that landed half an hour after it', async () => {
    repo.write('src/billing/amount.ts', 'export const round = (x: number) => Math.round(x);\n').write('src/billing/tax.ts', 'export const RATE = 0.2;\n');
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
    repo.write('src/billing/amount.ts', 'export const round = (x: number) => Math.floor(x);\n');
    const floor = repo.commit('billing: floor amounts', '2025-06-03T10:00:00+02:00');
    repo.write('src/billing/amount.ts', 'export const round = (x: number) => Math.round(x);\n');
    repo.commit(`Revert "billing: floor amounts"\n\nThis reverts commit ${floor}.`, '2025-06-10T13:00:00+02:00');
    repo.write('src/billing/tax.ts', 'export const RATE = 0.21;\n');
    repo.commit('billing: tax rate', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'billing');
    assert.deepEqual(ranked(s), ['Revert "billing: floor amounts"', 'billing: tax rate'], JSON.stringify(s.commits.map((c) => [c.subject, c.score])));
    assert.match(s.commits[0]!.reasons[0]!, /in the impacted system; a revert \(it removed code that was running\): "Revert/);
  });
});
