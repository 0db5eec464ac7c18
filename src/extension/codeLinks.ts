/**
 * Past incidents follow the code: CodeLens above linked files and symbols,
 * hovers with root cause, learning and prompt template, Explorer and tab
 * badges. All answer from the index (no scan over records per file).
 */
import * as vscode from 'vscode';
import { commitsLine, incidentCommits } from '../core/present/commitPhrases';
import { lensTitle, linkedIncidents, linkedRunbooks, type Anchor, type LinkFilter } from '../core/links/linkedIncidents';
import type { Runbook } from '../core/records/model';
import type { Incident } from '../core/records/model';
import { priorityRank, priorityText } from '../core/records/schema';
import { formatRelative } from '../core/time/recordTime';
import { oneLine } from '../core/present/summaries';
import { settings } from './config';
import { hoverMarkdown, runbookLabel } from '../core/links/hoverMarkdown';
import { COLORS, COMMANDS, CONTEXT } from './constants';
import type { FolderIndex, IncidentWorkspace } from './incidentWorkspace';
import { DisposableStore } from './lifecycle';
import type { Log } from './log';
import { locateSymbol } from './symbols';
import { now as clockNow } from './extensionClock';
import { linkIndexes } from './earlyLens';

export function linkFilter(now = clockNow()): LinkFilter {
  const s = settings();
  return { minimumPriority: s.minimumPriority, hideClosedOlderThanDays: s.hideClosedOlderThanDays, now };
}

/** Where each group of linked incidents sits in this document (symbols found through the language, else the text). */
export async function resolveAnchors<G extends { readonly anchor: Anchor }>(
  document: vscode.TextDocument,
  groups: readonly G[],
): Promise<Array<{ group: G; range: vscode.Range }>> {
  const out: Array<{ group: G; range: vscode.Range }> = [];
  for (const group of groups) {
    const a = group.anchor;
    if (a.kind === 'file') out.push({ group, range: new vscode.Range(0, 0, 0, 0) });
    else if (a.kind === 'lines') {
      const from = Math.min(Math.max(0, a.from - 1), document.lineCount - 1);
      const to = Math.min(Math.max(from, a.to - 1), document.lineCount - 1);
      out.push({ group, range: new vscode.Range(from, 0, to, document.lineAt(to).text.length) });
    } else {
      const range = await locateSymbol(document, a.symbol);
      if (range) out.push({ group, range });
    }
  }
  return out;
}

function timelineArgs(folder: FolderIndex, incident: Incident) {
  return { folder: folder.folder.uri.toString(), incident: incident.id };
}

