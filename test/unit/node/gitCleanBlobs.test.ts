/**
 * A fresh checkout with a restored cache (CI): every record file has a new
 * modification time, and the caches keyed by size and time (the scan digest,
 * the load cache) match the files git holds as clean by their blob ids instead
 * of reading them (src/node/git/cleanBlobs.ts). On a real repository built
 * here: the answers equal a read of every text; a checkout is answered without
 * reading; files git is told not to look at (assume-unchanged, skip-worktree)
 * and edited behind its back, a record changed to the same size, and files
 * touched outside git are read; a repository whose config names a file system
 * monitor never runs it (test/fixtures/hostile/git-index/).
 */
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { scanJob } from '../../../src/node/earlyScan';
import { blobOid } from '../../../src/node/git/blobOid';
import { cleanBlobOids } from '../../../src/node/git/cleanBlobs';
import { contentHash } from '../../../src/node/loadCache';
import { recordIndex } from '../../../src/node/recordWorkspace';
import { scanWithDigest, type DigestReport } from '../../../src/node/scanDigest';
import { GitRepo } from '../../support/gitRepo';
import { recordFiles, REPO_ROOT } from '../../support/workspace';

const MAX = 1_000_000;
const HOSTILE = join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'git-index');
const now = () => Date.parse('2026-12-07T00:00:00Z');

/** What a CI checkout does: the folder written anew by git, every file with a new time, git's index in step. */
function freshCheckout(repo: GitRepo): void {
  rmSync(join(repo.root, '.incidents'), { recursive: true, force: true });
  repo.git('checkout', '--', '.incidents');
}

/** INC-002 now links `target` instead of one of its links, the file's size unchanged. */
function sameSizeLink(root: string, target: string): void {
  const file = join(root, '.incidents', 'INC-002.yaml');
  const text = readFileSync(file, 'utf8');
  const old = /path: (\S+)/.exec(text)![1]!;
  assert.ok(old.length >= target.length, 'a link long enough to overwrite');
  writeFileSync(file, text.replace(`path: ${old}`, `path: ${target}${' '.repeat(old.length - target.length)}`));
  assert.equal(readFileSync(file).length, Buffer.byteLength(text), 'same size');
}

