/**
 * Git history in the editor: Suggest Code Links from Git History… (the core's
 * suggestions as a multi-select pick, accepted through the one edit path) and
 * Show Commit (a commit's change as a read-only diff document).
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import { shortSha } from '../../core/git/gitHistoryPort';
import { acceptOps, selectSuggestions, suggestFromHistory, type SuggestedCommit, type SuggestedLink, type Suggestions } from '../../core/git/suggestCommits';
import type { Incident } from '../../core/records/model';
import { COMMIT_ROLE_LABELS } from '../../core/records/schema';
import { outline, type OutlineSymbol } from '../../core/links/sourceOutline';
import { git } from '../../node/git/run';
import { ProcessGitHistory } from '../../node/git/gitHistory';
import { readDeployLog } from '../../node/git/readDeployLog';
import { formatDeployLogError } from '../../core/git/deployLogFormat';
import { now } from '../extensionClock';
import { settings } from '../config';
import { COMMIT_SCHEME } from '../constants';
import type { IncidentRef, IncidentWorkspace } from '../incidentWorkspace';
import type { Log } from '../log';
import type { RecordEditor } from '../recordEditor';
import { pickIncident, targetOf } from './pickIncident';

const suggestArgs = z.object({
  incident: z.string(),
  folder: z.string().optional(),
  /** Skip the pick and accept the preselected suggestions (tests, automation). */
  accept: z.literal('preselected').optional(),
});
const commitArgs = z.object({ folder: z.string(), sha: z.string().regex(/^[0-9a-f]{7,40}$/i) });

export interface SuggestResult {
  readonly suggestions: Suggestions;
  readonly written: { readonly links: number; readonly commits: number };
}

type Item = vscode.QuickPickItem & { commit?: SuggestedCommit; link?: SuggestedLink };

/** A commit's change as text, for the read-only document COMMIT_SCHEME serves. */
export class CommitContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { folder, sha } = commitArgs.parse(JSON.parse(uri.query));
    const cwd = vscode.Uri.parse(folder).fsPath;
    if (!vscode.workspace.isTrusted) return vscode.l10n.t('Commit {0}: Restricted Mode runs no git. Trust the workspace to see the change.', sha);
    try {
      return await git(cwd, ['show', '--stat', '--patch', '--format=fuller', '-M', '--no-color', '--diff-merges=first-parent', sha, '--']);
    } catch (err) {
      // A SHA the record names but this clone lacks (not fetched, another repository, a typo).
      return vscode.l10n.t(
        'Commit {0} is not in the git history of {1}.\n\n{2}\n\nFetch it (git fetch), or correct the SHA in the record.',
        sha,
        cwd,
        (err as Error).message,
      );
    }
  }
}

