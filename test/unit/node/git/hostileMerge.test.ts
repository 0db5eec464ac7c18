import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { attributeLines, driverCommand, replaceNpxFallback } from '../../../../src/node/git/mergeDriverSetup';
import { hookScript } from '../../../../src/node/prePush';
import { DEMO, REPO_ROOT } from '../../../support/workspace';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'merge-driver');
const RECORD = '.incidents/INC-031.yaml';
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

describe('merge driver and pre-push hook never run code from the repository (test/fixtures/hostile/merge-driver)', function () {
  this.timeout(60_000);
  let dir: string;
  let repo: string;
  let marker: string;
  /** PATH with node and git, npx too (the old fallback would find it), never the repository. */
  let env: NodeJS.ProcessEnv;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env,
    });
  const gitRun = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env,
    });
  const record = () => readFileSync(join(repo, RECORD), 'utf8');
  const writeRecord = (text: string) => writeFileSync(join(repo, RECORD), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-lens-hostile-merge-'));
    repo = join(dir, 'repo');
    marker = join(dir, 'planted-ran');
    env = {
      ...process.env,
      PATH: [dirname(process.execPath), dirname(realGit), '/usr/bin', '/bin'].join(delimiter),
      INCIDENT_LENS_PLANTED_MARKER: marker,
      INCIDENT_LENS_NOW: '2026-11-26T12:00:00Z',
    };
    mkdirSync(repo);
    cpSync(join(DEMO, '.incidents'), join(repo, '.incidents'), { recursive: true });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.gitattributes'), `${attributeLines('.incidents').join('\n')}\n`);
    // The branch being merged plants its own incident-lens where npx looks first.
    mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
    cpSync(join(FIXTURES, 'planted-incident-lens.sh'), join(repo, 'node_modules', '.bin', 'incident-lens'));
    chmodSync(join(repo, 'node_modules', '.bin', 'incident-lens'), 0o755);
    git('add', '-A');
    git('commit', '-qm', 'records, a planted node_modules/.bin/incident-lens');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Two branches editing the record: theirs at its top (`theirs`), ours at its end. */
  function diverge(theirs: (text: string) => string, ours: (text: string) => string): void {
    git('checkout', '-qb', 'theirs');
    writeRecord(theirs(record()));
    git('commit', '-qam', 'theirs');
    git('checkout', '-q', 'main');
    writeRecord(ours(record()));
    git('commit', '-qam', 'ours');
  }
  const appendEntry = (t: string) => `${t.trimEnd()}\n# Logged on main.\nrunbooks: [RB-payments-rollback]\n`;

  it('a registered CLI that is gone: a clear message, git merge-file merges, the planted CLI never runs', () => {
    git('config', 'merge.incident-lens.driver', driverCommand(join(dir, 'gone', 'dist', 'cli.js')));
    diverge((t) => t.replace(/^title: (.*)$/m, 'title: $1 (renamed on a branch)'), appendEntry);
    const merge = gitRun('merge', '--no-edit', 'theirs');
    assert.equal(existsSync(marker), false, "the repository's node_modules/.bin/incident-lens ran");
    assert.match(
      merge.stderr,
      /incident-lens: the record merge driver's CLI \(.*gone.*\) is gone .*git's text merge instead: .*INC-031\.yaml.* run incident-lens init/,
    );
    assert.equal(merge.status, 0, merge.stdout + merge.stderr);
    assert.match(record(), /\(renamed on a branch\)/);
    assert.match(record(), /Logged on main\./);
  });

  it("a registered CLI that is gone, overlapping edits: git's conflict markers, still never the planted CLI", () => {
    git('config', 'merge.incident-lens.driver', driverCommand(join(dir, 'gone', 'cli.js')));
    diverge(
      (t) => t.replace(/^status: .*$/m, 'status: resolved'),
      (t) => t.replace(/^status: .*$/m, 'status: postmortem-pending'),
    );
    const merge = gitRun('merge', '--no-edit', 'theirs');
    assert.notEqual(merge.status, 0);
    assert.equal(existsSync(marker), false);
    assert.match(record(), /^<<<<<<< ours\nstatus: postmortem-pending\n=======\nstatus: resolved\n>>>>>>> theirs$/m);
  });

  it("a registration from before (npx fallback) is replaced by this install's command; any other is left alone", async () => {
    const old = `cli='${join(dir, 'gone', 'cli.js')}'; if [ -f "$cli" ]; then node "$cli" merge-driver %O %A %B %P; else npx --no-install incident-lens merge-driver %O %A %B %P; fi`;
    git('config', 'merge.incident-lens.driver', old);
    assert.equal(await replaceNpxFallback(repo, '.incidents', CLI), true);
    assert.equal(git('config', '--get', 'merge.incident-lens.driver').trim(), driverCommand(CLI));
    assert.equal(await replaceNpxFallback(repo, '.incidents', join(dir, 'other.js')), false, 'already safe: unchanged');
    assert.equal(git('config', '--get', 'merge.incident-lens.driver').trim(), driverCommand(CLI));
  });

  it("an alias bomb on one side: the driver does not crash or expand it, git's text merge does the merge", () => {
    git('config', 'merge.incident-lens.driver', driverCommand(CLI));
    const bomb = readFileSync(join(FIXTURES, 'alias-bomb.yaml'), 'utf8');
    diverge((t) => t.replace(/^(id: .*\n)/m, `$1${bomb}`), appendEntry);
    const started = Date.now();
    const merge = gitRun('merge', '--no-edit', 'theirs');
    assert.ok(Date.now() - started < 20_000, 'not expanded');
    assert.match(merge.stderr, /theirs could not be read as YAML \(more than 100 aliases: it looks like an alias bomb\); using git's text merge instead/);
    assert.doesNotMatch(merge.stderr, /unexpected error|Excessive alias/);
    assert.equal(merge.status, 0, merge.stdout + merge.stderr);
    assert.ok(record().includes(bomb) && record().includes('Logged on main.'), 'both sides merged as text');
  });

  it("the pre-push hook with its CLI gone runs an incident-lens on PATH outside the repository, never the repository's own", () => {
    const remote = join(dir, 'remote.git');
    execFileSync('git', ['init', '-q', '--bare', remote]);
    git('remote', 'add', 'origin', remote);
    const hook = join(repo, '.git', 'hooks', 'pre-push');
    writeFileSync(hook, hookScript(join(dir, 'gone', 'cli.js')));
    chmodSync(hook, 0o755);
    // Only the repository has one (PATH also names it by its absolute path): not checked, said so, the push goes on.
    const inRepo = { ...env, PATH: `${join(repo, 'node_modules', '.bin')}${delimiter}${env.PATH}` };
    const first = spawnSync('git', ['push', '-q', 'origin', 'main'], { cwd: repo, encoding: 'utf8', env: inRepo });
    assert.equal(first.status, 0, first.stderr);
    assert.equal(existsSync(marker), false, "the repository's incident-lens ran");
    assert.match(first.stderr, /incident-lens pre-push: the incident-lens CLI was not found at .* or on PATH \(outside this repository\); push not checked/);
    // An installed one on PATH is used.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'incident-lens'), `#!/bin/sh\necho "installed incident-lens $*" >&2\n`);
    chmodSync(join(bin, 'incident-lens'), 0o755);
    writeRecord(appendEntry(record()));
    git('commit', '-qam', 'log');
    const second = spawnSync('git', ['push', '-q', 'origin', 'main'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...inRepo, PATH: `${inRepo.PATH}${delimiter}${bin}` },
    });
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, /installed incident-lens risk --pre-push origin/);
    assert.equal(existsSync(marker), false);
  });
});
