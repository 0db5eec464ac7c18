import { promises as fs, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { FileAccess, FileStat } from '../core/index/fileAccess';
import { DEFAULT_MAX_FILE_BYTES } from '../core/records/parseRecord';
import { readTextUpTo, readTextUpToSync, type BoundedText } from './boundedRead';

/** FileAccess on the local disk, rooted at a workspace folder. */
export class NodeFileAccess implements FileAccess {
  constructor(readonly root: string) {}

  private abs(path: string): string {
    return nodePath.join(this.root, ...path.split('/'));
  }

  async readFile(path: string): Promise<string> {
    return fs.readFile(this.abs(path), 'utf8');
  }

  /** The text of a file at most `maxBytes` long; else its size, the file not read (see boundedRead.ts). */
  readTextUpTo(path: string, maxBytes: number): Promise<BoundedText> {
    return readTextUpTo(this.abs(path), maxBytes);
  }

  /** For the load cache's fallback, which must answer synchronously; a file over `maxBytes` is refused unread. */
  readTextSync(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
    const r = readTextUpToSync(this.abs(path), maxBytes);
    if ('tooLarge' in r) throw new Error(`${path} is ${r.tooLarge} bytes, above the ${maxBytes}-byte limit`);
    return r.text;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(this.abs(path));
      return { mtimeMs: s.mtimeMs, size: s.size };
    } catch {
      return undefined;
    }
  }

  /** Synchronous stats (a few µs each, against ~15 µs through the thread pool), yielding every ~8 ms. */
  async statMany(paths: readonly string[]): Promise<Array<FileStat | undefined>> {
    const out: Array<FileStat | undefined> = [];
    let slice = performance.now();
    for (const path of paths) {
      try {
        const s = statSync(this.abs(path), { throwIfNoEntry: false });
        out.push(s ? { mtimeMs: s.mtimeMs, size: s.size } : undefined);
      } catch {
        out.push(undefined);
      }
      if (performance.now() - slice > 8) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
    return out;
  }

  /**
   * Reads directories a few hundred entries at a time (a records folder may
   * hold 10,000 files: one readdir of it costs ~25 ms of main-thread work in
   * one piece), so the event loop gets turns between pieces.
   */
  async listFiles(dir: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let handle;
      try {
        handle = await fs.opendir(this.abs(rel), { bufferSize: 256 });
      } catch {
        return;
      }
      const subdirs: string[] = [];
      for await (const e of handle) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) subdirs.push(child);
        else if (e.isFile()) out.push(child);
      }
      for (const sub of subdirs) await walk(sub);
    };
    await walk(dir.replace(/\/+$/, ''));
    return out.sort();
  }
}