describe('a fresh checkout is known from git, never trusted past it', function () {
  this.timeout(180_000);
  let base: string;
  let root: string;
  let repo: GitRepo;
  let digest: { file: string; version: string; folder: string };
  const target = 'zq/x.ts';

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-git-index-'));
    root = generateWorkspace(join(base, 'ws'), 150, 21).root;
    repo = new GitRepo(root);
    repo.commit('records', '2026-12-01T09:00:00Z');
    digest = { file: join(base, 'cache', 'scan-digest.json'), version: 'test-1', folder: '.incidents' };
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const scan = async (label: string) => {
    const files = recordFiles(root);
    const report: DigestReport = { read: 0, fromGit: 0 };
    const got = await scanWithDigest(digest, root, files, [target], MAX, undefined, report);
    const want = scanJob(root, files, [target], MAX);
    assert.deepEqual([...got.may], [...want.may], `${label}: which records may link ${target}`);
    assert.deepEqual(got.ids, want.ids, `${label}: ids`);
    return { report, linking: want.may.reduce((n, m) => n + m, 0) };
  };

  it("keeps git's blob id of every file it reads, the id git itself gives", async () => {
    const files = recordFiles(root).slice(0, 5);
    writeFileSync(join(root, '.incidents', 'INC-001.yaml'), `${readFileSync(join(root, '.incidents', 'INC-001.yaml'), 'utf8')}# café ✓\n`);
    for (const f of files) {
      const fromGit = repo.git('hash-object', f);
      assert.equal(blobOid(readFileSync(join(root, f))), fromGit, f);
      assert.equal(contentHash(readFileSync(join(root, f), 'utf8')), fromGit, `${f}: the load cache's hash`);
    }
  });

  it('answers a fresh checkout from the digest without reading it; reads what git cannot vouch for', async () => {
    const cold = await scan('cold');
    assert.equal(cold.report.read, recordFiles(root).length);
    freshCheckout(repo);
    const ci = await scan('a fresh checkout');
    assert.deepEqual(ci.report, { read: 0, fromGit: recordFiles(root).length }, 'every file known from git');
    assert.deepEqual((await scan('warm after it')).report, { read: 0, fromGit: 0 }, 're-keyed by their new times');

    // Edited to the same size and committed as is: git calls it modified, so it is read (and links the target now).
    freshCheckout(repo);
    sameSizeLink(root, target);
    const edited = await scan('edited, same size');
    assert.equal(edited.report.read, 1);
    assert.equal(edited.linking, 1, 'the edited record links the target');

    // Touched outside git: git cannot tell without reading, so neither do we.
    repo.git('checkout', '--', '.incidents');
    await scan('checked out again');
    const at = new Date(Date.now() - 3_600_000); // another second than the index's: git's stat check sees it
    for (const f of recordFiles(root)) utimesSync(join(root, f), at, at);
    const touched = await scan('touched');
    assert.equal(touched.report.fromGit, 0);
  });

  it('reads files git is told not to look at, edited behind its back (hostile)', async () => {
    await scan('cold');
    for (const flag of ['--assume-unchanged', '--skip-worktree']) {
      freshCheckout(repo);
      repo.git('update-index', flag, '.incidents/INC-002.yaml');
      sameSizeLink(root, target);
      assert.equal(repo.git('diff-files', '--name-only'), '', `${flag}: git does not see the edit`);
      assert.equal((await cleanBlobOids(root, '.incidents'))!.has('.incidents/INC-002.yaml'), false, `${flag}: not vouched for`);
      const after = await scan(flag);
      assert.equal(after.linking, 1, `${flag}: the edited record is read and links the target`);
      repo.git('update-index', flag.replace('--', '--no-'), '.incidents/INC-002.yaml');
      repo.git('checkout', '--', '.incidents');
    }
  });

  it("never runs the repository's file system monitor (hostile config)", async () => {
    const marker = join(base, 'monitor-ran');
    const monitor = join(base, 'monitor.sh');
    writeFileSync(monitor, readFileSync(join(HOSTILE, 'fsmonitor-hook.sh'), 'utf8').replace('MARKER', marker));
    chmodSync(monitor, 0o755);
    repo.git('config', 'core.fsmonitor', monitor);
    repo.git('ls-files', '--', '.incidents/INC-001.yaml');
    assert.ok(existsSync(marker), 'git itself runs it when not told otherwise');
    rmSync(marker);
    await scan('cold');
    freshCheckout(repo);
    rmSync(marker, { force: true });
    assert.equal((await scan('checkout')).report.read, 0);
    assert.equal(existsSync(marker), false, 'the monitor never ran');
  });

  it('matches a restored load cache to a fresh checkout by blob id, and reads what changed', async () => {
    const cache = { dir: join(base, 'load-cache'), version: 'test' };
    const load = async () => {
      const { index, access } = recordIndex(root, { folder: '.incidents', now, cache });
      let reads = 0;
      const readFile = access.readFile.bind(access);
      access.readFile = (p: string) => {
        reads++;
        return readFile(p);
      };
      await index.load();
      const ids = index
        .incidents()
        .map((i) => `${i.id}:${JSON.stringify(i.links)}`)
        .sort();
      return { reads, ids };
    };
    const cold = await load();
    freshCheckout(repo);
    const ci = await load();
    assert.deepEqual(ci.ids, cold.ids);
    assert.equal(ci.reads, 0, 'a fresh checkout read nothing for its hashes');
    freshCheckout(repo);
    sameSizeLink(root, target);
    const edited = await load();
    assert.ok(edited.reads >= 1, 'the edited record is read');
    assert.ok(
      edited.ids.some((l) => l.includes(target)),
      'and its new link is in the index',
    );
  });
});
