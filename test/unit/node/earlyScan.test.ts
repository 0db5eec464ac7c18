/**
 * The scan's reader (src/node/earlyScan.ts): one buffer for the whole scan, no
 * stat per file, and the same text (or the same refusal past the size limit)
 * as the bounded reader every other read uses, at every size around its
 * buffer's and the limit's edges, with multi-byte characters across them.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextUpToSync } from '../../../src/node/boundedRead';
import { readForScan } from '../../../src/node/earlyScan';

describe('the early scan reads files as the bounded reader does', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'incident-lens-scan-read-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('same text or the same refusal, sizes around 64 KiB and the limit, é and € across the edges', () => {
    const K = 64 * 1024;
    const max = 300_000;
    const sizes = [0, 1, K - 2, K - 1, K, K + 1, 4 * K - 1, 4 * K + 3, max - 1, max, max + 1, 2 * max];
    let n = 0;
    for (const size of sizes) {
      for (const pad of ['a', 'é', '€']) {
        const text = pad.repeat(Math.ceil(size / Buffer.byteLength(pad))).slice(0, Math.max(0, Math.floor(size / Buffer.byteLength(pad))));
        const file = join(dir, `f${n++}.yaml`);
        writeFileSync(file, text);
        const bounded = readTextUpToSync(file, max);
        assert.equal(readForScan(file, max), 'text' in bounded ? bounded.text : undefined, `${Buffer.byteLength(text)} bytes of ${pad}`);
      }
    }
    // A small file after a big one: the kept buffer's old bytes never leak into the next text.
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(200_000));
    writeFileSync(join(dir, 'small.yaml'), 'id: INC-1\n');
    assert.equal(readForScan(join(dir, 'big.yaml'), max)!.length, 200_000);
    assert.equal(readForScan(join(dir, 'small.yaml'), max), 'id: INC-1\n');
    // A limit below the buffer's size.
    assert.equal(readForScan(join(dir, 'small.yaml'), 5), undefined);
    assert.throws(() => readForScan(join(dir, 'missing.yaml'), max));
  });
});
