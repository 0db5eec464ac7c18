/**
 * The deploy log: what ran where and since when, as lines of JSON
 *
 *   {"time": "2025-06-10T14:15:00+02:00", "environment": "production", "revision": "985273c"}
 *
 * one deploy a line (`.incident-lens/deploys.jsonl`, or a CI's deployment
 * records exported so). `time`: ISO 8601 with an offset; `environment`: a
 * name; `revision`: a commit SHA (7 to 40 hex digits) or a tag name. Other
 * fields are ignored; blank lines and lines starting with # or // are skipped.
 *
 * The file is repository input, so it is untrusted: it is read as data only
 * (a revision is looked up among known commits and tags, never handed to a
 * shell or to git as an option), its size is bounded, and every problem is
 * reported with file, line, column and field.
 */
import { parseTime } from '../time/recordTime';

export const DEPLOY_LOG_PATH = '.incident-lens/deploys.jsonl';
/** Larger logs are refused: a deploy log of ten years of deploys every ten minutes is ~50 MB, keep it trimmed. */
export const MAX_DEPLOY_LOG_BYTES = 4 * 1024 * 1024;
const MAX_LINE_CHARS = 4096;
const MAX_ERRORS = 20;
const SHA = /^[0-9a-f]{7,40}$/i;
/** A tag name as git allows it, without what could read as an option or a range. */
const TAG_NAME = /^[A-Za-z0-9_][A-Za-z0-9._/@+-]{0,199}$/;
const ENVIRONMENT = /^[\w .:/@+-]{1,100}$/;

export interface DeployEntry {
  readonly ms: number;
  readonly offsetMinutes: number;
  readonly environment: string;
  /** A SHA (lower case) or a tag name. */
  readonly revision: string;
  /** 1-based line in the log. */
  readonly line: number;
}

export interface DeployLogError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly field?: string;
  readonly message: string;
}

export interface DeployLog {
  readonly deploys: DeployEntry[];
  readonly errors: DeployLogError[];
}

/** "file:3:15 revision: …" */
export function formatDeployLogError(e: DeployLogError): string {
  return `${e.file}:${e.line}:${e.column}${e.field ? ` ${e.field}` : ''}: ${e.message}`;
}

function columnOf(text: string, field: string): number {
  const i = text.indexOf(`"${field}"`);
  return i >= 0 ? i + 1 : 1;
}

/** Where JSON.parse stopped ("… at position 17" in Node), as a 1-based column. */
function jsonColumn(message: string): number {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) + 1 : 1;
}

function entryOf(value: unknown, text: string, line: number, file: string, errors: DeployLogError[]): DeployEntry | undefined {
  const err = (field: string | undefined, message: string) => {
    errors.push({ file, line, column: field ? columnOf(text, field) : 1, ...(field ? { field } : {}), message });
    return undefined;
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return err(undefined, 'a deploy is a JSON object {"time", "environment", "revision"}');
  const o = value as Record<string, unknown>;
  const { time, environment, revision } = o;
  if (typeof time !== 'string') return err('time', typeof time === 'undefined' ? 'missing' : 'must be a string');
  const t = parseTime(time.slice(0, 64));
  if (t.kind !== 'instant') return err('time', `"${time.slice(0, 40)}" is not ISO 8601 with an offset (2025-06-10T14:15:00+02:00)`);
  if (typeof environment !== 'string' || !ENVIRONMENT.test(environment))
    return err('environment', typeof environment === 'undefined' ? 'missing' : 'must be a name of 1 to 100 letters, digits, spaces or . : / @ + - _');
  if (typeof revision !== 'string') return err('revision', typeof revision === 'undefined' ? 'missing' : 'must be a string');
  if (!SHA.test(revision) && !(TAG_NAME.test(revision) && !revision.includes('..')))
    return err('revision', `"${revision.slice(0, 40)}" is neither a commit SHA (7 to 40 hex digits) nor a tag name`);
  return { ms: t.instant.ms, offsetMinutes: t.instant.offsetMinutes, environment, revision: SHA.test(revision) ? revision.toLowerCase() : revision, line };
}

/** Parses a deploy log's text; `file` names it in errors. Never throws. */
export function parseDeployLog(text: string, file = DEPLOY_LOG_PATH): DeployLog {
  const deploys: DeployEntry[] = [];
  const errors: DeployLogError[] = [];
  if (text.length > MAX_DEPLOY_LOG_BYTES) {
    return {
      deploys,
      errors: [{ file, line: 1, column: 1, message: `larger than ${MAX_DEPLOY_LOG_BYTES / 1024 / 1024} MB: not read (keep the recent deploys)` }],
    };
  }
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && errors.length < MAX_ERRORS; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('//')) continue;
    if (raw.length > MAX_LINE_CHARS) {
      errors.push({ file, line: i + 1, column: MAX_LINE_CHARS + 1, message: `line longer than ${MAX_LINE_CHARS} characters: skipped` });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      errors.push({
        file,
        line: i + 1,
        column: jsonColumn(e instanceof Error ? e.message : ''),
        message: `not JSON: ${(e instanceof Error ? e.message : String(e)).slice(0, 120)}`,
      });
      continue;
    }
    const entry = entryOf(value, raw, i + 1, file, errors);
    if (entry) deploys.push(entry);
  }
  return { deploys: deploys.sort((a, b) => a.ms - b.ms), errors };
}

/** Whether an entry's environment is the one asked for ("production" also takes prod, prd, live). */
export function sameEnvironment(entry: string, wanted: string): boolean {
  const norm = (s: string) => {
    const l = s.trim().toLowerCase();
    return /^(prod|prd|production|live)$/.test(l) ? 'production' : l;
  };
  return norm(entry) === norm(wanted);
}
