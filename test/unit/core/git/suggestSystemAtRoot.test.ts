/**
 * The impacted system named like a folder at the repository's root, on real git repositories built here
 * (words.ts, anchorAtRoot; rank.ts, systemMatch; chosen on the round-6 tune set): when the window's commits
 * change a root folder of that name ("src" in a Rust workspace with src/main.rs and crates/*\/src), the system
 * is that folder, and a folder of the same name deeper only shares its name (half). With no root folder of
 * that name, a folder of it at any depth is the system, as before (src/billing for "billing").
 */
import { strict as assert } from 'node:assert';
import type { Suggestions } from '../../../../src/core/git/suggestCommits';
import { anchorAtRoot, isAtRoot, recordWords, wordsOf } from '../../../../src/core/git/words';
import { productionWeight } from '../../../../src/core/git/rank';
import { GitRepo } from '../../../support/gitRepo';
import { openIncident, suggestFor } from '../../../support/windowSuggest';

const suggest = (repo: GitRepo, system: string) => suggestFor(repo, 'INC-081', 'Shell crashes', system);
const open = async (repo: GitRepo, system: string) => (await openIncident(repo, 'INC-081', 'Shell crashes', system)).incident;
const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `pub const ${word.toUpperCase()}${i}: u32 = ${i};\n`).join('');

const triggers = (s: Suggestions) => s.commits.filter((c) => c.role === 'trigger').map((c) => c.subject);

describe('window suspects: a system named like a root folder is that folder (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
    repo.write('src/main.rs', lines(2, 'main')).write('crates/nu-cli/src/print.rs', lines(2, 'print')).write('crates/nu-parser/src/errors.rs', lines(2, 'err'));
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  });
  afterEach(() => repo.dispose());

  it('"src": the root src/ change ranks above later changes in crates/*/src', async () => {
    repo.write('src/main.rs', lines(5, 'main'));
    repo.commit('Enable backtraces by default', '2025-06-10T10:00:00+02:00');
    repo.write('crates/nu-cli/src/print.rs', lines(5, 'print'));
    repo.commit('Make print flush', '2025-06-10T12:30:00+02:00');
    repo.write('crates/nu-parser/src/errors.rs', lines(5, 'err'));
    repo.commit('More explicit module error help', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'src');
    // Without the rule, the crates' src/ folders were the system too and the two later changes came first.
    assert.equal(triggers(s)[0], 'Enable backtraces by default', JSON.stringify(s.commits.map((c) => [c.subject, c.score])));
  });

  it('no root folder named like the system: a folder of that name at any depth is the system, as before', async () => {
    repo.write('app/src/billing/amount.ts', 'export const a = 1;\n');
    repo.commit('Amounts in cents', '2025-06-10T10:00:00+02:00');
    repo.write('crates/nu-cli/src/print.rs', lines(5, 'print'));
    repo.commit('Make print flush', '2025-06-10T13:30:00+02:00');
    const s = await suggest(repo, 'billing');
    assert.equal(triggers(s)[0], 'Amounts in cents', JSON.stringify(s.commits.map((c) => [c.subject, c.score])));
  });

  it('anchorAtRoot: only when a changed path lies under the root folder (or is the root file); a path prefix system is left as written', async () => {
    const incident = await open(repo, 'src');
    const words = recordWords(incident, (p) => productionWeight(p) < 1);
    assert.equal(anchorAtRoot(words, [{ files: [{ path: 'crates/nu-cli/src/print.rs' }] }]).systemAtRoot, undefined);
    assert.equal(anchorAtRoot(words, [{ files: [{ path: 'crates/nu-cli/src/print.rs' }, { path: 'SRC/main.rs' }] }]).systemAtRoot, true);
    assert.ok(isAtRoot('src', 'src') && isAtRoot('src/main.rs', 'src') && !isAtRoot('srcx/main.rs', 'src') && !isAtRoot('a/src/x', 'src'));
    const prefixed = { ...words, systemPath: 'packages/vite/', systemSegments: ['packages', 'vite'] };
    assert.equal(anchorAtRoot(prefixed, [{ files: [{ path: 'packages/vite/index.ts' }] }]).systemAtRoot, undefined);
  });
});

describe('window suspects: a workspace folder (crates/, ext/) is no word of the system (real repositories)', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(() => {
    repo = new GitRepo();
    repo.write('crates/nu-cli/src/completer.rs', lines(2, 'comp')).write('crates/nu-command/src/fmt.rs', lines(2, 'fmt'));
    repo.commit('Initial import', '2025-06-01T09:00:00+02:00');
  });
  afterEach(() => repo.dispose());

  it('"crates/nu-cli": a change in the system 10 hours before start ranks above one in a sibling crate 10 minutes before', async () => {
    repo.write('crates/nu-cli/src/completer.rs', lines(6, 'comp'));
    repo.commit('Cache layer for completions', '2025-06-10T04:00:00+02:00');
    repo.write('crates/nu-command/src/fmt.rs', lines(6, 'fmt'));
    repo.commit('Fix command descriptions', '2025-06-10T13:50:00+02:00');
    const s = await suggest(repo, 'crates/nu-cli');
    // Before, "crates" was a word the sibling shared with the system (half its relevance) and it came first.
    assert.equal(triggers(s)[0], 'Cache layer for completions', JSON.stringify(s.commits.map((c) => [c.subject, c.score])));
    assert.deepEqual([...wordsOf('crates/nu-cli ext/node')], ['cli', 'node']);
  });
});
