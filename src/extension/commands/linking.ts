/**
 * Linking code to incidents from the editor, and keeping links right when
 * files move. Links are written through the one edit path (comments kept).
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import type { EditOp } from '../../core/records/yamlEdit';
import { normalizePath } from '../../core/links/linkIndex';
import { repoKey } from '../../core/links/repoUrl';
import type { IndexedRecord } from '../../core/records/model';
import { settings } from '../config';
import type { FolderIndex, IncidentRef, IncidentWorkspace } from '../incidentWorkspace';
import type { Log } from '../log';
import type { RecordEditor } from '../recordEditor';
import { pickIncident } from './pickIncident';

const linkArgs = z.object({
  incident: z.string(),
  folder: z.string().optional(),
  /** Workspace-relative path or a file URI string. */
  file: z.string(),
  symbol: z.string().optional(),
});

const commitArgs = z.object({ incident: z.string(), folder: z.string().optional(), commit: z.string(), files: z.array(z.string()).optional() });

/** Minimal shape of the built-in git extension's API (vscode.git, version 1). */
interface GitApi {
  repositories: Array<{ rootUri: vscode.Uri; diffBetween(ref1: string, ref2: string): Promise<Array<{ uri: vscode.Uri; originalUri: vscode.Uri }>> }>;
  getRepository(uri: vscode.Uri): GitApi['repositories'][number] | null;
}

function linkOps(record: IndexedRecord, links: Array<{ path: string; symbol?: string; repo?: string }>): EditOp[] | { error: string } {
  const sameRepo = (a?: string, b?: string) => (a === undefined ? b === undefined : b !== undefined && repoKey(a) === repoKey(b));
  const fresh = links.filter(
    (l) => !record.links.some((x) => normalizePath(x.path) === l.path && (x.symbol ?? '') === (l.symbol ?? '') && sameRepo(x.repo, l.repo)),
  );
  if (!fresh.length)
    return { error: vscode.l10n.t('{0} is already linked to {1}.', record.id, links.map((l) => l.path + (l.symbol ? `#${l.symbol}` : '')).join(', ')) };
  return fresh.map(
    (l) =>
      ({ kind: 'append', path: ['links'], value: { ...(l.repo ? { repo: l.repo } : {}), path: l.path, ...(l.symbol ? { symbol: l.symbol } : {}) } }) as EditOp,
  );
}

/** The innermost symbol around the cursor, from the language; else the word under it. */
async function symbolAt(document: vscode.TextDocument, position: vscode.Position): Promise<string | undefined> {
  try {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
    let best: vscode.DocumentSymbol | undefined;
    const visit = (list: readonly vscode.DocumentSymbol[]) => {
      for (const s of list) {
        if (!('range' in s) || !s.range.contains(position)) continue;
        best = s;
        visit(s.children ?? []);
      }
    };
    visit(symbols ?? []);
    if (best) return best.name;
  } catch {
    // No symbol provider: fall back to the word.
  }
  const word = document.getWordRangeAtPosition(position);
  return word ? document.getText(word) : undefined;
}

