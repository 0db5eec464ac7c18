/**
 * Learnings reach the AI tools: writes the path-scoped instruction files (on
 * command, or kept in sync by a setting), registers the language model tool
 * "what went wrong here before?", and keeps the AI-connection figures in the
 * Incidents view's title. The content comes from src/core/ai/learnings.ts.
 */
import * as vscode from 'vscode';
import { linkedIncidents } from '../core/links/linkedIncidents';
import { aiFigures, aiFiguresLine, AGENTS_FILE, INSTRUCTIONS_DIR, pastIncidentsReport, planInstructionFiles, type FilePlan } from '../core/ai/learnings';
import { CONFIG, LM_TOOLS } from './constants';
import { affects } from './config';
import type { FolderIndex, IncidentWorkspace } from './incidentWorkspace';
import { debounce, DisposableStore } from './lifecycle';
import type { Log } from './log';
import { now as clockNow } from './extensionClock';
import { checkInsideWorkspace } from '../node/safeWrite';

export interface InstructionsResult {
  readonly folder: string;
  readonly written: string[];
  readonly deleted: string[];
  readonly unchanged: number;
  /** Open with unsaved changes: left alone. */
  readonly skipped: string[];
  /** Would be written through a symbolic link or out of the workspace: refused, with why. */
  readonly refused: string[];
}

export interface PastIncidentsInput {
  /** Workspace-relative or absolute file paths (or file URIs). */
  readonly paths: string[];
  /** Optional symbol (function, class, method) to narrow symbol links to. */
  readonly symbol?: string;
}

function aiSettings(scope?: vscode.ConfigurationScope): { autoUpdate: boolean; agentsFile: boolean } {
  const c = vscode.workspace.getConfiguration(CONFIG.section, scope);
  return { autoUpdate: c.get<boolean>(CONFIG.aiInstructionsAutoUpdate, false), agentsFile: c.get<boolean>(CONFIG.aiInstructionsAgentsFile, false) };
}

