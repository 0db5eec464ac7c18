/**
 * CSV exports (Jira's "Export CSV", spreadsheets), RFC 4180: quoted fields
 * with commas, doubled quotes and line breaks. Read as a stream, row by row,
 * each row with the line it starts on. A column mapping names, for each
 * record field, the header of the column that holds it (given on the
 * command line as --map field=Header,… or in a small YAML file); value maps
 * translate statuses and priorities ("Highest: P1").
 *
 * Times: ISO 8601, or Jira's "21/Jun/18 11:04 AM", "2018-06-21 11:04"; a
 * time without an offset needs the mapping's timeZone (IANA), written into
 * the record as its timeZone — never guessed.
 */
import { isTimeZone } from '../time/recordTime';
import { PRIORITIES, STATUSES } from '../records/schema';
import type { Draft, ImportProblem } from './types';
import { monthNumber } from './markdown';

export const CSV_FIELDS = [
  'id',
  'title',
  'status',
  'priority',
  'started',
  'resolved',
  'commander',
  'system',
  'summary',
  'rootCause',
  'trigger',
  'lesson',
  'url',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

export interface CsvMapping {
  /** Record field → column header. */
  readonly columns: Partial<Record<CsvField, string>>;
  /** Status values → record status (case-insensitive). */
  readonly statuses?: Readonly<Record<string, string>>;
  /** Priority values → P1–P4 (case-insensitive). */
  readonly priorities?: Readonly<Record<string, string>>;
  /** IANA zone for times written without an offset. */
  readonly timeZone?: string;
  /** The system name written in each record's `source` (mapping key `source`; default "csv"; "jira" for a Jira export). */
  readonly system?: string;
}

/** A mapping from the mapping file's data ({ id_from | id, title, …, statuses, priorities, timeZone, source }) or --map pairs. */
export function csvMapping(data: Record<string, unknown>, where: string): { mapping?: CsvMapping; errors: string[] } {
  const errors: string[] = [];
  const columns: Partial<Record<CsvField, string>> = {};
  const maps: { statuses?: Record<string, string>; priorities?: Record<string, string> } = {};
  let timeZone: string | undefined;
  let system: string | undefined;
  for (const [k, v] of Object.entries(data)) {
    const key = k === 'id_from' ? 'id' : k === 'start' ? 'started' : k === 'resolution' ? 'resolved' : k;
    if ((CSV_FIELDS as readonly string[]).includes(key)) {
      if (typeof v !== 'string' || !v.trim()) errors.push(`${where}: "${k}" must name a column header`);
      else columns[key as CsvField] = v;
    } else if (key === 'statuses' || key === 'priorities') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        errors.push(`${where}: "${k}" must map values to ${key === 'statuses' ? STATUSES.join('/') : 'P1–P4'}`);
        continue;
      }
      const out: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [from, to] of Object.entries(v as Record<string, unknown>)) {
        const ok = key === 'statuses' ? (STATUSES as readonly string[]).includes(String(to)) : (PRIORITIES as readonly string[]).includes(String(to));
        if (!ok) errors.push(`${where}: ${k}.${from}: "${String(to)}" is not ${key === 'statuses' ? `one of ${STATUSES.join(', ')}` : 'P1, P2, P3 or P4'}`);
        else out[from.toLowerCase()] = String(to);
      }
      maps[key] = out;
    } else if (key === 'timeZone') {
      if (typeof v !== 'string' || !isTimeZone(v))
        errors.push(`${where}: timeZone "${String(v)}" is not an IANA time zone (Europe/London, America/New_York, UTC)`);
      else timeZone = v;
    } else if (key === 'source') {
      if (typeof v !== 'string' || !/^[a-z0-9][a-z0-9-]*$/i.test(v))
        errors.push(`${where}: source must be a short name for the system exported from, like jira`);
      else system = v.toLowerCase();
    } else errors.push(`${where}: unknown key "${k}"; known: ${[...CSV_FIELDS, 'id_from', 'statuses', 'priorities', 'timeZone', 'source'].join(', ')}`);
  }
  if (!columns.title) errors.push(`${where}: the mapping must name the title column (title: "Summary")`);
  if (!columns.id) errors.push(`${where}: the mapping must name a column that identifies each row for re-imports (id: "Issue key")`);
  // Every record has a status and none is invented: without the column, every row would be skipped.
  if (!columns.status) errors.push(`${where}: the mapping must name the status column (status: "Status"); map its values with statuses`);
  return errors.length ? { errors } : { mapping: { columns, ...maps, ...(timeZone ? { timeZone } : {}), ...(system ? { system } : {}) }, errors };
}

