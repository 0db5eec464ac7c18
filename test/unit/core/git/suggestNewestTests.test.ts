/**
 * A tests-only commit among the three newest suspects in the impacted system is not halved (rank.ts,
 * WINDOW_WEIGHTS.newestTestsFull, round 15): a deflake or a suppressed test in the system's folder just before start
 * weighs like production code there. Older tests-only commits are still halved. On real git repositories built here
 * (no revert history: the team's habit of reverting tests is not what un-halves them).
 */
import { strict as assert } from 'node:assert';
import { WINDOW_WEIGHTS } from '../../../../src/core/git/rank';
import { type GitRepo } from '../../../support/gitRepo';
import { lines, suggestFor, billingRepo } from '../../../support/windowSuggest';

describe('window suspects: a tests-only commit among the newest in the system weighs like production code (real repository)', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => (repo = billingRepo()));
  afterEach(() => {
    repo.dispose();
    WINDOW_WEIGHTS.newestTestsFull = true;
  });

  const suspects = async (id: string) => {
    const s = await suggestFor(repo, id, 'Invoices wrong', 'billing');
    return s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);
  };

  /** A production change in billing at 11:00, then a tests-only change in billing at 12:30 (start 14:00). */
  const window = () => {
    repo.write('src/billing/amount.ts', lines(4, 'amount')).commit('Amounts in cents', '2025-06-10T11:00:00+02:00');
    repo.write('src/billing/amount.test.ts', lines(4, 'amountTest')).commit('Deflake the amounts test', '2025-06-10T12:30:00+02:00');
  };

  it('ranks the newest tests-only change first, ahead of an older production change', async () => {
    window();
    assert.deepEqual(await suspects('INC-151'), ['Deflake the amounts test', 'Amounts in cents']);
  });

  it('halves it as before with the rule switched off (newestTestsFull false)', async () => {
    window();
    WINDOW_WEIGHTS.newestTestsFull = false;
    assert.deepEqual(await suspects('INC-152'), ['Amounts in cents', 'Deflake the amounts test']);
  });

  it('keeps halving a tests-only change older than the three newest in the system', async () => {
    repo.write('src/billing/amount.test.ts', lines(4, 'amountTest')).commit('Deflake the amounts test', '2025-06-10T11:00:00+02:00');
    repo.write('src/billing/a.ts', lines(4, 'a')).commit('Change a', '2025-06-10T11:10:00+02:00');
    repo.write('src/billing/b.ts', lines(4, 'b')).commit('Change b', '2025-06-10T11:20:00+02:00');
    repo.write('src/billing/c.ts', lines(4, 'c')).commit('Change c', '2025-06-10T11:30:00+02:00');
    const s = await suspects('INC-153');
    assert.equal(s[s.length - 1], 'Deflake the amounts test');
  });
});
