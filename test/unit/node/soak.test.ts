/**
 * Issue 29's soak: 10,000 edits and 100 reloads in one process through the
 * one record workspace (test/support/soak.ts), at a workspace size that fits
 * CI: the heap after is at most 1.1× the heap before, and no watcher, index
 * listener or handle is left behind.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soak } from '../../support/soak';
import { TempWorkspace } from '../../support/workspace';

describe('soak (node): edits and reloads in one process leave nothing behind', () => {
  it('10,000 edits and 100 reloads: heap after ≤ 1.1× before, no watcher, listener or handle left', async function () {
    this.timeout(300_000);
    const ws = new TempWorkspace(true);
    const files = Array.from({ length: 20 }, (_, i) => {
      const id = `INC-${String(100 + i)}`;
      const text = `id: ${id}\ntitle: soak ${i}\nstatus: resolved\npriority: P3\nstart: 2026-02-0${(i % 9) + 1}T10:00:00Z\nresolution: 2026-02-10T10:00:00Z\ntimeline:\n  - at: 2026-02-0${(i % 9) + 1}T10:05:00Z\n    kind: event\n    milestone: detected\n    text: Alert.\nlinks:\n  - path: src/soak${i}.ts\n`;
      return { path: `.incidents/${id}.yaml`, text: ws.write(`.incidents/${id}.yaml`, text) && text };
    });
    const r = await soak(ws.root, files, { edits: 10_000, reloads: 100, cache: { dir: mkdtempSync(join(tmpdir(), 'incident-lens-soak-')), version: 'soak' } });
    assert.equal(r.openWatchers, 0, 'watchers left open');
    assert.equal(r.indexListeners, 0, 'index listeners left behind');
    assert.ok(r.handlesAfter <= r.handlesBefore, `handles: ${r.handlesBefore} before, ${r.handlesAfter} after`);
    assert.ok(r.heapAfter <= r.heapBefore * 1.1, `heap: ${(r.heapBefore / 1e6).toFixed(1)} MB before, ${(r.heapAfter / 1e6).toFixed(1)} MB after`);
  });
});
