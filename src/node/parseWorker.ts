/**
 * Worker thread: reads and parses record files with the same core parser as
 * the main thread, and posts the results back in batches: plain data, and
 * the incidents' full records as one transferred byte buffer (core/index/recordWire.ts).
 * Bundled as dist/parseWorker.js.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { readRecordHead } from '../core/records/recordHead';
import { DEFAULT_MAX_FILE_BYTES, parseRecordText, tooLargeRecord, type ParsedFile, type ParseOptions } from '../core/records/parseRecord';
import { readTextUpToSync, type BoundedText } from './boundedRead';
import { contentHash } from './loadCache';
import { toWire, type WireBatch } from '../core/index/recordWire';
import { scanJob, type ScanResult } from './earlyScan';
import { scanWithDigest, type DigestPlace } from './scanDigest';

export interface ParseJob {
  readonly id: number;
  readonly root: string;
  readonly paths: readonly string[];
  readonly options: ParseOptions;
  /** Only stat the files (size and mtime), no reading. */
  readonly statOnly?: boolean;
  /** Only read the files and say which may link these targets (core/links/mayLink.ts), with each one's id. */
  readonly scanFor?: readonly string[];
  /** With scanFor: also what a digest keeps of each file (earlyScan.ts's ScanSummary). */
  readonly summarize?: boolean;
  /** With scanFor: answer from this scan digest, read again what it no longer describes, and bring it up to date (scanDigest.ts). */
  readonly digest?: DigestPlace;
}

export interface ParseJobResult {
  readonly id: number;
  readonly batch: WireBatch;
  /** For a stat job: size, mtime per path (NaN where missing). */
  readonly stats?: Float64Array;
  readonly error?: string;
  /** For a scan job: per path, whether it may link a target, and its id where the text gives it plainly. */
  readonly scan?: ScanResult;
}

/** Synchronous stats here cost the main thread nothing: ~7 µs a file, in this thread. */
function statJob(job: ParseJob): Float64Array {
  const out = new Float64Array(job.paths.length * 2).fill(NaN);
  job.paths.forEach((path, i) => {
    try {
      const s = statSync(join(job.root, ...path.split('/')), { throwIfNoEntry: false });
      if (s) {
        out[i * 2] = s.size;
        out[i * 2 + 1] = s.mtimeMs;
      }
    } catch {
      // missing or unreadable: NaN
    }
  });
  return out;
}

parentPort?.on('message', (job: ParseJob) => {
  if (job.scanFor && job.digest) {
    // The digest's reads, stats and writes stay in this thread: on the extension host they would block it.
    const post = (scan?: ScanResult, error?: string) =>
      parentPort!.postMessage({ id: job.id, batch: { files: [], bodies: new Uint8Array(0) }, scan, error } satisfies ParseJobResult);
    scanWithDigest(job.digest, job.root, job.paths, job.scanFor, job.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES).then(
      (scan) => post(scan),
      (err: unknown) => post(undefined, String((err as Error).stack ?? err)),
    );
    return;
  }
  if (job.scanFor) {
    const scan = scanJob(job.root, job.paths, job.scanFor, job.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, job.summarize);
    parentPort!.postMessage({ id: job.id, batch: { files: [], bodies: new Uint8Array(0) }, scan } satisfies ParseJobResult);
    return;
  }
  if (job.statOnly) {
    const stats = statJob(job);
    parentPort!.postMessage({ id: job.id, batch: { files: [], bodies: new Uint8Array(0) }, stats } satisfies ParseJobResult, [stats.buffer as ArrayBuffer]);
    return;
  }
  void (async () => {
    const parsed: ParsedFile[] = [];
    try {
      for (const path of job.paths) {
        let read: BoundedText;
        try {
          // Over the size limit: reported from its size, never read whole.
          // Synchronous: this is a worker thread, and one awaited open/stat/read/close per file left it idle
          // half the time (a CPU profile of a cold risk at 10,000 records: 5.5 of 13.7 s idle, 3.6 s in those calls).
          read = readTextUpToSync(join(job.root, ...path.split('/')), job.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
        } catch {
          continue; // deleted since it was listed
        }
        parsed.push(
          'text' in read
            ? {
                ...((job.options.heads && readRecordHead(path, read.text, job.options)) || parseRecordText(path, read.text, job.options)),
                contentHash: contentHash(read.text),
              }
            : tooLargeRecord(path, read.tooLarge, job.options),
        );
      }
      const batch = toWire(parsed);
      parentPort!.postMessage({ id: job.id, batch } satisfies ParseJobResult, [batch.bodies.buffer as ArrayBuffer]);
    } catch (err) {
      parentPort!.postMessage({
        id: job.id,
        batch: { files: [], bodies: new Uint8Array(0) },
        error: String((err as Error).stack ?? err),
      } satisfies ParseJobResult);
    }
  })();
});
