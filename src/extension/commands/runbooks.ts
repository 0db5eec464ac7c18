/**
 * Run Runbook Step…: shows a step, puts its command in a terminal without
 * running it (the person presses Enter), and logs "step N done" on the active
 * incident's timeline through the one edit path (Log Timeline Entry).
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Incident, Runbook } from '../../core/records/model';
import { commandLine, commandProblem } from '../../core/trust/terminalText';
import { COMMANDS } from '../constants';
import type { FolderIndex, IncidentWorkspace } from '../incidentWorkspace';
import { pickIncident } from './pickIncident';

const args = z.object({
  folder: z.string().optional(),
  runbook: z.string().optional(),
  /** 1-based step number. */
  step: z.number().int().positive().optional(),
  incident: z.string().optional(),
  /** true: log the step as done without asking (tests, automation); false: never log. */
  log: z.boolean().optional(),
  at: z.string().optional(),
});

export interface RunStepResult {
  readonly runbook: string;
  readonly step: number;
  readonly terminal?: string;
  readonly command?: string;
  readonly loggedTo?: string;
}

function stepText(rb: Runbook, n: number): string {
  return `${rb.id} step ${n} done: ${rb.record.steps[n - 1]!.instruction.trim().replace(/\s+/g, ' ')}`;
}

export class RunbookCommands {
  private readonly terminals = new Map<string, vscode.Terminal>();

  constructor(private readonly workspace: IncidentWorkspace) {}

  private async pickRunbook(folder: string | undefined): Promise<{ folder: FolderIndex; runbook: Runbook } | undefined> {
    const folders = this.workspace.folderIndexes().filter((f) => !folder || f.folder.uri.toString() === folder);
    // Runbooks for the active incidents first.
    const active = new Set(folders.flatMap((f) => f.index.byStatus('active').flatMap((i) => f.index.runbooksForIncident(i).map((r) => r.runbook))));
    const items = folders
      .flatMap((f) => f.index.runbooks().map((runbook) => ({ folder: f, runbook })))
      .sort((a, b) => Number(active.has(b.runbook)) - Number(active.has(a.runbook)) || a.runbook.id.localeCompare(b.runbook.id))
      .map((x) => ({
        label: `$(book) ${x.runbook.id}`,
        description: x.runbook.record.title,
        detail: active.has(x.runbook) ? vscode.l10n.t('For the active incident') : x.runbook.record.system,
        x,
      }));
    if (!items.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No runbooks yet: add RB-<name>.yaml files under the incidents folder.'));
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which runbook?'), matchOnDescription: true }))?.x;
  }

  /** The incident to log to: named, else the only active incident this runbook is for, else the only active one, else ask. */
  private async incidentFor(folder: FolderIndex, runbook: Runbook, id: string | undefined, interactive: boolean): Promise<Incident | undefined> {
    if (id) return folder.index.incident(id);
    const active = folder.index.byStatus('active');
    const matching = active.filter((i) => folder.index.runbooksForIncident(i).some((r) => r.runbook === runbook));
    if (matching.length === 1) return matching[0];
    if (active.length === 1) return active[0];
    if (!interactive || !active.length) return undefined;
    const activeHere = new Set(active);
    const ref = await pickIncident(this.workspace, undefined, vscode.l10n.t('Log the step on which active incident?'), (i) => activeHere.has(i));
    return ref?.incident;
  }

  async run(raw?: unknown): Promise<RunStepResult | undefined> {
    if (!vscode.workspace.isTrusted)
      throw new Error(vscode.l10n.t('Running runbook steps needs a trusted workspace (Restricted Mode allows no terminal and no writes).'));
    const a = args.parse(raw ?? {});
    const interactive = a.log === undefined;
    let target: { folder: FolderIndex; runbook: Runbook } | undefined;
    if (a.runbook) {
      for (const f of this.workspace.folderIndexes().filter((x) => !a.folder || x.folder.uri.toString() === a.folder)) {
        const rb = f.index.runbook(a.runbook);
        if (rb) target = { folder: f, runbook: rb };
      }
      if (!target) throw new Error(vscode.l10n.t('Runbook {0} not found.', a.runbook));
    } else target = await this.pickRunbook(a.folder);
    if (!target) return undefined;
    const { folder, runbook } = target;
    const steps = runbook.record.steps;

    let n = a.step;
    if (n === undefined) {
      const pick = await vscode.window.showQuickPick(
        steps.map((s, i) => ({
          label: `${i + 1}. ${s.instruction.trim().replace(/\s+/g, ' ')}`,
          description: s.whoMayRun,
          detail: [s.command && `$ ${commandLine(s.command)}`, s.expected && `→ ${s.expected.trim()}`].filter(Boolean).join('   '),
          n: i + 1,
        })),
        { placeHolder: vscode.l10n.t('{0}: which step?', runbook.id), matchOnDetail: true },
      );
      if (!pick) return undefined;
      n = pick.n;
    }
    if (n > steps.length) throw new Error(vscode.l10n.t('{0} has {1} steps.', runbook.id, steps.length));
    const step = steps[n - 1]!;

    let terminalName: string | undefined;
    // A line break typed into a terminal is Enter: such a command would run before anyone read it.
    const refused = step.command === undefined ? undefined : commandProblem(step.command);
    if (refused)
      throw new Error(
        vscode.l10n.t('{0} step {1} was not put in a terminal: {2}. Fix the step in {3} (lint reports it).', runbook.id, n, refused, runbook.file),
      );
    if (step.command) {
      terminalName = `Runbook ${runbook.id}`;
      let terminal = this.terminals.get(terminalName);
      if (!terminal || terminal.exitStatus !== undefined) {
        terminal = vscode.window.createTerminal({ name: terminalName, cwd: folder.folder.uri, iconPath: new vscode.ThemeIcon('book') });
        this.terminals.set(terminalName, terminal);
      }
      terminal.show(false);
      // Typed, not run: the person reads it and presses Enter.
      terminal.sendText(step.command.trim(), false);
    }

    const incident = a.log === false ? undefined : await this.incidentFor(folder, runbook, a.incident, interactive);
    let log = a.log === true && !!incident;
    if (interactive && incident) {
      const what = step.expected ? vscode.l10n.t('Expected: {0}', step.expected.trim()) : step.instruction.trim();
      const done = vscode.l10n.t('Log Step {0} Done', n);
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('{0} step {1}{2}. {3}', runbook.id, n, step.command ? vscode.l10n.t(' is in the terminal — press Enter there to run it') : '', what),
        done,
      );
      log = choice === done;
    }
    if (log && incident) {
      await vscode.commands.executeCommand(COMMANDS.logTimelineEntry, {
        folder: folder.folder.uri.toString(),
        incident: incident.id,
        kind: 'action',
        text: stepText(runbook, n),
        ...(a.at ? { at: a.at } : {}),
      });
    }
    return { runbook: runbook.id, step: n, terminal: terminalName, command: step.command?.trim(), loggedTo: log ? incident?.id : undefined };
  }

  dispose(): void {
    this.terminals.clear();
  }
}
