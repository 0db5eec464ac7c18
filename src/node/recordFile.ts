/**
 * The one edit path on disk, for the CLI and the MCP server (the extension
 * has its own, through the editor's buffers): read the record, refuse when it
 * has errors (naming file, line, column and field), apply the edit operations
 * (comments and unknown fields kept), and write only if the file did not
 * change in between — through a temporary file and a rename, so a reader
 * never sees half a record.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../core/records/diagnostics';
import { applyEdits, type EditOp } from '../core/records/yamlEdit';
import { DEFAULT_MAX_FILE_BYTES, parseRecordText, tooLargeRecord } from '../core/records/parseRecord';
import { readTextUpTo } from './boundedRead';
import type { IndexedRecord } from '../core/records/model';

export class RecordEditRefused extends Error {}

export type BuildOps = (record: IndexedRecord, text: string) => EditOp[] | { error: string };

/** Returns true when the file changed, false when the edit changed nothing. */
export async function editRecordFile(root: string, file: string, build: BuildOps): Promise<boolean> {
  const abs = path.join(root, ...file.split('/'));
  // Bounded: a file over the record size limit is refused from its size, never read whole.
  const read = await readTextUpTo(abs, DEFAULT_MAX_FILE_BYTES).catch((err: NodeJS.ErrnoException) => {
    throw new RecordEditRefused(`${file}: cannot be read (${err.code ?? err.message}); nothing was written`);
  });
  if ('tooLarge' in read) throw new RecordEditRefused(`${formatDiagnostic(tooLargeRecord(file, read.tooLarge).diagnostics[0]!)}; nothing was written`);
  const raw = read.text;
  const bom = raw.charCodeAt(0) === 0xfeff;
  const text = bom ? raw.slice(1) : raw;
  const parsed = parseRecordText(file, text);
  const firstError = parsed.diagnostics.find((d) => d.severity === 'error');
  if (firstError || !parsed.record)
    throw new RecordEditRefused(`${firstError ? formatDiagnostic(firstError) : file}; the record has errors, so nothing was written to it`);
  const ops = build(parsed.record, text);
  if (!Array.isArray(ops)) throw new RecordEditRefused(ops.error);
  if (!ops.length) return false;
  const result = applyEdits(text, ops);
  if (!result.ok) throw new RecordEditRefused(`${file}: ${result.error}; nothing was written`);
  if (result.text === text) return false;
  // A write never makes a record unreadable (too large, or broken by what an agent sent): refused before the disk is touched.
  const after = parseRecordText(file, result.text).diagnostics.find((d) => d.severity === 'error');
  if (after) throw new RecordEditRefused(`${file}: the edit would make the record unreadable (${formatDiagnostic(after)}); nothing was written`);
  const tmp = `${abs}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, (bom ? '\ufeff' : '') + result.text);
  // Last check before the rename: someone (an editor, a pull) wrote the file meanwhile.
  const now = await readTextUpTo(abs, DEFAULT_MAX_FILE_BYTES).catch(() => undefined);
  if (!now || !('text' in now) || now.text !== raw) {
    await fs.rm(tmp, { force: true });
    throw new RecordEditRefused(`${file} changed while Incident Lens was writing to it; nothing was written, try again`);
  }
  await fs.rename(tmp, abs);
  return true;
}
