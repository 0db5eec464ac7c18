import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/extension/tree/treeNode';
import { searchAll } from '../../src/extension/commands/search';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { api, closeAllDiscarding, deleteFile, fileUri, label, readFile, waitFor, writeFile } from './helpers';

async function tree(provider: vscode.TreeDataProvider<TreeNode>, node?: TreeNode): Promise<TreeNode[]> {
  return (await provider.getChildren(node)) ?? [];
}

async function labels(provider: vscode.TreeDataProvider<TreeNode>, node?: TreeNode): Promise<string[]> {
  return Promise.all((await tree(provider, node)).map(async (n) => label(await provider.getTreeItem(n))));
}

describe('sidebar, Problems panel and status bar', () => {
  it('activates on the workspace and loads the records in the background', async () => {
    const ext = vscode.extensions.getExtension('incident-lens.incident-lens')!;
    const exports = await api();
    assert.ok(ext.isActive);
    assert.deepEqual(
      exports.internals.workspace.incidents().map((r) => `${r.folder.folder.name}/${r.incident.id}`),
      ['payments-demo/INC-019', 'payments-demo/INC-023', 'payments-demo/INC-027', 'payments-demo/INC-031', 'second-service/INC-007'],
    );
  });

  it('groups incidents by status in the seed order, hiding empty groups', async () => {
    const { internals } = await api();
    const groups = await labels(internals.incidentsTree);
    assert.deepEqual(groups, ['Active', 'Postmortem pending', 'Resolved', 'Closed']);
    const closed = (await tree(internals.incidentsTree))[3]!;
    const [inc023] = await tree(internals.incidentsTree, closed);
    const item = await internals.incidentsTree.getTreeItem(inc023!);
    assert.equal(label(item), 'INC-023 Payment page 500 error');
    assert.equal(item.description, 'P1 · 2h 15m · payments-demo', 'multi-root: the folder is named');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'flame');
    assert.match((item.tooltip as vscode.MarkdownString).value, /Root cause:\*\* Webhook handler written with Claude/);
  });

  it('shows the incident sections with counts and the postmortem state', async () => {
    const { internals } = await api();
    const closed = (await tree(internals.incidentsTree))[3]!;
    const [inc023] = await tree(internals.incidentsTree, closed);
    const sections = await Promise.all((await tree(internals.incidentsTree, inc023)).map((n) => internals.incidentsTree.getTreeItem(n)));
    assert.deepEqual(
      sections.map((s) => [label(s), String(s.description).replace(/verified \d+ days ago/, 'verified N days ago')]),
      [
        ['Impact', 'Payment service — /api/checkout endpoint'],
        ['Timeline (14)', 'undefined'],
        ['Actions (0 open / 7)', 'undefined'],
        ['Action records', '2/4 done'],
        ['Root cause', 'Webhook handler written with Claude returned Decimal for am…'],
        ['Postmortem', 'complete'],
        ['Learning', 'When asking AI tools to write external service integrations…'],
        ['Linked code', '3'],
        // Not active: its runbook comes last (an active incident shows it first).
        ['Rollback: RB-payments-rollback', '5 steps · verified N days ago'],
      ],
    );
    const pending = (await tree(internals.incidentsTree))[1]!;
    const [inc027] = await tree(internals.incidentsTree, pending);
    const pm = (await tree(internals.incidentsTree, inc027)).map((n) => n.toTreeItem()).find((i) => label(i) === 'Postmortem')!;
    assert.equal(pm.description, 'overdue since 2025-09-04');
    assert.equal((pm.iconPath as vscode.ThemeIcon).id, 'warning');
  });

  it('opens a linked symbol from the tree at its declaration', async () => {
    const { internals } = await api();
    const closed = (await tree(internals.incidentsTree))[3]!;
    const [inc023] = await tree(internals.incidentsTree, closed);
    const links = (await tree(internals.incidentsTree, inc023)).find((n) => label(n.toTreeItem()) === 'Linked code')!;
    const toStripe = (await tree(internals.incidentsTree, links)).map((n) => n.toTreeItem()).find((i) => label(i) === 'toStripeAmount')!;
    await vscode.commands.executeCommand(toStripe.command!.command, ...(toStripe.command!.arguments ?? []));
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith('stripeWebhook.ts') && vscode.window.activeTextEditor,
      'the linked file',
    );
    assert.equal(editor.selection.start.line, 21);
    assert.equal(editor.document.getText(editor.selection), 'toStripeAmount');
  });

  it('lists open actions, overdue first, and opens the record at the action', async () => {
    const { internals } = await api();
    const items = (await tree(internals.actionsTree)).map((n) => n.toTreeItem());
    // The tests' clock (TEST_NOW, 2026-11-26 11:30 +01:00): INC-023's rollback action is long overdue,
    // INC-031's are due at 12:00 today and tomorrow, the staging action has no deadline.
    assert.deepEqual(
      items.map((i) => [label(i), (i.iconPath as vscode.ThemeIcon).id === 'warning']),
      [
        ['ACTION-INC023-3 Rollback procedure documented', true],
        ['Tell support which users must sign in again', false],
        ['Add a regression test for session expiry units', false],
        ['ACTION-INC023-4 Staging environment to integrate with real Stripe sandbox — mock data to be removed', false],
      ],
    );
    assert.match(String(items[0]!.description), /overdue since 2025-03-20/);
    const tell = items[1]!;
    await vscode.commands.executeCommand(tell.command!.command, ...(tell.command!.arguments ?? []));
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith('INC-031.yaml') && vscode.window.activeTextEditor,
      'INC-031.yaml',
    );
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /- text: Tell support which users must sign in again/);
  });

  it('opens a record at the right line when its file changed on disk and the open editor has not reloaded yet', async () => {
    const { internals } = await api();
    const file = '.incidents/INC-031.yaml';
    const original = await readFile(file);
    // Open the record so VS Code holds a buffer of it, then change the file under it (as a pull would):
    // four timeline lines more above the actions, written with Node's fs, not through VS Code.
    await vscode.window.showTextDocument(fileUri(file));
    const grown = original.replace('actions:\n', '  - at: "09:50"\n    author: Burak\n    kind: finding\n    text: Added by a pull.\nactions:\n');
    try {
      writeFileSync(fileUri(file).fsPath, grown);
      const folder = vscode.workspace.workspaceFolders![0]!.uri.toString();
      await vscode.commands.executeCommand('incidentLens.openRecord', { folder, file, path: ['actions', 1] });
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.getText(), grown, 'the editor shows the file as it is on disk');
      assert.match(editor.document.lineAt(editor.selection.start.line).text, /- text: Tell support which users must sign in again/);
    } finally {
      await closeAllDiscarding();
      await writeFile(file, original);
      await waitFor(() => internals.workspace.findIncident('INC-031')?.incident.timeline.length === 3, 'INC-031 restored');
    }
  });

  it('shows active incidents and overdue postmortems in the status bar', async () => {
    const { internals } = await api();
    assert.equal(internals.statusBar.item.text, '$(flame) 1 active P2  $(clock) 1 postmortem overdue');
  });

  it('puts diagnostics of a broken record in the Problems panel on the exact range, and clears them', async () => {
    await api();
    await writeFile('.incidents/INC-040.yaml', 'id: INC-040\ntitle: Broken on purpose\nstatus: active\npriority: P5\nstart: 2025-03-18T14:37:00+03:00\n');
    const uri = fileUri('.incidents/INC-040.yaml');
    const diags = await waitFor(
      () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Incident Lens').length && vscode.languages.getDiagnostics(uri),
      'diagnostics for INC-040',
    );
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.message, 'priority: expected P1, P2, P3 or P4, got "P5"');
    assert.deepEqual([diags[0]!.range.start.line, diags[0]!.range.start.character, diags[0]!.range.end.character], [3, 10, 12]);
    assert.equal(diags[0]!.severity, vscode.DiagnosticSeverity.Error);
    await writeFile('.incidents/INC-040.yaml', (await readFile('.incidents/INC-040.yaml')).replace('P5', 'P3'));
    await waitFor(() => vscode.languages.getDiagnostics(uri).length === 0, 'diagnostics to clear');
    await deleteFile('.incidents/INC-040.yaml');
  });

  it('updates diagnostics from the editor buffer as the user types, before saving', async () => {
    const { internals } = await api();
    const uri = fileUri('.incidents/INC-019.yaml');
    const editor = await vscode.window.showTextDocument(uri);
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('priority:'));
    await editor.edit((e) => e.replace(new vscode.Range(line, 10, line, 12), 'P9'));
    const diags = await waitFor(() => vscode.languages.getDiagnostics(uri).length && vscode.languages.getDiagnostics(uri), 'diagnostics from the buffer');
    assert.equal(diags[0]!.range.start.line, line);
    assert.ok(editor.document.isDirty, 'nothing was saved');
    assert.equal(internals.workspace.findIncident('INC-019'), undefined, 'the invalid buffer replaces the record');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => vscode.languages.getDiagnostics(uri).length === 0, 'diagnostics to clear after undo');
    await waitFor(() => internals.workspace.findIncident('INC-019'), 'INC-019 back');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refreshes the tree, status bar and index after a record changes on disk', async () => {
    const { internals } = await api();
    const original = await readFile('.incidents/INC-031.yaml');
    let fired = 0;
    const sub = internals.incidentsTree.onDidChangeTreeData(() => fired++);
    try {
      await writeFile('.incidents/INC-031.yaml', original.replace('priority: P2', 'priority: P1'));
      await waitFor(() => internals.statusBar.item.text.startsWith('$(flame) 1 active P1'), 'status bar to show P1');
      const active = (await tree(internals.incidentsTree))[0]!;
      const [inc031] = await tree(internals.incidentsTree, active);
      assert.equal(inc031!.toTreeItem().description?.toString().startsWith('P1'), true);
      assert.ok(fired >= 1);
      await writeFile(
        '.incidents/INC-031.yaml',
        original.replace('status: active', 'status: resolved').replace('roles:', 'resolution: 2026-11-26T12:00:00+01:00\nroles:'),
      );
      await waitFor(() => !internals.statusBar.item.text.includes('active'), 'no active incident in the status bar');
      assert.deepEqual(await labels(internals.incidentsTree), ['Postmortem pending', 'Resolved', 'Closed']);
    } finally {
      sub.dispose();
      await writeFile('.incidents/INC-031.yaml', original);
      await waitFor(() => internals.statusBar.item.text.startsWith('$(flame) 1 active P2'), 'status bar restored');
    }
  });

  it('groups by priority and by system from the title bar command', async () => {
    const { internals } = await api();
    try {
      await vscode.commands.executeCommand('incidentLens.groupBy', 'priority');
      await waitFor(async () => (await labels(internals.incidentsTree))[0]?.startsWith('P1'), 'priority groups');
      assert.deepEqual(await labels(internals.incidentsTree), [
        'P1 — Full outage, all users affected',
        'P2 — Critical feature broken, no workaround',
        'P3 — Important feature degraded, workaround exists',
        'P4 — Minor issue, most users can proceed',
      ]);
      await vscode.commands.executeCommand('incidentLens.groupBy', 'system');
      await waitFor(async () => (await labels(internals.incidentsTree))[0] === 'Auth service — session refresh', 'system groups');
    } finally {
      await vscode.commands.executeCommand('incidentLens.groupBy', 'status');
    }
  });

  it('searches: "stripe" finds INC-023 first', async () => {
    const { internals } = await api();
    const hits = searchAll(internals.workspace, 'stripe');
    assert.equal(hits[0]?.hit.incident.id, 'INC-023');
    assert.equal(hits[0]?.hit.field, 'keywords');
  });
});

