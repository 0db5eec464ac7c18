import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImportOutcome } from '../../src/extension/commands/importIncidents';
import { parseRecordText } from '../../src/core/records/parseRecord';
import type { TreeNode } from '../../src/extension/tree/treeNode';
import { api, label, waitFor, workspaceRoot } from './helpers';

const FIX = join(process.env.INCIDENT_LENS_REPO ?? '', 'test', 'fixtures', 'import');

async function treeLabels(provider: vscode.TreeDataProvider<TreeNode>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (node?: TreeNode, depth = 0): Promise<void> => {
    for (const n of (await provider.getChildren(node)) ?? []) {
      out.push(label(await provider.getTreeItem(n)));
      if (depth < 1) await walk(n, depth + 1);
    }
  };
  await walk();
  return out;
}

async function exists(rel: string): Promise<boolean> {
  return vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'))).then(
    () => true,
    () => false,
  );
}

describe('Import Incidents…', function () {
  this.timeout(60000);
  const created: string[] = [];
  after(async () => {
    const { internals } = await api();
    for (const f of created) await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), ...f.split('/'))).then(undefined, () => undefined);
    const ids = created.map((f) => /(INC-\d+)\.yaml$/.exec(f)?.[1]).filter((x): x is string => !!x);
    await waitFor(() => ids.every((id) => !internals.workspace.findIncident(id)), 'imported records removed');
  });

  it('imports a folder of PagerDuty exports: records on disk, in the tree, lint clean; a second import changes nothing', async () => {
    assert.ok(process.env.INCIDENT_LENS_REPO, 'the harness names the repository (fixtures)');
    const { internals } = await api();
    const folder = workspaceRoot().toString();
    const first = (await vscode.commands.executeCommand('incidentLens.importIncidents', {
      files: [join(FIX, 'pagerduty')],
      folder,
      accept: true,
    })) as ImportOutcome;
    assert.equal(first.cancelled, false);
    assert.deepEqual(first.written, ['.incidents/INC-032.yaml', '.incidents/INC-033.yaml'], "numbering continues after the demo's INC-031");
    created.push(...first.written);
    await waitFor(() => internals.workspace.findIncident('INC-033'), 'the index to read the new records');
    for (const f of first.written) {
      assert.ok(await exists(f), `${f} on disk`);
      assert.deepEqual(
        internals.workspace
          .folderIndexes()[0]!
          .index.diagnosticsFor(f)
          .filter((d) => d.severity === 'error'),
        [],
        `${f} lints clean`,
      );
    }
    const labels = await waitFor(async () => {
      const l = await treeLabels(internals.incidentsTree);
      return l.some((x) => x.startsWith('INC-033 Checkout latency above SLO')) ? l : undefined;
    }, 'the tree to show the imported incident');
    assert.ok(labels.some((x) => x.startsWith('INC-032 The server is on fire.')));
    const again = (await vscode.commands.executeCommand('incidentLens.importIncidents', {
      files: [join(FIX, 'pagerduty')],
      folder,
      accept: true,
    })) as ImportOutcome;
    assert.deepEqual(again.written, []);
    assert.deepEqual(
      again.items.map((i) => i.status),
      ['unchanged', 'unchanged'],
    );
  });

  it('the preview of a real Markdown postmortem names the facts found with their lines, and those missing (issue 31)', async () => {
    const { internals } = await api();
    const folder = workspaceRoot().toString();
    const outcome = (await vscode.commands.executeCommand('incidentLens.importIncidents', {
      files: [join(FIX, 'markdown-real', 'dfds-2021-03-31-adfs-outage.md')],
      folder,
      accept: true,
    })) as ImportOutcome;
    created.push(...outcome.written);
    const id = outcome.details?.[0]?.id;
    // The next test plans ids from the index: wait until it holds this record.
    await waitFor(() => id && internals.workspace.findIncident(id), 'the index to read the imported postmortem');
    assert.equal(outcome.details?.length, 1);
    const detail = outcome.details![0]!.detail;
    assert.match(detail, /dfds-2021-03-31-adfs-outage\.md:1:1/);
    assert.match(detail, /found: .*start 2021-03-31T12:06 \+00:00 \(line 13\)/);
    assert.match(detail, /end 2021-03-31T13:30 \+00:00 \(line 20\)/);
    assert.match(detail, /missing: priority, detected/);
  });

  it('a cancel midway leaves only whole records: the first incident with all its action records, nothing of the next', async () => {
    const { internals } = await api();
    const folder = workspaceRoot().toString();
    const source = new vscode.CancellationTokenSource();
    const seen: string[] = [];
    const outcome = (await vscode.commands.executeCommand('incidentLens.importIncidents', {
      files: [join(FIX, 'incidentio')],
      folder,
      accept: true,
      token: source.token,
      onWritten: (file: string) => {
        seen.push(file);
        if (seen.length === 1) source.cancel();
      },
    })) as ImportOutcome;
    created.push(...outcome.written);
    assert.equal(outcome.cancelled, true);
    const first = outcome.items.find((i) => i.kind === 'incident' && i.status === 'create')!;
    const itsActions = outcome.items.filter((i) => i.kind === 'action' && i.incident === first.id && i.status === 'create').map((i) => i.file);
    assert.ok(itsActions.length >= 1, 'the first incident has follow-ups');
    assert.deepEqual(outcome.written, [first.file, ...itsActions], "the cancel waits for the incident's action records, then stops");
    const planned = outcome.items.filter((i) => i.status === 'create');
    assert.ok(planned.length > 2, `${planned.length} records planned`);
    for (const item of planned) {
      const on = await exists(item.file!);
      assert.equal(on, outcome.written.includes(item.file!), `${item.file} ${on ? 'written' : 'absent'}`);
      if (!on) continue;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), ...item.file!.split('/'))));
      assert.equal(text, item.text, 'written whole');
      assert.deepEqual(
        parseRecordText(item.file!, text).diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
    }
    await waitFor(() => internals.workspace.findIncident('INC-034'), 'the records written before the cancel are indexed');
    // Nothing dangles: the incident's plan names action records that exist, and they name it.
    const index = internals.workspace.folderIndexes()[0]!.index;
    await waitFor(() => outcome.written.every((f) => index.parsed(f)), 'every written file indexed');
    for (const f of outcome.written)
      assert.deepEqual(
        index
          .diagnosticsFor(f)
          .filter((d) => d.severity === 'error')
          .map((d) => d.message),
        [],
        f,
      );
  });
});
