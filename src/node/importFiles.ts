/**
 * Import on disk, for the CLI: files streamed in chunks, the workspace's
 * records as the plan's "existing", and the plan written — new records
 * through a temporary file and a rename (never over a file that appeared
 * meanwhile), updates through the one edit path (editRecordFile). Stopping
 * between items leaves only whole files.
 */
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { IncidentIndex } from '../core/index/incidentIndex';
import type { ExistingRecords, PlanItem } from '../core/import/plan';
import type { ImportFile } from '../core/import/read';
import { editRecordFile, RecordEditRefused } from './recordFile';

export async function importFile(abs: string, shown: string): Promise<ImportFile> {
  const stat = await fs.stat(abs);
  return {
    path: shown,
    size: stat.size,
    chunks: () => createReadStream(abs, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>,
  };
}

/** The first bytes of a file (format detection reads no more of a 50 MB export). */
export async function readHead(abs: string, bytes = 64 * 1024): Promise<string> {
  const handle = await fs.open(abs, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Files of a directory argument (not recursive) that an importer reads. */
export async function expandPaths(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    const stat = await fs.stat(a).catch(() => undefined);
    if (!stat) throw new Error(`"${a}" does not exist`);
    if (stat.isDirectory()) {
      const names = (await fs.readdir(a)).filter((n) => /\.(md|markdown|json|csv)$/i.test(n) && !/\.expected\.json$/i.test(n)).sort();
      out.push(...names.map((n) => path.join(a, n)));
    } else out.push(a);
  }
  return out;
}

export function existingRecords(index: IncidentIndex): ExistingRecords {
  return {
    incidents: index.incidents().map((i) => ({ id: i.id, file: i.file, source: i.head.source, record: () => i.record })),
    actions: index.actionRecords().map((a) => ({ id: a.id, file: a.file, record: a.record })),
    ids: index
      .allFiles()
      .map((f) => f.record?.id ?? path.basename(f.file).replace(/\.ya?ml$/i, ''))
      .filter(Boolean),
  };
}

export interface WriteOutcome {
  readonly item: PlanItem;
  readonly written: boolean;
  readonly error?: string;
}

/** Writes the plan's creates and updates, in order; stops between items when cancelled. */
export async function writePlan(
  root: string,
  items: readonly PlanItem[],
  options: { cancelled?: () => boolean; onItem?: (done: number, total: number) => void } = {},
): Promise<{ outcomes: WriteOutcome[]; cancelled: boolean }> {
  const todo = items.filter((i) => i.status === 'create' || i.status === 'update');
  const outcomes: WriteOutcome[] = [];
  let n = 0;
  for (const item of todo) {
    // Between incidents only: an incident is written with all its action records.
    if (item.kind === 'incident' && options.cancelled?.()) return { outcomes, cancelled: true };
    const abs = path.join(root, ...item.file!.split('/'));
    try {
      if (item.status === 'create') {
        await fs.mkdir(path.dirname(abs), { recursive: true });
        const tmp = `${abs}.${process.pid}.import.tmp`;
        await fs.writeFile(tmp, item.text!, { flag: 'wx' });
        try {
          // link + unlink: the rename fails (EEXIST) rather than replace a file that appeared since the plan.
          await fs.link(tmp, abs);
        } finally {
          await fs.rm(tmp, { force: true });
        }
      } else {
        await editRecordFile(root, item.file!, () => item.ops!);
      }
      outcomes.push({ item, written: true });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      outcomes.push({
        item,
        written: false,
        error:
          e.code === 'EEXIST'
            ? `${item.file} appeared since the import was planned; not overwritten`
            : err instanceof RecordEditRefused
              ? err.message
              : `${item.file}: ${e.message}`,
      });
    }
    options.onItem?.(++n, todo.length);
  }
  return { outcomes, cancelled: false };
}
