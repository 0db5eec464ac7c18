/**
 * The record merge driver in this clone (src/node/git/mergeDriverSetup.ts): the
 * command that registers it, and a one-time offer per clone when a trusted
 * workspace with records is a git repository without it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { driverCommand, driverStatus, registerMergeDriver, replaceNpxFallback } from '../node/git/mergeDriverSetup';
import { settings } from './config';
import { CONFIG } from './constants';
import type { FolderIndex, IncidentWorkspace } from './incidentWorkspace';
import type { Log } from './log';

const ASKED_KEY = 'incidentLens.mergeDriver.asked';
const args = z.object({ folder: z.string().optional() });

export class MergeDriverSetup {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly workspace: IncidentWorkspace,
    private readonly log: Log,
  ) {}

  private get cli(): string {
    return path.join(this.context.extensionPath, 'dist', 'cli.js');
  }

  private folders(arg?: unknown): FolderIndex[] {
    const folder = args.safeParse(arg).success ? args.parse(arg ?? {}).folder : undefined;
    return this.workspace.folderIndexes().filter((f) => f.folder.uri.scheme === 'file' && (!folder || f.folder.uri.toString() === folder));
  }

  /** Registers the driver in every (or the named) folder's clone; returns what it did per folder. */
  async register(arg?: unknown): Promise<Array<{ folder: string; attributes: string; config: string }>> {
    if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('This workspace is in Restricted Mode: Incident Lens does not change git settings.'));
    const out = [];
    for (const f of this.folders(arg)) {
      try {
        const r = await registerMergeDriver(f.folder.uri.fsPath, settings(f.folder.uri).incidentsFolder, this.cli);
        out.push({ folder: f.folder.name, attributes: r.attributes, config: r.config });
        if (r.attributes === 'added')
          void vscode.window.showInformationMessage(
            vscode.l10n.t(
              'Merge driver registered in {0}. Commit .gitattributes so every clone routes the records to it; each clone registers it once (git does not share config).',
              f.folder.name,
            ),
          );
      } catch (err) {
        this.log.info(`merge driver: ${f.folder.name} is not a git clone (${(err as Error).message.split('\n')[0]})`);
      }
    }
    return out;
  }

  /** Once per clone: offer to register when it is missing (or points at another install of the CLI). */
  async offer(): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    for (const f of this.folders()) {
      if (!vscode.workspace.getConfiguration(CONFIG.section, f.folder.uri).get<boolean>(CONFIG.mergeDriverOffer, true)) continue;
      if (f.index.incidents().length === 0) continue;
      // A registration that falls back to npx would run the repository's own node_modules: replaced, asked or not.
      if (await replaceNpxFallback(f.folder.uri.fsPath, settings(f.folder.uri).incidentsFolder, this.cli).catch(() => false)) {
        this.log.info(`merge driver: ${f.folder.name}: the registration that fell back to npx now falls back to git's text merge`);
      }
      const key = `${ASKED_KEY}:${f.folder.uri.toString()}`;
      if (this.context.workspaceState.get<boolean>(key)) continue;
      let status;
      try {
        status = await driverStatus(f.folder.uri.fsPath, settings(f.folder.uri).incidentsFolder);
      } catch {
        continue; // not a git clone
      }
      if (status.configured === driverCommand(this.cli) && status.attributes) continue;
      await this.context.workspaceState.update(key, true);
      const register = vscode.l10n.t('Register');
      const pick = await vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Several responders logging into the same incident from their clones get git conflicts. Register the Incident Lens merge driver for records in {0}?',
          f.folder.name,
        ),
        register,
        vscode.l10n.t('Not now'),
      );
      if (pick === register) await this.register({ folder: f.folder.uri.toString() });
    }
  }
}
