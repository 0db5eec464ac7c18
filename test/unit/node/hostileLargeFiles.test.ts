import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../../../src/core/records/diagnostics';
import { ParsePool } from '../../../src/node/parsePool';
import { editRecordFile, RecordEditRefused } from '../../../src/node/recordFile';
import { readTextUpTo, readTextUpToSync } from '../../../src/node/boundedRead';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { REPO_ROOT, TempWorkspace } from '../../support/workspace';

const HUGE = 2 * 1024 ** 3;
const FILE = '.incidents/INC-950.yaml';
const TOO_LARGE = `${FILE}:1:1 error file is ${HUGE} bytes, above the 1000000-byte limit (incidentLens.maxFileSize); skipped`;

describe('record files over the size limit are never read whole (test/fixtures/hostile/large-files)', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  before(() => {
    ws = new TempWorkspace(true);
    // 2 GB, sparse: no disk space, but reading it would allocate 2 GB.
    truncateSync(ws.write(FILE, 'id: INC-950\n'), HUGE);
  });
  after(() => ws.dispose());

  /** Peak memory grows by less than `mb` while `fn` runs. */
  async function withinMemory<T>(mb: number, fn: () => Promise<T>): Promise<T> {
    const before = process.resourceUsage().maxRSS;
    const result = await fn();
    const grew = (process.resourceUsage().maxRSS - before) / 1024;
    assert.ok(grew < mb, `peak memory grew by ${grew.toFixed(0)} MB`);
    return result;
  }

  it('the index (main thread) reports it from its size', async () => {
    const index = await withinMemory(200, () => ws.index());
    assert.ok(index.diagnostics().map(formatDiagnostic).includes(TOO_LARGE), index.diagnostics().map(formatDiagnostic).join('\n'));
  });

  it('a parse worker reports it from its size', async () => {
    const pool = new ParsePool();
    try {
      assert.ok(pool.available, 'dist/parseWorker.js is built');
      const parsed = await withinMemory(200, async () => {
        const out = [];
        for await (const batch of pool.parse(ws.root, [FILE, '.incidents/INC-023.yaml'], {})) out.push(...batch);
        return out;
      });
      assert.deepEqual(parsed.find((p) => p.file === FILE)!.diagnostics.map(formatDiagnostic), [TOO_LARGE]);
      assert.ok(parsed.find((p) => p.file === '.incidents/INC-023.yaml')!.record, 'other files still parse');
    } finally {
      await pool.dispose();
    }
  });

  it('the edit path (CLI, MCP) refuses it unread; the load cache fallback is bounded', async () => {
    await withinMemory(200, async () => {
      await assert.rejects(
        editRecordFile(ws.root, FILE, () => []),
        (err: Error) => err instanceof RecordEditRefused && err.message === `${TOO_LARGE.replace('; skipped', '')}; skipped; nothing was written`,
      );
      assert.throws(() => new NodeFileAccess(ws.root).readTextSync(FILE), /is 2147483648 bytes, above the 1000000-byte limit/);
    });
  });

  it('bounded reads: a file within the limit is read exactly, one over it only up to the limit', async () => {
    const small = ws.write('tmp/small.txt', 'héllo\n'.repeat(1000));
    assert.deepEqual(await readTextUpTo(small, 1_000_000), { text: 'héllo\n'.repeat(1000) });
    assert.deepEqual(readTextUpToSync(small, 1_000_000), { text: 'héllo\n'.repeat(1000) });
    assert.deepEqual(await readTextUpTo(small, 100), { tooLarge: 7000 });
  });

  it('CLI lint (real process) names the file and its size', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'lint'], { cwd: ws.root, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stdout.split('\n').includes(TOO_LARGE), r.stdout);
  });
});
