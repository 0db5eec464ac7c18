/**
 * Mark Imported Record Reviewed: a person read an imported record's text, so
 * it may reach the AI instruction files and AGENTS.md like a team record
 * (core/trust/dataBlock.ts). Asks before writing, showing where the text came
 * from; writes source.reviewed through the one edit path.
 */
import * as vscode from 'vscode';
import { markReviewedOps } from '../../core/records/recordOps';
import { incidentOrigin } from '../../core/trust/dataBlock';
import { flatText } from '../../core/trust/hiddenText';
import { currentAuthor } from '../author';
import type { IncidentWorkspace } from '../incidentWorkspace';
import type { RecordEditor } from '../recordEditor';
import { pickIncident } from './pickIncident';
import { now as clockNow } from '../extensionClock';

export class ReviewCommands {
  constructor(
    private readonly workspace: IncidentWorkspace,
    private readonly editor: RecordEditor,
  ) {}

  /** Returns the reviewer written, or undefined when nothing was done. `confirm: false` is for tests that drive it by arguments. */
  async markReviewed(arg?: unknown): Promise<string | undefined> {
    const ref = await pickIncident(
      this.workspace,
      arg,
      vscode.l10n.t('Mark reviewed: an imported record you have read…'),
      (i) => incidentOrigin(i).trust === 'imported',
    );
    if (!ref) return undefined;
    const origin = incidentOrigin(ref.incident);
    if (origin.trust !== 'imported') {
      void vscode.window.showInformationMessage(
        origin.trust === 'team'
          ? vscode.l10n.t('{0} was written in this repository: it needs no review.', ref.incident.id)
          : vscode.l10n.t('{0} is already marked reviewed by {1}.', ref.incident.id, origin.reviewedBy ?? ''),
      );
      return undefined;
    }
    const by = await currentAuthor(ref.folder.folder);
    const from = `${origin.importedFrom!.system} ${origin.importedFrom!.id}${origin.importedFrom!.url ? ` (${origin.importedFrom!.url})` : ''}`;
    const skipConfirm = typeof arg === 'object' && arg !== null && (arg as { confirm?: unknown }).confirm === false;
    if (!skipConfirm) {
      const ok = vscode.l10n.t('Mark Reviewed');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Mark {0} reviewed by {1}?', ref.incident.id, by),
        {
          modal: true,
          detail: vscode.l10n.t(
            'It was imported from {0}. Once reviewed, its lesson and prompt template are written into the AI instruction files and AGENTS.md like a team record. Read its text first: {1}',
            flatText(from),
            flatText(ref.incident.head.title),
          ),
        },
        ok,
      );
      if (answer !== ok) return undefined;
    }
    await this.editor.edit(ref.folder, ref.incident.file, (record) => markReviewedOps(record.record, by, { ms: clockNow(), offsetMinutes: 0 }));
    return by;
  }
}
