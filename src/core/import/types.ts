/**
 * What every importer produces: drafts of incident records (with the action
 * records their follow-ups become), in the record format, holding only what
 * the source gave. No I/O here: readers hand in text; planning and writing
 * are plan.ts and the callers' (CLI, extension).
 */
import type { ActionStatus, ActionTerm } from '../records/schema';

export const IMPORT_FORMATS = ['markdown', 'incident-io', 'pagerduty', 'statuspage', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  markdown: 'Markdown postmortems',
  'incident-io': 'incident.io (API v2 JSON)',
  pagerduty: 'PagerDuty (REST API JSON)',
  statuspage: 'Atlassian Statuspage (API JSON)',
  csv: 'CSV (Jira, spreadsheets)',
};

/** Where a record came from; re-imports match on system and id. */
export interface ImportSource {
  readonly system: string;
  readonly id: string;
  readonly url?: string;
}

export interface DraftAction {
  readonly source: ImportSource;
  readonly title: string;
  readonly status: ActionStatus;
  readonly owner?: string;
  readonly deadline?: string;
  readonly acceptanceCriteria?: string;
  readonly term?: ActionTerm;
}

export interface Draft {
  readonly source: ImportSource;
  /** For reports: "#1234 The server is on fire." */
  readonly label: string;
  /** Where in the input: "incidents.json /incidents/2", "jira.csv row 3", "postmortem.md line 1". */
  readonly where: string;
  /** Incident fields in the record's shape (no id): only values the source gave. */
  readonly record: Record<string, unknown>;
  /** Follow-ups that become action records. */
  readonly actions: DraftAction[];
  /** Comments for the head of a new record: what the source lacked, how a value was read. */
  readonly notes: string[];
  /** An id to keep when it is free (Incident Lens's own export). */
  readonly preferredId?: string;
  /** For the preview: the facts read (start, end, duration, zone, timeline, …), each with the line it came from. */
  readonly facts?: readonly DraftFact[];
  /** For the preview: facts the document does not give ("end", "duration", …). */
  readonly missing?: readonly string[];
}

export interface DraftFact {
  readonly field: string;
  readonly value: string;
  readonly line?: number;
  /** The sentence or line the value was read from. */
  readonly evidence?: string;
}

/** An item that could not be read (skipped), or a whole file (nothing from it is written). */
export interface ImportProblem {
  /** "file:line:column", "file /json/pointer", "file row 4, column Priority". */
  readonly where: string;
  readonly message: string;
}

export interface ImportResult {
  readonly drafts: Draft[];
  /** Items skipped, each with its position. */
  readonly problems: ImportProblem[];
  /** Files that could not be parsed: nothing from them is imported. */
  readonly failed: ImportProblem[];
}

/** The progress of reading big files: bytes read of the total. */
export type Progress = (done: number, total: number) => void;

export function label(source: ImportSource, title: string | undefined): string {
  return `${source.id} ${title ?? ''}`.trim();
}
