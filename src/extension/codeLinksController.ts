/**
 * Turns the code-link providers on and off with their settings, and refreshes
 * them when the index changes (not on every configuration change).
 */
import * as vscode from 'vscode';
import { affects, settings } from './config';
import { CONFIG } from './constants';
import type { IncidentCodeLensProvider, IncidentDecorationProvider, IncidentHoverProvider } from './codeLinks';
import type { IncidentWorkspace } from './incidentWorkspace';
import { DisposableStore } from './lifecycle';

const ALL_FILES: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }];

export class CodeLinksController implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private codeLensRegistration?: vscode.Disposable;
  private hoverRegistration?: vscode.Disposable;
  private decorationRegistration?: vscode.Disposable;

  constructor(
    workspace: IncidentWorkspace,
    private readonly codeLens: IncidentCodeLensProvider,
    private readonly hover: IncidentHoverProvider,
    private readonly decorations: IncidentDecorationProvider,
  ) {
    this.apply();
    this.store.add(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, CONFIG.codeLensEnabled) || affects(e, CONFIG.hoverEnabled) || affects(e, CONFIG.decorationsEnabled)) this.apply();
        if (affects(e, CONFIG.minimumPriority) || affects(e, CONFIG.hideClosedOlderThanDays)) this.refresh();
      }),
    );
    this.store.add(workspace.onDidChange(() => this.refresh()));
  }

  private apply(): void {
    const s = settings();
    if (s.codeLensEnabled && !this.codeLensRegistration) this.codeLensRegistration = vscode.languages.registerCodeLensProvider(ALL_FILES, this.codeLens);
    if (!s.codeLensEnabled && this.codeLensRegistration) {
      this.codeLensRegistration.dispose();
      this.codeLensRegistration = undefined;
    }
    if (s.hoverEnabled && !this.hoverRegistration) this.hoverRegistration = vscode.languages.registerHoverProvider(ALL_FILES, this.hover);
    if (!s.hoverEnabled && this.hoverRegistration) {
      this.hoverRegistration.dispose();
      this.hoverRegistration = undefined;
    }
    if (s.decorationsEnabled && !this.decorationRegistration) this.decorationRegistration = vscode.window.registerFileDecorationProvider(this.decorations);
    if (!s.decorationsEnabled && this.decorationRegistration) {
      this.decorationRegistration.dispose();
      this.decorationRegistration = undefined;
    }
  }

  private refresh(): void {
    this.codeLens.refresh();
    this.decorations.refresh();
  }

  dispose(): void {
    this.codeLensRegistration?.dispose();
    this.hoverRegistration?.dispose();
    this.decorationRegistration?.dispose();
    this.codeLens.dispose();
    this.decorations.dispose();
    this.store.dispose();
  }
}