export class LinkingCommands {
  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly editor: RecordEditor,
    private readonly log: Log,
  ) {}

  private relative(file: string | vscode.Uri): { folder: FolderIndex; path: string } {
    const uri = typeof file === 'string' ? (/^[a-z][\w+.-]*:/i.test(file) ? vscode.Uri.parse(file) : undefined) : file;
    if (uri) {
      const located = this.workspace.locate(uri);
      if (!located) throw new Error(vscode.l10n.t('{0} is not in a workspace folder with incidents.', uri.fsPath));
      return located;
    }
    const folder = this.workspace.folderIndexes()[0];
    if (!folder) throw new Error(vscode.l10n.t('Open a folder first.'));
    return { folder, path: normalizePath(file as string) };
  }

  /** `code`: the folder the linked files are in (paths are relative to it). */
  private async write(ref: IncidentRef, links: Array<{ path: string; symbol?: string }>, code: FolderIndex = ref.folder): Promise<void> {
    // A record from a record source (or another folder's repository) lives elsewhere: its links name the code's repository.
    const scope = ref.folder.source || code !== ref.folder ? code.index.linkScope : undefined;
    if (ref.folder.source && !scope?.repos.length) {
      throw new Error(
        vscode.l10n.t(
          '{0} is read from {1}, another repository, so its links must name this repository; {2} has no git remote to name it by.',
          ref.incident.id,
          ref.folder.source.name,
          code.folder.name,
        ),
      );
    }
    const written = scope?.repos.length
      ? links.map((l) => ({ repo: scope.repos[0]!, path: `${scope.prefix}${l.path}`, ...(l.symbol ? { symbol: l.symbol } : {}) }))
      : links;
    await this.editor.edit(ref.folder, ref.incident.file, (record) => linkOps(record, written));
  }

  async linkFile(arg?: unknown): Promise<void> {
    const args = linkArgs.safeParse(arg);
    if (args.success) {
      const { folder, path } = this.relative(args.data.file);
      const ref = await pickIncident(this.workspace, args.data, '');
      if (ref) await this.write(ref, [{ path }], folder);
      return;
    }
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) throw new Error(vscode.l10n.t('Open a file to link.'));
    const { folder, path } = this.relative(uri);
    const ref = await pickIncident(this.workspace, undefined, vscode.l10n.t('Link {0} to which incident?', path));
    if (ref) await this.write(ref, [{ path }], folder);
  }

  async linkSymbol(arg?: unknown): Promise<void> {
    const args = linkArgs.safeParse(arg);
    if (args.success) {
      if (!args.data.symbol) throw new Error('symbol is required');
      const { folder, path } = this.relative(args.data.file);
      const ref = await pickIncident(this.workspace, args.data, '');
      if (ref) await this.write(ref, [{ path, symbol: args.data.symbol }], folder);
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error(vscode.l10n.t('Put the cursor on a symbol first.'));
    const symbol = await symbolAt(editor.document, editor.selection.active);
    if (!symbol) throw new Error(vscode.l10n.t('No symbol at the cursor.'));
    const { folder, path } = this.relative(editor.document.uri);
    const ref = await pickIncident(this.workspace, undefined, vscode.l10n.t('Link {0} in {1} to which incident?', symbol, path));
    if (ref) await this.write(ref, [{ path, symbol }], folder);
  }

  async linkCommitFiles(arg?: unknown): Promise<void> {
    if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Linking from git needs a trusted workspace.'));
    const args = commitArgs.safeParse(arg);
    const ref = await pickIncident(this.workspace, args.success ? args.data : undefined, vscode.l10n.t('Link the files of a commit to which incident?'));
    if (!ref) return;
    // A record from a record source: the commit is in the repository of the folder reading it.
    const code = this.workspace.codeFolderOf(ref.folder);
    const git = await this.gitApi();
    const repo = git.getRepository(code.folder.uri) ?? git.repositories[0];
    if (!repo) throw new Error(vscode.l10n.t('No git repository for {0}.', ref.folder.folder.name));
    const commit =
      (args.success ? args.data.commit : undefined) ??
      (await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Commit (SHA, tag or branch) — for example the deploy that triggered {0}', ref.incident.id),
        value: ref.incident.record.rootCause?.trigger?.ref,
      }));
    if (!commit) return;
    const changes = await repo.diffBetween(`${commit}~1`, commit);
    const files = [
      ...new Set(
        changes
          .map((c) => this.workspace.locate(c.uri))
          .filter((l) => l?.folder === code)
          .map((l) => l!.path),
      ),
    ].sort();
    if (!files.length) throw new Error(vscode.l10n.t('Commit {0} changed no file in {1}.', commit, code.folder.name));
    let chosen = args.success && args.data.files ? files.filter((f) => args.data.files!.includes(f)) : files;
    if (!args.success) {
      const picked = await vscode.window.showQuickPick(
        files.map((f) => ({ label: f, picked: true })),
        { canPickMany: true, placeHolder: vscode.l10n.t('Files changed in {0} to link to {1}', commit, ref.incident.id) },
      );
      if (!picked?.length) return;
      chosen = picked.map((p) => p.label);
    }
    await this.write(
      ref,
      chosen.map((path) => ({ path })),
      code,
    );
  }

  private async gitApi(): Promise<GitApi> {
    const ext = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    if (!ext) throw new Error(vscode.l10n.t('The built-in Git extension is not available.'));
    const exports = ext.isActive ? ext.exports : await ext.activate();
    return exports.getAPI(1);
  }

  /** Files renamed in VS Code: offer to update the links that name them (one click, undoable). */
  async filesRenamed(files: ReadonlyArray<{ oldUri: vscode.Uri; newUri: vscode.Uri }>): Promise<number> {
    const mode = settings().updateLinksOnRename;
    if (mode === 'never' || !vscode.workspace.isTrusted) return 0;
    const perRecord = new Map<string, { folder: FolderIndex; file: string; ops: EditOp[]; ids: Set<string> }>();
    for (const { oldUri, newUri } of files) {
      const from = this.workspace.locate(oldUri);
      const to = this.workspace.locate(newUri);
      if (!from || !to || from.folder !== to.folder) continue;
      for (const ref of from.folder.index.linksNaming(from.path)) {
        const old = normalizePath(ref.link.path);
        const updated =
          old === from.path || old.replace(/\/+$/, '') === from.path ? old.replace(from.path, to.path) : `${to.path}${old.slice(from.path.length)}`;
        const key = `${from.folder.folder.uri.toString()}|${ref.record.file}`;
        const entry = perRecord.get(key) ?? { folder: from.folder, file: ref.record.file, ops: [], ids: new Set<string>() };
        entry.ops.push({ kind: 'set', path: ['links', ref.index, 'path'], value: updated });
        entry.ids.add(ref.record.id);
        perRecord.set(key, entry);
      }
    }
    if (!perRecord.size) return 0;
    const count = [...perRecord.values()].reduce((n, e) => n + e.ops.length, 0);
    const ids = [...new Set([...perRecord.values()].flatMap((e) => [...e.ids]))].join(', ');
    if (mode === 'prompt') {
      const update = vscode.l10n.t('Update Links');
      const answer = await vscode.window.showInformationMessage(vscode.l10n.t('{0} incident link(s) in {1} name the moved files.', count, ids), update);
      if (answer !== update) return 0;
    }
    for (const entry of perRecord.values()) {
      try {
        await this.editor.edit(entry.folder, entry.file, () => entry.ops);
      } catch (err) {
        this.log.error(`updating links in ${entry.file}`, err);
        void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
      }
    }
    return count;
  }
}
