/** What suggestFromHistory (suggest.ts) takes and answers. */
import type { CommitRole, CodeLink } from '../schema';
import type { OutlineSymbol } from '../outline';

export interface SuggestOptions {
  readonly now: number;
  readonly windowHours?: number;
  readonly fixWindowDays?: number;
  /** The records folder (workspace-relative): commits that only touch records are the record's own history, not evidence. */
  readonly recordsFolder?: string;
  /** Declarations of a file's text; the core's outline reader by default (the extension may ask its language servers). */
  readonly symbols?: (path: string, text: string) => Promise<readonly OutlineSymbol[]> | readonly OutlineSymbol[];
}

export interface Evidence {
  readonly role: CommitRole;
  readonly weight: number;
  readonly reason: string;
}

export interface SuggestedCommit {
  readonly sha: string;
  readonly subject: string;
  readonly author: string;
  readonly committedMs: number;
  readonly role: CommitRole;
  /** 0..1, the noisy-or of the evidence. */
  readonly score: number;
  /** Strongest first. */
  readonly reasons: readonly string[];
  /** Already on the record (commits, trigger.ref or an action record). */
  readonly onRecord: boolean;
}

export interface SuggestedLink {
  readonly link: CodeLink;
  readonly score: number;
  readonly reason: string;
  /** The commit whose change the link points at. */
  readonly sha: string;
}

export interface Suggestions {
  readonly commits: readonly SuggestedCommit[];
  readonly links: readonly SuggestedLink[];
  /** What limited the answer ("no start time", "abc1234 is not in this repository"). */
  readonly notes: readonly string[];
}
