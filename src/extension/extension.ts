import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // The extension layer arrives with the sidebar issue; the core is usable from the CLI now.
}

export function deactivate(): void {}
