import { createHash } from 'node:crypto';

/** git's blob id of these bytes (SHA-1 of "blob <length>\0" and the bytes): the key a cache entry keeps of its file. */
export function blobOid(bytes: Uint8Array | string, length = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length): string {
  const hash = createHash('sha1').update(`blob ${length}\0`);
  if (typeof bytes === 'string') hash.update(bytes, 'utf8');
  else hash.update(bytes.subarray(0, length));
  return hash.digest('hex');
}

/** Fewer touched files than this are read for their hash: cheaper than asking git (two processes, git/cleanBlobs.ts). */
export const GIT_MIN = 64;
