/**
 * The only way core touches files. Paths are relative to one workspace folder,
 * with forward slashes. The CLI implements it with Node's fs, the extension
 * with `workspace.fs`, so one index serves both hosts.
 */
export interface FileStat {
  readonly mtimeMs: number;
  readonly size: number;
}

export interface FileAccess {
  readFile(path: string): Promise<string>;
  /** undefined when the file does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * Stats many files at once, in order (undefined where missing). Optional:
   * a host that can do it faster than one `stat` at a time (Node: synchronous
   * calls in short slices) provides it; the index falls back to `stat`.
   */
  statMany?(paths: readonly string[]): Promise<Array<FileStat | undefined>>;
  /**
   * A file's text when it is at most `maxBytes` long, else its size (the file
   * not read). Optional: without it, the index stats before it reads.
   */
  readTextUpTo?(path: string, maxBytes: number): Promise<{ readonly text: string } | { readonly tooLarge: number }>;
  /**
   * A file's text, synchronously (throws when missing or over `maxBytes`).
   * Optional: local hosts have it; with it an index may read records'
   * heads first and parse a file in full only when its diagnostics are asked for.
   */
  readTextSync?(path: string, maxBytes?: number): string;
  /** Every file below `dir` (recursively), as workspace-relative paths; [] when `dir` does not exist. */
  listFiles(dir: string): Promise<string[]>;
}

export function isRecordFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}
