/**
 * Record sources the repository names itself (its committed
 * .incident-lens.yaml, its .vscode/settings.json) can point anywhere on this
 * machine. Those outside the workspace folder are read only after the person
 * agreed, once per workspace (remembered in workspaceState); until then they
 * are skipped and a notification asks. Sources from the person's own user
 * settings need no approval; in Restricted Mode no source is read at all.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResolvedSource } from '../core/index/recordSources';

const KEY = 'incidentLens.approvedSources';

export class SourceApproval {
  private readonly pending = new Map<string, { folder: vscode.WorkspaceFolder; sources: ResolvedSource[] }>();
  private readonly asked = new Set<string>();
  /** Called after an approval, to read the folders again. */
  onApproved: () => void = () => undefined;

  constructor(private readonly state: vscode.Memento) {}

  private key(folder: vscode.WorkspaceFolder, root: string): string {
    return `${folder.uri.toString()}\n${path.resolve(root)}`;
  }

  private approvedKeys(): Set<string> {
    return new Set(this.state.get<string[]>(KEY, []));
  }

  /** The sources to read now: `all` minus those `fromRepository` outside the folder that were not approved (asked about, without waiting). */
  approved(folder: vscode.WorkspaceFolder, fromRepository: readonly ResolvedSource[], all: readonly ResolvedSource[]): ResolvedSource[] {
    const ok = this.approvedKeys();
    const inside = (root: string) => !path.relative(folder.uri.fsPath, root).startsWith('..') && !path.isAbsolute(path.relative(folder.uri.fsPath, root));
    const waiting = fromRepository.filter((s) => !inside(s.root) && !ok.has(this.key(folder, s.root)));
    if (waiting.length) {
      this.pending.set(folder.uri.toString(), { folder, sources: waiting });
      this.ask(folder, waiting);
    } else this.pending.delete(folder.uri.toString());
    return all.filter((s) => !waiting.includes(s));
  }

  private ask(folder: vscode.WorkspaceFolder, waiting: readonly ResolvedSource[]): void {
    const id = folder.uri.toString();
    if (this.asked.has(id)) return;
    this.asked.add(id);
    const read = vscode.l10n.t('Read Records');
    const list = waiting.map((s) => `${s.root} (${s.from})`).join(', ');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('{0} names incident record sources outside it: {1}. Read the records there?', folder.name, list),
        read,
        vscode.l10n.t('Not Now'),
      )
      .then((answer) => (answer === read ? this.allowPending() : undefined));
  }

  /** Incident Lens: Allow Record Sources Outside the Workspace (and the notification's button). Returns the roots approved. */
  async allowPending(): Promise<string[]> {
    const ok = this.approvedKeys();
    const roots: string[] = [];
    for (const { folder, sources } of this.pending.values()) {
      for (const s of sources) {
        ok.add(this.key(folder, s.root));
        roots.push(s.root);
      }
    }
    this.pending.clear();
    await this.state.update(KEY, [...ok]);
    if (roots.length) this.onApproved();
    return roots;
  }
}
