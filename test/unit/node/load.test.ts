import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { IncidentIndex, type CacheKey } from '../../../src/core/index/incidentIndex';
import type { IndexedRecord } from '../../../src/core/records/model';
import { loadedRecordCount, setLoadedRecordLimit } from '../../../src/core/records/lazyIncident';
import type { ParsedFile, ParseOptions } from '../../../src/core/records/parseRecord';
import { LoadCache } from '../../../src/node/loadCache';
import { ParsePool } from '../../../src/node/parsePool';
import { prepareSimilar, SimilarIndex, type SimilarHit } from '../../../src/core/search/similarIncidents';
import { generateWorkspace } from '../../../scripts/bench/generate';

/** Everything a reader of a record sees (incidents' full records loaded on access included). */
function observable(record: IndexedRecord | undefined): unknown {
  if (record?.kind !== 'incident') return record;
  const {
    file,
    id,
    head,
    record: full,
    start,
    resolution,
    durationMinutes,
    postmortemDeadline,
    milestones,
    openActions,
    timeline,
    actions,
    communications,
    aiConnections,
    links,
  } = record;
  return {
    file,
    id,
    head,
    full,
    start,
    resolution,
    durationMinutes,
    postmortemDeadline,
    milestones,
    openActions,
    timeline,
    actions,
    communications,
    aiConnections,
    links,
  };
}

/**
 * What a load produced, comparable across ways of loading (the content hash
 * is bookkeeping). Canonical JSON: a field holding undefined and a field not
 * there read the same.
 */
function snapshot(index: IncidentIndex): unknown {
  const files = index
    .allFiles()
    .map(({ contentHash: _, record, anchors, ...rest }) => ({ ...rest, anchors: [...anchors], record: observable(record) }))
    .sort((a, b) => a.file.localeCompare(b.file));
  return JSON.parse(JSON.stringify(files));
}

class CountingCache extends LoadCache {
  hits = 0;
  stored = 0;
  override async lookup(paths: readonly string[], keys: Promise<ReadonlyMap<string, CacheKey>>, options: ParseOptions): Promise<Map<string, ParsedFile>> {
    const found = await super.lookup(paths, keys, options);
    this.hits = found.size;
    return found;
  }
  override async store(files: ReadonlyArray<{ path: string; key: CacheKey; parsed: ParsedFile }>, options: ParseOptions): Promise<void> {
    this.stored = files.length;
    await super.store(files, options);
  }
}

