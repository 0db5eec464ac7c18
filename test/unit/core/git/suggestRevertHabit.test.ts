/**
 * The team's revert habit (revertHabit.ts, round 11): where the reverts of the 90 days before start undid whole pull
 * requests (GitHub's Revert button, `git revert -m 1` of a merge), a pull request's merge is a suspect too, just below
 * its strongest commit, the commits it brought named in its reason; where the team reverts single commits, the merge is
 * listed as related and the commits rank on their own, as before. On real git repositories built here, and on messages.
 */
import { strict as assert } from 'node:assert';
import { readHabit, revertsAMerge } from '../../../../src/core/git/revertHabit';
import { selectSuggestions } from '../../../../src/core/git/select';
import { type GitRepo } from '../../../support/gitRepo';
import { lines, suggestFor, billingRepo } from '../../../support/windowSuggest';

/** A pull request: a branch with its commits, merged into main with GitHub's message; returns the merge's SHA. */
function pullRequest(repo: GitRepo, n: number, commits: ReadonlyArray<readonly [string, string, string]>, mergedAt: string): string {
  repo.git('checkout', '-q', '-b', `pr-${n}`);
  for (const [path, subject, at] of commits) repo.write(path, lines(3, `v${n}${subject.length}`)).commit(subject, at);
  repo.git('checkout', '-q', 'main');
  repo.gitAt(mergedAt, 'merge', '-q', '--no-ff', '-m', `Merge pull request #${n} from dev/pr-${n}`, `pr-${n}`);
  return repo.git('rev-parse', 'HEAD');
}

/**
 * Earlier pull requests within the 90 days (five, or `total`), each reverted whole (all with mergeReverts true, the
 * first `mergeReverts` of them with a number) or by its commit.
 */
function history(repo: GitRepo, mergeReverts: boolean | number, total = 5): void {
  for (let i = 1; i <= total; i++) {
    const day = `2025-05-${String(10 + i * 2).padStart(2, '0')}`;
    const merge = pullRequest(repo, i, [[`src/old/f${i}.ts`, `Old change ${i}`, `${day}T09:00:00+02:00`]], `${day}T10:00:00+02:00`);
    const commit = repo.git('rev-parse', `${merge}^2`);
    const whole = mergeReverts === true || (typeof mergeReverts === 'number' && i <= mergeReverts);
    if (whole) repo.gitAt(`${day}T12:00:00+02:00`, 'revert', '--no-edit', '-m', '1', merge);
    else repo.gitAt(`${day}T12:00:00+02:00`, 'revert', '--no-edit', commit);
  }
}

