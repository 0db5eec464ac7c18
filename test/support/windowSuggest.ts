/**
 * The suggestion window's rule tests on real git repositories (test/unit/core/git/suggest*.test.ts): an
 * incident recorded in the repository and committed as a team would (start 2025-06-10 14:00 +02:00, the
 * record committed ten minutes later), read back through the index, and the suggestions for it.
 */
import { suggestFromHistory, type Suggestions } from '../../src/core/git/suggestCommits';
import { IncidentIndex } from '../../src/core/index/incidentIndex';
import type { Incident } from '../../src/core/records/model';
import { ProcessGitHistory } from '../../src/node/git/gitHistory';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { GitRepo } from './gitRepo';

/** The tests' clock: two days after the incident. */
export const SUGGEST_NOW = Date.parse('2025-06-12T10:00:00Z');

export async function openIncident(repo: GitRepo, id: string, title: string, system: string): Promise<{ incident: Incident; git: ProcessGitHistory }> {
  repo.write(
    `.incidents/${id}.yaml`,
    `id: ${id}\ntitle: ${title}\nstatus: active\npriority: P2\nstart: 2025-06-10T14:00:00+02:00\nimpact:\n  system: ${system}\n`,
  );
  repo.commit(`Open ${id}`, '2025-06-10T14:10:00+02:00');
  const index = new IncidentIndex(new NodeFileAccess(repo.root), { now: () => SUGGEST_NOW });
  await index.load();
  return { incident: index.byId(id) as Incident, git: (await ProcessGitHistory.open(repo.root))! };
}

/** The suggestions from git history alone (no code links), at the tests' clock. */
export async function suggestFor(repo: GitRepo, id: string, title: string, system: string): Promise<Suggestions> {
  const { incident, git } = await openIncident(repo, id, title, system);
  return suggestFromHistory(incident, [], git, { now: SUGGEST_NOW, recordsFolder: '.incidents', links: false });
}

/** n lines of TypeScript naming `word` (word0, word1, …): a file's body for the rule tests' commits. */
export const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `export const ${word}${i} = ${i};\n`).join('');

/** A repository holding the billing system's first file, committed before the rule tests' history. */
export function billingRepo(): GitRepo {
  const repo = new GitRepo();
  repo.write('src/billing/index.ts', lines(1, 'billing'));
  repo.commit('Initial import', '2025-05-01T09:00:00+02:00');
  return repo;
}
