/** Positioned problems in records, shared by the CLI, the Problems panel and the tests. */

/** Zero-based line and character (UTF-16 code units), as VS Code counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface RecordDiagnostic {
  /** Workspace-relative path of the record, with forward slashes. */
  readonly file: string;
  readonly range: Range;
  readonly severity: Severity;
  /** Field path such as `timeline[3].at`, or '' for the whole file. */
  readonly field: string;
  readonly message: string;
  /** Stable machine-readable code, e.g. `schema`, `yaml`, `duplicate-id`. */
  readonly code: string;
  /** A fix the editor can offer (quick fix) and the CLI can name: set `path` to `value`, through the edit path. */
  readonly fix?: DiagnosticFix;
}

export interface DiagnosticFix {
  readonly title: string;
  readonly path: ReadonlyArray<string | number>;
  readonly value: string;
}

export const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function fieldPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** `.incidents/INC-024.yaml:12:11 error priority: expected P1, P2, P3 or P4, got "P5"` */
export function formatDiagnostic(d: RecordDiagnostic): string {
  const where = `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  return `${where} ${d.severity} ${d.field ? `${d.field}: ` : ''}${d.message}`;
}

export function compareDiagnostics(a: RecordDiagnostic, b: RecordDiagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.message.localeCompare(b.message)
  );
}

export function hasErrors(diagnostics: readonly RecordDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