export function commitUri(folder: string, sha: string, subject?: string): vscode.Uri {
  const title = `${shortSha(sha)}${subject ? ` ${subject.replace(/[/\\?#%*:|"<>]/g, ' ').slice(0, 60)}` : ''}.diff`;
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${title}`, query: JSON.stringify({ folder, sha }) });
}

/**
 * The declarations of a file as a commit left it, from the language's own
 * symbol provider (on an in-memory copy in the file's language); the core's
 * outline reader when the language has none.
 */
async function documentSymbols(path: string, text: string): Promise<OutlineSymbol[]> {
  try {
    const language = LANGUAGE_BY_EXTENSION[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
    if (!language) return outline(text);
    const doc = await vscode.workspace.openTextDocument({ content: text, language });
    const symbols =
      (await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>(
        'vscode.executeDocumentSymbolProvider',
        doc.uri,
      )) ?? [];
    const out: OutlineSymbol[] = [];
    const visit = (list: readonly vscode.DocumentSymbol[], container?: string) => {
      for (const s of list) {
        const name = container ? `${container}.${s.name}` : s.name;
        // Top-level constants too (`export const total = (…) => …` is a Variable to the language).
        if (CODE_SYMBOLS.has(s.kind) || (!container && (s.kind === vscode.SymbolKind.Variable || s.kind === vscode.SymbolKind.Constant)))
          out.push({ name, startLine: s.range.start.line + 1, endLine: s.range.end.line + 1, ...(container ? { container } : {}) });
        visit(s.children ?? [], CONTAINER_SYMBOLS.has(s.kind) ? s.name : container);
      }
    };
    visit(symbols.filter((s): s is vscode.DocumentSymbol => 'children' in s));
    return out.length ? out : outline(text);
  } catch {
    return outline(text);
  }
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascriptreact',
  mjs: 'javascript',
  cjs: 'javascript',
};
const CONTAINER_SYMBOLS = new Set([
  vscode.SymbolKind.Class,
  vscode.SymbolKind.Interface,
  vscode.SymbolKind.Module,
  vscode.SymbolKind.Namespace,
  vscode.SymbolKind.Struct,
  vscode.SymbolKind.Enum,
]);
const CODE_SYMBOLS = new Set([...CONTAINER_SYMBOLS, vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor]);

export class GitHistoryCommands {
  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly editor: RecordEditor,
    private readonly log: Log,
  ) {}

  async openCommit(arg?: unknown): Promise<void> {
    const args = commitArgs.parse(arg);
    const doc = await vscode.workspace.openTextDocument(commitUri(args.folder, args.sha));
    await vscode.languages.setTextDocumentLanguage(doc, 'diff');
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  async suggest(arg?: unknown): Promise<SuggestResult | undefined> {
    if (!vscode.workspace.isTrusted)
      throw new Error(vscode.l10n.t('Suggestions read git history, and Restricted Mode runs no git: trust the workspace first.'));
    const parsed = suggestArgs.safeParse(arg);
    const ref = await pickIncident(this.workspace, parsed.success ? parsed.data : targetOf(arg), vscode.l10n.t('Suggest code links from git history for…'));
    if (!ref) return undefined;
    // A record from a record source concerns the code of the folder reading it: that folder's history.
    const code = this.workspace.codeFolderOf(ref.folder);
    const folder = code.folder;
    if (folder.uri.scheme !== 'file')
      throw new Error(vscode.l10n.t('Suggestions read git history, which needs a folder on this machine ({0} is not).', folder.uri.toString()));
    const history = await ProcessGitHistory.open(folder.uri.fsPath);
    if (!history) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} is not a git repository with commits: there is no history to suggest links from.', folder.name),
      );
      return undefined;
    }
    const s = settings(folder.uri);
    const deployLog = await readDeployLog(folder.uri.fsPath);
    for (const e of deployLog?.errors ?? []) this.log.info(`suggest: deploy log: ${formatDeployLogError(e)}`);
    const suggestions = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the git history around {0}…', ref.incident.id) },
      () =>
        suggestFromHistory(ref.incident, ref.folder.index.actionRecordsOf(ref.incident.id), history, {
          now: now(),
          windowHours: s.suggestWindowHours,
          recordsFolder: s.incidentsFolder,
          symbols: documentSymbols,
          ...(deployLog ? { deploys: deployLog.deploys } : {}),
        }),
    );
    for (const note of suggestions.notes) this.log.info(`suggest ${ref.incident.id}: ${note}`);
    const commits = suggestions.commits.filter((c) => !c.onRecord);
    if (!commits.length && !suggestions.links.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No suggestions for {0} from git history.', ref.incident.id) + (suggestions.notes.length ? ` ${suggestions.notes.join('; ')}` : ''),
      );
      return { suggestions, written: { links: 0, commits: 0 } };
    }
    const doubt = suggestions.notes.some((n) => n.startsWith('no strong candidate'));
    const chosen =
      parsed.success && parsed.data.accept === 'preselected' ? selectSuggestions(suggestions) : await this.pick(ref, commits, suggestions.links, doubt);
    if (!chosen) return undefined;
    // Links written into another repository's record name this one.
    const scope = code !== ref.folder ? code.index.linkScope : undefined;
    const links = chosen.links.map((l) => (scope?.repos.length ? { ...l.link, repo: scope.repos[0]!, path: `${scope.prefix}${l.link.path}` } : l.link));
    const ops = acceptOps(ref.incident, links, chosen.commits);
    const written = { links: ops.filter((o) => o.path[0] === 'links').length, commits: ops.filter((o) => o.path[0] === 'commits').length };
    if (ops.length) await this.editor.edit(ref.folder, ref.incident.file, (record) => acceptOps(record as Incident, links, chosen.commits));
    return { suggestions, written };
  }

  private async pick(
    ref: IncidentRef,
    commits: readonly SuggestedCommit[],
    links: readonly SuggestedLink[],
    doubt = false,
  ): Promise<{ commits: SuggestedCommit[]; links: SuggestedLink[] } | undefined> {
    const pre = selectSuggestions({ commits, links });
    const items: Item[] = [];
    if (commits.length) items.push({ label: vscode.l10n.t('Commits'), kind: vscode.QuickPickItemKind.Separator });
    for (const c of commits) {
      items.push({
        label: `$(git-commit) ${shortSha(c.sha)} ${c.subject}`,
        description: `${COMMIT_ROLE_LABELS[c.role] === 'related' ? 'related' : c.role} · ${Math.round(c.score * 100)}% · ${c.author}`,
        detail: c.reasons.join(' · '),
        picked: pre.commits.includes(c),
        commit: c,
      });
    }
    if (links.length) items.push({ label: vscode.l10n.t('Code links'), kind: vscode.QuickPickItemKind.Separator });
    for (const l of links) {
      items.push({
        label: `$(${l.link.symbol ? 'symbol-method' : 'file-code'}) ${l.link.symbol ?? l.link.path}${l.link.lines ? `:${l.link.lines}` : ''}`,
        description: `${l.link.symbol ? `${l.link.path} · ` : ''}${Math.round(l.score * 100)}%`,
        detail: l.reason,
        picked: pre.links.includes(l),
        link: l,
      });
    }
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      matchOnDetail: true,
      title: vscode.l10n.t('Suggested from git history for {0} {1}', ref.incident.id, ref.incident.head.title),
      placeHolder: doubt
        ? vscode.l10n.t(
            'No strong candidate: none is clearly ahead, nothing is selected; pick what the reasons support, Enter writes it into {0}',
            ref.incident.file,
          )
        : vscode.l10n.t('The strongest are selected; Enter writes the selected commits and links into {0}', ref.incident.file),
    });
    if (!picked) return undefined;
    return { commits: picked.flatMap((i) => (i.commit ? [i.commit] : [])), links: picked.flatMap((i) => (i.link ? [i.link] : [])) };
  }
}
