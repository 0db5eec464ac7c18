/**
 * What the MCP server answers from: the workspace's records and its record
 * sources (the one record workspace, src/node/recordWorkspace.ts), each
 * brought up to date with the disk before every answer (RecordSync), and the
 * rules for ids and paths an agent gives (never outside the workspace).
 */
import * as path from 'node:path';
import type { IncidentIndex } from '../core/index/incidentIndex';
import type { Incident } from '../core/records/model';
import { formatDiagnostic } from '../core/records/diagnostics';
import { RecordSync } from '../node/recordSync';
import { findIncident, type RecordFolder, type WatchPort } from '../node/recordWorkspace';
import { workspacePath } from '../node/workspaceRoot';

/** A folder of records, kept in step with the disk before every answer (RecordSync). */
export interface Folder extends RecordFolder {
  readonly sync: RecordSync;
}

export class ToolError extends Error {}

/** The first answers for code, before the load is in: the indexes of only the records that may bear on these files. */
export type EarlyIndexes = (files: readonly string[]) => Promise<IncidentIndex[] | undefined>;

/** How long the load waits for a first question it could answer early (issue 29: the first answer ≤ 5 s at 10,000 records). */
export const LOAD_GATE_MS = 2000;

/**
 * The workspace and its record sources (the one record workspace), brought up to date with the disk.
 * `start` serves at once: the load begins when the first early answer is out, when a question needs
 * every record, or after LOAD_GATE_MS (two loads side by side on a small machine would slow both).
 */
export class McpWorkspace {
  private loadedFolders?: readonly Folder[];
  private readonly load: Promise<void>;
  private releaseGate!: () => void;

  private constructor(
    readonly root: string,
    openRecords: (watch: WatchPort) => Promise<{ folders: readonly RecordFolder[] }>,
    private readonly earlyIndexes: EarlyIndexes | undefined,
    gateMs: number,
  ) {
    const gate = new Promise<void>((resolve) => (this.releaseGate = resolve));
    const timer = setTimeout(() => this.releaseGate(), gateMs);
    const syncs = new Map<RecordFolder, RecordSync>();
    // Polled before each answer, primed before the load: what changes during the load is re-read by the first answer.
    const watch: WatchPort = async (f) => {
      const sync = new RecordSync(f.index, f.access, f.index.folder);
      syncs.set(f, sync);
      await sync.prime();
      return { dispose: () => undefined };
    };
    this.load = gate.then(async () => {
      clearTimeout(timer);
      const records = await openRecords(watch);
      this.loadedFolders = records.folders.map((f) => ({ ...f, sync: syncs.get(f)! }));
    });
    // A failed load is reported to whoever awaits it (the command exits with it), never as an unhandled rejection.
    this.load.catch(() => undefined);
  }

  /** `openRecords`: the face's way to open the one record workspace (src/node/recordWorkspace.ts) with this watch port. */
  static async open(root: string, openRecords: (watch: WatchPort) => Promise<{ folders: readonly RecordFolder[] }>): Promise<McpWorkspace> {
    const ws = McpWorkspace.start(root, openRecords, undefined, 0);
    await ws.loaded();
    return ws;
  }

  /** Serving before the load: `early` answers incidents_for_code until it is in; `loaded()` rejects when the load fails. */
  static start(
    root: string,
    openRecords: (watch: WatchPort) => Promise<{ folders: readonly RecordFolder[] }>,
    early?: EarlyIndexes,
    gateMs = LOAD_GATE_MS,
  ): McpWorkspace {
    return new McpWorkspace(root, openRecords, early, gateMs);
  }

  /** Resolves when every record is read, without starting the load sooner. */
  get ready(): Promise<void> {
    return this.load;
  }

  /** Starts the load now if it waits for its gate; resolves when every record is read. */
  loaded(): Promise<void> {
    this.releaseGate();
    return this.load;
  }

  get folders(): readonly Folder[] {
    if (!this.loadedFolders) throw new Error('the records are still loading: await current() first');
    return this.loadedFolders;
  }

  /**
   * Before the load is in: the indexes of the records that may bear on these files (undefined once loaded, or
   * where the early read cannot answer). The load starts as soon as this answer is out.
   */
  async early(files: readonly string[]): Promise<IncidentIndex[] | undefined> {
    if (this.loadedFolders || !this.earlyIndexes) return undefined;
    try {
      return await this.earlyIndexes(files);
    } finally {
      this.releaseGate();
    }
  }

  async current(): Promise<this> {
    await this.loaded();
    for (const f of this.folders) await f.sync.sync();
    return this;
  }

  get indexes(): IncidentIndex[] {
    return this.folders.map((f) => f.index);
  }

  incidents(): Incident[] {
    return this.indexes.flatMap((i) => i.incidents());
  }

  /** The same number written another way (INC-23, inc023) is the same incident, as the CLI reads it. */
  find(id: string): { folder: Folder; incident: Incident } | undefined {
    return findIncident(this.folders, id) as { folder: Folder; incident: Incident } | undefined;
  }

  require(id: string): { folder: Folder; incident: Incident } {
    const found = this.find(id);
    if (found) return found;
    // A record whose file has errors is not an incident the index can answer for: say where the error is.
    const want = id.trim().toLowerCase();
    for (const folder of this.folders) {
      const broken = folder.index.allFiles().find(
        (f) =>
          !f.record &&
          path
            .basename(f.file)
            .toLowerCase()
            .replace(/\.ya?ml$/, '') === want,
      );
      const error = broken?.diagnostics.find((d) => d.severity === 'error');
      if (error) throw new ToolError(`${id} cannot be read, so nothing was done: ${formatDiagnostic(error)}`);
    }
    const known = this.incidents().map((i) => i.id);
    throw new ToolError(
      `No incident "${id}" in this workspace. ${known.length ? `Known incidents: ${known.slice(0, 30).join(', ')}${known.length > 30 ? ` and ${known.length - 30} more` : ''}.` : 'It has no incident records.'} Use search_incidents to find one by words.`,
    );
  }

  /** A path as given by an agent (relative to the workspace, or absolute inside it) → workspace-relative. */
  relative(file: string): string {
    const given = path.isAbsolute(file) ? workspacePath(this.root, file) : file.replace(/\\/g, '/').replace(/^\.\//, '');
    // No way out of the workspace through "..".
    const rel = given !== undefined && given.split('/').includes('..') ? undefined : given;
    if (rel === undefined) throw new ToolError(`"${file}" is outside the workspace ${this.root}; give paths relative to it, e.g. src/payments/checkout.ts`);
    return rel;
  }
}
