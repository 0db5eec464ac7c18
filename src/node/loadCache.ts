/**
 * A persistent cache of parsed record files, for warm starts: one per
 * records folder, in a directory the host owns (the extension's workspace
 * storage, or a CLI cache folder). An entry is trusted when the file's
 * identity on disk (size and mtime) is unchanged, else when its content hash
 * is; the cache is versioned by the host's version and the parse options.
 * Parsed files are stored in chunks (v8 serialization) so that reading them
 * back never blocks the event loop for long. Any damage to the cache is a
 * miss, never an error.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { CacheKey, RecordCache } from '../core/index';
import type { ParsedFile, ParseOptions } from '../core/parse';

const FORMAT = 1;
const CHUNK = 256;

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

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class LoadCache implements RecordCache {
  private manifest?: Manifest;

  constructor(
    private readonly dir: string,
    /** Host version: a new version never trusts an older cache. */
    private readonly version = 'dev',
    /** Reads a record file's text (for the content check), relative path in. */
    private readonly readText?: (path: string) => Promise<string>,
  ) {}

  private async readManifest(options: ParseOptions): Promise<Manifest> {
    const fresh: Manifest = { format: FORMAT, version: this.version, options: JSON.stringify(options), entries: {} };
    try {
      const m = JSON.parse(await fs.readFile(join(this.dir, 'manifest.json'), 'utf8')) as Manifest;
      return m.format === FORMAT && m.version === this.version && m.options === fresh.options ? m : fresh;
    } catch {
      return fresh;
    }
  }

  async lookup(files: ReadonlyArray<{ path: string; key: CacheKey }>, options: ParseOptions): Promise<Map<string, ParsedFile>> {
    const manifest = (this.manifest = await this.readManifest(options));
    const wanted = new Map<string, Map<number, string>>();
    for (const { path, key } of files) {
      const e = manifest.entries[path];
      if (!e) continue;
      let ok = e.size === key.size && e.mtimeMs === key.mtimeMs;
      if (!ok && this.readText) {
        // Touched but maybe not changed (checkout, touch): trust the content.
        const text = await this.readText(path).catch(() => undefined);
        ok = text !== undefined && contentHash(text) === e.hash;
        if (ok) Object.assign(e, key);
      }
      if (!ok) continue;
      const inChunk = wanted.get(e.chunk) ?? new Map<number, string>();
      inChunk.set(e.at, path);
      wanted.set(e.chunk, inChunk);
    }
    const out = new Map<string, ParsedFile>();
    for (const [chunk, positions] of wanted) {
      let parsed: ParsedFile[];
      try {
        parsed = deserialize(await fs.readFile(join(this.dir, chunk))) as ParsedFile[];
      } catch {
        continue; // a damaged chunk is a miss
      }
      for (const [at, path] of positions) if (parsed[at]?.file === path) out.set(path, parsed[at]!);
      await yieldToLoop();
    }
    // Entries of files that no longer exist are forgotten at the next store.
    const present = new Set(files.map((f) => f.path));
    for (const path of Object.keys(manifest.entries)) if (!present.has(path)) delete manifest.entries[path];
    return out;
  }

  async store(files: ReadonlyArray<{ path: string; key: CacheKey; parsed: ParsedFile }>, options: ParseOptions): Promise<void> {
    const manifest = this.manifest ?? (await this.readManifest(options));
    await fs.mkdir(this.dir, { recursive: true });
    const stamp = `${Date.now().toString(36)}-${process.pid}`;
    for (let i = 0; i < files.length; i += CHUNK) {
      const slice = files.slice(i, i + CHUNK);
      const chunk = `chunk-${stamp}-${i / CHUNK}.bin`;
      await fs.writeFile(join(this.dir, chunk), serialize(slice.map((f) => f.parsed)));
      for (const [at, f] of slice.entries()) {
        const hash = f.parsed.contentHash ?? (this.readText ? contentHash(await this.readText(f.path).catch(() => '')) : '');
        manifest.entries[f.path] = { size: f.key.size, mtimeMs: f.key.mtimeMs, hash, chunk, at };
      }
      await yieldToLoop();
    }
    const tmp = join(this.dir, `manifest.${stamp}.tmp`);
    await fs.writeFile(tmp, JSON.stringify(manifest));
    await fs.rename(tmp, join(this.dir, 'manifest.json'));
    // Chunks nothing points at any more.
    const used = new Set(Object.values(manifest.entries).map((e) => e.chunk));
    for (const name of await fs.readdir(this.dir)) if (name.startsWith('chunk-') && !used.has(name)) await fs.rm(join(this.dir, name), { force: true });
    this.manifest = manifest;
  }
}
