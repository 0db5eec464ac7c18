/**
 * The extension host's parse pool (src/node/parsePool.ts) keeps one core for
 * the host's thread (hostPoolSize), and grows while an urgent job waits (the
 * scan behind the first CodeLens) so that scan is not slowed by the smaller
 * pool; once no urgent job waits it is back to its size. With real workers
 * on a generated workspace: the scan's answer equals one on this thread, the
 * parse queued before it is complete, and the pool shrinks back.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorkspace } from '../../../scripts/bench/generate';
import { scanJob } from '../../../src/node/earlyScan';
import { commandLinePoolSize, hostPoolSize, ParsePool } from '../../../src/node/parsePool';

const WORKER = join(__dirname, '..', '..', '..', 'src', 'node', 'parseWorker.js');

describe('the parse pool leaves the host a core and grows for urgent work', function () {
  this.timeout(120_000);
  let base: string;
  let root: string;
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-lens-pool-'));
    root = generateWorkspace(join(base, 'ws'), 300, 5).root;
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('sizes: one core left to the extension host, every core (up to 4) for the command line', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 8].map((c) => hostPoolSize(c)),
      [1, 1, 2, 3, 4],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 8].map((c) => commandLinePoolSize(c)),
      [1, 2, 3, 4, 4],
    );
  });

  it('runs the first scan on two workers while the parse queued before it waits, then shrinks back to one', async () => {
    const pool = new ParsePool(WORKER, 1, 2);
    try {
      const files = readdirSync(join(root, '.incidents'), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => `.incidents/${e.name}`);
      const linked = /path: (\S+)/.exec(readFileSync(join(root, files[0]!), 'utf8'))![1]!;
      const parsing = (async () => {
        let n = 0;
        for await (const batch of pool.parse(root, files, {})) n += batch.length;
        return n;
      })();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(pool.workerCount, 1, 'a parse alone runs on the pool’s size');
      const scanning = pool.scan(root, files, [linked], 1_000_000, true);
      assert.equal(pool.workerCount, 2, 'an urgent scan grows the pool');
      const scan = await scanning;
      const want = scanJob(root, files, [linked], 1_000_000);
      assert.deepEqual([...scan.may], [...want.may]);
      assert.deepEqual(scan.ids, want.ids);
      assert.equal(await parsing, files.length, 'the parse queued before it completes');
      assert.equal(pool.workerCount, 1, 'back to one worker once no urgent job waits');
    } finally {
      await pool.dispose();
    }
  });
});