describe('window suspects: a team that reverts whole pull requests gets the merge as the suspect (real repository)', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  beforeEach(() => (repo = billingRepo()));
  afterEach(() => repo.dispose());

  function window(): void {
    pullRequest(
      repo,
      40,
      [
        ['src/billing/amount.ts', 'Amounts in cents', '2025-06-10T09:00:00+02:00'],
        ['src/billing/tax.ts', 'Round tax per line', '2025-06-10T09:30:00+02:00'],
      ],
      '2025-06-10T11:00:00+02:00',
    );
  }

  it('ranks the pull request merge as a suspect just below its strongest commit, naming the commits it brought', async () => {
    history(repo, true);
    window();
    const s = await suggestFor(repo, 'INC-090', 'Invoices wrong', 'billing');
    const triggers = s.commits.filter((c) => c.role === 'trigger');
    const dump = JSON.stringify(s.commits.map((c) => [c.subject, c.role, c.score]));
    // Before the rule the merge was related ("ranked on their own") and only the two commits were suspects.
    assert.deepEqual(
      triggers.map((c) => c.subject),
      ['Round tax per line', 'Merge pull request #40 from dev/pr-40', 'Amounts in cents'],
      dump,
    );
    assert.ok(triggers[1]!.score < triggers[0]!.score && triggers[1]!.score > triggers[2]!.score, dump);
    const reason = triggers[1]!.reasons[0] ?? '';
    assert.match(reason, /the whole pull request is a suspect: this team reverts whole pull requests \(5 of its 5 reverts of the last 90 days undid a merge\)/);
    assert.match(reason, /it brought 2 commits: [0-9a-f]{7} "Round tax per line", [0-9a-f]{7} "Amounts in cents": "Merge pull request #40/);
  });

  it('a commit clearly ahead of every other change is still preselected: its own pull request is the same change', async () => {
    history(repo, true);
    repo.write('docs/guide.md', lines(2, 'guide')).commit('Guide wording', '2025-06-10T08:00:00+02:00');
    const merge = pullRequest(repo, 41, [['src/billing/amount.ts', 'Amounts in cents', '2025-06-10T12:00:00+02:00']], '2025-06-10T12:30:00+02:00');
    const s = await suggestFor(repo, 'INC-091', 'Invoices wrong', 'billing');
    const dump = JSON.stringify(s.commits.map((c) => [c.subject, c.role, c.score]));
    const unit = s.commits.find((c) => c.sha === merge);
    assert.equal(unit?.role, 'trigger', dump);
    assert.deepEqual(unit!.brought, [repo.git('rev-parse', `${merge}^2`)]);
    // Before, the merge just below its commit made the two look level: "no strong candidate", nothing preselected.
    assert.deepEqual(
      selectSuggestions(s).commits.map((c) => c.subject),
      ['Amounts in cents'],
      `${dump} ${JSON.stringify(s.notes)}`,
    );
    assert.ok(!s.notes.some((n) => n.startsWith('no strong candidate')), JSON.stringify(s.notes));
  });

  it('counts a team as reverting whole pull requests when one in six of its reverts undid a merge (round 12)', async () => {
    // Rails-like: most reverts undo single commits pushed directly, yet pull requests are reverted whole too.
    history(repo, 1, 6);
    window();
    const s = await suggestFor(repo, 'INC-092', 'Invoices wrong', 'billing');
    const dump = JSON.stringify(s.commits.map((c) => [c.subject, c.role, c.score]));
    // Before round 12 (three in ten needed) the merge was related and only its two commits were suspects.
    const unit = s.commits.find((c) => c.subject.startsWith('Merge pull request #40'));
    assert.equal(unit?.role, 'trigger', dump);
    assert.match(unit!.reasons[0] ?? '', /\(1 of its 6 reverts of the last 90 days undid a merge\)/);
  });

  it('counts a team as reverting whole pull requests when one in ten of its reverts undid a merge (round 14)', async () => {
    // Most reverts undo single commits; one of ten undid a pull request whole (rails, kubernetes/test-infra).
    history(repo, 1, 10);
    window();
    const s = await suggestFor(repo, 'INC-095', 'Invoices wrong', 'billing');
    const dump = JSON.stringify(s.commits.map((c) => [c.subject, c.role, c.score]));
    // Before round 14 (three in twenty needed) the merge was related and only its two commits were suspects.
    const unit = s.commits.find((c) => c.subject.startsWith('Merge pull request #40'));
    assert.equal(unit?.role, 'trigger', dump);
    assert.match(unit!.reasons[0] ?? '', /\(1 of its 10 reverts of the last 90 days undid a merge\)/);
  });

  it('keeps ranking the commits on their own where the team reverts single commits', async () => {
    history(repo, false);
    window();
    const s = await suggestFor(repo, 'INC-090', 'Invoices wrong', 'billing');
    const triggers = s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);
    assert.deepEqual([...triggers].sort(), ['Amounts in cents', 'Round tax per line']);
    assert.equal(s.commits.find((c) => c.subject.startsWith('Merge pull request #40'))?.role, 'related');
  });
});

describe('revertsAMerge and readHabit', () => {
  it("reads git's words for a merge's revert and GitHub's Revert button subject", () => {
    assert.ok(
      revertsAMerge({ subject: 'Revert "x"', body: 'This reverts commit 0123456789abcdef0123456789abcdef01234567, reversing\nchanges made to 89abcdef.' }),
    );
    assert.ok(revertsAMerge({ subject: 'Revert "Merge pull request #28587 from k8s-infra-ci-robot/prowjobs-autobump"', body: '' }));
    assert.ok(!revertsAMerge({ subject: 'Revert "Fix the merge of configs"', body: 'This reverts commit 0123456789abcdef0123456789abcdef01234567.' }));
  });
  it('needs five reverts, one in ten of them of merges (round 14; three twentieths in round 12, three tenths before)', () => {
    const merge = { subject: 'Revert "Merge pull request #1 from a/b"', body: '', files: [] };
    const commit = { subject: 'Revert "Fix"', body: 'This reverts commit 0123456.', files: [] };
    const commits = (n: number) => Array.from({ length: n }, () => commit);
    assert.ok(!readHabit([merge, merge, merge, merge]).revertsMerges);
    assert.ok(readHabit([merge, merge, commit, commit, commit]).revertsMerges);
    assert.ok(readHabit([merge, ...commits(4)]).revertsMerges);
    assert.ok(readHabit([merge, ...commits(5)]).revertsMerges);
    assert.ok(readHabit([merge, ...commits(6)]).revertsMerges);
    assert.ok(readHabit([merge, ...commits(9)]).revertsMerges);
    assert.ok(!readHabit([merge, ...commits(10)]).revertsMerges);
    assert.ok(!readHabit(commits(8)).revertsMerges);
  });
});
