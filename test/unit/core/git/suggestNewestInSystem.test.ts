/**
 * Recency within the impacted system (the naive baseline's own signal) blended into the window
 * ranking, on real git repositories built here: the newest suspects that change the system weigh
 * more and the reason says so; a commit outside the system takes no newest place; when no
 * candidate is clearly ahead the tool still abstains.
 */
import { strict as assert } from 'node:assert';
import { selectSuggestions, suggestFromHistory, type Suggestions } from '../../../../src/core/git/suggestCommits';
import { IncidentIndex } from '../../../../src/core/index/incidentIndex';
import type { Incident } from '../../../../src/core/records/model';
import { ProcessGitHistory } from '../../../../src/node/git/gitHistory';
import { NodeFileAccess } from '../../../../src/node/nodeFileAccess';
import { GitRepo } from '../../../support/gitRepo';

const NOW = Date.parse('2025-06-12T10:00:00Z');
const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `export const ${word}${i} = ${i};\n`).join('');

async function suggest(repo: GitRepo): Promise<Suggestions> {
  repo.write(
    '.incidents/INC-071.yaml',
    'id: INC-071\ntitle: Invoices wrong\nstatus: active\npriority: P2\nstart: 2025-06-10T14:00:00+02:00\nimpact:\n  system: billing\n',
  );
  repo.commit('Open INC-071', '2025-06-10T14:10:00+02:00');
  const index = new IncidentIndex(new NodeFileAccess(repo.root), { now: () => NOW });
  await index.load();
  const git = (await ProcessGitHistory.open(repo.root))!;
  return suggestFromHistory(index.byId('INC-071') as Incident, [], git, { now: NOW, recordsFolder: '.incidents', links: false });
}

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
    assert.match(first!.reasons[0]!, /the newest change in the impacted system/);
    assert.match(second!.reasons[0]!, /the second newest change in the impacted system/);
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
    repo.write('lib/util.ts', lines(3, 'util'));
    repo.commit('Util helpers', '2025-06-10T13:55:00+02:00');
    const s = await suggest(repo);
    const amounts = triggers(s).find((c) => c.subject === 'Amounts in cents');
    const util = triggers(s).find((c) => c.subject === 'Util helpers');
    assert.match(amounts!.reasons[0]!, /the newest change in the impacted system/);
    assert.ok(!/newest/.test(util?.reasons[0] ?? ''), util?.reasons[0]);
    assert.equal(triggers(s)[0]?.subject, 'Amounts in cents');
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
