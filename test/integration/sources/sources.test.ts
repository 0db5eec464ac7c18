import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, waitFor } from '../helpers';

/** The workspace: payments and web, each reading the central incidents repository (outside the workspace) as a record source. */
const folders = () => vscode.workspace.workspaceFolders!;
const fileIn = (folder: number, path: string) => vscode.Uri.joinPath(folders()[folder]!.uri, ...path.split('/'));

/** The record source as workspace folder `n` reads it. */
async function sourceOf(n: number) {
  const { internals } = await api();
  const own = internals.workspace.folderIndexes().find((f) => !f.source && f.folder.uri.toString() === folders()[n]!.uri.toString())!;
  return internals.workspace.indexesFor(own).find((f) => f.source)!;
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  await vscode.workspace.openTextDocument(uri);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('⚠'));
}

describe('record sources: a central incidents repository read by two service repositories', function () {
  this.timeout(60_000);

  it('sources the repositories name outside themselves are read only after the person allows them', async () => {
    const { internals } = await api();
    await internals.workspace.ready;
    const own = internals.workspace.folderIndexes().find((f) => !f.source && f.folder.uri.toString() === folders()[0]!.uri.toString())!;
    assert.equal(
      internals.workspace.indexesFor(own).find((f) => f.source),
      undefined,
      'the central repository is not read before the person agreed',
    );
    const roots = await vscode.commands.executeCommand<string[]>('incidentLens.allowRecordSources');
    assert.ok(roots.length >= 1, 'the waiting sources are allowed');
    await waitFor(async () => {
      const o = internals.workspace.folderIndexes().find((f) => !f.source && f.folder.uri.toString() === folders()[0]!.uri.toString());
      return !!o && !!internals.workspace.indexesFor(o).find((f) => f.source);
    }, 'the record source read after approval');
  });

  it('each service shows the central incident on its own files only; the tree says where the record comes from', async () => {
    const { internals } = await api();
    await internals.workspace.ready;
    assert.deepEqual([(await sourceOf(0)).source!.name, (await sourceOf(1)).source!.name], ['acme incidents', 'incidents']);
    await waitFor(async () => (await lensTitles(fileIn(0, 'src/charge.ts'))).some((t) => t.startsWith('⚠ INC-500')), 'the lens on payments/src/charge.ts');
    assert.deepEqual(await lensTitles(fileIn(0, 'src/refund.ts')), []);
    assert.ok((await lensTitles(fileIn(1, 'app/checkout/[step]/page.tsx'))).some((t) => t.startsWith('⚠ INC-500')));
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', fileIn(0, 'src/charge.ts'), new vscode.Position(0, 18))) ?? [];
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hover, /INC-500 — Checkout charged twice/);
    // "Open incident" opens the record where it lives: the source, outside the workspace.
    const source = await sourceOf(0);
    assert.ok(hover.includes(encodeURIComponent(JSON.stringify([{ folder: source.folder.uri.toString(), file: '.incidents/INC-500.yaml' }]))), hover);
    // The language model tool answers by the same rule.
    assert.match(internals.ai.pastIncidents({ paths: ['payments/src/charge.ts'] }), /INC-500/);
    assert.doesNotMatch(internals.ai.pastIncidents({ paths: ['payments/src/refund.ts'] }), /INC-500/);
    const tree = internals.incidentsTree;
    const rows = tree
      .getChildren()
      .flatMap((g) => tree.getChildren(g))
      .map((n) => n.toTreeItem());
    // Read by both services, listed once, named as the first folder names it.
    const found = rows.filter((r) => String(r.label).startsWith('INC-500'));
    assert.deepEqual(
      found.map((r) => r.description),
      ['P2 · 1h 30m · acme incidents'],
    );
  });

  it('an edit to a record outside the workspace goes to its own file, through the edit path; a link from a service names the service repository', async () => {
    await api();
    const source = await sourceOf(0);
    const file = join(source.folder.uri.fsPath, '.incidents', 'INC-500.yaml');
    const before = readFileSync(file, 'utf8');
    await vscode.commands.executeCommand('incidentLens.logTimelineEntry', {
      incident: 'INC-500',
      folder: source.folder.uri.toString(),
      kind: 'finding',
      text: 'Logged from the payments workspace.',
      at: '2026-10-02T10:20:00+02:00',
    });
    await waitFor(() => readFileSync(file, 'utf8').includes('Logged from the payments workspace.'), 'the entry in the source record on disk');
    assert.ok(readFileSync(file, 'utf8').startsWith(before.slice(0, before.indexOf('links:'))), 'the rest untouched');
    await vscode.commands.executeCommand('incidentLens.linkFile', {
      incident: 'INC-500',
      folder: source.folder.uri.toString(),
      file: fileIn(0, 'src/refund.ts').toString(),
    });
    await waitFor(() => readFileSync(file, 'utf8').includes('path: src/refund.ts'), 'the link on disk');
    assert.match(readFileSync(file, 'utf8'), /\n {2}- repo: github\.com\/acme\/payments\n {4}path: src\/refund\.ts\n/);
    await waitFor(async () => (await lensTitles(fileIn(0, 'src/refund.ts'))).some((t) => t.startsWith('⚠ INC-500')), 'the new link applies in payments');
    assert.deepEqual(await lensTitles(vscode.Uri.joinPath(folders()[1]!.uri, 'src', 'refund.ts')).catch(() => []), []);
  });

  it("Suggest Code Links on a record from a source reads the service's history; its commits are written, a link already there (by repository) is not repeated", async () => {
    const source = await sourceOf(0);
    const file = join(source.folder.uri.fsPath, '.incidents', 'INC-500.yaml');
    const result = (await vscode.commands.executeCommand<{ suggestions: { commits: Array<{ subject: string }> }; written: { links: number } }>(
      'incidentLens.suggestCodeLinks',
      { incident: 'INC-500', folder: source.folder.uri.toString(), accept: 'preselected' },
    ))!;
    assert.equal(result.suggestions.commits[0]!.subject, 'charge: retry on gateway timeout');
    await waitFor(() => readFileSync(file, 'utf8').includes('commits:'), `the commit in the record (written: ${JSON.stringify(result.written)})`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /commits:\n {2}- sha: [0-9a-f]{12}\n {4}role: trigger\n {4}subject: "charge: retry on gateway timeout"\n/, text);
    // charge() is linked already (by the service's repository): not written twice, nor as an unqualified link.
    assert.equal(text.match(/symbol: charge\n/g)!.length, 1, text);
  });

  it('the watcher follows the source: a record written there outside VS Code (a pull in that clone) shows up', async () => {
    await api();
    const source = await sourceOf(1);
    writeFileSync(
      join(source.folder.uri.fsPath, '.incidents', 'INC-501.yaml'),
      'id: INC-501\ntitle: Checkout page blank\nstatus: active\npriority: P1\nstart: 2026-11-26T09:00:00+01:00\nlinks:\n  - repo: git@github.com:acme/web.git\n    path: app/checkout/[step]/page.tsx\n',
    );
    await waitFor(() => source.index.incident('INC-501') !== undefined, 'the index of the source to read the new record');
    await waitFor(
      async () => (await lensTitles(fileIn(1, 'app/checkout/[step]/page.tsx'))).some((t) => /2 past incidents|INC-501/.test(t)),
      'the web lens to count it',
    );
  });
});
