/** Core diagnostics in the Problems panel, on the exact range, per record file. */
import * as vscode from 'vscode';
import type { RecordDiagnostic } from '../core/records/diagnostics';
import type { FolderIndex, IncidentWorkspace } from './incidentWorkspace';
import { DisposableStore } from './lifecycle';

const SEVERITY: Record<RecordDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVscodeDiagnostic(d: RecordDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.field ? `${d.field}: ${d.message}` : d.message, SEVERITY[d.severity]);
  diagnostic.source = 'Incident Lens';
  diagnostic.code = d.code;
  return diagnostic;
}

export class ProblemsPublisher implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly collection = this.store.add(vscode.languages.createDiagnosticCollection('incident-lens'));
  /** Files with problems we published, per folder, so fixed and removed files get cleared. */
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly workspace: IncidentWorkspace) {
    this.store.add(workspace.onDidChange(() => this.publishAll()));
  }

  /**
   * Cross-record checks mean one file's change can change another's problems
   * (a deleted action record breaks its incident's plan), so publish all files;
   * it is a map walk, no I/O.
   */
  publishAll(): void {
    const seen = new Set<string>();
    for (const folder of this.workspace.folderIndexes()) this.publishFolder(folder, seen);
    for (const [key, files] of this.published) {
      if (!seen.has(key)) {
        for (const uri of files) this.collection.delete(vscode.Uri.parse(uri));
        this.published.delete(key);
      }
    }
  }

  /**
   * One batched call per folder (a call per file is a message to the window
   * per file: 16,000 of them on a big folder), with the files that have
   * problems and those that had some before (cleared).
   */
  private publishFolder(folder: FolderIndex, seen: Set<string>): void {
    const key = folder.folder.uri.toString();
    seen.add(key);
    const before = this.published.get(key) ?? new Set<string>();
    const now = new Set<string>();
    const entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    // Heads first: a file read as a head gets its diagnostics with the full read behind it (published then), not a
    // parse per file now; until then what was published for it stays. Files read in full (edited, cached) publish now.
    const pending = folder.index.fullReadPending;
    for (const parsed of folder.index.allFiles()) {
      if (pending && parsed.headsOnly) {
        const uri = folder.access.uri(parsed.file).toString();
        if (before.has(uri)) now.add(uri);
        continue;
      }
      const found = folder.index.diagnosticsFor(parsed.file);
      if (!found.length) continue;
      const uri = folder.access.uri(parsed.file);
      now.add(uri.toString());
      entries.push([uri, found.map(toVscodeDiagnostic)]);
    }
    for (const uri of before) if (!now.has(uri)) entries.push([vscode.Uri.parse(uri), []]);
    if (entries.length) this.collection.set(entries);
    this.published.set(key, now);
  }

  dispose(): void {
    this.store.dispose();
  }
}
