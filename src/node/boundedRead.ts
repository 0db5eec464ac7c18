/**
 * Reading a record file with its size limit applied before the read, not
 * after: a committed 2 GB "record" is stat-ed and refused, never loaded into
 * memory (on the extension host or in a worker). The read itself is bounded
 * too, so a file that grows between the stat and the read is still cut off.
 */
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';

export type BoundedText = { readonly text: string } | { readonly tooLarge: number };

const CHUNK = 64 * 1024;

/** The file's text when it is at most `maxBytes` long; else its size, the file not read. */
export async function readTextUpTo(abs: string, maxBytes: number): Promise<BoundedText> {
  const handle = await fs.open(abs, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { tooLarge: size };
    const parts: Buffer[] = [];
    let total = 0;
    // The stat's size first (one read for nearly every file), then whatever the file grew by, up to one byte past the limit.
    let want = size + 1;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, total);
      if (!bytesRead) break;
      parts.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: total };
      want = CHUNK;
    }
    return { text: Buffer.concat(parts, total).toString('utf8') };
  } finally {
    await handle.close();
  }
}

/** readTextUpTo, synchronously (the load cache's fallback must answer at once). */
export function readTextUpToSync(abs: string, maxBytes: number): BoundedText {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return { tooLarge: size };
    const parts: Buffer[] = [];
    let total = 0;
    let want = size + 1;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const bytesRead = readSync(fd, buf, 0, buf.length, total);
      if (!bytesRead) break;
      parts.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: total };
      want = CHUNK;
    }
    return { text: Buffer.concat(parts, total).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}
