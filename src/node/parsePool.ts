/**
 * A small pool of worker threads that parse record files off the main thread
 * (the extension host's event loop must stay free). Jobs of ~64 files go to
 * whichever worker is idle; results come back per job, in job order. Workers
 * start on first use and stop after a minute idle. Where workers cannot start
 * (no worker file, a host without worker_threads) `parse` fails and callers
 * fall back to main-thread parsing in slices.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParsedFile, ParseOptions } from '../core/records/parseRecord';
import type { ParseJob, ParseJobResult } from './parseWorker';
import type { ScanResult } from './earlyScan';
import type { DigestPlace } from './scanDigest';
import { fromWire } from '../core/index/recordWire';

const JOB_SIZE = 64;
const IDLE_STOP_MS = 60_000;

/** A process that only waits for the records (the command line, the MCP server): a worker per core, up to 4. */
export function commandLinePoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores));
}

/**
 * The extension host: one core left to its own thread, which runs the editor's extensions, assembles what the
 * workers send and collects its garbage. With a worker on every core of a 2-core machine, the host's garbage
 * collection pauses waited for a core and stretched past 50 ms during a cold load (scripts/bench/coldLoad.ts).
 */
export function hostPoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

interface Pending {
  readonly job: ParseJob;
  readonly first?: boolean;
  resolve(r: ParseJobResult): void;
  reject(e: Error): void;
}

