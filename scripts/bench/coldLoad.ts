/**
 * The extension's cold load for npm run bench (issue 29): what the editor
 * waits for with nothing cached. The index reads record heads first (links,
 * CodeLens, the tree, the status bar) and parses every record in full behind
 * them (IndexOptions.headsFirst, as src/extension/incidentWorkspace.ts opens
 * it), in a parse pool of the extension host's size (parsePool.ts's
 * hostPoolSize: one core left to the host's thread) or, for comparison, one
 * worker per core. The longest event-loop block and garbage-collection pause
 * cover both phases.
 */
import { performance } from 'node:perf_hooks';
import { IncidentIndex } from '../../src/core/index/incidentIndex';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import type { ParsePool } from '../../src/node/parsePool';
import { maxBlock } from './measure';

export interface ColdLoad {
  /** From the start to the heads being in (what lists, links and CodeLens answer from). */
  readonly headsMs: number;
  /** From the start to the full read behind them being in (Problems, search, similar incidents). */
  readonly fullMs: number;
  readonly blockedMs: number;
  readonly gcMs: number;
}

/** The figures, and the index (not kept with them: a run's figures must not keep its index alive). */
export async function coldLoad(root: string, pool: ParsePool): Promise<{ figures: ColdLoad; index: IncidentIndex }> {
  const t0 = performance.now();
  let headsMs = 0;
  const measured = await maxBlock(async () => {
    const index = new IncidentIndex(new NodeFileAccess(root), {
      checkLinkTargets: true,
      headsFirst: true,
      bulkParse: (paths, options) => pool.parse(root, paths, options),
      bulkStat: (paths) => pool.stat(root, paths),
    });
    await index.load();
    headsMs = performance.now() - t0;
    await index.fullRead;
    return index;
  });
  return { figures: { headsMs, fullMs: performance.now() - t0, blockedMs: measured.blockedMs, gcMs: measured.gcMs }, index: measured.value };
}

/**
 * One cold load as the extension (the host's pool), then one with a worker on every core, the garbage collected
 * before each. In a function of its own: a suspended async function can keep its last awaited results alive, and
 * the bench's heap figures must count only the index it keeps (the host's).
 */
export async function coldLoadPair(
  root: string,
  host: ParsePool,
  everyCore: ParsePool,
  collect: () => void,
): Promise<{ host: ColdLoad; everyCore: ColdLoad; index: IncidentIndex }> {
  collect();
  const { figures: hostFigures, index } = await coldLoad(root, host);
  collect();
  const everyFigures = (await coldLoad(root, everyCore)).figures;
  await everyCore.dispose();
  return { host: hostFigures, everyCore: everyFigures, index };
}
