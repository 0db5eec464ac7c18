/**
 * The sections of an incident (impact, timeline, actions, root cause, commits, learning, links) and their rows: entries, texts, commits and links.
 */
import { commitPhrase, type IncidentCommit } from '../../core/present/commitPhrases';
import * as vscode from 'vscode';
import type { LinkKind } from '../../core/links/linkIndex';
import { linkKind } from '../../core/links/linkIndex';
import type { Incident, ResolvedEntry } from '../../core/records/model';
import { type CodeLink } from '../../core/records/schema';
import { formatClock, formatDate } from '../../core/time/recordTime';
import { COMMANDS } from '../constants';
import type { FolderIndex } from '../incidentWorkspace';
import { TreeNode, openRecordCommand, truncate, type FieldPath } from './treeNode';

export class SectionNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly key: string,
    private readonly label: string,
    private readonly description: string | undefined,
    private readonly icon: string,
    private readonly path: FieldPath,
    private readonly items: TreeNode[],
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, this.items.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `section:${this.folder.folder.uri.toString()}:${this.incident.file}:${this.key}`;
    item.description = this.description;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = `section.${this.key}`;
    item.command = openRecordCommand(this.folder, this.incident.file, this.path);
    return item;
  }

  override children(): TreeNode[] {
    return this.items;
  }
}

export class CommitNode extends TreeNode {
  constructor(
    readonly folder: FolderIndex,
    readonly incident: Incident,
    readonly commit: IncidentCommit,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const c = this.commit;
    const item = new vscode.TreeItem(`${c.sha.slice(0, 7)} ${c.subject ?? ''}`.trim());
    item.description = commitPhrase(c, this.incident, false).replace(/ [0-9a-f]{7}/, '') + (c.from !== this.incident.id ? ` · ${c.from}` : '');
    item.tooltip = `${commitPhrase(c, this.incident)}${c.from !== this.incident.id ? ` (${c.from})` : ''}`;
    item.iconPath = new vscode.ThemeIcon(c.role === 'trigger' ? 'bug' : c.role === 'revert' ? 'discard' : c.role === 'fix' ? 'check' : 'git-commit');
    item.contextValue = 'commit';
    item.command = { title: 'Show Commit', command: COMMANDS.openCommit, arguments: [{ folder: this.folder.folder.uri.toString(), sha: c.sha }] };
    return item;
  }
}

export class TextNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly text: string,
    private readonly path: FieldPath,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(truncate(this.text, 120));
    item.tooltip = this.text;
    item.contextValue = 'text';
    item.command = openRecordCommand(this.folder, this.incident.file, this.path);
    return item;
  }
}

const KIND_ICONS: Record<string, string> = { event: 'circle-filled', finding: 'search', decision: 'law', action: 'tools', communication: 'comment' };

export class EntryNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly entry: ResolvedEntry,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const e = this.entry.entry;
    // An entry on another day than the start says which day (a multi-day incident, a date-only prehistory).
    const at = this.entry.at;
    const start = this.incident.start;
    const otherDay = at && start && at.precision !== 'day' && formatDate(at) !== formatDate(start);
    const when = at ? `${otherDay ? `${formatDate(at)} ` : ''}${formatClock(at)}` : e.at;
    const item = new vscode.TreeItem(`${when} ${truncate(e.text, 100)}`);
    item.description = [e.author, e.milestone].filter(Boolean).join(' · ');
    item.tooltip = `${when} — ${e.text}${e.author ? `\n— ${e.author}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(e.milestone ? 'star-full' : (KIND_ICONS[e.kind ?? 'event'] ?? 'circle-filled'));
    item.contextValue = 'timelineEntry';
    item.command = openRecordCommand(this.folder, this.incident.file, ['timeline', this.entry.index]);
    return item;
  }
}

export class LinkNode extends TreeNode {
  constructor(
    private readonly folder: FolderIndex,
    private readonly incident: Incident,
    private readonly link: CodeLink,
    private readonly index: number,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const kind: LinkKind = linkKind(this.link.path);
    const item = new vscode.TreeItem(this.link.symbol ? `${this.link.symbol}` : this.link.path);
    item.description = [this.link.symbol ? this.link.path : undefined, this.link.lines && `lines ${this.link.lines}`, this.link.note]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = this.link.note;
    item.iconPath = new vscode.ThemeIcon(this.link.symbol ? 'symbol-method' : kind === 'directory' ? 'folder' : kind === 'glob' ? 'files' : 'file-code');
    item.contextValue = `link.${kind}`;
    item.command = {
      command: COMMANDS.openLink,
      title: 'Open',
      arguments: [
        {
          folder: this.folder.folder.uri.toString(),
          path: this.link.path,
          symbol: this.link.symbol,
          lines: this.link.lines,
          incident: this.incident.id,
          index: this.index,
        },
      ],
    };
    return item;
  }
}

/** An entry in the Open actions view. */