/** "title=Summary,started=Created" → mapping data. */
export function parseMapArgument(arg: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of arg.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** RFC 4180 rows from chunks, each with the line it starts on. */
export class CsvRowReader {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private line = 1;
  private rowLine = 1;
  private pendingCR = false;

  feed(chunk: string): Array<{ cells: string[]; line: number }> {
    const out: Array<{ cells: string[]; line: number }> = [];
    // Runs of ordinary characters are appended as one slice: adding a character at a time
    // builds a rope of one node per character (a 20 MB cell cost ~835 MB).
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === '\n') continue;
      }
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        const run = chunk.slice(i, q < 0 ? chunk.length : q);
        this.line += countNewlines(run);
        this.field += run;
        if (q < 0) break;
        i = q;
        if (chunk[q + 1] === '"') {
          this.field += '"';
          i++;
        } else if (q + 1 === chunk.length) {
          // A quote at the very end of a chunk: decided by the next chunk's first character.
          this.inQuotes = false;
          this.quoteSeen = true;
        } else this.inQuotes = false;
        continue;
      }
      if (this.quoteSeen && c === '"') {
        // "" split across chunks.
        this.field += '"';
        this.inQuotes = true;
        this.quoteSeen = false;
        continue;
      }
      this.quoteSeen = false;
      if (c === '"' && this.field === '') this.inQuotes = true;
      else if (c === ',') {
        this.row.push(this.field);
        this.field = '';
      } else if (c === '\n' || c === '\r') {
        this.row.push(this.field);
        this.field = '';
        out.push({ cells: this.row, line: this.rowLine });
        this.row = [];
        this.line++;
        this.rowLine = this.line;
        if (c === '\r') this.pendingCR = true;
      } else {
        let j = i + 1;
        while (j < chunk.length && !SPECIAL.has(chunk.charCodeAt(j))) j++;
        this.field += chunk.slice(i, j);
        i = j - 1;
      }
    }
    return out;
  }

  end(): { cells: string[]; line: number } | { error: string; line: number } | undefined {
    if (this.inQuotes) return { error: 'the file ends inside a quoted field (a " was never closed)', line: this.rowLine };
    if (this.field !== '' || this.row.length) {
      this.row.push(this.field);
      return { cells: this.row, line: this.rowLine };
    }
    return undefined;
  }
}

/** Characters that end a run of an unquoted field: , " \n \r. */
const SPECIAL = new Set([44, 34, 10, 13]);

function countNewlines(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A spreadsheet time as the record format writes it, or why not. */
export function csvTime(raw: string, zone: string | undefined): { value: string } | { error: string } {
  const v = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(v))
    return { value: v.replace(/\.\d+(?=Z|[+-])/, '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2') };
  let y: number, mo: number, d: number, h: number, mi: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?$/.exec(v);
  const jira = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2,4}) (\d{1,2}):(\d{2})(?::\d{2})? ?([AP]M)?$/i.exec(v);
  if (iso) [y, mo, d, h, mi] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4]), Number(iso[5])];
  else if (jira) {
    y = Number(jira[3]) < 100 ? 2000 + Number(jira[3]) : Number(jira[3]);
    mo = monthNumber(jira[2]!);
    d = Number(jira[1]);
    h = (Number(jira[4]) % 12) + (jira[6]?.toUpperCase() === 'PM' ? 12 : 0);
    if (!jira[6]) h = Number(jira[4]);
    mi = Number(jira[5]);
    if (mo === 0) return { error: `"${v}": unknown month "${jira[2]}"` };
  } else return { error: `"${v}" is not a time I can read (ISO 8601, 2018-06-21 11:04 or Jira's 21/Jun/18 11:04 AM)` };
  if (!zone) return { error: `"${v}" has no UTC offset: give the time zone it was exported in (mapping timeZone, or --time-zone)` };
  return { value: `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00` };
}

/** The whole file cannot be read (its header, an unclosed quote). */
export class CsvFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvState {
  /** Rows read so far, the header being row 1 (as a spreadsheet numbers them). */
  rows?: number;
  header?: string[];
  index?: Partial<Record<CsvField, number>>;
}

