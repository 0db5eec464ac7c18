/**
 * Import Incidents…: the team's history into records, with the CLI's core
 * (core/import). Files and folders from a picker, the format told from each
 * file (or asked), a CSV mapping file asked for, a preview of what each
 * item becomes (create / update / unchanged / skipped, with why), then the
 * chosen items written through the record editor — new files whole, updates
 * through the one edit path (unsaved editor changes are respected) — in a
 * cancellable progress notification: a cancel stops between incidents, so
 * nothing is half-written: every file is whole, and an incident comes with
 * all its action records. New incidents are then offered to Suggest
 * Code Links.
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { csvMapping, type CsvMapping } from '../../core/import/csv';
import { planImportInSlices, planSummary, type PlanItem } from '../../core/import/plan';
import { detectFormat, ImportCancelled, progressText, readImport } from '../../core/import/read';
import { FORMAT_LABELS, IMPORT_FORMATS, type Draft, type ImportFormat, type ImportProblem } from '../../core/import/types';
import { existingRecords, expandPaths, importFile, readHead } from '../../node/importFiles';
import { COMMANDS } from '../constants';
import type { FolderIndex, IncidentWorkspace } from '../incidentWorkspace';
import type { Log } from '../log';
import type { RecordEditor } from '../recordEditor';

const importArgs = z.object({
  /** Files or folders (file system paths); without them, a picker. */
  files: z.array(z.string()).min(1).optional(),
  format: z.enum(IMPORT_FORMATS).optional(),
  /** The workspace folder (URI) to import into. */
  folder: z.string().optional(),
  /** CSV: a mapping file's path. */
  mapping: z.string().optional(),
  /** Write every create and update without the preview (tests, automation). */
  accept: z.boolean().optional(),
  /** Stops the import between records (tests, automation). */
  token: z.custom<vscode.CancellationToken>((v) => typeof v === 'object' && v !== null && 'isCancellationRequested' in v).optional(),
  /** Called after each record written (tests: cancel midway). */
  onWritten: z.custom<(file: string) => void>((v) => typeof v === 'function').optional(),
});

export interface ImportOutcome {
  readonly items: readonly PlanItem[];
  readonly problems: readonly ImportProblem[];
  readonly failed: readonly ImportProblem[];
  /** Files written (workspace-relative). */
  readonly written: readonly string[];
  readonly cancelled: boolean;
  /** Each incident's line in the preview: where it was read, the facts found (with their lines), the ones missing. */
  readonly details?: ReadonlyArray<{ readonly id?: string; readonly detail: string }>;
}

type PickItem = vscode.QuickPickItem & { item?: PlanItem };