describe('loading many records: worker threads and the warm-start cache', function () {
  this.timeout(120_000);
  let root: string;
  let base: string;
  let pool: ParsePool;
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-load-'));
    // 300 incidents like INC-023, with action records and 1% broken files.
    root = generateWorkspace(join(base, 'ws'), 300, 7).root;
    pool = new ParsePool(join(__dirname, '..', '..', '..', 'src', 'node', 'parseWorker.js'), 2);
  });
  after(async () => {
    await pool.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  const load = async (how: { pool?: boolean; cache?: LoadCache } = {}) => {
    const access = new NodeFileAccess(root);
    const index = new IncidentIndex(access, {
      checkLinkTargets: true,
      bulkParse: how.pool ? (paths, options) => pool.parse(root, paths, options) : undefined,
      bulkStat: how.pool ? (paths) => pool.stat(root, paths) : undefined,
      cache: how.cache,
    });
    await index.load();
    await index.cacheWrite;
    return index;
  };
  const cacheAt = (dir: string, version = 'v1') => new CountingCache(join(base, dir), version, (p) => new NodeFileAccess(root).readFile(p));

  it('parses in worker threads to exactly what the main thread parses, broken files included', async () => {
    assert.ok(pool.available, 'the compiled worker exists');
    const main = await load();
    const workers = await load({ pool: true });
    assert.ok(main.allFiles().length > 400);
    assert.ok(
      main.diagnostics().some((d) => d.severity === 'error'),
      'the corpus has broken files',
    );
    assert.deepEqual(snapshot(workers), snapshot(main));
    assert.deepEqual(workers.diagnostics(), main.diagnostics());
    assert.deepEqual(
      workers
        .search()
        .search('timeout stripe')
        .map((h) => h.incident.id),
      main
        .search()
        .search('timeout stripe')
        .map((h) => h.incident.id),
    );
  });

  it('keeps only heads in memory for worker-parsed incidents; full records load on use, are forgotten past the limit, and reload equal', async () => {
    const main = await load();
    const workers = await load({ pool: true });
    const previous = setLoadedRecordLimit(10);
    try {
      for (const incident of workers.incidents()) {
        const same = main.incident(incident.id)!;
        assert.equal(incident.record.title, same.record.title);
        assert.deepEqual(
          incident.timeline.map((e) => e.at?.ms),
          same.timeline.map((e) => e.at?.ms),
        );
        assert.ok(loadedRecordCount() <= 10, 'at most the limit in memory');
      }
      // The first ones were forgotten; reading them again gives the same record.
      const first = workers.incidents()[0]!;
      assert.deepEqual(JSON.parse(JSON.stringify(first.record)), JSON.parse(JSON.stringify(main.incident(first.id)!.record)));
      assert.deepEqual(
        first.openActions.map((a) => a.action.text),
        main
          .incident(first.id)!
          .actions.filter((a) => !a.action.done)
          .map((a) => a.action.text),
      );
    } finally {
      setLoadedRecordLimit(previous);
    }
  });

  it('falls back to this thread when the workers fail mid-load; nothing is missing', async () => {
    const main = await load();
    const index = new IncidentIndex(new NodeFileAccess(root), {
      checkLinkTargets: true,
      async *bulkParse(paths, options) {
        const first = pool.parse(root, paths.slice(0, 64), options); // the corpus is far above BULK_MIN
        for await (const batch of first) yield batch;
        throw new Error('worker crashed');
      },
    });
    await index.load();
    assert.deepEqual(snapshot(index), snapshot(main));
  });

  it('a warm load from the cache equals a cold load; nothing is parsed again', async () => {
    const cold = await load();
    const first = cacheAt('cache-a');
    await load({ pool: true, cache: first });
    assert.equal(first.hits, 0);
    assert.equal(first.stored, cold.allFiles().length);
    const again = cacheAt('cache-a');
    const warm = await load({ pool: true, cache: again });
    assert.equal(again.hits, cold.allFiles().length, 'every file from the cache');
    assert.equal(again.stored, 0, 'nothing re-stored');
    assert.deepEqual(snapshot(warm), snapshot(cold));
    assert.deepEqual(warm.diagnostics(), cold.diagnostics());
  });

  it('is invalidated correctly: changed content, same-size edits, touched files, deleted files, a new version, a damaged cache', async () => {
    const cache = () => cacheAt('cache-b');
    await load({ cache: cache() });
    const file = join(root, '.incidents', 'INC-010.yaml');
    const original = statSync(file);
    const text = await new NodeFileAccess(root).readFile('.incidents/INC-010.yaml');

    // Same size, different content, new mtime: parsed again.
    writeFileSync(file, text.replace('priority: P', 'priority: Q'));
    let c = cache();
    let index = await load({ cache: c });
    assert.equal(c.hits, index.allFiles().length - 1);
    assert.ok(
      index.diagnosticsFor('.incidents/INC-010.yaml').some((d) => d.field === 'priority'),
      'the edit is seen',
    );

    // Same content and size but the original mtime back: identity says "unchanged", and it is.
    writeFileSync(file, text);
    utimesSync(file, original.atime, original.mtime);
    c = cache();
    index = await load({ cache: c });
    assert.ok(!index.diagnosticsFor('.incidents/INC-010.yaml').some((d) => d.field === 'priority'), 'back to the stored text, re-parsed once');

    // Touched (new mtime, same content): trusted by its content hash.
    await load({ cache: cache() });
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    c = cache();
    await load({ cache: c });
    assert.equal(c.stored, 0, 'nothing re-parsed for a touch');

    // Deleted: gone from the index even though the cache has it.
    const victim = readdirSync(join(root, '.incidents')).find((f) => f.startsWith('INC-02'))!;
    rmSync(join(root, '.incidents', victim));
    index = await load({ cache: cache() });
    assert.equal(index.parsed(`.incidents/${victim}`), undefined);

    // Another host version trusts nothing.
    c = cacheAt('cache-b', 'v2');
    await load({ cache: c });
    assert.equal(c.hits, 0);

    // A damaged cache is a miss, never an error.
    for (const name of readdirSync(join(base, 'cache-b'))) if (name.startsWith('chunk-')) writeFileSync(join(base, 'cache-b', name), 'garbage');
    c = cacheAt('cache-b', 'v2');
    index = await load({ cache: c });
    assert.equal(c.hits, 0);
    assert.deepEqual(snapshot(index), snapshot(await load()));
  });

  it('builds the search index and answers similar questions from the cache without reading a record: chunks cut after their words answer alike', async () => {
    await load({ pool: true, cache: cacheAt('cache-d') });
    // Each chunk cut where its incidents' words end: what is left cannot give a full record.
    const dir = join(base, 'cache-d');
    let cuts = 0;
    for (const name of readdirSync(dir).filter((n) => n.startsWith('chunk-'))) {
      const bytes = readFileSync(join(dir, name));
      const headerEnd = 4 + bytes.readUInt32LE(0);
      const files = JSON.parse(bytes.subarray(4, headerEnd).toString('latin1')) as Array<{ incident?: { body: number[] } }>;
      const wordsEnd = Math.max(...files.map((f) => f.incident?.body[4] ?? 0));
      // (A chunk of action records only holds no incident's bytes.)
      if (wordsEnd > 0) cuts++;
      writeFileSync(join(dir, name), bytes.subarray(0, headerEnd + wordsEnd));
    }
    assert.ok(cuts >= 2, `${cuts} chunks with incidents`);
    // No way to read a record file here: reading a record would throw.
    const cut = cacheAt('cache-d');
    const warm = await load({ cache: cut });
    const main = await load();
    assert.equal(cut.hits, main.allFiles().length);
    assert.throws(() => warm.incidents()[0]!.record);
    const loaded = loadedRecordCount();
    warm.search();
    await prepareSimilar(warm.incidents(), () => new Promise((resolve) => setImmediate(resolve)));
    const similar = new SimilarIndex(warm.incidents());
    assert.equal(loadedRecordCount(), loaded, 'no full record read');
    const seen = (hits: SimilarHit[]) => hits.map((h) => [h.incident.id, h.score, h.shared, h.fields]);
    for (const text of ['retry storm after a deploy', 'certificate expired', 'stripe webhook timeout']) {
      assert.deepEqual(seen(similar.similar({ text })), seen(new SimilarIndex(main.incidents()).similar({ text })), text);
    }
    // A question by incident reads its own record (its words are shown as written): one from the full load.
    const question = main.incidents()[7]!;
    assert.deepEqual(seen(similar.similar({ incident: question })), seen(new SimilarIndex(main.incidents()).similar({ incident: question })));
    // Search ranks its few candidates on their records: with the record files to read them from, the same hits.
    const files = new NodeFileAccess(root);
    const withFiles = await load({
      cache: new CountingCache(
        dir,
        'v1',
        (p) => files.readFile(p),
        (p) => files.readTextSync(p),
      ),
    });
    const hits = (idx: IncidentIndex, q: string) =>
      idx
        .search()
        .search(q, 20)
        .map((h) => [h.incident.id, h.score, h.field, h.snippet]);
    for (const q of ['timeout stripe', 'checkout', 'dns resolver', 'INC-042']) assert.deepEqual(hits(withFiles, q), hits(main, q), q);
  });

  it('reads full records from the cache only when opened; if the cache is gone by then, from the record file', async () => {
    const fill = cacheAt('cache-c');
    await load({ cache: fill });
    const withFallback = new CountingCache(
      join(base, 'cache-c'),
      'v1',
      (p) => new NodeFileAccess(root).readFile(p),
      (p) => new NodeFileAccess(root).readTextSync(p),
    );
    const warm = await load({ cache: withFallback });
    const noFallback = await load({ cache: cacheAt('cache-c') });
    assert.equal(withFallback.hits, warm.allFiles().length);
    const main = await load();
    const first = warm.incidents()[0]!;
    // One record opened while the cache is there; then the cache is deleted (another window, a clean-up).
    assert.equal(first.record.title, main.incident(first.id)!.record.title);
    rmSync(join(base, 'cache-c'), { recursive: true, force: true });
    // Records in the same chunk were read with the first one; later chunks come from the record files.
    const last = warm.incidents().at(-1)!;
    assert.deepEqual(JSON.parse(JSON.stringify(last.record)), JSON.parse(JSON.stringify(main.incident(last.id)!.record)));
    assert.equal(last.timeline.length, main.incident(last.id)!.timeline.length);
    // Without a way to read the file, the error says what happened and what to do.
    assert.throws(() => noFallback.incidents().at(-1)!.record, /cached record could not be read.*reload the window/);
  });
});
