/**
 * The scan behind the first CodeLens of a cold start (issue 29): every record
 * file read once, without parsing, to find the few that may link the opened
 * file (core/links/mayLink.ts) and the id each gives plainly, so the records
 * an action names can be found too. Runs in the parse workers, or here for a
 * small folder.
 */
import { join } from 'node:path';
import { linkRuns, mayLinkQuestion, type LinkRuns } from '../core/links/mayLink';
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { blobOid } from './git/blobOid';

export interface ScanResult {
  /** 1 where the file may link a target (or could not be judged), 0 where it cannot. */
  readonly may: Uint8Array;
  /** The record's id as its text gives it on one top-level line, upper-cased; null where it does not say plainly. */
  readonly ids: Array<string | null>;
  /** An action record's incident as its one top-level `incident:` line gives it plainly (as written); null where not. */
  readonly incidents: Array<string | null>;
  /** Asked for with `summarize`: per path, what a digest keeps of it (scanDigest.ts); null where it could not be read. */
  readonly summaries?: Array<ScanSummary | null>;
}

/** A file as the scan saw it: its identity when read, and what the scan reads of its text (core/links/mayLink.ts's linkRuns). */
export interface ScanSummary extends LinkRuns {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  /** Past the size limit: never read (it links nothing, and says no id). */
  readonly tooLarge: boolean;
  /** git's blob id of the bytes read ('' when too large): a fresh checkout's clean file is known by it (git/cleanBlobs.ts). */
  readonly oid: string;
}

const KEY_LINE = { id: /^["']?id["']?[ \t]*:/gm, incident: /^["']?incident["']?[ \t]*:/gm } as const;
const PLAIN_LINE = { id: /^id:[ \t]*([A-Za-z0-9._-]+)[ \t]*(?:#.*)?$/m, incident: /^incident:[ \t]*([A-Za-z0-9._-]+)[ \t]*(?:#.*)?$/m } as const;

/** The value a record's text gives on its one top-level `key:` line, as written; null when there is no such single plain line. */
export function plainField(text: string, key: keyof typeof KEY_LINE): string | null {
  const lines = text.match(KEY_LINE[key]);
  if (lines?.length !== 1) return null;
  return PLAIN_LINE[key].exec(text)?.[1] ?? null;
}

/** The id a record's text gives on its one top-level `id:` line, upper-cased; null when there is no such single plain line. */
export function plainId(text: string): string | null {
  return plainField(text, 'id')?.toUpperCase() ?? null;
}

let buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The file's text when it is at most `maxBytes` long (as readTextUpToSync), read into one buffer kept for the
 * whole scan: no stat and no allocation per file (the scan reads 16,512 files at 10,000 incidents).
 */
export function readForScan(abs: string, maxBytes: number, identity?: (stats: Stats) => void, blob?: (oid: string) => void): string | undefined {
  const fd = openSync(abs, 'r');
  try {
    // Taken before the read: a file written during it gets a new identity, so a digest never keeps old text under it.
    identity?.(fstatSync(fd));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) return undefined;
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 4, maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, total);
      if (!n) break;
      total += n;
    }
    if (total > maxBytes) return undefined;
    blob?.(blobOid(buffer, total));
    return buffer.toString('utf8', 0, total);
  } finally {
    closeSync(fd);
  }
}

export function scanJob(root: string, paths: readonly string[], targets: readonly string[], maxBytes: number, summarize = false): ScanResult {
  const may = new Uint8Array(paths.length);
  const ids: Array<string | null> = [];
  const incidents: Array<string | null> = [];
  const summaries: Array<ScanSummary | null> = [];
  const mayLink = mayLinkQuestion(targets);
  paths.forEach((path, i) => {
    let text: string | undefined;
    let stats: Stats | undefined;
    let oid = '';
    try {
      text = readForScan(join(root, ...path.split('/')), maxBytes, summarize ? (s) => (stats = s) : undefined, summarize ? (o) => (oid = o) : undefined);
    } catch {
      // gone since it was listed: it links nothing
    }
    // Over the size limit: never parsed, so it links nothing either.
    may[i] = text !== undefined && mayLink(text) ? 1 : 0;
    ids.push(text === undefined ? null : plainId(text));
    incidents.push(text === undefined ? null : plainField(text, 'incident'));
    if (summarize) {
      const { size, mtimeMs, ctimeMs } = stats ?? {};
      const runs = text === undefined ? { backslash: false, runs: '' } : linkRuns(text);
      summaries.push(stats ? { size: size!, mtimeMs: mtimeMs!, ctimeMs: ctimeMs!, tooLarge: text === undefined, oid, ...runs } : null);
    }
  });
  return summarize ? { may, ids, incidents, summaries } : { may, ids, incidents };
}
