/** What suggestFromHistory (suggest.ts) takes and answers. */
import type { CommitRole, CodeLink } from '../records/schema';
import type { OutlineSymbol } from '../links/sourceOutline';
import type { DeployEntry } from './deployLogFormat';

/** How long before an incident's start a commit counts as a suspect (settings: incidentLens.suggest.windowHours). Here, not in suggestCommits.ts, so the extension's settings read it without loading git history. */
export const DEFAULT_WINDOW_HOURS = 24;

export interface SuggestOptions {
  readonly now: number;
  readonly windowHours?: number;
  readonly fixWindowDays?: number;
  /** The records folder (workspace-relative): commits that only touch records are the record's own history, not evidence. */
  readonly recordsFolder?: string;
  /** The deploy log's entries (deployLog.ts), when the workspace has one. */
  readonly deploys?: readonly DeployEntry[];
  /** Which environment's deploys count (default production; prod, prd and live are the same). */
  readonly environment?: string;
  /** false: commits only, no code links (the evaluation's quick runs). */
  readonly links?: boolean;
  /** Declarations of a file's text; the core's outline reader by default (the extension may ask its language servers). */
  readonly symbols?: (path: string, text: string) => Promise<readonly OutlineSymbol[]> | readonly OutlineSymbol[];
}

export interface Evidence {
  /** 'window': only that it landed before start (the weakest kind: preselected only when clearly ahead). */
  readonly kind?: 'window';
  readonly role: CommitRole;
  readonly weight: number;
  readonly reason: string;
  /** A pull request's merge that is a suspect as a whole (revertHabit.ts): the full SHAs of the commits it brought. */
  readonly brought?: readonly string[];
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
  /** Its only evidence is the window before start. */
  readonly windowOnly?: boolean;
  /** A pull request's merge that is a suspect as a whole (the team reverts whole pull requests): the commits it brought. */
  readonly brought?: readonly string[];
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
