/**
 * `incident-lens export --all --format ndjson [--kind incident|action|runbook] [-o FILE]`:
 * the records of one kind (incidents by default) of the workspace and its record sources, one JSON object a
 * line in the JSON Schema's shape (schemas/<kind>.schema.json: the record as
 * written, checked), for a warehouse (DuckDB's read_json, BigQuery, Snowflake
 * load NDJSON as is). Streamed: one record's full text is in memory at a
 * time, and a slow reader holds the writer back (back-pressure), so 10,000
 * records never sit in memory as one string. Records with errors are left
 * out and counted on stderr (lint names them).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { IndexedRecord } from '../../core/records/model';
import { kindFromId } from '../../core/records/parseRecord';
import { terminalJson } from '../../core/trust/terminalText';
import { didYouMean, openWorkspace, UsageError, workspaceRoot, type Io } from '../common';

const KINDS = ['incident', 'action', 'runbook'] as const;
type Kind = (typeof KINDS)[number];

export interface ExportAllValues {
  readonly root?: string;
  readonly folder?: string;
  readonly format?: string;
  readonly kind?: string;
  readonly output?: string;
  readonly source?: string[];
}

/** One line: the record's JSON with nothing a terminal acts on (control and invisible characters as \uXXXX). */
export function ndjsonLine(record: IndexedRecord): string {
  return `${terminalJson(record.record, 0)}\n`;
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

export async function exportAll(values: ExportAllValues, io: Io, stdout: Writable = process.stdout): Promise<number> {
  if (values.format !== 'ndjson')
    throw new UsageError(`export --all writes --format ndjson (one record a line)${values.format ? didYouMean(values.format, ['ndjson']) : ''}`);
  const kind = (values.kind ?? 'incident') as Kind;
  if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}${didYouMean(kind, KINDS)}`);
  const ws = await openWorkspace(workspaceRoot(values), values.folder, { sources: values.source ?? [], io });
  const out = values.output ? createWriteStream(values.output) : stdout;
  let written = 0;
  let skipped = 0;
  for (const folder of ws.folders) {
    const records: readonly IndexedRecord[] =
      kind === 'incident' ? folder.index.incidents() : kind === 'action' ? folder.index.actionRecords() : folder.index.runbooks();
    for (const record of records) {
      await write(out, ndjsonLine(record));
      written++;
    }
    // A file whose YAML is broken has no kind of its own: its name tells (INC-…, ACTION-…, RB-…).
    skipped += folder.index.allFiles().filter((f) => !f.record && (f.kind ?? kindFromId(undefined, f.file)) === kind).length;
  }
  if (values.output) {
    out.end();
    await once(out, 'finish');
  }
  io.err(`exported ${written} ${kind} record${written === 1 ? '' : 's'}${skipped ? `; ${skipped} with errors left out (incident-lens lint lists them)` : ''}`);
  return 0;
}