export class AiLearnings implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly autoWrite = this.store.add(debounce(() => void this.syncIfEnabled(), 1500));
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly log: Log,
    private readonly incidentsView: vscode.TreeView<unknown>,
  ) {
    this.store.add(
      workspace.onDidChange(() => {
        this.updateFigures();
        this.autoWrite();
      }),
    );
    this.store.add(vscode.workspace.onDidChangeConfiguration((e) => affects(e, CONFIG.aiInstructionsAutoUpdate) && this.autoWrite()));
    void workspace.ready.then(() => {
      this.updateFigures();
      this.autoWrite();
    });
    this.registerTool();
  }

  /** "AI-linked 50% · resolve 2h 15m vs 45m" in the Incidents view's title bar. */
  updateFigures(): void {
    const incidents = this.workspace.folderIndexes().flatMap((f) => f.index.incidents());
    const figures = aiFigures(incidents);
    this.incidentsView.description = aiFiguresLine(figures) || undefined;
  }

  private async syncIfEnabled(): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    for (const folder of this.workspace.folderIndexes()) {
      if (!aiSettings(folder.folder.uri).autoUpdate) continue;
      try {
        const r = await this.write(folder);
        if (r.written.length || r.deleted.length)
          this.log.info(`AI instructions in ${folder.folder.name}: ${r.written.length} written, ${r.deleted.length} deleted`);
      } catch (err) {
        this.log.error('AI instructions (auto)', err);
      }
    }
  }

  /** Writes (only changed) instruction files for one folder. Serialised: two syncs never interleave. */
  write(folder: FolderIndex): Promise<InstructionsResult> {
    const run = this.writing.then(() => this.writeNow(folder));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async writeNow(folder: FolderIndex): Promise<InstructionsResult> {
    if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('This workspace is in Restricted Mode: Incident Lens does not write files.'));
    const access = folder.access;
    const names = (await access.listFiles(INSTRUCTIONS_DIR))
      .filter((p) => !p.includes('/', INSTRUCTIONS_DIR.length + 1))
      .map((p) => p.slice(INSTRUCTIONS_DIR.length + 1));
    const agents = aiSettings(folder.folder.uri).agentsFile;
    const texts = new Map<string, string | undefined>();
    const openText = (path: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === access.uri(path).toString());
    for (const path of [...names.map((n) => `${INSTRUCTIONS_DIR}/${n}`), ...(agents ? [AGENTS_FILE] : [])]) {
      texts.set(path, await access.readFile(path).catch(() => undefined));
    }
    const plan = planInstructionFiles(folder.index.incidents(), { instructionFiles: names, read: (p) => texts.get(p) }, { agents });
    const result: InstructionsResult = { folder: folder.folder.name, written: [], deleted: [], unchanged: 0, skipped: [], refused: [] };
    const encoder = new TextEncoder();
    for (const p of plan) {
      if (p.action === 'unchanged') {
        (result as { unchanged: number }).unchanged++;
        continue;
      }
      // Never clobber unsaved edits someone is making to a generated file or AGENTS.md.
      if (openText(p.path)?.isDirty) {
        result.skipped.push(p.path);
        continue;
      }
      // Only inside the workspace, never through a symbolic link (a committed AGENTS.md pointing into .git/hooks).
      const unsafe = await this.linkedPath(folder, p.path);
      if (unsafe) {
        result.refused.push(unsafe);
        continue;
      }
      await this.apply(folder, p, encoder);
      (p.action === 'delete' ? result.deleted : result.written).push(p.path);
    }
    return result;
  }

  /** Why a generated path must not be written (a link on the way), or undefined. */
  private async linkedPath(folder: FolderIndex, rel: string): Promise<string | undefined> {
    if (folder.folder.uri.scheme === 'file') {
      return checkInsideWorkspace(folder.folder.uri.fsPath, rel).then(
        () => undefined,
        (err: Error) => err.message,
      );
    }
    let uri = folder.folder.uri;
    for (const part of rel.split('/')) {
      uri = vscode.Uri.joinPath(uri, part);
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (!stat) return undefined;
      if (stat.type & vscode.FileType.SymbolicLink)
        return `${rel}: ${part} is a symbolic link; Incident Lens writes generated files only inside the workspace, never through a link`;
    }
    return undefined;
  }

  private async apply(folder: FolderIndex, p: FilePlan, encoder: TextEncoder): Promise<void> {
    const uri = folder.access.uri(p.path);
    if (p.action === 'delete') await vscode.workspace.fs.delete(uri, { useTrash: false });
    else await vscode.workspace.fs.writeFile(uri, encoder.encode(p.content!));
  }

  /** The language model tool's answer: the past incidents linked to the given files. */
  pastIncidents(input: PastIncidentsInput): string {
    const lookups: Array<{ path: string; groups: ReturnType<typeof linkedIncidents> }> = [];
    const now = clockNow();
    for (const raw of input.paths ?? []) {
      const located = this.locatePath(raw);
      if (!located) {
        lookups.push({ path: raw, groups: [] });
        continue;
      }
      // The folder's own records and its record sources', by the same link rule as CodeLens.
      const indexes = this.workspace.indexesFor(located.folder).map((f) => f.index);
      lookups.push({ path: located.path, groups: linkedIncidents(indexes, located.path, { minimumPriority: 'P4', hideClosedOlderThanDays: 0, now }) });
    }
    return pastIncidentsReport(lookups, input.symbol);
  }

  private locatePath(raw: string): { folder: FolderIndex; path: string } | undefined {
    if (/^[a-z][\w+.-]+:\/\//i.test(raw)) return this.workspace.locate(vscode.Uri.parse(raw));
    if (raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw)) return this.workspace.locate(vscode.Uri.file(raw));
    const rel = raw.replace(/\\/g, '/').replace(/^\.\//, '');
    const code = this.workspace.folderIndexes().filter((f) => !f.source);
    for (const folder of code) {
      const prefix = `${folder.folder.name}/`;
      const path = code.length > 1 && rel.startsWith(prefix) ? rel.slice(prefix.length) : rel;
      if (this.workspace.indexesFor(folder).some((f) => f.index.linksForFile(path).length)) return { folder, path };
    }
    const first = code[0];
    return first ? { folder: first, path: rel } : undefined;
  }

  private registerTool(): void {
    // Older hosts have no language model API: the rest of the extension works without it.
    const lm = (vscode as { lm?: typeof vscode.lm }).lm;
    if (typeof lm?.registerTool !== 'function') {
      this.log.info('language model tools are not available in this VS Code; the incidents tool is not registered');
      return;
    }
    this.store.add(
      lm.registerTool<PastIncidentsInput>(LM_TOOLS.pastIncidents, {
        prepareInvocation: (options) => ({
          invocationMessage: vscode.l10n.t('Looking up past incidents for {0}', (options.input.paths ?? []).join(', ') || 'these files'),
        }),
        invoke: (options) => {
          const text = this.log.guard('incidents tool', 'Incident Lens could not look up past incidents (see its output).', () =>
            this.pastIncidents(options.input),
          );
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
        },
      }),
    );
  }

  dispose(): void {
    this.store.dispose();
  }
}