describe('multi-root workspaces', () => {
  it("keeps each folder's records apart and shows them together", async () => {
    const { internals } = await api();
    const folders = internals.workspace.folderIndexes().map((f) => [f.folder.name, f.index.incidents().map((i) => i.id)]);
    assert.deepEqual(folders, [
      ['payments-demo', ['INC-019', 'INC-023', 'INC-027', 'INC-031']],
      ['second-service', ['INC-007']],
    ]);
    const resolved = (await tree(internals.incidentsTree))[2]!;
    const items = (await tree(internals.incidentsTree, resolved)).map((n) => n.toTreeItem());
    assert.deepEqual(
      items.map((i) => [label(i), i.description]),
      [
        ['INC-007 Search results stale for an hour', 'P3 · 1h 5m · second-service'],
        ['INC-019 Wrong currency symbol on receipts for EUR', 'P4 · 5h 30m · payments-demo'],
      ],
    );
  });

  it('links of one folder do not leak into another', async () => {
    const { internals } = await api();
    const [demo, second] = internals.workspace.folderIndexes();
    assert.deepEqual(
      second!.index.incidentsForFile('src/indexer.ts').map((i) => i.id),
      ['INC-007'],
    );
    assert.deepEqual(demo!.index.incidentsForFile('src/indexer.ts'), []);
  });
});

