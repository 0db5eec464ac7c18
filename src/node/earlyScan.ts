/**
 * The scan behind the first CodeLens of a cold start (issue 29): every record
 * file read once, without parsing, to find the few that may link the opened
 * file (core/links/mayLink.ts) and the id each gives plainly, so the records
 * an action names can be found too. Runs in the parse workers, or here for a
 * small folder.
 */
import { join } from 'node:path';
import { mayLinkTo } from '../core/links/mayLink';
import { readTextUpToSync } from './boundedRead';

export interface ScanResult {
  /** 1 where the file may link a target (or could not be judged), 0 where it cannot. */
  readonly may: Uint8Array;
  /** The record's id as its text gives it on one top-level line, upper-cased; null where it does not say plainly. */
  readonly ids: Array<string | null>;
}

const ID_LINE = /^["']?id["']?[ \t]*:/gm;
const PLAIN_ID = /^id:[ \t]*([A-Za-z0-9._-]+)[ \t]*(?:#.*)?$/m;

/** The id a record's text gives on its one top-level `id:` line; null when there is no such single plain line. */
export function plainId(text: string): string | null {
  const lines = text.match(ID_LINE);
  if (lines?.length !== 1) return null;
  return PLAIN_ID.exec(text)?.[1]?.toUpperCase() ?? null;
}

export function scanJob(root: string, paths: readonly string[], targets: readonly string[], maxBytes: number): ScanResult {
  const may = new Uint8Array(paths.length);
  const ids: Array<string | null> = [];
  paths.forEach((path, i) => {
    let text: string | undefined;
    try {
      const read = readTextUpToSync(join(root, ...path.split('/')), maxBytes);
      if ('text' in read) text = read.text;
    } catch {
      // gone since it was listed: it links nothing
    }
    // Over the size limit: never parsed, so it links nothing either.
    may[i] = text !== undefined && mayLinkTo(text, targets) ? 1 : 0;
    ids.push(text === undefined ? null : plainId(text));
  });
  return { may, ids };
}
