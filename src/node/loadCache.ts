/**
 * A persistent cache of parsed record files, for warm starts: one per
 * records folder, in a directory the host owns (the extension's workspace
 * storage, or a CLI cache folder). An entry is trusted when the file's
 * identity on disk (size and mtime) is unchanged, else when its content hash
 * is; the cache is versioned by the host's version and the parse options.
 * Parsed files are stored in chunks of 128 (a JSON header of the files'
 * data, then the incidents' full records as UTF-8 JSON, core/index/recordWire.ts), so
 * that reading them back never blocks the event loop for long; incidents
 * come back as heads whose full records stay bytes until first used. Any
 * damage to the cache is a miss, never an error.
 */
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheKey, RecordCache } from '../core/index/incidentIndex';
import { DEFAULT_MAX_FILE_BYTES, parseRecordText, type ParsedFile, type ParseOptions } from '../core/records/parseRecord';
import type { IncidentRecord } from '../core/records/schema';
import { fromWireFile, toWire, type Bodies, type WireFile } from '../core/index/recordWire';
import { blobOid, GIT_MIN } from './git/blobOid';

// 7: each incident's similarity words, and a batch's words before its records' JSON (recordWire.ts).
// 8: content hashes are git blob ids, so a fresh checkout's clean files are known without reading them.
const FORMAT = 8;
const CHUNK = 128;

interface Entry {
  size: number;
  mtimeMs: number;
  hash: string;
  chunk: string;
  at: number;
}

interface Manifest {
  format: number;
  version: string;
  options: string;
  entries: Record<string, Entry>;
}

/** A record file's content hash: git's blob id of its text as UTF-8 (git/blobOid.ts), which git's index also holds. */
export function contentHash(text: string): string {
  return blobOid(text);
}

/** The blob ids git holds for clean files of the folder (git/cleanBlobs.ts), paths as the cache's; undefined: ask nothing. */
export type CleanBlobs = () => Promise<ReadonlyMap<string, string> | undefined>;

/**
 * [header length, u32 LE][header: JSON of the files, ASCII only][bodies].
 * The header escapes every non-ASCII character so that it is read back as
 * Latin-1, a plain copy, instead of decoded as UTF-8 (several times slower).
 */
