/**
 * The first CodeLens of a cold start (issue 29): while a big folder loads,
 * the files open in editors are answered from a small index of only the
 * records that may link them (src/node/earlyLinks.ts), ready in about a
 * second at 10,000 records instead of after the whole load. Dropped once
 * the folder has loaded.
 */
import * as vscode from 'vscode';
import type { IncidentIndex } from '../core/index/incidentIndex';
import { isRecordFile } from '../core/index/fileAccess';
import { normalizePath } from '../core/links/linkIndex';
import { earlyLinks, type EarlyLinks } from '../node/earlyLinks';
import { repoScope } from '../node/git/repoScope';
import type { ParsePool } from '../node/parsePool';

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

/** Starts the early answer for a local folder about to load; `changed` refreshes the views that show links. */
export function startEarlyLinks(folder: EarlyFolder, recordsFolder: string, maxFileBytes: number, pool: ParsePool | undefined, changed: () => void): void {
  const paths = openPaths(folder.folder);
  if (!paths.length || folder.folder.uri.scheme !== 'file') return;
  const root = folder.folder.uri.fsPath;
  void (async () => {
    // git runs only in a trusted workspace (a repository's config can make git run programs), as for the full load.
    const scope = vscode.workspace.isTrusted ? await repoScope(root) : undefined;
    const early = await earlyLinks(root, { folder: recordsFolder, maxFileBytes }, paths, scope, pool);
    if (folder.loaded) return;
    folder.early = early;
    changed();
  })().catch(() => undefined); // the full load answers anyway
}

/** The indexes that answer for links of this file: a folder still loading answers from its early index when it has one for the file. */
export function linkIndexes(folders: readonly EarlyFolder[], path: string): IncidentIndex[] {
  return folders.map((f) => (!f.loaded && f.early?.paths.includes(path) ? f.early.index : f.index));
}