/** One row → a draft, or the problem with it (row and column named). */
export function csvRowDraft(
  file: string,
  row: { cells: string[]; line: number },
  state: CsvState,
  mapping: CsvMapping,
  problems: ImportProblem[],
): Draft | undefined {
  state.rows = (state.rows ?? 0) + 1;
  if (!state.header) {
    state.header = row.cells.map((c) => c.trim());
    const index: Partial<Record<CsvField, number>> = {};
    const missing: string[] = [];
    for (const [field, header] of Object.entries(mapping.columns) as Array<[CsvField, string]>) {
      const i = state.header.indexOf(header);
      if (i < 0) missing.push(`${field} → "${header}"`);
      else index[field] = i;
    }
    if (missing.length) throw new CsvFileError(row.line, `the header has no column ${missing.join(', ')} (columns: ${state.header.join(', ')})`);
    state.index = index;
    return undefined;
  }
  if (row.cells.length === 1 && !row.cells[0]!.trim()) return undefined;
  const cell = (f: CsvField) => {
    const i = state.index![f];
    return i === undefined ? undefined : row.cells[i]?.trim() || undefined;
  };
  const where = (f: CsvField) => `${file}:${row.line} (row ${state.rows}, column "${mapping.columns[f]}")`;
  const id = cell('id');
  const title = cell('title');
  if (!id || !title) {
    problems.push({ where: where(!id ? 'id' : 'title'), message: `empty ${!id ? 'id' : 'title'}; row skipped` });
    return undefined;
  }
  const notes: string[] = [];
  const record: Record<string, unknown> = { title };
  const rawStatus = cell('status');
  const status = rawStatus && (ownValue(mapping.statuses, rawStatus.toLowerCase()) ?? defaultStatus(rawStatus));
  if (!status) {
    problems.push({
      where: where('status'),
      message: `status "${rawStatus ?? ''}" is not known: map it (statuses: { "${rawStatus ?? ''}": resolved }); row skipped`,
    });
    return undefined;
  }
  record.status = status;
  if (rawStatus && !ownValue(mapping.statuses, rawStatus.toLowerCase()) && rawStatus.toLowerCase() !== status)
    notes.push(`status: ${status} from "${rawStatus}"`);
  const rawPriority = cell('priority');
  const priority =
    rawPriority &&
    (ownValue(mapping.priorities, rawPriority.toLowerCase()) ??
      (/^(?:P|SEV[- ]?)([1-4])$/i.exec(rawPriority) ? `P${/([1-4])$/.exec(rawPriority)![1]}` : undefined));
  if (priority) record.priority = priority;
  else
    notes.push(
      rawPriority ? `priority: "${rawPriority}" is not P1–P4 (map it: priorities: { ${rawPriority}: P2 }); set one` : 'priority: the row gives none; set P1–P4',
    );
  if (mapping.timeZone) record.timeZone = mapping.timeZone;
  for (const [field, target] of [
    ['started', 'start'],
    ['resolved', 'resolution'],
  ] as const) {
    const raw = cell(field);
    if (!raw) continue;
    const t = csvTime(raw, mapping.timeZone);
    if ('error' in t) {
      problems.push({ where: where(field), message: `${t.error}; row skipped` });
      return undefined;
    }
    record[target] = t.value;
  }
  if (record.resolution && status === 'active') delete record.resolution;
  const set = (path: string[], value: string | undefined) => {
    if (!value) return;
    let o = record;
    for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    o[path.at(-1)!] = value;
  };
  set(['roles', 'incidentLead'], cell('commander'));
  set(['impact', 'system'], cell('system'));
  set(['postmortem', 'summary'], cell('summary'));
  set(['rootCause', 'confirmed'], cell('rootCause'));
  set(['rootCause', 'trigger', 'text'], cell('trigger'));
  set(['learning', 'lesson'], cell('lesson'));
  const url = cell('url');
  const source = { system: mapping.system ?? 'csv', id, ...(url ? { url } : {}) };
  return { source, label: `${id} ${title}`, where: `${file}:${row.line} (row ${state.rows})`, record, actions: [], notes };
}

/** A value map's entry for a key the data chose: own keys only ("constructor" is not a status). */
function ownValue(map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function defaultStatus(raw: string): string | undefined {
  const v = raw.trim().toLowerCase();
  if ((STATUSES as readonly string[]).includes(v)) return v;
  if (/^(done|resolved|fixed|closed|complete|completed)$/.test(v)) return 'resolved';
  if (/^(open|in progress|in-progress|investigating|to do|todo|new|triage|active|identified|monitoring)$/.test(v)) return 'active';
  return undefined;
}
