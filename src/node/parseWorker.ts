/**
 * Worker thread: reads and parses record files with the same core parser as
 * the main thread, and posts the results back in batches: plain data, and
 * the incidents' full records as one transferred byte buffer (core/wire.ts).
 * Bundled as dist/parseWorker.js.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { parseRecordText, type ParsedFile, type ParseOptions } from '../core/parse';
import { contentHash } from './loadCache';
import { toWire, type WireBatch } from '../core/wire';

export interface ParseJob {
  readonly id: number;
  readonly root: string;
  readonly paths: readonly string[];
  readonly options: ParseOptions;
}

export interface ParseJobResult {
  readonly id: number;
  readonly batch: WireBatch;
  readonly error?: string;
}

parentPort?.on('message', (job: ParseJob) => {
  void (async () => {
    const parsed: ParsedFile[] = [];
    try {
      for (const path of job.paths) {
        let text: string;
        try {
          text = await readFile(join(job.root, ...path.split('/')), 'utf8');
        } catch {
          continue; // deleted since it was listed
        }
        parsed.push({ ...parseRecordText(path, text, job.options), contentHash: contentHash(text) });
      }
      const batch = toWire(parsed);
      parentPort!.postMessage({ id: job.id, batch } satisfies ParseJobResult, [batch.bodies.buffer as ArrayBuffer]);
    } catch (err) {
      parentPort!.postMessage({ id: job.id, batch: { files: [], bodies: new Uint8Array(0) }, error: String((err as Error).stack ?? err) } satisfies ParseJobResult);
    }
  })();
});
