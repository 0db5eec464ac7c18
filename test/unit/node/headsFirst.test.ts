/**
 * Heads first (issue 29: "answers before the whole load"): the editor's
 * index reads what its cache lacks with the record-head reader, so links, the
 * tree and the status bar come at once, and parses those files in full behind
 * them. Real files (300 generated incidents, 1 % broken), real worker threads,
 * the real cache: after the full read the index equals a full load, an edit
 * made meanwhile is not overwritten, and the next start needs no heads.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { IncidentIndex } from '../../../src/core/index/incidentIndex';
import { LoadCache } from '../../../src/node/loadCache';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { ParsePool } from '../../../src/node/parsePool';

describe('heads first: links at once, the full read behind them', function () {
  this.timeout(120_000);
  let base: string;
  let root: string;
  let pool: ParsePool;
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-headsfirst-'));
    root = generateWorkspace(join(base, 'ws'), 300, 7).root;
    pool = new ParsePool(join(__dirname, '..', '..', '..', 'src', 'node', 'parseWorker.js'), 2);
  });
  after(async () => {
    await pool.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  const open = (how: { headsFirst?: boolean; pool?: boolean; cache?: string } = {}) =>
    new IncidentIndex(new NodeFileAccess(root), {
      checkLinkTargets: true,
      prepareSearch: true,
      headsFirst: how.headsFirst,
      bulkParse: how.pool ? (paths, options) => pool.parse(root, paths, options) : undefined,
      bulkStat: how.pool ? (paths) => pool.stat(root, paths) : undefined,
      cache: how.cache ? new LoadCache(join(base, how.cache), 'v1', (p) => new NodeFileAccess(root).readFile(p)) : undefined,
    });
  /** What a person sees of every file: its record's data, its problems (the content hash is bookkeeping). */
  const seen = (index: IncidentIndex) =>
    JSON.parse(
      JSON.stringify(
        index
          .allFiles()
          .map((f) => ({ file: f.file, kind: f.kind, id: f.record?.id, data: f.record?.kind === 'incident' ? f.record.record : f.record?.record }))
          .sort((a, b) => a.file.localeCompare(b.file)),
      ),
    ) as unknown;
  const linkedFile = (index: IncidentIndex) => index.incidents().find((i) => i.links.length)!.links[0]!.path;

  it('answers links from heads at once, and equals a full load once the full read is in (workers, cache)', async () => {
    const full = open({ pool: true });
    await full.load();
    const index = open({ headsFirst: true, pool: true, cache: 'cache-a' });
    await index.load();
    assert.equal(index.fullReadPending, true, 'the full read runs behind the heads');
    assert.ok(index.allFiles().some((f) => f.headsOnly));
    const file = linkedFile(full);
    assert.deepEqual(
      index.incidentsForFile(file).map((i) => i.id),
      full.incidentsForFile(file).map((i) => i.id),
      'the links of a file are answered before the full read',
    );
    assert.equal(index.incidents().length, full.incidents().length, 'the tree has every incident');
    await index.fullRead;
    await index.cacheWrite;
    assert.equal(index.fullReadPending, false);
    assert.ok(!index.allFiles().some((f) => f.headsOnly), 'every file read in full');
    assert.deepEqual(seen(index), seen(full));
    assert.deepEqual(index.diagnostics(), full.diagnostics());
    assert.ok(
      index.diagnostics().some((d) => d.severity === 'error'),
      'the broken files have their problems',
    );
    await index.searchBuild;
    assert.deepEqual(
      index
        .search()
        .search('timeout stripe')
        .map((h) => h.incident.id),
      full
        .search()
        .search('timeout stripe')
        .map((h) => h.incident.id),
    );
    // The cache now holds full reads: the next start reads nothing as a head and runs nothing behind.
    const next = open({ headsFirst: true, pool: true, cache: 'cache-a' });
    await next.load();
    assert.equal(next.fullReadPending, false, 'a warm start has nothing to read behind');
    assert.ok(!next.allFiles().some((f) => f.headsOnly));
    assert.deepEqual(seen(next), seen(full));
  });

  it('keeps an edit, a save and a delete made while the full read runs: the full read never overwrites them', async () => {
    const index = open({ headsFirst: true });
    await index.load();
    assert.equal(index.fullReadPending, true);
    const names = readdirSync(join(root, '.incidents')).filter((f) => /^INC-\d+\.yaml$/.test(f));
    const edited = `.incidents/${names[0]}`;
    const removed = `.incidents/${names[1]}`;
    const text = readFileSync(join(root, edited), 'utf8').replace(/^title: .*$/m, 'title: Edited while the full read ran');
    // Unsaved editor text and a deletion, before the full read is in.
    const edit = index.setText(edited, text);
    const drop = index.removeFile(removed);
    await Promise.all([edit, drop, index.fullRead]);
    assert.equal(index.fullReadPending, false);
    assert.equal(index.parsed(edited)?.record?.kind === 'incident' && index.parsed(edited)!.record!.record.title, 'Edited while the full read ran');
    assert.equal(index.parsed(removed), undefined, 'the deleted file stays gone');
    assert.ok(!index.allFiles().some((f) => f.headsOnly));
  });

  it('gives a head-read file its full diagnostics when asked while the full read runs', async () => {
    const full = open();
    await full.load();
    const index = open({ headsFirst: true });
    await index.load();
    assert.equal(index.fullReadPending, true);
    const heads = index.allFiles().filter((f) => f.headsOnly);
    assert.ok(heads.length > 100);
    const withProblems = heads.filter((f) => full.diagnosticsFor(f.file).length);
    assert.ok(withProblems.length, 'some head-read files have problems (warnings)');
    for (const f of heads) assert.deepEqual(index.diagnosticsFor(f.file), full.diagnosticsFor(f.file), f.file);
    await index.fullRead;
  });

  it('finds missing link targets without parsing a head-read file in full on this thread', async () => {
    // No source tree here: every record's links name files that do not exist. Placing each finding used to
    // parse its file in full during the load (30 s of this thread at 10,000 incidents, before any CodeLens).
    let syncReads = 0;
    const access = new NodeFileAccess(root);
    const readTextSync = access.readTextSync.bind(access);
    access.readTextSync = (path: string, max?: number) => {
      syncReads++;
      return readTextSync(path, max);
    };
    const index = new IncidentIndex(access, {
      checkLinkTargets: true,
      headsFirst: true,
      bulkParse: (paths, options) => pool.parse(root, paths, options),
      bulkStat: (paths) => pool.stat(root, paths),
    });
    await index.load();
    assert.equal(index.fullReadPending, true);
    const full = open();
    await full.load();
    const missing = full.diagnostics().filter((d) => d.code === 'link-missing');
    assert.ok(missing.length > 100, `links to missing files: ${missing.length}`);
    assert.equal(syncReads, 0, 'no head-read file was parsed in full to place a finding');
    // Asked for, a finding is placed where the full parser places it, before and after the full read.
    const file = missing[0]!.file;
    assert.deepEqual(index.diagnosticsFor(file), full.diagnosticsFor(file));
    await index.fullRead;
    assert.deepEqual(
      index.diagnostics().filter((d) => d.code === 'link-missing'),
      missing,
    );
  });
});