export class IncidentCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private shownOnce = false;

  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly log: Log,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    try {
      const located = this.workspace.locate(document.uri);
      if (!located) return [];
      const filter = linkFilter();
      const sources = this.workspace.indexesFor(located.folder);
      const indexes = linkIndexes(sources, located.path);
      const groups = linkedIncidents(indexes, located.path, filter);
      const runbookGroups = linkedRunbooks(indexes, located.path);
      if (!groups.length && !runbookGroups.length) return [];
      const anchors = await resolveAnchors(document, groups);
      if (anchors.length && !this.shownOnce) {
        this.shownOnce = true;
        void vscode.commands.executeCommand('setContext', CONTEXT.codeLensShown, true);
      }
      // "Rollback procedure" next to the past incidents, where a runbook names this code.
      const runbookLenses = (await resolveAnchors(document, runbookGroups)).flatMap(({ group, range }) =>
        group.runbooks.map(
          (rb) =>
            new vscode.CodeLens(new vscode.Range(range.start.line, 0, range.start.line, 0), {
              title: `$(book) ${runbookLabel(rb)}`,
              command: COMMANDS.runRunbookStep,
              arguments: [{ folder: located.folder.folder.uri.toString(), runbook: rb.id }],
              tooltip: `${rb.record.title} — ${rb.record.steps.length} steps`,
            }),
        ),
      );
      return [
        ...anchors.flatMap(({ group, range }) => {
          const incidents = group.incidents;
          const line = new vscode.Range(range.start.line, 0, range.start.line, 0);
          // One incident with commits: a second lens names them, and opens the change that introduced it.
          const home = incidents.length === 1 ? (this.workspace.owner(incidents[0]!) ?? located.folder) : located.folder;
          const commits = incidents.length === 1 ? incidentCommits(incidents[0]!, home.index.actionRecordsOf(incidents[0]!.id)) : [];
          const commitLens = commits.length
            ? [
                new vscode.CodeLens(line, {
                  title: `$(git-commit) ${commitsLine(commits, incidents[0]!)}`,
                  command: COMMANDS.openCommit,
                  // The commit is in the repository the code is in (a source's records name this repository's commits).
                  arguments: [{ folder: located.folder.folder.uri.toString(), sha: commits[0]!.sha }],
                  tooltip: vscode.l10n.t('Show the change of {0}', commits[0]!.sha.slice(0, 7)),
                }),
              ]
            : [];
          const command: vscode.Command =
            incidents.length === 1
              ? {
                  title: lensTitle(incidents, filter.now, formatRelative),
                  command: COMMANDS.showTimeline,
                  arguments: [timelineArgs(home, incidents[0]!)],
                  tooltip: oneLine(incidents[0]!.record.rootCause?.confirmed ?? incidents[0]!.record.title),
                }
              : {
                  title: lensTitle(incidents, filter.now, formatRelative),
                  command: COMMANDS.showLinkedIncidents,
                  arguments: [{ ids: incidents.map((i) => i.id) }],
                };
          return [new vscode.CodeLens(line, command), ...commitLens];
        }),
        ...runbookLenses,
      ];
    } catch (err) {
      this.log.error('CodeLens', err);
      return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export { runbookLabel };

/** Hover content for incidents (core/links/hoverMarkdown.ts). Only our own command links are trusted; record text cannot form one. */
/** `folder`: where the code is; `ownerOf`: where each incident's record is (the same folder, or a record source). */
export function incidentHover(
  folder: FolderIndex,
  incidents: readonly Incident[],
  now: number,
  ownerOf: (incident: Incident) => FolderIndex = () => folder,
  where?: { file: string; symbol?: string },
): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [COMMANDS.openRecord, COMMANDS.showTimeline, COMMANDS.copyPromptTemplate, COMMANDS.runRunbookStep, COMMANDS.openCommit] };
  md.supportHtml = false;
  // Runbooks for this code and for these incidents: the rollback is one click away.
  const runbooks = new Set<Runbook>(where ? folder.index.runbooksForFile(where.file) : []);
  for (const incident of incidents) for (const { runbook } of ownerOf(incident).index.runbooksForIncident(incident)) runbooks.add(runbook);
  md.appendMarkdown(
    hoverMarkdown({
      incidents,
      now,
      commands: COMMANDS,
      runbooks: [...runbooks],
      actionsOf: (incident) => ownerOf(incident).index.actionRecordsOf(incident.id),
      args: {
        openRecord: (incident) => ({ folder: ownerOf(incident).folder.uri.toString(), file: incident.file }),
        showTimeline: (incident) => timelineArgs(ownerOf(incident), incident),
        copyPromptTemplate: (incident) => ({ folder: ownerOf(incident).folder.uri.toString(), incident: incident.id, ...where }),
        openCommit: (sha) => ({ folder: folder.folder.uri.toString(), sha }),
        runbook: (rb) => ({ folder: folder.folder.uri.toString(), runbook: rb.id }),
      },
      t: (text) => vscode.l10n.t(text),
    }),
  );
  return md;
}

export class IncidentHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly log: Log,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      const located = this.workspace.locate(document.uri);
      if (!located) return undefined;
      const filter = linkFilter();
      const groups = linkedIncidents(linkIndexes(this.workspace.indexesFor(located.folder), located.path), located.path, filter).filter(
        (g) => g.anchor.kind !== 'file',
      );
      if (!groups.length) return undefined;
      const hits = (await resolveAnchors(document, groups)).filter(({ range }) => range.contains(position));
      if (!hits.length) return undefined;
      const incidents = [...new Set(hits.flatMap((h) => h.group.incidents))];
      const range = hits[0]!.range;
      const anchor = hits[0]!.group.anchor;
      return new vscode.Hover(
        incidentHover(located.folder, incidents, filter.now, (i) => this.workspace.owner(i) ?? located.folder, {
          file: located.path,
          symbol: anchor.kind === 'symbol' ? anchor.symbol : undefined,
        }),
        range,
      );
    } catch (err) {
      this.log.error('hover', err);
      return undefined;
    }
  }
}

export class IncidentDecorationProvider implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly changed = this.store.add(new vscode.EventEmitter<vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.changed.event;

  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly log: Log,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return this.log.guard('decorations', undefined, () => {
      const located = this.workspace.locate(uri);
      if (!located) return undefined;
      const filter = linkFilter();
      const incidents = [
        ...new Set(linkedIncidents(linkIndexes(this.workspace.indexesFor(located.folder), located.path), located.path, filter).flatMap((g) => g.incidents)),
      ];
      if (!incidents.length) return undefined;
      // The highest priority among them; P? when none has one (an imported record not yet triaged is no P4).
      const best = incidents.map((i) => i.head.priority).sort((a, b) => priorityRank(a) - priorityRank(b))[0];
      const top = priorityText(best);
      const strong = best === 'P1' || best === 'P2';
      const tooltip = `${vscode.l10n.t('Past incidents')}: ${incidents.map((i) => `${i.id} (${priorityText(i.head.priority)}) ${i.head.title}`).join('; ')}`;
      return new vscode.FileDecoration(top, tooltip, strong ? new vscode.ThemeColor(COLORS[best]) : undefined);
    });
  }

  dispose(): void {
    this.store.dispose();
  }
}
