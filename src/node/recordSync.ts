/**
 * Keeps a long-lived index (the MCP server's) in step with the disk: before
 * each answer, the records folder is listed and stat'ed, and the files that
 * appeared, changed (modification time or size) or went away are re-read.
 * Polling at the moment of the question, not a file watcher: an answer can
 * never come from before an edit that finished before the question was asked
 * (watch events arrive late, and not at all on some network file systems).
 * One listing and ~10,000 stats cost tens of milliseconds.
 */
import type { IncidentIndex } from '../core/index/incidentIndex';
import type { NodeFileAccess } from './nodeFileAccess';

export class RecordSync {
  private seen = new Map<string, string>();

  constructor(
    private readonly index: IncidentIndex,
    private readonly access: NodeFileAccess,
    private readonly folder: string,
  ) {}

  /** Call before index.load(): what changes during the load is re-read by the first sync. */
  async prime(): Promise<void> {
    this.seen = await this.snapshot();
  }

  /** Re-reads what changed since the last call; returns the files re-read. */
  async sync(): Promise<string[]> {
    const now = await this.snapshot();
    const changed: string[] = [];
    for (const [file, key] of now) {
      if (this.seen.get(file) === key) continue;
      await this.index.refreshFile(file);
      changed.push(file);
    }
    for (const file of this.seen.keys()) {
      if (now.has(file)) continue;
      await this.index.removeFile(file);
      changed.push(file);
    }
    this.seen = now;
    return changed;
  }

  private async snapshot(): Promise<Map<string, string>> {
    const files = (await this.access.listFiles(this.folder)).filter((f) => this.index.owns(f));
    const stats = await this.access.statMany(files);
    const out = new Map<string, string>();
    files.forEach((f, i) => {
      const s = stats[i];
      if (s) out.set(f, `${s.mtimeMs}:${s.size}`);
    });
    return out;
  }
}
