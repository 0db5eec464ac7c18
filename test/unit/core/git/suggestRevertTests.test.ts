/**
 * The team's habit of reverting tests-only changes (revertHabit.ts, round 13): a tests-only commit in the window weighs
 * half (rank.ts, WINDOW_WEIGHTS.testsOnly), unless one in ten or more of the team's reverts of the 90 days before start
 * (five or more) undid a tests-only change (a test that broke its CI): there it weighs like production code. On real git
 * repositories built here.
 */
import { strict as assert } from 'node:assert';
import { WINDOW_WEIGHTS } from '../../../../src/core/git/rank';
import { HABIT, readHabit, revertsTestsOnly } from '../../../../src/core/git/revertHabit';
import { type GitRepo } from '../../../support/gitRepo';
import { lines, suggestFor, billingRepo } from '../../../support/windowSuggest';

/** Five earlier changes within the 90 days, each reverted by its commit; the first `testsOnly` of them changed tests only. */
function history(repo: GitRepo, testsOnly: number): void {
  for (let i = 1; i <= 5; i++) {
    const day = `2025-05-${String(10 + i * 2).padStart(2, '0')}`;
    const path = i <= testsOnly ? `src/old/f${i}.test.ts` : `src/old/f${i}.ts`;
    const sha = repo.write(path, lines(3, `old${i}`)).commit(`Old change ${i}`, `${day}T09:00:00+02:00`);
    repo.gitAt(`${day}T12:00:00+02:00`, 'revert', '--no-edit', sha);
  }
}

/** The window: a production change in billing at 11:00, then a tests-only change in billing at 12:30 (start 14:00). */
function window(repo: GitRepo): void {
  repo.write('src/billing/amount.ts', lines(4, 'amount')).commit('Amounts in cents', '2025-06-10T11:00:00+02:00');
  repo.write('src/billing/amount.test.ts', lines(4, 'amountTest')).commit('Cover amounts in cents', '2025-06-10T12:30:00+02:00');
}

describe('window suspects: a team that reverts tests-only changes gets tests-only commits weighed fully (real repository)', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => (repo = billingRepo()));
  afterEach(() => repo.dispose());

  const suspects = async (id: string) => {
    const s = await suggestFor(repo, id, 'Invoices wrong', 'billing');
    return s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);
  };

  it('ranks the newer tests-only commit first where one of the five reverts undid a tests-only change', async () => {
    history(repo, 1);
    window(repo);
    // Without the habit (as before round 13) the tests-only commit is halved and comes second.
    assert.deepEqual(await suspects('INC-093'), ['Cover amounts in cents', 'Amounts in cents']);
  });

  it('keeps halving tests-only commits where the team reverts production changes only', async () => {
    history(repo, 0);
    window(repo);
    // Round 15 un-halves a tests-only commit among the three newest in the system (suggestNewestTests.test.ts): off here.
    WINDOW_WEIGHTS.newestTestsFull = false;
    try {
      assert.deepEqual(await suspects('INC-094'), ['Amounts in cents', 'Cover amounts in cents']);
    } finally {
      WINDOW_WEIGHTS.newestTestsFull = true;
    }
  });
});

describe('revertsTestsOnly and readHabit (tests)', () => {
  const file = (path: string) => ({ path, added: 1, deleted: 1, status: 'modified' as const });
  const revert = (...paths: string[]) => ({ subject: 'Revert "x"', body: 'This reverts commit 0123456.', files: paths.map(file) });

  it('reads a revert of test files only, docs beside them allowed; any production file makes it a production revert', () => {
    assert.ok(revertsTestsOnly(revert('src/a.test.ts', 'README.md')));
    assert.ok(revertsTestsOnly(revert('pkg/server/handler_test.go')));
    assert.ok(!revertsTestsOnly(revert('src/a.test.ts', 'src/a.ts')));
    assert.ok(!revertsTestsOnly(revert('docs/guide.md')));
  });

  it('needs five reverts, one in ten of them of tests only', () => {
    const prod = (n: number) => Array.from({ length: n }, () => revert('src/a.ts'));
    assert.equal(HABIT.testsShare, 0.1);
    assert.ok(!readHabit([revert('a_test.go'), ...prod(3)]).revertsTests);
    assert.ok(readHabit([revert('a_test.go'), ...prod(4)]).revertsTests);
    assert.ok(readHabit([revert('a_test.go'), ...prod(9)]).revertsTests);
    assert.ok(!readHabit([revert('a_test.go'), ...prod(10)]).revertsTests);
    assert.equal(readHabit([revert('a_test.go'), ...prod(10)]).tests, 1);
  });
});
