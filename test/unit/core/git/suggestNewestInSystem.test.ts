/**
 * Recency within the impacted system (the naive baseline's own signal) blended into the window
 * ranking, on real git repositories built here: the newest suspects that change the system weigh
 * more; a commit outside the system takes no newest place; when no candidate is clearly ahead the
 * tool still abstains.
 */
import { strict as assert } from 'node:assert';
import { favourNewestInSystem, productionWeight, windowWeight, type WindowScore } from '../../../../src/core/git/rank';
import type { GitCommit } from '../../../../src/core/git/gitHistoryPort';
import { selectSuggestions, type Suggestions } from '../../../../src/core/git/suggestCommits';
import { recordWords } from '../../../../src/core/git/words';
import { GitRepo } from '../../../support/gitRepo';
import { lines, openIncident, suggestFor } from '../../../support/windowSuggest';

const suggest = (repo: GitRepo) => suggestFor(repo, 'INC-071', 'Invoices wrong', 'billing');
const open = (repo: GitRepo) => openIncident(repo, 'INC-071', 'Invoices wrong', 'billing');

const START = Date.parse('2025-06-10T14:00:00+02:00');

const triggers = (s: Suggestions) => s.commits.filter((c) => c.role === 'trigger');

describe('window suspects: the newest changes to the impacted system weigh more (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
    repo.write('src/billing/index.ts', lines(1, 'billing')).write('lib/util.ts', lines(1, 'util'));
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  });
  afterEach(() => repo.dispose());

  it('a newer change with a quarter of it outside the system now ranks above an older one wholly inside it', async () => {
    // Older: 4 lines, all in src/billing, 60 minutes before start.
    repo.write('src/billing/amount.ts', lines(4, 'amount'));
    repo.commit('Amounts in cents', '2025-06-10T13:00:00+02:00');
    // Newer: 3 lines in src/billing and 1 outside, 10 minutes before start (without the blend it came second: 0.52 against 0.54).
    repo.write('src/billing/round.ts', lines(3, 'round')).write('lib/util.ts', lines(2, 'util'));
    repo.commit('Round totals', '2025-06-10T13:50:00+02:00');
    const s = await suggest(repo);
    const [first, second] = triggers(s);
    assert.equal(first?.subject, 'Round totals', JSON.stringify(triggers(s).map((c) => [c.subject, c.score])));
    assert.equal(second?.subject, 'Amounts in cents');
    // Close together: no strong candidate, nothing preselected.
    assert.ok(
      s.notes.some((n) => n.startsWith('no strong candidate')),
      JSON.stringify(s.notes),
    );
    assert.deepEqual(selectSuggestions(s).commits, []);
  });

  it('a newer commit outside the impacted system takes no newest place: the system commits keep theirs', async () => {
    repo.write('src/billing/amount.ts', lines(4, 'amount'));
    repo.commit('Amounts in cents', '2025-06-10T12:00:00+02:00');
    repo.write('src/billing/round.ts', lines(3, 'round'));
    repo.commit('Round totals', '2025-06-10T13:00:00+02:00');
    repo.write('lib/util.ts', lines(3, 'util'));
    repo.commit('Util helpers', '2025-06-10T13:55:00+02:00');
    const { incident, git } = await open(repo);
    const words = recordWords(incident, (p) => productionWeight(p) < 1);
    const window = 24 * 3_600_000;
    const commits = await git.commitsInWindow(START - window, START);
    const scored: Array<{ commit: GitCommit; score: WindowScore }> = commits.map((commit) => ({
      commit,
      score: windowWeight(commit, START - commit.committedMs, window, words),
    }));
    const before = new Map(scored.map((s) => [s.commit.subject, s.score.weight]));
    favourNewestInSystem(scored, (c) => START - c.committedMs);
    const by = (subject: string) => scored.find((s) => s.commit.subject === subject)!.score;
    assert.equal(by('Round totals').newest, 1);
    assert.equal(by('Amounts in cents').newest, 2);
    assert.equal(by('Util helpers').newest, undefined);
    assert.equal(by('Util helpers').weight, before.get('Util helpers'));
    assert.ok(Math.abs(by('Round totals').weight - 1.3 * before.get('Round totals')!) < 1e-9);
    assert.ok(Math.abs(by('Amounts in cents').weight - 1.2 * before.get('Amounts in cents')!) < 1e-9);
  });

  it('a lone change in the system, far ahead of the rest, is still preselected', async () => {
    repo.write('src/billing/amount.ts', lines(4, 'amount'));
    repo.commit('Amounts in cents', '2025-06-10T13:40:00+02:00');
    repo.write('README.md', '# Readme\n');
    repo.commit('Readme', '2025-06-10T13:50:00+02:00');
    const s = await suggest(repo);
    assert.deepEqual(
      selectSuggestions(s).commits.map((c) => c.subject),
      ['Amounts in cents'],
    );
  });
});
