/**
 * How far a change reaches, on real git repositories built here: a window suspect that changes one file
 * weighs 0.85 of the same suspect changing three, two files 0.925 (rank.ts, WINDOW_WEIGHTS.fewFiles,
 * chosen on the round-5 tune set), so a wider change in the impacted system can pass a narrower one that
 * landed a little later.
 */
import { strict as assert } from 'node:assert';
import { productionWeight, windowWeight, WINDOW_WEIGHTS } from '../../../../src/core/git/rank';
import type { Suggestions } from '../../../../src/core/git/suggestCommits';
import { recordWords } from '../../../../src/core/git/words';
import { GitRepo } from '../../../support/gitRepo';
import { lines, openIncident, suggestFor } from '../../../support/windowSuggest';

const suggest = (repo: GitRepo) => suggestFor(repo, 'INC-072', 'Invoices wrong', 'billing');
const open = (repo: GitRepo) => openIncident(repo, 'INC-072', 'Invoices wrong', 'billing');
const START = Date.parse('2025-06-10T14:00:00+02:00');
const WINDOW = 24 * 3_600_000;

const triggers = (s: Suggestions) => s.commits.filter((c) => c.role === 'trigger');

describe('window suspects: a change of one or two files weighs a little less than a wider one (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
    repo.write('src/billing/index.ts', lines(1, 'billing')).write('lib/util.ts', lines(1, 'util'));
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  });
  afterEach(() => repo.dispose());

  it('a change across three files of the system now ranks above a one-file change that landed 20 minutes later', async () => {
    // Wider: three files in src/billing, 30 minutes before start.
    repo.write('src/billing/amount.ts', lines(4, 'amount')).write('src/billing/tax.ts', lines(4, 'tax')).write('src/billing/index.ts', lines(3, 'billing'));
    repo.commit('Amounts in cents', '2025-06-10T13:30:00+02:00');
    // Narrower: one file in src/billing, 10 minutes before start (without the rule it came first: 1.28 against 1.14, in relative units).
    repo.write('src/billing/round.ts', lines(4, 'round'));
    repo.commit('Round totals', '2025-06-10T13:50:00+02:00');
    const s = await suggest(repo);
    assert.deepEqual(
      triggers(s).map((c) => c.subject),
      ['Amounts in cents', 'Round totals'],
      JSON.stringify(triggers(s).map((c) => [c.subject, c.score])),
    );
  });

  it('the same change weighs 0.85 in one file, 0.925 in two, 1 in three or more', async () => {
    repo.write('src/billing/a.ts', lines(6, 'a'));
    repo.commit('One file', '2025-06-10T13:00:00+02:00');
    repo.write('src/billing/b.ts', lines(3, 'b')).write('src/billing/c.ts', lines(3, 'c'));
    repo.commit('Two files', '2025-06-10T13:00:00+02:00');
    repo.write('src/billing/d.ts', lines(2, 'd')).write('src/billing/e.ts', lines(2, 'e')).write('src/billing/f.ts', lines(2, 'f'));
    repo.commit('Three files', '2025-06-10T13:00:00+02:00');
    const { incident, git } = await open(repo);
    const words = recordWords(incident, (p) => productionWeight(p) < 1);
    const commits = await git.commitsInWindow(START - WINDOW, START);
    // The same distance from start for all three: only the number of files differs.
    const weight = (subject: string) =>
      windowWeight(
        commits.find((c) => c.subject === subject)!,
        3_600_000,
        WINDOW,
        words,
      ).weight;
    const three = weight('Three files');
    assert.ok(three > 0 && three < 0.85, String(three));
    assert.ok(Math.abs(weight('One file') - WINDOW_WEIGHTS.fewFiles[0]! * three) < 1e-9, `${weight('One file')} vs ${three}`);
    assert.ok(Math.abs(weight('Two files') - WINDOW_WEIGHTS.fewFiles[1]! * three) < 1e-9, `${weight('Two files')} vs ${three}`);
    assert.deepEqual(WINDOW_WEIGHTS.fewFiles, [0.85, 0.925]);
  });
});
