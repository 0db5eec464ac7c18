/**
 * The soak of issue 29: many edits and reloads in one process, through the
 * one record workspace (src/node/recordWorkspace.ts) with a real fs.watch on
 * each records folder as its watch port. Reports the heap before and after
 * (after a full collection) and what is left behind: watchers, index
 * listeners, the process's active handles. `npm test` runs it at a size that
 * fits CI; the benchmark at 10,000 edits.
 */
import { watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RecordWorkspace, type CacheSettings } from '../../src/node/recordWorkspace';
import { loadedRecordCount } from '../../src/core/records/lazyIncident';

export interface SoakResult {
  readonly heapBefore: number;
  readonly heapAfter: number;
  /** Heap growth from the measurement before to after, per edit made in between (bytes). */
  readonly bytesPerEdit: number;
  /** Full records held in memory (the most recently opened, records/lazyIncident.ts) before and after: nothing opens one here. */
  readonly loadedBefore: number;
  readonly loadedAfter: number;
  readonly openWatchers: number;
  readonly indexListeners: number;
  readonly handlesBefore: number;
  readonly handlesAfter: number;
  readonly edits: number;
  readonly reloads: number;
}

/** A full garbage collection, also without --expose-gc (mocha). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    collect();
  }
  return process.memoryUsage().heapUsed;
}

function activeHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r !== 'Timeout' && r !== 'TTYWrap').length;
}

function listeners(ws: RecordWorkspace): number {
  return ws.indexes.reduce((n, i) => n + (i as unknown as { listeners: Set<unknown> }).listeners.size, 0);
}

/**
 * `files` record paths (relative to root) with their texts; each edit rewrites
 * one record's title on disk and refreshes it, as a watcher would; every
 * `edits / reloads` edits the workspace is closed and opened again (its
 * watchers and listeners disposed, the cache read).
 */
export async function soak(
  root: string,
  files: ReadonlyArray<{ path: string; text: string }>,
  options: { edits: number; reloads: number; cache?: CacheSettings },
): Promise<SoakResult> {
  let live = 0;
  const open = () =>
    RecordWorkspace.open(root, {
      folder: '.incidents',
      now: Date.now,
      withSources: false,
      cache: options.cache,
      watch: (folder) => {
        const watcher = watch(join(folder.root, folder.index.folder), () => undefined);
        const unsubscribe = folder.index.onDidChange(() => undefined);
        live++;
        return {
          dispose: () => {
            watcher.close();
            unsubscribe();
            live--;
          },
        };
      },
    });
  // Warm up once (code compiled, the pool started and stopped), then measure from a settled state.
  (await open()).dispose();
  const handlesBefore = activeHandles();
  let ws = await open();
  await ws.settled();
  // Measured after the first cycles: what a process fills once (compiled code, the parser's tables) is full by
  // then; growth after it is a leak. (The 500 most recently opened full records stay as they are: nothing here opens one.)
  let heapBefore = 0;
  // Measured from the fifth cycle: by then the code the cycle runs is compiled and optimised (its growth before is not a leak).
  const warmCycles = Math.min(5, Math.max(1, options.reloads - 1));
  let editsBefore = 0;
  let loadedBefore = 0;
  const every = Math.max(1, Math.floor(options.edits / options.reloads));
  for (let e = 0; e < options.edits; e++) {
    const f = files[e % files.length]!;
    writeFileSync(join(root, f.path), f.text.replace(/^title: .*$/m, `title: edit ${e}`));
    await ws.own.index.refreshFile(f.path);
    if ((e + 1) % every === 0) {
      await ws.settled();
      ws.dispose();
      ws = await open();
      if (!heapBefore && (e + 1) / every >= warmCycles) {
        heapBefore = await settledHeap();
        editsBefore = e + 1;
        loadedBefore = loadedRecordCount();
      }
    }
  }
  // Every record back as it was; the last workspace still open while measuring, as a long-lived process holds one.
  for (const f of files) writeFileSync(join(root, f.path), f.text);
  await ws.settled();
  ws.dispose();
  ws = await open();
  await ws.settled();
  const indexListeners = listeners(ws) - live;
  const heapAfter = await settledHeap();
  const loadedAfter = loadedRecordCount();
  ws.dispose();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    heapBefore,
    heapAfter,
    bytesPerEdit: (heapAfter - heapBefore) / Math.max(1, options.edits - editsBefore),
    loadedBefore,
    loadedAfter,
    openWatchers: live,
    indexListeners,
    handlesBefore,
    handlesAfter: activeHandles(),
    edits: options.edits,
    reloads: options.reloads,
  };
}
