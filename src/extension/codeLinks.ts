/**
 * Past incidents follow the code: CodeLens above linked files and symbols,
 * hovers with root cause, learning and prompt template, Explorer and tab
 * badges. All answer from the index (no scan over records per file).
 */
import * as vscode from 'vscode';
import { commitPhrase, commitsLine, incidentCommits } from '../core/commits';
import { lensTitle, linkedIncidents, linkedRunbooks, type Anchor, type LinkFilter } from '../core/codeLinks';
import { runbookRole, type Runbook } from '../core/model';
import type { Incident } from '../core/model';
import { AI_CONNECTION_LABELS, PRIORITIES, PRIORITY_DEFINITIONS, type Priority, priorityDefinition, priorityRank, priorityText } from '../core/schema';
import { formatDate, formatRelative } from '../core/time';
import { oneLine } from '../core/present';
import { settings } from './config';
import { escapeMarkdown } from './markdown';
import { COLORS, COMMANDS, CONTEXT } from './constants';
import type { FolderIndex, IncidentWorkspace } from './incidentWorkspace';
import { DisposableStore } from './lifecycle';
import type { Log } from './log';
import { locateSymbol } from './symbols';
import { now as clockNow } from './clock';

export function linkFilter(now = clockNow()): LinkFilter {
  const s = settings();
  return { minimumPriority: s.minimumPriority, hideClosedOlderThanDays: s.hideClosedOlderThanDays, now };
}

