/**
 * An incident row and its tooltip; its children are the sections (sectionNodes.ts).
 */
import { incidentOrigin } from '../../core/trust/dataBlock';
import { commitsLine, incidentCommits } from '../../core/present/commitPhrases';
import * as vscode from 'vscode';
import type { Incident } from '../../core/records/model';
import { settings } from '../config';
import { AI_CONNECTION_LABELS, STATUS_LABELS, priorityDefinition, priorityIconName, priorityText } from '../../core/records/schema';
import { formatDate, formatDuration, formatRelative } from '../../core/time/recordTime';
import { oneLine } from '../../core/present/summaries';
import type { FolderIndex } from '../incidentWorkspace';
import { STRINGS } from '../strings';
import { escapeMarkdown } from '../../core/links/hoverMarkdown';
import { TreeNode, priorityIcon, openRecordCommand, truncate, type FieldPath } from './treeNode';
import { CommitNode, EntryNode, LinkNode, SectionNode, TextNode } from './sectionNodes';
import { ActionRecordNode, InlineActionNode, PostmortemNode } from './actionNodes';
import { RunbookNode } from './runbookNodes';

export class GroupNode extends TreeNode {
  constructor(
    readonly key: string,
    readonly label: string,
    readonly incidents: IncidentNode[],
    private readonly tooltip?: string,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${this.key}`;
    item.description = String(this.incidents.length);
    item.contextValue = 'group';
    if (this.tooltip) item.tooltip = this.tooltip;
    return item;
  }

  override children(): TreeNode[] {
    return this.incidents;
  }
}

export class IncidentNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly incident: Incident,
    private readonly now: number,
    private readonly showFolder: boolean,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const r = this.incident.record;
    const item = new vscode.TreeItem(`${r.id} ${r.title}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `incident:${this.folder.folder.uri.toString()}:${r.id}:${this.incident.file}`;
    item.iconPath = priorityIcon(r.priority);
    const age =
      r.status === 'active'
        ? this.incident.start && formatRelative(this.incident.start.ms, this.now)
        : this.incident.durationMinutes !== undefined
          ? formatDuration(this.incident.durationMinutes)
          : this.incident.start && formatDate(this.incident.start);
    const origin = incidentOrigin(this.incident);
    const imported =
      origin.trust === 'imported' ? vscode.l10n.t('imported, not reviewed') : origin.trust === 'reviewed' ? vscode.l10n.t('imported, reviewed') : undefined;
    item.description = [priorityText(r.priority), age, imported, this.showFolder || this.folder.source ? this.folder.folder.name : undefined]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = incidentTooltip(this.incident);
    // ".imported": menus offer Mark Imported Record Reviewed.
    item.contextValue = `incident.${r.status}${origin.trust === 'imported' ? '.imported' : ''}`;
    item.command = openRecordCommand(this.folder, this.incident.file);
    return item;
  }