function encodeChunk(parsed: ParsedFile[]): Buffer {
  const batch = toWire(parsed);
  const ascii = JSON.stringify(batch.files).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const header = Buffer.from(ascii, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  return Buffer.concat([length, header, batch.bodies]);
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function readAt(file: string, into: Buffer, length: number, position: number): void {
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, into, 0, length, position) !== length) throw new Error('short chunk');
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads incidents' words (search, similarity) from chunks without their
 * records. Building the search index after a warm start asks for every
 * incident's words; reading the chunks' whole bodies for that put ~62 MB of
 * new buffers on V8's external memory at 10,000 records, which V8 answered
 * with a full garbage collection of 50-80 ms on the extension host's thread.
 * Two buffers, reused from call to call: a chunk's whole words region once
 * two reads in a row come from that chunk (the index asks in id order, which
 * is mostly the chunks' order), else only the range asked for.
 */
class WordsReader {
  private region = Buffer.alloc(0);
  private held?: { file: string; length: number };
  private one = Buffer.alloc(0);
  private last?: string;

  read(file: string, at: number, regionLength: number, start: number, end: number): Uint8Array {
    if (!(start >= 0 && start <= end && end <= regionLength)) throw new Error('damaged chunk header');
    if (this.held?.file === file && end <= this.held.length) return this.region.subarray(start, end);
    if (this.last === file) {
      if (this.region.length < regionLength) this.region = Buffer.allocUnsafe(Math.max(regionLength, this.region.length * 2));
      this.held = undefined;
      readAt(file, this.region, regionLength, at);
      this.held = { file, length: regionLength };
      return this.region.subarray(start, end);
    }
    this.last = file;
    if (this.one.length < end - start) this.one = Buffer.allocUnsafe(Math.max(end - start, this.one.length * 2, 4096));
    readAt(file, this.one, end - start, at + start);
    return this.one.subarray(0, end - start);
  }
}

export class LoadCache implements RecordCache {
  private manifest?: Manifest;
  private options: ParseOptions = {};
  private readonly words = new WordsReader();

  constructor(
    private readonly dir: string,
    /** Host version: a new version never trusts an older cache. */
    private readonly version = 'dev',
    /** Reads a record file's text (for the content check), relative path in. */
    private readonly readText?: (path: string) => Promise<string>,
    /**
     * Reads a record file synchronously (local folders): when a chunk is gone
     * by the time a record is opened, the record is parsed from its file instead.
     */
    private readonly readTextSync?: (path: string, maxBytes?: number) => string,
    /** What git knows of the folder's files: touched files git holds as clean are matched by blob id, not read. */
    private readonly cleanBlobs?: CleanBlobs,
  ) {}

  private fallback(path: string): IncidentRecord | undefined {
    if (!this.readTextSync) return undefined;
    try {
      // Bounded: a record that grew past the limit since it was cached is not read whole.
      const parsed = parseRecordText(path, this.readTextSync(path, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES), this.options);
      return parsed.record?.kind === 'incident' ? parsed.record.record : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A chunk's header now, its bodies (the incidents' full records) on first
   * use: most records are never opened, and reading only headers makes a
   * warm start several times faster. Chunk files are never rewritten (new
   * names each store); if one is gone when a body is needed (another window
   * stored and cleaned up, the cache was deleted), the body cannot be read
   * and the caller reports it.
   */
  private readChunk(chunk: string): { files: WireFile[]; bodies: Bodies } {
    const file = join(this.dir, chunk);
    let headerEnd: number;
    let size: number;
    let header: Buffer;
    const fd = openSync(file, 'r');
    try {
      size = fstatSync(fd).size;
      const length = Buffer.alloc(4);
      if (readSync(fd, length, 0, 4, 0) !== 4) throw new Error('short chunk');
      headerEnd = 4 + length.readUInt32LE(0);
      header = Buffer.allocUnsafe(headerEnd - 4);
      if (readSync(fd, header, 0, header.length, 4) !== header.length) throw new Error('short chunk');
    } finally {
      closeSync(fd);
    }
    const files = JSON.parse(header.toString('latin1')) as WireFile[];
    // The incidents' words come first in the bodies (recordWire.ts): where they end.
    let wordsEnd = 0;
    for (const f of files) wordsEnd = Math.max(wordsEnd, f.incident?.body[4] ?? 0);
    wordsEnd = Math.min(wordsEnd, size - headerEnd);
    let bytes: Uint8Array | undefined;
    const unreadable = (err: unknown) =>
      new Error(`Incident Lens: the cached record could not be read (${(err as Error).message}); reload the window to read the records again`);
    const all = () => {
      if (bytes) return bytes;
      try {
        const buf = Buffer.allocUnsafe(size - headerEnd);
        readAt(file, buf, buf.length, headerEnd);
        bytes = buf;
      } catch (err) {
        throw unreadable(err);
      }
      return bytes;
    };
    const range = (start: number, end: number) => {
      if (bytes) return bytes.subarray(start, end);
      try {
        return this.words.read(file, headerEnd, wordsEnd, start, end);
      } catch (err) {
        throw unreadable(err);
      }
    };
    return { files, bodies: { all, range } };
  }

  private async readManifest(options: ParseOptions): Promise<Manifest> {
    // Head reads and full reads share the cache: an entry says which it is (WireFile.headsOnly).
    const fresh: Manifest = { format: FORMAT, version: this.version, options: JSON.stringify({ ...options, heads: undefined }), entries: {} };
    try {
      const m = JSON.parse(await fs.readFile(join(this.dir, 'manifest.json'), 'utf8')) as Manifest;
      return m.format === FORMAT && m.version === this.version && m.options === fresh.options ? m : fresh;
    } catch {
      return fresh;
    }
  }

  async lookup(paths: readonly string[], keys: Promise<ReadonlyMap<string, CacheKey>>, options: ParseOptions): Promise<Map<string, ParsedFile>> {
    this.options = options;
    const manifest = (this.manifest = await this.readManifest(options));
    // Read the headers of every chunk holding one of these files while the stats run;
    // which entries are still valid is decided once the stats are in.
    const chunks = new Set<string>();
    for (const path of paths) {
      const e = manifest.entries[path];
      if (e) chunks.add(e.chunk);
    }
    const read = new Map<string, { files: WireFile[]; bodies: Bodies }>();
    for (const chunk of chunks) {
      try {
        // A header is ~0.2 MB: read and parsed synchronously (a few ms), then the loop gets a turn.
        read.set(chunk, this.readChunk(chunk));
      } catch {
        // a damaged or missing chunk is a miss
      }
      await yieldToLoop();
    }
    const known = await keys;
    const sameContent = await this.checkContent(paths, manifest, known, options);
    // Re-keyed entries are written back at once, so the next start trusts them by identity again.
    if (sameContent.size) await this.writeManifest(manifest).catch(() => undefined);
    const out = new Map<string, ParsedFile>();
    let slice = performance.now();
    for (const path of paths) {
      if (performance.now() - slice > 8) {
        await yieldToLoop();
        slice = performance.now();
      }
      const e = manifest.entries[path];
      const key = known.get(path);
      const chunk = e && read.get(e.chunk);
      if (!e || !key || !chunk || chunk.files[e.at]?.file !== path) continue;
      // A head read has no diagnostics: it answers head reads only; a full read parses the file again.
      if (chunk.files[e.at]!.headsOnly && !options.heads) continue;
      const ok = (e.size === key.size && e.mtimeMs === key.mtimeMs) || sameContent.has(path);
      if (!ok) continue;
      try {
        out.set(
          path,
          fromWireFile(chunk.files[e.at]!, chunk.bodies, (p) => this.fallback(p)),
        );
      } catch {
        // a damaged entry is a miss
      }
    }
    // Entries of files that no longer exist are forgotten at the next store.
    const present = new Set(paths);
    for (const path of Object.keys(manifest.entries)) if (!present.has(path)) delete manifest.entries[path];
    return out;
  }

  /**
   * Files touched but maybe not changed (a checkout, a restored CI cache, touch):
   * those whose content hash is still the entry's, their entries re-keyed. Many
   * touched files are first matched against git's clean blob ids; the rest are read
   * 64 at a time (a fresh checkout of 10,000 records reads them all). A file
   * now over the size limit is not read for its hash: a miss, and the index
   * reports it from its size.
   */
  private async checkContent(paths: readonly string[], manifest: Manifest, known: ReadonlyMap<string, CacheKey>, options: ParseOptions): Promise<Set<string>> {
    const same = new Set<string>();
    const readText = this.readText;
    if (!readText) return same;
    const touched = paths.filter((path) => {
      const e = manifest.entries[path];
      const key = known.get(path);
      return e && key && !(e.size === key.size && e.mtimeMs === key.mtimeMs) && key.size <= (options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    });
    const clean = touched.length >= GIT_MIN && this.cleanBlobs ? await this.cleanBlobs().catch(() => undefined) : undefined;
    const toRead = touched.filter((path) => {
      const e = manifest.entries[path]!;
      const key = known.get(path)!;
      // Clean in git, its blob the entry's text, and the same size: that file, unread.
      if (clean?.get(path) !== e.hash || key.size !== e.size) return true;
      same.add(path);
      Object.assign(e, key);
      return false;
    });
    for (let i = 0; i < toRead.length; i += 64) {
      await Promise.all(
        toRead.slice(i, i + 64).map(async (path) => {
          const text = await readText(path).catch(() => undefined);
          const e = manifest.entries[path]!;
          if (text === undefined || contentHash(text) !== e.hash) return;
          same.add(path);
          Object.assign(e, known.get(path));
        }),
      );
    }
    return same;
  }

  /** Written beside and renamed over: a reader (another process) sees the old manifest or the new, never half of one. */
  private async writeManifest(manifest: Manifest): Promise<void> {
    const tmp = join(this.dir, `manifest.${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
    try {
      await fs.writeFile(tmp, JSON.stringify(manifest));
      await fs.rename(tmp, join(this.dir, 'manifest.json'));
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  async store(files: ReadonlyArray<{ path: string; key: CacheKey; parsed: ParsedFile }>, options: ParseOptions): Promise<void> {
    const manifest = this.manifest ?? (await this.readManifest(options));
    await fs.mkdir(this.dir, { recursive: true });
    const stamp = `${Date.now().toString(36)}-${process.pid}`;
    for (let i = 0; i < files.length; i += CHUNK) {
      const slice = files.slice(i, i + CHUNK);
      const chunk = `chunk-${stamp}-${i / CHUNK}.bin`;
      await fs.writeFile(join(this.dir, chunk), encodeChunk(slice.map((f) => f.parsed)));
      for (const [at, f] of slice.entries()) {
        // A file over the size limit is never read, not even for its hash.
        const small = f.key.size <= (options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
        const hash = f.parsed.contentHash ?? (this.readText && small ? contentHash(await this.readText(f.path).catch(() => '')) : '');
        manifest.entries[f.path] = { size: f.key.size, mtimeMs: f.key.mtimeMs, hash, chunk, at };
      }
      await yieldToLoop();
    }
    await this.writeManifest(manifest);
    // Chunks nothing points at any more.
    const used = new Set(Object.values(manifest.entries).map((e) => e.chunk));
    for (const name of await fs.readdir(this.dir)) if (name.startsWith('chunk-') && !used.has(name)) await fs.rm(join(this.dir, name), { force: true });
    this.manifest = manifest;
  }
}