/** Where each group of linked incidents sits in this document (symbols found through the language, else the text). */
export async function resolveAnchors<G extends { readonly anchor: Anchor }>(document: vscode.TextDocument, groups: readonly G[]): Promise<Array<{ group: G; range: vscode.Range }>> {
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
      const groups = linkedIncidents(sources.map((f) => f.index), located.path, filter);
      const runbookGroups = linkedRunbooks(sources.map((f) => f.index), located.path);
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
      return [...anchors.flatMap(({ group, range }) => {
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
            ? { title: lensTitle(incidents, filter.now, formatRelative), command: COMMANDS.showTimeline, arguments: [timelineArgs(home, incidents[0]!)], tooltip: oneLine(incidents[0]!.record.rootCause?.confirmed ?? incidents[0]!.record.title) }
            : {
                title: lensTitle(incidents, filter.now, formatRelative),
                command: COMMANDS.showLinkedIncidents,
                arguments: [{ ids: incidents.map((i) => i.id) }],
              };
        return [new vscode.CodeLens(line, command), ...commitLens];
      }), ...runbookLenses];
    } catch (err) {
      this.log.error('CodeLens', err);
      return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** "Rollback procedure: RB-payments-rollback" (the seed's name for it), else "Runbook: RB-…". */
export function runbookLabel(rb: Runbook): string {
  return `${runbookRole(rb) === 'Rollback' ? 'Rollback procedure' : 'Runbook'}: ${rb.id}`;
}

const PRIORITY_ICONS: Record<Priority, string> = { P1: 'flame', P2: 'warning', P3: 'info', P4: 'circle-small-filled' };

/** Hover content for incidents, most severe and most recent first. Only our own command links are trusted. */
/** `folder`: where the code is; `ownerOf`: where each incident's record is (the same folder, or a record source). */
export function incidentHover(folder: FolderIndex, incidents: readonly Incident[], now: number, ownerOf: (incident: Incident) => FolderIndex = () => folder, where?: { file: string; symbol?: string }): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [COMMANDS.openRecord, COMMANDS.showTimeline, COMMANDS.copyPromptTemplate, COMMANDS.runRunbookStep, COMMANDS.openCommit] };
  md.supportHtml = false;
  const text = (s: string) => md.appendMarkdown(escapeMarkdown(s));
  incidents.forEach((incident, n) => {
    const r = incident.record;
    if (n > 0) md.appendMarkdown('\n\n---\n\n');
    md.appendMarkdown(`$(${PRIORITY_ICONS[r.priority ?? 'P4']}) **${priorityText(r.priority)} ${r.id} — `);
    text(r.title);
    md.appendMarkdown('**');
    if (incident.start) {
      const end = incident.resolution && formatDate(incident.resolution) !== formatDate(incident.start) ? ` to ${formatDate(incident.resolution)}` : '';
      md.appendMarkdown(` · ${formatDate(incident.start)}${end} (${formatRelative(incident.start.ms, now)})`);
    }
    md.appendMarkdown(`\n\n_${priorityDefinition(r.priority)} · ${r.status}_\n\n`);
    const rc = r.rootCause;
    const cause = rc?.confirmed ?? rc?.initialHypothesis;
    if (cause) {
      md.appendMarkdown(rc?.confirmed ? '**Root cause:** ' : '**Hypothesis:** ');
      text(cause);
      md.appendMarkdown('\n\n');
    }
    if (rc?.trigger?.text || rc?.trigger?.ref) {
      md.appendMarkdown('**Trigger:** ');
      text([rc.trigger.text, rc.trigger.ref && `(${rc.trigger.ref})`].filter(Boolean).join(' '));
      md.appendMarkdown('\n\n');
    }
    const home = ownerOf(incident);
    const commits = incidentCommits(incident, home.index.actionRecordsOf(incident.id));
    if (commits.length) {
      // Each commit opens its change: "introduced by [a1b2c3d](…) (14:15, subject) · fixed by …".
      const parts = commits.map((c) => {
        const args = encodeURIComponent(JSON.stringify([{ folder: folder.folder.uri.toString(), sha: c.sha }]));
        const phrase = commitPhrase(c, incident);
        const short = c.sha.slice(0, 7);
        const label = phrase.slice(0, phrase.indexOf(short)).trim();
        const details = phrase.slice(phrase.indexOf(short) + short.length).trim();
        return `${escapeMarkdown(label)} [\`${short}\`](command:${COMMANDS.openCommit}?${args} "${escapeMarkdown(vscode.l10n.t('Show the change'))}")${details ? ` ${escapeMarkdown(details)}` : ''}`;
      });
      md.appendMarkdown(`**Commits:** ${parts.join(' · ')}\n\n`);
    }
    if (incident.aiConnections.length) md.appendMarkdown(`**AI connection:** ${incident.aiConnections.map((a) => AI_CONNECTION_LABELS[a]).join(', ')}\n\n`);
    if (r.learning?.lesson) {
      md.appendMarkdown('**Learning:** ');
      text(r.learning.lesson);
      md.appendMarkdown('\n\n');
    }
    if (r.learning?.promptTemplate) {
      md.appendMarkdown('**Prompt template:**\n');
      md.appendCodeblock(r.learning.promptTemplate.trim(), 'text');
    }
    const args = encodeURIComponent(JSON.stringify([{ folder: home.folder.uri.toString(), file: incident.file }]));
    const links = [`[$(go-to-file) Open incident](command:${COMMANDS.openRecord}?${args})`];
    const showArgs = encodeURIComponent(JSON.stringify([timelineArgs(home, incident)]));
    links.push(`[$(history) Show timeline](command:${COMMANDS.showTimeline}?${showArgs})`);
    if (r.learning?.promptTemplate) {
      const copyArgs = encodeURIComponent(JSON.stringify([{ folder: home.folder.uri.toString(), incident: incident.id, ...where }]));
      links.push(`[$(copy) Copy prompt template](command:${COMMANDS.copyPromptTemplate}?${copyArgs})`);
    }
    md.appendMarkdown(`\n${links.join(' · ')}`);
  });
  // Runbooks for this code and for these incidents: the rollback is one click away.
  const runbooks = new Set<Runbook>(where ? folder.index.runbooksForFile(where.file) : []);
  for (const incident of incidents) for (const { runbook } of ownerOf(incident).index.runbooksForIncident(incident)) runbooks.add(runbook);
  if (runbooks.size) {
    md.appendMarkdown('\n\n---\n\n');
    const items = [...runbooks].map((rb) => {
      const args = encodeURIComponent(JSON.stringify([{ folder: folder.folder.uri.toString(), runbook: rb.id }]));
      return `[$(book) ${escapeMarkdown(runbookLabel(rb))}](command:${COMMANDS.runRunbookStep}?${args}) — ${escapeMarkdown(`${rb.record.steps.length} steps`)}`;
    });
    md.appendMarkdown(items.join('  \n'));
  }
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
      const groups = linkedIncidents(this.workspace.indexesFor(located.folder).map((f) => f.index), located.path, filter).filter((g) => g.anchor.kind !== 'file');
      if (!groups.length) return undefined;
      const hits = (await resolveAnchors(document, groups)).filter(({ range }) => range.contains(position));
      if (!hits.length) return undefined;
      const incidents = [...new Set(hits.flatMap((h) => h.group.incidents))];
      const range = hits[0]!.range;
      const anchor = hits[0]!.group.anchor;
      return new vscode.Hover(incidentHover(located.folder, incidents, filter.now, (i) => this.workspace.owner(i) ?? located.folder, { file: located.path, symbol: anchor.kind === 'symbol' ? anchor.symbol : undefined }), range);
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
      const incidents = [...new Set(linkedIncidents(this.workspace.indexesFor(located.folder).map((f) => f.index), located.path, filter).flatMap((g) => g.incidents))];
      if (!incidents.length) return undefined;
      const top = incidents.map((i) => i.head.priority ?? 'P4').sort((a, b) => priorityRank(a) - priorityRank(b))[0]!;
      const strong = top === 'P1' || top === 'P2';
      const tooltip = `${vscode.l10n.t('Past incidents')}: ${incidents.map((i) => `${i.id} (${i.head.priority}) ${i.head.title}`).join('; ')}`;
      return new vscode.FileDecoration(top, tooltip, strong ? new vscode.ThemeColor(COLORS[top]) : undefined);
    });
  }

  dispose(): void {
    this.store.dispose();
  }
}
