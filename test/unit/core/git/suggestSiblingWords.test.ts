/**
 * The words of the system's name that its sibling folders share name the project, not the system (words.ts,
 * withoutSiblingWords; chosen on the round-9 tune set, read on spring-boot): for "spring-boot-samples" beside
 * spring-boot-project and spring-boot-tools, a path sharing only "spring" and "boot" with it is no nearer to it. On a
 * real git repository built here, and on word sets.
 */
import { strict as assert } from 'node:assert';
import { productionWeight } from '../../../../src/core/git/rank';
import { anchorAtRoot, recordWords, withoutSiblingWords } from '../../../../src/core/git/words';
import { GitRepo } from '../../../support/gitRepo';
import { openIncident, suggestFor } from '../../../support/windowSuggest';

const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `class ${word}${i} {}\n`).join('');
const files = (...paths: string[]) => [{ files: paths.map((path) => ({ path })) }];

describe('window suspects: words the sibling folders share are not the system (real repository)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
    repo
      .write('spring-boot-samples/session/src/test/java/SessionTests.java', lines(2, 'SessionTests'))
      .write('spring-boot-project/autoconfigure/src/main/java/Flyway.java', lines(2, 'Flyway'))
      .write('spring-boot-tools/loader/src/main/java/Loader.java', lines(2, 'Loader'));
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  });
  afterEach(() => repo.dispose());

  it('the older change in spring-boot-samples ranks above newer changes that only share "spring" and "boot" with it', async () => {
    repo.write('spring-boot-samples/session/src/test/java/SessionTests.java', lines(3, 'SessionTests'));
    repo.commit('Ignore test affected by a regression', '2025-06-09T19:00:00+02:00');
    repo.write('spring-boot-project/autoconfigure/src/main/java/Flyway.java', lines(4, 'Flyway'));
    repo.commit('Polish contribution', '2025-06-10T12:30:00+02:00');
    repo.write('spring-boot-tools/loader/src/main/java/Loader.java', lines(4, 'Loader'));
    repo.commit('Polish', '2025-06-10T13:00:00+02:00');
    const s = await suggestFor(repo, 'INC-083', 'Sessions lost', 'spring-boot-samples');
    const triggers = s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);
    // Without the rule the two newer commits came first: their paths shared "spring" and "boot" with the system.
    assert.equal(triggers[0], 'Ignore test affected by a regression', JSON.stringify(s.commits.map((c) => [c.subject, c.score])));
  });

  it('drops a word only when two siblings share it, and only where the system is at the root or written as a path', async () => {
    const incident = (await openIncident(repo, 'INC-083', 'Sessions lost', 'spring-boot-samples')).incident;
    const words = recordWords(incident, (p) => productionWeight(p) < 1);
    const rooted = anchorAtRoot(words, files('spring-boot-samples/a.java'));
    const two = withoutSiblingWords(rooted, files('spring-boot-samples/a.java', 'spring-boot-project/b.java', 'spring-boot-tools/c.java'));
    assert.deepEqual([...two.system].sort(), ['sampl']);
    const one = withoutSiblingWords(rooted, files('spring-boot-samples/a.java', 'spring-boot-project/b.java'));
    assert.deepEqual([...one.system].sort(), [...words.system].sort());
    assert.equal(withoutSiblingWords(words, files('spring-boot-project/b.java', 'spring-boot-tools/c.java')), words);
  });
});
