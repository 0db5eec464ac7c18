/**
 * The focused read's digest (src/node/scanDigest.ts): a scan answered from it
 * equals a scan of every text (which records may link the targets, their ids
 * and incidents) cold, warm, after records are changed, added, removed or
 * rewritten with their old size and mtime, with a damaged or foreign digest,
 * and for a target outside any folder; a warm scan writes nothing.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { scanJob } from '../../../src/node/earlyScan';
import { ParsePool } from '../../../src/node/parsePool';
import { digestMatches, readScanDigest, scanWithDigest } from '../../../src/node/scanDigest';
import { recordFiles } from '../../support/workspace';

const MAX = 1_000_000;

describe('the focused read digest answers as a scan of every text', function () {
  this.timeout(120_000);
  let base: string;
  let root: string;
  let pool: ParsePool;
  let digest: { file: string; version: string; folder: string };
  let targets: string[];
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-digest-'));
    root = generateWorkspace(join(base, 'ws'), 300, 13).root;
    pool = new ParsePool(join(__dirname, '..', '..', '..', 'src', 'node', 'parseWorker.js'), 2);
    digest = { file: join(base, 'cache', 'scan-digest.json'), version: 'test-1', folder: '.incidents' };
    const linked = [...readFileSync(join(root, '.incidents', 'INC-001.yaml'), 'utf8').matchAll(/path: (\S+)/g)].map((m) => m[1]!);
    targets = [...linked.filter((p) => !/[*?{]/.test(p)).slice(0, 2), 'src/no/one/links/this.ts'];
  });
  after(async () => {
    await pool.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  const check = async (label: string, ask: string[] = targets, linked = true, max = MAX) => {
    const files = recordFiles(root);
    for (const t of ask) {
      const want = scanJob(root, files, [t], max);
      const got = await scanWithDigest(digest, root, files, [t], max, pool);
      assert.deepEqual([...got.may], [...want.may], `${label}: may link ${t}`);
      assert.deepEqual(got.ids, want.ids, `${label}: ids`);
      assert.deepEqual(got.incidents, want.incidents, `${label}: incidents`);
      if (linked && max === MAX) assert.ok(want.may.some((m) => m === 1) || t.includes('no/one'), `${label}: ${t} is linked by some record`);
    }
  };

  it('cold, then warm without writing; then every kind of change is read again', async () => {
    await check('cold');
    const written = statSync(digest.file);
    assert.equal(readScanDigest(digest.file, `${digest.version}|max ${MAX}`, digest.folder)!.size, recordFiles(root).length);
    await check('warm');
    assert.equal(statSync(digest.file).mtimeMs, written.mtimeMs, 'a warm scan writes nothing');

    // A record now linking the target that nothing linked; a new record; a removed one.
    const file = join(root, '.incidents', 'INC-002.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\nlinks:\n/, '\nlinks:\n  - path: src/no/one/links/this.ts\n'));
    writeFileSync(join(root, '.incidents', 'INC-9001.yaml'), 'id: INC-9001\ntitle: New\nstatus: active\npriority: P2\nlinks:\n  - path: src/no/one/links/\n');
    unlinkSync(join(root, '.incidents', 'INC-003.yaml'));
    await check('changed');
    const after = scanJob(root, recordFiles(root), ['src/no/one/links/this.ts'], MAX);
    assert.equal([...after.may].filter((m) => m).length, 2, 'the edited and the new record link it now');

    // Rewritten with the same size and the old mtime: the ctime still moves, so it is read again.
    const text = readFileSync(file, 'utf8');
    const at = new Date('2026-01-01T00:00:00Z');
    utimesSync(file, at, at);
    await check('an mtime set back');
    writeFileSync(file, text.replace('src/no/one/links/this.ts', 'src/no/one/links/that.ts'));
    utimesSync(file, at, at);
    assert.equal(statSync(file).mtimeMs, at.getTime());
    await check('same size and mtime');
  });

  it('a damaged or foreign digest is rebuilt, never trusted; a target outside any folder reads the texts', async () => {
    for (const bad of ['{', '{"format":1,"version":"test-1","folder":".incidents","rows":[["x",1]]}', '[]']) {
      writeFileSync(digest.file, bad);
      await check(`digest ${bad.slice(0, 20)}`);
      assert.ok(readScanDigest(digest.file, `${digest.version}|max ${MAX}`, digest.folder), 'rewritten whole');
    }
    // Another build's digest is not read: here one whose rows say no record links anything.
    const valid = JSON.parse(readFileSync(digest.file, 'utf8')) as { rows: unknown[][] };
    writeFileSync(digest.file, JSON.stringify({ ...valid, version: 'another-build', rows: valid.rows.map((r) => [...r.slice(0, 7), '', r[8]]) }));
    await check('foreign build');
    assert.equal(JSON.parse(readFileSync(digest.file, 'utf8')).version, `${digest.version}|max ${MAX}`, 'rebuilt for this build');
    // Under a lower size limit every record is too large: a digest written under the other limit is not used.
    await check('a lower size limit', targets, true, 100);
    await check('top-level targets', ['Makefile', 'README.md'], false);
  });

  it("says from its first bytes whether a digest is this build's, folder's and limit's", async () => {
    await scanWithDigest(digest, root, recordFiles(root), targets, MAX);
    assert.equal(digestMatches(digest, MAX), true);
    assert.equal(digestMatches({ ...digest, version: 'test-2' }, MAX), false, 'another build');
    assert.equal(digestMatches({ ...digest, version: 'test' }, MAX), false, 'a build whose name begins this one');
    assert.equal(digestMatches({ ...digest, folder: 'incidents' }, MAX), false, 'another folder');
    assert.equal(digestMatches(digest, 100), false, 'another size limit');
    assert.equal(digestMatches({ ...digest, file: join(base, 'none.json') }, MAX), false, 'none');
    writeFileSync(digest.file, '{"format":1');
    assert.equal(digestMatches(digest, MAX), false, 'damaged');
  });
});
