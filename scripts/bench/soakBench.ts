/**
 * The soak at full size for npm run bench -- --soak: 10,000 edits and 100
 * reloads (each a warm start from the cache) in one process on the generated
 * workspace, through the one record workspace with a real fs.watch as its
 * watch port (test/support/soak.ts; npm test runs it on 20 records).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soak } from '../../test/support/soak';

export interface SoakRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly note?: string;
}

export async function soakFigures(root: string, edits = 10_000, reloads = 100): Promise<SoakRow[]> {
  const files = Array.from({ length: 20 }, (_, i) => {
    const path = `.incidents/INC-${String(i + 1).padStart(3, '0')}.yaml`;
    return { path, text: readFileSync(join(root, path), 'utf8') };
  });
  const t0 = performance.now();
  const r = await soak(root, files, { edits, reloads, cache: { dir: mkdtempSync(join(tmpdir(), 'incident-lens-bench-soak-')), version: 'soak' } });
  const ms = performance.now() - t0;
  return [
    {
      name: `soak: ${edits} edits and ${reloads} reloads in one process, heap after / before`,
      value: r.heapAfter / r.heapBefore,
      unit: '×',
      target: '≤ 1.1',
      note: `${(r.heapBefore / 1e6).toFixed(1)} → ${(r.heapAfter / 1e6).toFixed(1)} MB, ${(ms / 1000).toFixed(0)} s`,
    },
    { name: 'soak: watchers and index listeners left behind', value: r.openWatchers + r.indexListeners, unit: '', target: '0' },
    {
      name: 'soak: handles after / before',
      value: r.handlesAfter - r.handlesBefore,
      unit: 'more',
      target: '≤ 0',
      note: `${r.handlesBefore} before, ${r.handlesAfter} after`,
    },
  ];
}
