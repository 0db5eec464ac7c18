/**
 * A back-merge (the mainline merged into a topic branch, "Merge branch 'main' into feature") is no suspect: what it
 * brought was already running on the mainline, and its diff against the branch is the mainline's changes. On a real
 * git repository built here, with the branch fast-forwarded into main after the back-merge and the mainline change older
 * than the window (as in synapse's history, the eighth round's tune case), and on subjects.
 */
import { strict as assert } from 'node:assert';
import { isBackMerge } from '../../../../src/core/git/merges';
import { GitRepo } from '../../../support/gitRepo';
import { lines, suggestFor } from '../../../support/windowSuggest';

describe('window suspects: a back-merge of the mainline into a branch is not a suspect (real repository)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
    repo.write('src/billing/index.ts', lines(1, 'billing'));
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  });
  afterEach(() => repo.dispose());

  it('ranks the branch commit, and lists the back-merge (whose diff is the older mainline change) as related', async () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/billing/tweak.ts', lines(2, 'tweak'));
    repo.commit('Tweak invoice rounding', '2025-06-10T10:00:00+02:00');
    repo.git('checkout', '-q', 'main');
    repo.write('src/billing/amount.ts', lines(20, 'amount')).write('src/billing/tax.ts', lines(20, 'tax'));
    // Landed on main before the window (28 h before start): running long since, not a suspect.
    repo.commit('Amounts in cents', '2025-06-09T10:00:00+02:00');
    repo.git('checkout', '-q', 'feature');
    repo.gitAt('2025-06-10T13:30:00+02:00', 'merge', '-q', '--no-ff', '-m', "Merge branch 'main' into feature", 'main');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'feature');

    const s = await suggestFor(repo, 'INC-081', 'Invoices wrong', 'billing');
    const merge = s.commits.find((c) => c.subject === "Merge branch 'main' into feature");
    assert.equal(merge?.role, 'related', JSON.stringify(s.commits.map((c) => [c.subject, c.role, c.score])));
    assert.match(merge!.reasons[0] ?? '', /the mainline merged into a branch at 13:30: what it brought was already running/);
    const triggers = s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);
    assert.deepEqual(triggers, ['Tweak invoice rounding']);
  });
});

describe('isBackMerge', () => {
  const merge = (subject: string) => isBackMerge({ subject, parents: ['a', 'b'] });
  it("reads git's own message for the mainline merged into a branch", () => {
    assert.ok(merge("Merge branch 'develop' into daniel/useragent"));
    assert.ok(merge("Merge branch 'main' into b/fix-retry-messages"));
    assert.ok(merge("Merge remote-tracking branch 'origin/master' into feature-x"));
  });
  it('leaves pull-request merges, pulls and merges between mainlines or release branches alone', () => {
    assert.ok(!merge('Merge pull request #35929 from someone/main'));
    assert.ok(!merge("Merge branch 'master' of github.com:org/repo"));
    assert.ok(!merge("Merge branch 'master' into develop"));
    assert.ok(!merge("Merge branch '6.x' into 7.x"));
    assert.ok(!merge("Merge branch 'feature' into main"));
    assert.ok(!isBackMerge({ subject: "Merge branch 'main' into feature", parents: ['a'] }));
  });
});