describe('quick fixes on records', () => {
  it('status: resovled gets "did you mean" and a quick fix that changes only that value, comments kept', async () => {
    const { internals } = await api();
    const file = '.incidents/INC-031.yaml';
    const original = await readFile(file);
    const uri = fileUri(file);
    await writeFile(file, original.replace('status: active', 'status: resovled'));
    try {
      const diag = await waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => d.message.includes('did you mean')), 'the typo diagnostic');
      assert.equal(diag.message, 'status: expected active, resolved, postmortem-pending or closed, got "resovled"; did you mean "resolved"?');
      const doc = await vscode.workspace.openTextDocument(uri);
      const actions = await waitFor(
        async () =>
          ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range)) ?? []).filter(
            (a) => a.title === 'Change to "resolved"',
          ),
        'the quick fix',
      );
      assert.equal(actions.length, 1);
      assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
      assert.equal(doc.getText(), original.replace('status: active', 'status: resolved'), 'one value changed, every comment and line kept');
      await doc.save();
      await waitFor(() => vscode.languages.getDiagnostics(uri).every((d) => !d.message.includes('did you mean')), 'the typo diagnostic to clear');
      assert.equal(internals.workspace.findIncident('INC-031')?.incident.record.status, 'resolved');
    } finally {
      await closeAllDiscarding();
      await writeFile(file, original);
      await waitFor(() => internals.workspace.findIncident('INC-031')?.incident.record.status === 'active', 'INC-031 restored');
    }
  });

  it('a link to a file that moved offers the file at its new path, and the fix rewrites only the link', async () => {
    const { internals } = await api();
    await writeFile('src/legacy/ledger.ts', 'export function post(): void {}\n');
    const record =
      '# the link below is fixed by a quick fix\nid: INC-051\ntitle: Ledger drift\nstatus: resolved\npriority: P3\nstart: 2026-10-01T10:00:00+01:00\nresolution: 2026-10-01T11:00:00+01:00\nlinks:\n  - path: src/legacy/ledger.ts\n    symbol: post\n';
    await writeFile('.incidents/INC-051.yaml', record);
    const uri = fileUri('.incidents/INC-051.yaml');
    try {
      await waitFor(() => internals.workspace.findIncident('INC-051'), 'INC-051 in the index');
      // Moved outside VS Code (a checkout, a refactoring tool): the link is left pointing at nothing.
      mkdirSync(fileUri('src/billing').fsPath, { recursive: true });
      renameSync(fileUri('src/legacy/ledger.ts').fsPath, fileUri('src/billing/ledger.ts').fsPath);
      const diag = await waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'link-missing'), 'the missing-link warning', 20_000);
      const doc = await vscode.workspace.openTextDocument(uri);
      const actions = await waitFor(
        async () =>
          ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range)) ?? []).filter((a) =>
            a.title.startsWith('Link to '),
          ),
        'the moved-file fix',
      );
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Link to src/billing/ledger.ts (the file moved)'],
      );
      assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
      assert.equal(doc.getText(), record.replace('src/legacy/ledger.ts', 'src/billing/ledger.ts'));
      await doc.save();
      await waitFor(() => vscode.languages.getDiagnostics(uri).every((d) => d.code !== 'link-missing'), 'the warning to clear');
    } finally {
      await closeAllDiscarding();
      await deleteFile('.incidents/INC-051.yaml');
      await vscode.workspace.fs.delete(fileUri('src/billing'), { recursive: true });
      await vscode.workspace.fs.delete(fileUri('src/legacy'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });
});