export class ImportCommands {
  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly editor: RecordEditor,
    private readonly log: Log,
  ) {}

  async importIncidents(arg?: unknown): Promise<ImportOutcome | undefined> {
    const args = arg === undefined ? undefined : importArgs.parse(arg);
    if (!vscode.workspace.isTrusted)
      throw new Error(vscode.l10n.t('This workspace is in Restricted Mode: Incident Lens does not write records. Trust the workspace to import.'));
    const folder = await this.folder(args?.folder);
    if (!folder) return undefined;

    let paths = args?.files;
    if (!paths) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: true,
        canSelectFiles: true,
        canSelectFolders: true,
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Import incidents: exports of incident.io, PagerDuty, Statuspage, CSV, or Markdown postmortems'),
        filters: { [vscode.l10n.t('Exports and postmortems')]: ['json', 'csv', 'md', 'markdown'] },
      });
      if (!picked?.length) return undefined;
      paths = picked.map((u) => u.fsPath);
    }
    const files = await expandPaths(paths);
    if (!files.length) throw new Error(vscode.l10n.t('No .md, .json or .csv files in what was chosen.'));

    // The format of each file; all must agree (one import reads one format).
    let format = args?.format;
    if (!format) {
      const found = new Set<ImportFormat | undefined>();
      for (const f of files) {
        found.add(detectFormat(f, await readHead(f)));
      }
      if (found.size === 1 && !found.has(undefined)) format = [...found][0];
      else {
        const pick = await vscode.window.showQuickPick(
          IMPORT_FORMATS.map((f) => ({ label: FORMAT_LABELS[f], f })),
          {
            title: vscode.l10n.t('Which format are these files in?'),
            placeHolder: found.size > 1 ? vscode.l10n.t('The files look like different formats; import one format at a time') : undefined,
          },
        );
        if (!pick) return undefined;
        format = pick.f;
      }
    }
    if (!format) return undefined;
    const chosenFormat: ImportFormat = format;
    let csv: CsvMapping | undefined;
    if (chosenFormat === 'csv') {
      let mappingPath = args?.mapping;
      if (!mappingPath) {
        const m = await vscode.window.showOpenDialog({
          canSelectMany: false,
          title: vscode.l10n.t('CSV import: the column mapping file (field: "Column header"; see docs/import.md)'),
          filters: { YAML: ['yaml', 'yml'] },
        });
        if (!m?.[0]) return undefined;
        mappingPath = m[0].fsPath;
      }
      const data = parseYaml(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(mappingPath)))) as Record<string, unknown>;
      const r = csvMapping(data ?? {}, mappingPath);
      if (!r.mapping) throw new Error(r.errors.join('; '));
      csv = r.mapping;
    }

    const token = args?.token;
    const read = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0}', FORMAT_LABELS[chosenFormat]), cancellable: true },
      async (progress, uiToken) => {
        let last = 0;
        try {
          return await readImport(await Promise.all(files.map((f) => importFile(f, vscode.workspace.asRelativePath(f)))), {
            format: chosenFormat,
            csv,
            cancelled: () => uiToken.isCancellationRequested || !!token?.isCancellationRequested,
            onProgress: (done, total) => {
              const pct = total ? (done / total) * 100 : 100;
              progress.report({ increment: pct - last, message: progressText(done, total) });
              last = pct;
            },
          });
        } catch (err) {
          if (err instanceof ImportCancelled) return undefined;
          throw err;
        }
      },
    );
    if (!read) return { items: [], problems: [], failed: [], written: [], cancelled: true };
    // Planning parses every new record back: thousands of them take seconds, in slices so the editor stays responsive.
    const items = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Preparing {0} records', read.drafts.length), cancellable: true },
      (_, uiToken) =>
        planImportInSlices(
          read.drafts,
          existingRecords(folder.index),
          { folder: folder.index.folder, actionsFolder: `${folder.index.folder}/actions` },
          () => new Promise((resolve) => setImmediate(resolve)),
          () => uiToken.isCancellationRequested || !!token?.isCancellationRequested,
        ),
    );
    if (!items) return { items: [], problems: read.problems, failed: read.failed, written: [], cancelled: true };
    for (const f of read.failed) this.log.info(`import: failed ${f.where}: ${f.message}`);
    for (const p of read.problems) this.log.info(`import: skipped ${p.where}: ${p.message}`);

    const chosen = args?.accept
      ? items.filter((i) => i.status === 'create' || i.status === 'update')
      : await this.preview(chosenFormat, items, read.problems, read.failed, read.drafts);
    if (!chosen) return { items, problems: read.problems, failed: read.failed, written: [], cancelled: true };

    // An incident's action records go with it.
    const todo = items.filter(
      (i) =>
        (i.status === 'create' || i.status === 'update') &&
        (chosen.includes(i) || (i.kind === 'action' && chosen.some((c) => c.kind === 'incident' && c.id === i.incident))),
    );
    const written: string[] = [];
    const errors: string[] = [];
    const cancelled = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0} records', todo.length), cancellable: true },
      async (progress, uiToken) => {
        for (const [n, item] of todo.entries()) {
          // Between incidents only: each file is written whole, and an incident with all its action records (the plan names them).
          if (item.kind === 'incident' && (uiToken.isCancellationRequested || token?.isCancellationRequested)) return true;
          try {
            if (item.status === 'create') await this.editor.create(folder, item.file!, item.text!);
            else await this.editor.edit(folder, item.file!, () => item.ops!);
            written.push(item.file!);
            args?.onWritten?.(item.file!);
          } catch (err) {
            errors.push(`${item.file}: ${err instanceof Error ? err.message : String(err)}`);
          }
          progress.report({ increment: 100 / todo.length, message: `${n + 1} / ${todo.length}` });
        }
        return false;
      },
    );
    for (const e of errors) this.log.info(`import: not written: ${e}`);
    this.report(chosenFormat, items, read, written, errors, cancelled, folder, !!args?.accept);
    const details = items.filter((i) => i.kind === 'incident').map((i) => ({ id: i.id, detail: factsDetail(i, read.drafts) }));
    return { items, problems: read.problems, failed: read.failed, written, cancelled, details };
  }

  private async folder(uri: string | undefined): Promise<FolderIndex | undefined> {
    const folders = this.workspace.folderIndexes().filter((f) => !f.source);
    if (uri) return folders.find((f) => f.folder.uri.toString() === uri);
    if (folders.length <= 1) return folders[0];
    const pick = await vscode.window.showQuickPick(
      folders.map((f) => ({ label: f.folder.name, f })),
      { placeHolder: vscode.l10n.t('Import into which workspace folder?') },
    );
    return pick?.f;
  }

  /** What each item becomes; creates and updates preselected. Unchanged and skipped ones are listed to explain, not to pick. */
  private async preview(
    format: ImportFormat,
    items: readonly PlanItem[],
    problems: readonly ImportProblem[],
    failed: readonly ImportProblem[],
    drafts: readonly Draft[] = [],
  ): Promise<PlanItem[] | undefined> {
    const s = planSummary(items);
    const incidents = items.filter((i) => i.kind === 'incident');
    const actionsOf = (i: PlanItem) => items.filter((a) => a.kind === 'action' && a.status === 'create' && a.incident === i.id).length;
    // Incidents (their action records go with them), and action records of incidents that are otherwise unchanged.
    const moving = new Set(incidents.filter((i) => i.status === 'create' || i.status === 'update').map((i) => i.id));
    const pickable: PickItem[] = items
      .filter((i) => (i.status === 'create' || i.status === 'update') && (i.kind === 'incident' || !moving.has(i.incident)))
      .map((i) => ({
        label: `${i.status === 'create' ? '$(add)' : '$(edit)'} ${i.id} ${i.label}`,
        description:
          i.status === 'create'
            ? vscode.l10n.t('new record{0}', actionsOf(i) ? vscode.l10n.t(' and {0} action records', actionsOf(i)) : '')
            : i.changes.join('; '),
        detail: factsDetail(i, drafts),
        picked: true,
        item: i,
      }));
    const info: PickItem[] = [
      ...incidents
        .filter((i) => i.status === 'unchanged')
        .map((i) => ({ label: `$(check) ${i.id} ${i.label}`, description: vscode.l10n.t('unchanged: already imported, nothing new'), detail: i.where })),
      ...incidents.filter((i) => i.status === 'skip').map((i) => ({ label: `$(warning) ${i.label}`, description: i.changes.join('; '), detail: i.where })),
      ...problems.map((p) => ({ label: `$(warning) ${p.where}`, description: p.message })),
      ...failed.map((p) => ({ label: `$(error) ${p.where}`, description: p.message })),
    ];
    if (!pickable.length) {
      await vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Nothing to import from {0}: {1} unchanged, {2} skipped, {3} files failed.',
          FORMAT_LABELS[format],
          s.unchanged,
          s.skip + problems.length,
          failed.length,
        ),
        { modal: true, detail: info.map((i) => `${i.label.replace(/\$\([a-z-]+\) /, '')} — ${i.description ?? ''}`).join('\n') },
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick<PickItem>(
      [...pickable, ...(info.length ? [{ label: vscode.l10n.t('Not imported'), kind: vscode.QuickPickItemKind.Separator }, ...info] : [])],
      {
        canPickMany: true,
        ignoreFocusOut: true,
        matchOnDescription: true,
        title: vscode.l10n.t(
          'Import from {0}: {1} new, {2} to update, {3} unchanged, {4} skipped',
          FORMAT_LABELS[format],
          incidents.filter((i) => i.status === 'create').length,
          incidents.filter((i) => i.status === 'update').length,
          s.unchanged,
          s.skip + problems.length + failed.length,
        ),
        placeHolder: vscode.l10n.t('Enter writes the checked records'),
      },
    );
    if (!picked) return undefined;
    return picked.flatMap((p) => (p.item ? [p.item] : []));
  }

  private report(
    format: ImportFormat,
    items: readonly PlanItem[],
    read: { problems: readonly ImportProblem[]; failed: readonly ImportProblem[] },
    written: readonly string[],
    errors: readonly string[],
    cancelled: boolean,
    folder: FolderIndex,
    quiet: boolean,
  ): void {
    const created = items.filter((i) => i.kind === 'incident' && i.status === 'create' && written.includes(i.file!));
    const updated = items.filter((i) => i.status === 'update' && written.includes(i.file!)).length;
    const message = vscode.l10n.t(
      '{0}: {1} incidents created, {2} records updated, {3} unchanged, {4} skipped{5}{6}.',
      FORMAT_LABELS[format],
      created.length,
      updated,
      planSummary(items).unchanged,
      planSummary(items).skip + read.problems.length + read.failed.length,
      errors.length ? vscode.l10n.t(', {0} not written', errors.length) : '',
      cancelled ? vscode.l10n.t(' (cancelled: the records written so far are whole; run the import again to continue)') : '',
    );
    this.log.info(`import: ${message}`);
    if (quiet) return;
    const suggest = vscode.l10n.t('Suggest Code Links…');
    const output = vscode.l10n.t('Show Details');
    void vscode.window.showInformationMessage(message, ...(created.length ? [suggest] : []), output).then((choice) => {
      if (choice === suggest)
        void vscode.commands.executeCommand(COMMANDS.suggestCodeLinks, { folder: folder.folder.uri.toString(), incident: created[0]!.id });
      if (choice === output) this.log.channel.show();
    });
  }
}

/** "postmortem.md:1:1 · found start (line 13), end (line 20), duration "84 minutes" (line 48) · missing priority, detected". */
function factsDetail(i: PlanItem, drafts: readonly Draft[]): string {
  const d = i.kind === 'incident' ? drafts.find((x) => x.source.system === i.source.system && x.source.id === i.source.id) : undefined;
  if (!d?.facts) return i.where;
  const found = d.facts.filter((f) => f.field !== 'title').map((f) => `${f.field} ${f.value}${f.line ? ` (${vscode.l10n.t('line {0}', f.line)})` : ''}`);
  return [
    i.where,
    found.length ? vscode.l10n.t('found: {0}', found.join(', ')) : '',
    d.missing?.length ? vscode.l10n.t('missing: {0}', d.missing.join(', ')) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
