/**
 * Runs in its own code-server pass with workspace trust on and the fixture
 * not trusted: Restricted Mode. Incident Lens must show records but never
 * write them, never run git, and open webviews without scripts.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, closeAllDiscarding, fileUri, label, readFile, waitFor } from '../helpers';

const run = async (command: string, args: unknown): Promise<unknown> => vscode.commands.executeCommand(command, args);

describe('restricted mode (untrusted workspace)', () => {
  afterEach(closeAllDiscarding);

  it('really is restricted, and the extension still activates and reads the records', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the pass must run untrusted');
    const { internals } = await api();
    const roots = internals.incidentsTree.getChildren();
    const listed = roots.flatMap((n) => n.children()).map((n) => label(internals.incidentsTree.getTreeItem(n)));
    for (const id of ['INC-019', 'INC-023', 'INC-027', 'INC-031'])
      assert.ok(
        listed.some((l) => l.startsWith(id)),
        listed.join(' | '),
      );
    // Problems and CodeLens are reading, so they work too.
    const doc = await vscode.workspace.openTextDocument(fileUri('src/payments/stripeWebhook.ts'));
    await vscode.window.showTextDocument(doc);
    await waitFor(
      async () =>
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).some((l) => l.command?.title.includes('INC-023')),
      'CodeLens in restricted mode',
    );
  });

  it('refuses every write, and the files stay byte for byte', async () => {
    await api();
    const before = await readFile('.incidents/INC-031.yaml');
    await assert.rejects(
      run('incidentLens.logTimelineEntry', { incident: 'INC-031', text: 'must not land', at: '2026-11-26T10:00:00+01:00' }),
      /Restricted Mode/,
    );
    await assert.rejects(run('incidentLens.setStatus', { incident: 'INC-031', status: 'resolved' }), /Restricted Mode/);
    await assert.rejects(run('incidentLens.newIncident', { title: 'Should not exist', priority: 'P3', start: '2026-11-27T10:00:00+01:00' }), /Restricted Mode/);
    assert.equal(await readFile('.incidents/INC-031.yaml'), before);
    await assert.rejects(async () => vscode.workspace.fs.stat(fileUri('.incidents/INC-032.yaml')));
  });

  it('runs no git and no runbook command in a terminal', async () => {
    await api();
    await assert.rejects(run('incidentLens.linkCommitFiles', { incident: 'INC-023', commit: 'HEAD' }), /trusted workspace/);
    await assert.rejects(run('incidentLens.runRunbookStep', { runbook: 'RB-payments-rollback', step: 2, log: false }), /trusted workspace/);
    assert.ok(!vscode.window.terminals.some((t) => t.name.startsWith('Runbook ')));
    // Nor an MCP server for agent mode (it would run git for check_diff).
    const { internals } = await api();
    assert.deepEqual(internals.mcp.definitions(), []);
  });

  it('opens the timeline without scripts, rendered read-only by the host', async () => {
    const { internals } = await api();
    await run('incidentLens.showTimeline', { incident: 'INC-023' });
    const panel = await waitFor(() => internals.timelines.get(vscode.workspace.workspaceFolders![0]!.uri.toString(), 'INC-023'), 'the panel');
    assert.equal(panel.webview.options.enableScripts, false);
    assert.ok(!panel.webview.html.includes('<script'), 'no script element at all');
    assert.ok(!/script-src/.test(panel.webview.html), 'the CSP allows no script');
    assert.match(panel.webview.html, /Restricted Mode: this timeline is read-only/);
    assert.match(panel.webview.html, /Payment page 500 error/);
    panel.dispose();
  });
});