  override children(): TreeNode[] {
    const i = this.incident;
    const r = i.record;
    const f = this.folder;
    const section = (key: string, label: string, description: string | undefined, icon: string, path: FieldPath, items: TreeNode[]) =>
      new SectionNode(f, i, key, label, description, icon, path, items);
    // A section of plain lines: its first (or the given) text as the description, "not set" without one.
    const texts = (key: string, label: string, icon: string, lines: string[], first = lines[0]) =>
      section(
        key,
        label,
        first ? truncate(first, 60) : STRINGS.notSet,
        icon,
        [key],
        lines.map((t) => new TextNode(f, i, t, [key])),
      );
    const out: TreeNode[] = [];
    // The rollback procedure first, one click away, while the incident is active.
    const staleDays = settings(f.folder.uri).runbookStaleAfterDays;
    const runbooks = f.index.runbooksForIncident(i).map(({ runbook }) => new RunbookNode(f, runbook, this.now, staleDays, i));
    if (r.status === 'active') out.push(...runbooks);
    const users = r.impact?.users?.text ?? (r.impact?.users?.estimate !== undefined ? `~${r.impact.users.estimate} users` : undefined);
    out.push(texts('impact', STRINGS.impact, 'pulse', present([r.impact?.system, r.impact?.feature, users, r.impact?.business])));
    out.push(
      section(
        'timeline',
        STRINGS.timeline(i.timeline.length),
        undefined,
        'history',
        ['timeline'],
        i.timeline.map((e) => new EntryNode(f, i, e)),
      ),
    );
    const open = i.actions.filter((a) => !a.action.done).length;
    const inline = i.actions.map(
      (a) => new InlineActionNode(f, i, a.index, a.action.text, a.action.done === true, a.action.owner ?? a.action.doneBy, this.now, a.deadline?.ms),
    );
    out.push(section('actions', STRINGS.actions(open, i.actions.length), undefined, 'checklist', ['actions'], inline));
    const records = f.index.actionRecordsOf(r.id);
    if (records.length) {
      const done = `${records.filter((a) => a.record.status === 'done').length}/${records.length} done`;
      const nodes = records.map((a) => new ActionRecordNode(f, a, this.now));
      out.push(section('actionRecords', STRINGS.actionRecords, done, 'tasklist', ['postmortem', 'actionPlan'], nodes));
    }
    const rc = r.rootCause;
    const causeLines = present([
      rc?.confirmed && `Confirmed: ${oneLine(rc.confirmed)}`,
      rc?.initialHypothesis && `Initial hypothesis: ${oneLine(rc.initialHypothesis)}`,
      rc?.trigger?.text && `Trigger: ${oneLine(rc.trigger.text)}${rc.trigger.ref ? ` (${rc.trigger.ref})` : ''}`,
      i.aiConnections.length ? `AI connection: ${i.aiConnections.map((a) => AI_CONNECTION_LABELS[a]).join(', ')}` : undefined,
      rc?.note && `Note: ${oneLine(rc.note)}`,
    ]);
    out.push(texts('rootCause', STRINGS.rootCause, 'search', causeLines, rc?.confirmed ?? rc?.initialHypothesis));
    const commits = incidentCommits(i, records);
    if (commits.length) {
      const nodes = commits.map((c) => new CommitNode(f, i, c));
      out.push(section('commits', STRINGS.commits, truncate(commitsLine(commits, i), 80), 'git-commit', ['commits'], nodes));
    }
    out.push(new PostmortemNode(f, i, this.now));
    const learning = present([r.learning?.lesson, r.learning?.promptTemplate && `Prompt template: ${oneLine(r.learning.promptTemplate)}`]);
    out.push(texts('learning', STRINGS.learning, 'lightbulb', learning, r.learning?.lesson));
    out.push(
      section(
        'links',
        STRINGS.linkedCode,
        String(i.links.length),
        'code',
        ['links'],
        i.links.map((l, idx) => new LinkNode(f, i, l, idx)),
      ),
    );
    if (r.status !== 'active') out.push(...runbooks);
    return out;
  }
}

/** The texts that are there (empty strings and missing values left out). */
function present(values: ReadonlyArray<string | false | undefined>): string[] {
  return values.filter((x): x is string => !!x);
}

export function incidentTooltip(incident: Incident): vscode.MarkdownString {
  const r = incident.record;
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`$(${priorityIconName(r.priority)}) **${escapeMarkdown(`${r.id} ${r.title}`)}**\n\n`);
  const facts = [
    `${priorityText(r.priority)} — ${priorityDefinition(r.priority, r.source !== undefined)}`,
    STATUS_LABELS[r.status],
    incident.start && formatDate(incident.start),
    incident.durationMinutes !== undefined ? formatDuration(incident.durationMinutes) : undefined,
  ];
  md.appendMarkdown(`${escapeMarkdown(facts.filter(Boolean).join(' · '))}\n\n`);
  const impact = [r.impact?.system, r.impact?.feature, r.impact?.business].filter(Boolean).join(' — ');
  if (impact) md.appendMarkdown(`**Impact:** ${escapeMarkdown(impact)}\n\n`);
  const cause = r.rootCause?.confirmed ?? r.rootCause?.initialHypothesis;
  if (cause) md.appendMarkdown(`${r.rootCause?.confirmed ? '**Root cause:**' : '**Hypothesis:**'} ${escapeMarkdown(cause)}\n\n`);
  const origin = incidentOrigin(incident);
  if (origin.importedFrom) {
    const from = `${origin.importedFrom.system} ${origin.importedFrom.id}`;
    md.appendMarkdown(
      escapeMarkdown(
        origin.reviewedBy
          ? vscode.l10n.t('Imported from {0}; reviewed by {1}.', from, origin.reviewedBy)
          : vscode.l10n.t('Imported from {0}; not reviewed yet: AI tools see it only as third-party text (Mark Imported Record Reviewed).', from),
      ) + '\n\n',
    );
  }
  return md;
}
