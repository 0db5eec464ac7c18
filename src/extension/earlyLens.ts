/**
 * The first CodeLens of a cold start (issue 29): while a big folder loads,
 * the files open in editors are answered from a small index of only the
 * records that may link them (src/node/earlyLinks.ts: a scan in the workers,
 * ahead of the load's jobs, then a few records parsed), instead of after the
 * whole load (docs/performance.md has the figures). Dropped once the folder
 * has loaded.
 */
import * as vscode from 'vscode';
import type { IncidentIndex } from '../core/index/incidentIndex';
import { isRecordFile } from '../core/index/fileAccess';
import { normalizePath } from '../core/links/linkIndex';
import type { CacheSettings } from '../node/cacheDir';
import { earlyLinks, type EarlyLinks, type Scanner } from '../node/earlyLinks';
import { digestMatches, digestPlace } from '../node/scanDigest';
import { repoScope } from '../node/git/repoScope';
import type { ParsePool } from '../node/parsePool';
import type { LinkScope } from '../core/index/incidentIndex';
import type { Log } from './log';

/** What the early answer needs of a workspace folder's entry (incidentWorkspace.ts's FolderIndex). */
export interface EarlyFolder {
  readonly folder: vscode.WorkspaceFolder;
  readonly index: IncidentIndex;
  /** Before the first load is in: the records that may link the open files. */
  early?: EarlyLinks;
  /** Set once the first load is in (or failed): the early index is dropped. */
  loaded?: boolean;
}

/** Workspace-relative paths of the files open in editors inside this folder (records excluded: they link nothing). */
function openPaths(wf: vscode.WorkspaceFolder): string[] {
  const base = wf.uri.path.replace(/\/$/, '');
  const out = new Set<string>();
  for (const editor of vscode.window.visibleTextEditors) {
    const uri = editor.document.uri;
    if (uri.scheme !== wf.uri.scheme || !uri.path.startsWith(`${base}/`)) continue;
    const path = normalizePath(uri.path.slice(base.length + 1));
    if (!isRecordFile(path)) out.add(path);
  }
  return [...out];
}

/**
 * Starts the early answer for a local folder about to load, for the files open now and those opened while it
 * loads (the extension may activate before an editor shows); `changed` refreshes the views that show links.
 * `first`: the answer for the files open now (the load waits for it, at most EARLY_WAIT_MS: reading 10,000 records
 * beside it would slow it two to three times on two cores). Disposed once the folder has loaded.
 *
 * With the shared cache and a scan digest in it (written by a `risk`, pre-push or MCP run: scanDigest.ts), the scan
 * is answered from the digest in one worker, reading only the files it no longer describes.
 */
export function startEarlyLinks(
  folder: EarlyFolder,
  recordsFolder: string,
  maxFileBytes: number,
  loading: { readonly pool?: ParsePool; readonly cache?: CacheSettings },
  changed: () => void,
  log: Log,
): { readonly first: Promise<void>; dispose(): void } {
  const root = folder.folder.uri.fsPath;
  const pool = loading.pool;
  const digest = loading.cache && pool?.available ? digestPlace(loading.cache, root, recordsFolder) : undefined;
  // Only a digest of this build and limit: another would be read again whole, in one worker instead of all of them.
  const scanner: Scanner | undefined =
    digest && digestMatches(digest, maxFileBytes) ? (files, targets, max) => pool!.scanWithDigest(root, files, targets, digest, max) : undefined;
  const asked = new Set<string>();
  let scope: Promise<LinkScope | undefined> | undefined;
  const run = (): Promise<void> => {
    const fresh = openPaths(folder.folder).filter((p) => !asked.has(p));
    if (folder.loaded || !fresh.length || folder.folder.uri.scheme !== 'file') return Promise.resolve();
    for (const p of fresh) asked.add(p);
    const paths = [...asked];
    // git runs only in a trusted workspace (a repository's config can make git run programs), as for the full load.
    scope ??= vscode.workspace.isTrusted ? repoScope(root) : Promise.resolve(undefined);
    const started = performance.now();
    return (async () => {
      const early = await earlyLinks(root, { folder: recordsFolder, maxFileBytes }, paths, await scope, pool, { scanner });
      if (!early) return;
      const ms = (performance.now() - started).toFixed(0);
      const from = scanner ? ', from the scan digest' : '';
      log.info(
        `${folder.folder.name}: links of ${paths.length} open file(s) from ${early.records} of ${early.of} records in ${ms} ms${from}${folder.loaded ? ' (after the load: not used)' : ''}`,
      );
      // A later answer for more files may have come first; the full load always wins.
      if (folder.loaded || (folder.early?.paths.length ?? 0) > paths.length) return;
      folder.early = early;
      changed();
    })().catch(() => undefined); // the full load answers anyway
  };
  const first = run();
  const listener = vscode.window.onDidChangeVisibleTextEditors(() => void run());
  return { first, dispose: () => listener.dispose() };
}

/** How long a folder's load waits for the open files' early answer. */
export const EARLY_WAIT_MS = 3_000;

/** The indexes that answer for links of this file: a folder still loading answers from its early index when it has one for the file. */
export function linkIndexes(folders: readonly EarlyFolder[], path: string): IncidentIndex[] {
  return folders.map((f) => (!f.loaded && f.early?.paths.includes(path) ? f.early.index : f.index));
}
