/**
 * Reading an import: each file streamed in chunks (the caller opens it),
 * parsed by its format's reader, with progress in bytes and a way to stop.
 * A file that fails to parse contributes nothing; a bad item is skipped
 * with its position; everything else becomes drafts (plan.ts decides what
 * is written).
 */
import { CsvFileError, csvRowDraft, CsvRowReader, type CsvMapping, type CsvState } from './csv';
import { JsonSyntaxError, readJsonItems } from './json';
import { parseMarkdownPostmortem } from './markdown';
import type { Draft, ImportFormat, ImportProblem, ImportResult } from './types';
import { incidentIoDrafts } from './vendors/incidentIo';
import { pagerDutyDrafts } from './vendors/pagerDuty';
import { statuspageDrafts } from './vendors/statuspage';
import type { VendorItem } from './vendors/vendorItem';

export interface ImportFile {
  /** As shown in messages (workspace-relative or as given). */
  readonly path: string;
  /** Bytes, for progress. */
  readonly size: number;
  readonly chunks: () => AsyncIterable<string>;
}

export interface ReadOptions {
  readonly format: ImportFormat;
  readonly csv?: CsvMapping;
  /** Called as bytes are read: done and total over all files. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between chunks: true stops the read (nothing is returned then). */
  readonly cancelled?: () => boolean;
}

/** "12.5 / 50.0 MB", or KB for small files. */
export function progressText(done: number, total: number): string {
  const mb = total >= 1048576;
  const unit = mb ? 1048576 : 1024;
  return `${(done / unit).toFixed(1)} / ${(total / unit).toFixed(1)} ${mb ? 'MB' : 'KB'}`;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled; nothing was written');
  }
}

/** The format a file is in, from its name and its first bytes; undefined when it cannot be told. */
export function detectFormat(path: string, head: string): ImportFormat | undefined {
  const name = path.toLowerCase();
  if (/\.(md|markdown)$/.test(name)) return 'markdown';
  if (/\.(csv|tsv)$/.test(name)) return 'csv';
  if (!/\.json$/.test(name) && !/^\s*[[{]/.test(head)) return undefined;
  if (/"(incident_status|follow_ups|incident_role_assignments|incident_timestamp_values|postmortem_document_url)"/.test(head)) return 'incident-io';
  if (/"(log_entries|incident_number|incident_key|escalation_policy|first_trigger_log_entry)"/.test(head) || /pagerduty\.com/.test(head)) return 'pagerduty';
  if (/"(incident_updates|shortlink|postmortem_body|impact_override)"/.test(head) || /statuspage\.io|stspg\.io/.test(head)) return 'statuspage';
  return undefined;
}

const JSON_KEYS: Record<Exclude<ImportFormat, 'markdown' | 'csv'>, string[]> = {
  'incident-io': ['incidents', 'follow_ups'],
  pagerduty: ['incidents', 'log_entries'],
  statuspage: ['incidents'],
};

export async function readImport(files: readonly ImportFile[], options: ReadOptions): Promise<ImportResult> {
  const total = files.reduce((a, f) => a + f.size, 0);
  let done = 0;
  let ended = 0;
  const counted = async function* (file: ImportFile): AsyncIterable<string> {
    for await (const chunk of file.chunks()) {
      if (options.cancelled?.()) throw new ImportCancelled();
      // Characters for bytes: close enough for a progress bar (the file's end sets it to its size).
      done += chunk.length;
      options.onProgress?.(Math.min(done, total), total);
      yield chunk;
    }
    ended += file.size;
    done = ended;
    options.onProgress?.(Math.min(done, total), total);
  };
  const drafts: Draft[] = [];
  const problems: ImportProblem[] = [];
  const failed: ImportProblem[] = [];
  const format = options.format;

  if (format === 'markdown') {
    for (const file of files) {
      let text = '';
      for await (const chunk of counted(file)) text += chunk;
      const r = parseMarkdownPostmortem(text, { file: file.path });
      drafts.push(...r.drafts);
      // A document that gives no record is a failed file (the CLI exits 1), not a skipped item.
      (r.drafts.length ? problems : failed).push(...r.problems);
    }
    return { drafts, problems, failed };
  }

  if (format === 'csv') {
    if (!options.csv) throw new Error('a CSV import needs a column mapping (--map or --mapping)');
    for (const file of files) {
      const reader = new CsvRowReader();
      const state: CsvState = {};
      const mine: Draft[] = [];
      const mineProblems: ImportProblem[] = [];
      try {
        for await (const chunk of counted(file)) for (const row of reader.feed(chunk)) push(row);
        const last = reader.end();
        if (last && 'error' in last) throw new CsvFileError(last.line, last.error);
        if (last) push(last);
        if (!state.header) throw new CsvFileError(1, 'the file is empty (no header row)');
      } catch (err) {
        if (!(err instanceof CsvFileError)) throw err;
        failed.push({ where: `${file.path}:${err.line}`, message: `${err.message}; nothing is imported from this file` });
        continue;
      }
      drafts.push(...mine);
      problems.push(...mineProblems);
      function push(row: { cells: string[]; line: number }): void {
        const d = csvRowDraft(file.path, row, state, options.csv!, mineProblems);
        if (d) mine.push(d);
      }
    }
    return { drafts, problems, failed };
  }

  // JSON exports: items streamed; a syntax error anywhere fails the file.
  const byKey = new Map<string, VendorItem[]>();
  for (const file of files) {
    const mine: Array<{ key: string; item: VendorItem }> = [];
    try {
      await readJsonItems(counted(file), JSON_KEYS[format], (item) => {
        const key = item.pointer.split('/')[1]!;
        mine.push({ key: /^\d+$/.test(key) ? 'incidents' : key, item: { file: file.path, pointer: item.pointer, value: item.value } });
      });
    } catch (err) {
      if (err instanceof ImportCancelled) throw err;
      if (err instanceof JsonSyntaxError) {
        failed.push({ where: `${file.path}:${err.line}:${err.column}`, message: `not valid JSON: ${err.message}; nothing is imported from this file` });
        continue;
      }
      throw err;
    }
    if (!mine.length) problems.push({ where: file.path, message: `no ${JSON_KEYS[format].join(' or ')} in this file (is it a ${format} export?)` });
    for (const { key, item } of mine) {
      const list = byKey.get(key) ?? [];
      list.push(item);
      byKey.set(key, list);
    }
  }
  const items = (k: string) => byKey.get(k) ?? [];
  if (format === 'incident-io') drafts.push(...incidentIoDrafts(items('incidents'), items('follow_ups'), problems));
  else if (format === 'pagerduty') drafts.push(...pagerDutyDrafts(items('incidents'), items('log_entries'), problems));
  else drafts.push(...statuspageDrafts(items('incidents'), problems));
  return { drafts, problems, failed };
}
