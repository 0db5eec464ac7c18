import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Incident } from '../../src/core/records/model';
import { api, closeAllDiscarding, fileUri, label, waitFor } from './helpers';

/**
 * A bug that one record trips (here: an incident whose fields throw when read,
 * injected into the live index) must stay with that record: logged to the
 * "Incident Lens" output, shown as a warning row, everything else working.
 */
describe('crash isolation', () => {
  afterEach(closeAllDiscarding);

  it('one record that breaks the tree shows as a warning row; every other incident is still listed', async () => {
    const { internals } = await api();
    const folder = internals.workspace.folderIndexes()[0]!;
    const index = folder.index;
    const real = index.incidents.bind(index);
    const poisoned = new Proxy(real()[0]!, {
      get(target, prop) {
        if (prop === 'record' || prop === 'start') throw new Error('boom: a record that trips a bug');
        if (prop === 'file') return '.incidents/INC-666.yaml';
        return Reflect.get(target, prop) as unknown;
      },
    }) as Incident;
    const errorsBefore = internals.log.recentErrors.length;
    index.incidents = () => [...real(), poisoned];
    try {
      const roots = internals.incidentsTree.getChildren();
      const items = roots.map((n) => internals.incidentsTree.getTreeItem(n));
      const failed = items.find((i) => label(i).includes('INC-666.yaml could not be shown'));
      assert.ok(failed, items.map(label).join(' | '));
      assert.equal(failed.command?.command, 'incidentLens.showOutput');
      // Every real incident is still listed under its group.
      const listed = roots.flatMap((n) => n.children()).map((n) => label(internals.incidentsTree.getTreeItem(n)));
      for (const id of ['INC-019', 'INC-023', 'INC-027', 'INC-031'])
        assert.ok(
          listed.some((l) => l.startsWith(id)),
          `${id} missing: ${listed.join(' | ')}`,
        );
      assert.ok(internals.log.recentErrors.slice(errorsBefore).some((e) => e.includes('boom: a record that trips a bug') && e.includes('INC-666')));
    } finally {
      index.incidents = real;
    }
  });

  it('a provider that throws for one file logs and returns nothing there; other files keep their CodeLens', async () => {
    const { internals } = await api();
    const broken = fileUri('src/payments/stripeWebhook.ts');
    const healthy = fileUri('src/auth/session.ts');
    const realLocate = internals.workspace.locate.bind(internals.workspace);
    internals.workspace.locate = (uri: vscode.Uri) => {
      if (uri.toString() === broken.toString()) throw new Error('boom: locate failed for one file');
      return realLocate(uri);
    };
    const errorsBefore = internals.log.recentErrors.length;
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
      const none = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', broken);
      assert.ok(!none.some((l) => l.command?.title.includes('INC-')), 'no incident lens from the failing provider');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(healthy));
      const lenses = await waitFor(
        async () =>
          (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', healthy)).filter((l) =>
            l.command?.title.includes('INC-031'),
          ),
        'CodeLens on the healthy file',
      );
      assert.ok(lenses.length > 0);
      assert.ok(internals.log.recentErrors.slice(errorsBefore).some((e) => e.startsWith('CodeLens') && e.includes('boom: locate failed')));
    } finally {
      internals.workspace.locate = realLocate;
    }
  });
});
