/**
 * What the suggestion engine asks of git, as an interface the Node side
 * implements by running git (src/node/git/gitHistory.ts). Every question is
 * bounded (a time window, a commit, a range of lines): nothing walks the
 * whole history.
 */

export interface GitFileChange {
  /** Path after the commit (repository-relative, "/"-separated). */
  readonly path: string;
  /** Path before the commit, when it was renamed. */
  readonly oldPath?: string;
  readonly added: number;
  readonly deleted: number;
  readonly status: 'added' | 'modified' | 'deleted' | 'renamed';
}

export interface GitCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly author: string;
  /** When it landed on the branch (committer time). */
  readonly committedMs: number;
  readonly subject: string;
  readonly body: string;
  /** Against the first parent, renames detected. */
  readonly files: readonly GitFileChange[];
}

/** One `-U0` hunk of a commit against its first parent; lines are 1-based. */
export interface GitHunk {
  readonly oldPath?: string;
  readonly path?: string;
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
  /** What git names after the hunk header: the function or class the hunk falls in, when the language has such lines. */
  readonly context?: string;
}

/** Lines of a file at a revision, attributed to the commit that last wrote them. */
export interface BlameSpan {
  readonly sha: string;
  readonly committedMs: number;
  readonly subject: string;
  readonly startLine: number;
  readonly count: number;
}

export interface LineRange {
  readonly start: number;
  readonly count: number;
}

/** A tag and the commit it points at; `ms` is when it was made (tagger date, else the commit's date). */
export interface GitTag {
  readonly name: string;
  readonly sha: string;
  readonly ms: number;
}

export interface GitHistory {
  /** Commits reachable from HEAD that landed in [sinceMs, untilMs], newest first. `grep`: only those whose message contains one of these (case-insensitive). */
  commitsInWindow(sinceMs: number, untilMs: number, options?: { grep?: readonly string[] }): Promise<GitCommit[]>;
  /** One commit, by full or abbreviated SHA; undefined when the repository lacks it. */
  commit(ref: string): Promise<GitCommit | undefined>;
  hunks(sha: string): Promise<GitHunk[]>;
  /** Blame `path` at `rev` on the given lines; lines older than `sinceMs` are left out. */
  blame(rev: string, path: string, ranges: readonly LineRange[], sinceMs: number): Promise<BlameSpan[]>;
  /** Where `path` as of commit `sha` is at HEAD, following renames; undefined when it was deleted since. */
  pathAtHead(sha: string, path: string): Promise<string | undefined>;
  /** The file's text at a revision (HEAD: as committed), undefined when absent. */
  fileAt(rev: string, path: string): Promise<string | undefined>;
  /** Files at HEAD containing the word, for finding where a symbol moved. */
  filesContaining(word: string, limit: number): Promise<string[]>;
  /** Every tag of the repository (what shipped: deploy and release tags). Optional: without it, tags are not read. */
  tags?(): Promise<GitTag[]>;
  /** The commits reachable from `rev` that landed at or after `sinceMs` (full SHAs): what a deploy of `rev` ran. */
  reachable?(rev: string, sinceMs: number): Promise<Set<string>>;
  /** The workspace folder's path inside the repository ("" at the root, else ending in "/"). */
  readonly prefix: string;
}

/** The SHA a revert message names ("This reverts commit X."), when there is one. */
export function revertedSha(message: string): string | undefined {
  return /This reverts commit ([0-9a-f]{7,40})/i.exec(message)?.[1]?.toLowerCase();
}

/** The subject a revert names (`Revert "subject"`), for reverts whose message lost the SHA. */
export function revertedSubject(subject: string): string | undefined {
  return /^Revert "(.+)"\s*$/.exec(subject)?.[1];
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