export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private nextId = 1;
  private idleTimer?: ReturnType<typeof setTimeout>;
  readonly size: number;

  constructor(
    /** dist/parseWorker.js (bundle) or out/src/node/parseWorker.js (tests). */
    private readonly workerFile = join(__dirname, 'parseWorker.js'),
    size = commandLinePoolSize(),
    /** Workers while an urgent job waits (`first`: the scan behind the first CodeLens); back to `size` after. */
    private readonly urgentSize = size,
  ) {
    this.size = size;
  }

  /** Workers running or idle now. */
  get workerCount(): number {
    return this.workers.length;
  }

  get available(): boolean {
    return existsSync(this.workerFile);
  }

  /** Parses the files (paths relative to root) in jobs; yields each job's results as they arrive, in order. */
  async *parse(root: string, paths: readonly string[], options: ParseOptions): AsyncIterable<ParsedFile[]> {
    const jobs: Array<Promise<ParsedFile[]>> = [];
    for (let i = 0; i < paths.length; i += JOB_SIZE)
      jobs.push(this.submit({ id: this.nextId++, root, paths: paths.slice(i, i + JOB_SIZE), options }).then((r) => fromWire(r.batch)));
    for (const job of jobs) yield await job;
  }

  /** Size and mtime of each file (undefined where missing), statted in the workers. */
  async stat(root: string, paths: readonly string[]): Promise<Array<{ size: number; mtimeMs: number } | undefined>> {
    const size = Math.ceil(paths.length / this.size / 4) || 1;
    const jobs: Array<Promise<ParseJobResult>> = [];
    for (let i = 0; i < paths.length; i += size)
      jobs.push(this.submit({ id: this.nextId++, root, paths: paths.slice(i, i + size), options: {}, statOnly: true }));
    const out: Array<{ size: number; mtimeMs: number } | undefined> = [];
    for (const job of jobs) {
      const stats = (await job).stats!;
      for (let j = 0; j < stats.length; j += 2) out.push(Number.isNaN(stats[j]!) ? undefined : { size: stats[j]!, mtimeMs: stats[j + 1]! });
    }
    return out;
  }

  /** Which files may link the targets, and their ids (earlyScan.ts), read in the workers ahead of any job queued later. */
  async scan(root: string, paths: readonly string[], targets: readonly string[], maxFileBytes?: number, first = false, summarize = false): Promise<ScanResult> {
    const size = Math.ceil(paths.length / (first ? Math.max(this.size, this.urgentSize) : this.size) / 4) || 1;
    const jobs: Array<Promise<ParseJobResult>> = [];
    for (let i = 0; i < paths.length; i += size)
      jobs.push(this.submit({ id: this.nextId++, root, paths: paths.slice(i, i + size), options: { maxFileBytes }, scanFor: targets, summarize }, first));
    const may = new Uint8Array(paths.length);
    const ids: Array<string | null> = [];
    const incidents: Array<string | null> = [];
    const summaries: NonNullable<ScanResult['summaries']> = [];
    let at = 0;
    for (const job of jobs) {
      const part = (await job).scan!;
      may.set(part.may, at);
      at += part.may.length;
      ids.push(...part.ids);
      incidents.push(...part.incidents);
      if (part.summaries) for (const s of part.summaries) summaries.push(s);
    }
    return summarize ? { may, ids, incidents, summaries } : { may, ids, incidents };
  }

  /**
   * The scan answered from a digest (scanDigest.ts), in one worker: its stats, the digest's parse and the question
   * over its rows cost the caller's thread nothing; the files it no longer describes are read in that worker.
   */
  async scanWithDigest(root: string, paths: readonly string[], targets: readonly string[], digest: DigestPlace, maxFileBytes?: number): Promise<ScanResult> {
    const result = await this.submit({ id: this.nextId++, root, paths, options: { maxFileBytes }, scanFor: targets, digest }, true);
    if (!result.scan) throw new Error(result.error ?? 'the digest scan gave no answer');
    return result.scan;
  }

  /** `first`: ahead of the jobs queued without it (in the order such jobs came), as the scan behind the first CodeLens is. */
  private submit(job: ParseJob, first = false): Promise<ParseJobResult> {
    this.start(first);
    return new Promise((resolve, reject) => {
      if (first) this.queue.splice(this.queue.filter((p) => p.first).length, 0, { job, resolve, reject, first });
      else this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Starts the workers now (a command that will scan soon boots them while it lists the folder). */
  warm(): void {
    if (this.available) this.start(true);
  }

  private start(urgent = false): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    while (this.workers.length < (urgent ? Math.max(this.size, this.urgentSize) : this.size)) {
      const worker = new Worker(this.workerFile);
      worker.unref();
      worker.on('message', (result: ParseJobResult) => this.finished(worker, result));
      worker.on('error', (err) => this.failed(worker, err));
      worker.on('exit', () => this.failed(worker, new Error('parse worker exited')));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const next = this.queue.shift()!;
      this.running.set(worker, next);
      worker.postMessage(next.job);
    }
    if (!this.queue.length && this.running.size === 0 && !this.idleTimer && this.workers.length) {
      this.idleTimer = setTimeout(() => void this.dispose(), IDLE_STOP_MS);
      this.idleTimer.unref?.();
    }
  }

  private finished(worker: Worker, result: ParseJobResult): void {
    const pending = this.running.get(worker);
    this.running.delete(worker);
    // Grown for urgent jobs: back to its size once none waits.
    if (this.workers.length > this.size && !this.queue.some((p) => p.first)) this.retire(worker);
    else this.idle.push(worker);
    if (pending) {
      if (result.error) pending.reject(new Error(result.error));
      else pending.resolve(result);
    }
    this.pump();
  }

  private failed(worker: Worker, err: Error): void {
    const pending = this.running.get(worker);
    this.running.delete(worker);
    const i = this.workers.indexOf(worker);
    if (i >= 0) this.workers.splice(i, 1);
    const j = this.idle.indexOf(worker);
    if (j >= 0) this.idle.splice(j, 1);
    pending?.reject(err);
    if (!this.workers.length) for (const p of this.queue.splice(0)) p.reject(err);
  }

  private retire(worker: Worker): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
    worker.removeAllListeners('exit');
    void worker.terminate();
  }

  async dispose(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const workers = this.workers.splice(0);
    this.idle.length = 0;
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
