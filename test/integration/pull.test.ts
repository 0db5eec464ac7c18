import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllDiscarding, fileUri, waitFor, workspaceRoot } from './helpers';

describe('a git pull during an incident', function () {
  this.timeout(90_000);
  afterEach(() => closeAllDiscarding());

  it('a pull that changes twenty records updates the index, the tree, CodeLens and the open timeline at once', async () => {
    const { internals } = await api();
    const root = workspaceRoot().fsPath;
    const folder = workspaceRoot().toString();
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Teammate', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
    const before = git(root, 'rev-parse', 'HEAD').trim();
    const incidentsBefore = internals.workspace.incidents().length;
    const panel = (await vscode.commands.executeCommand('incidentLens.showTimeline', { incident: 'INC-031' })) as vscode.WebviewPanel;
    await waitFor(() => internals.timelines.shownModel(folder, 'INC-031')?.items.length, 'the timeline to show');
    const itemsBefore = internals.timelines.shownModel(folder, 'INC-031')!.items.length;
    const lensCount = async (): Promise<number> => {
      await vscode.workspace.openTextDocument(fileUri('src/notifications/emailWorker.ts'));
      const all =
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fileUri('src/notifications/emailWorker.ts'), 100)) ?? [];
      const titles = all.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('⚠'));
      return titles.reduce((n, t) => n + (/^⚠ (\d+) past incidents/.exec(t) ? Number(/^⚠ (\d+)/.exec(t)![1]) : 1), 0);
    };
    const lensesBefore = await lensCount();
    // A teammate's clone: 17 new records linking the e-mail worker, 3 changed (one of them the open timeline's).
    const other = join(mkdtempSync(join(tmpdir(), 'incident-lens-teammate-')), 'clone');
    git(tmpdir(), 'clone', '-q', root, other);
    try {
      for (let n = 200; n < 217; n++) {
        writeFileSync(
          join(other, '.incidents', `INC-${n}.yaml`),
          `id: INC-${n}\ntitle: E-mail backlog ${n}\nstatus: closed\npriority: P3\nstart: 2025-0${1 + (n % 9)}-10T10:00:00+01:00\nresolution: 2025-0${1 + (n % 9)}-10T11:00:00+01:00\nlinks:\n  - path: src/notifications/emailWorker.ts\n`,
        );
      }
      const active = join(other, '.incidents', 'INC-031.yaml');
      writeFileSync(
        active,
        readFileSync(active, 'utf8').replace(
          'actions:\n',
          '  - at: "09:58"\n    author: Teammate\n    kind: finding\n    text: Pulled from the teammate\'s clone.\nactions:\n',
        ),
      );
      for (const id of ['INC-019', 'INC-027']) {
        const f = join(other, '.incidents', `${id}.yaml`);
        writeFileSync(f, readFileSync(f, 'utf8').replace(/^title: (.*)$/m, 'title: $1 (reviewed)'));
      }
      git(other, 'add', '-A');
      git(other, 'commit', '-qm', 'Twenty records from the teammate');
      assert.equal(git(other, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').length, 20);
      git(root, 'pull', '-q', '--ff-only', other, 'HEAD');

      await waitFor(() => internals.workspace.incidents().length === incidentsBefore + 17, 'the index to hold the 17 new incidents');
      await waitFor(() => internals.timelines.shownModel(folder, 'INC-031')!.items.length === itemsBefore + 1, 'the open timeline to show the pulled entry');
      assert.ok(internals.timelines.shownModel(folder, 'INC-031')!.items.some((i) => i.text === "Pulled from the teammate's clone."));
      assert.equal(internals.timelines.get(folder, 'INC-031'), panel, 'the same panel, refreshed');
      assert.match(internals.workspace.findIncident('INC-019')!.incident.head.title, /\(reviewed\)$/);
      const tree = internals.incidentsTree;
      const labels = () =>
        tree
          .getChildren()
          .flatMap((g) => tree.getChildren(g))
          .map((n) => String(n.toTreeItem().label));
      await waitFor(() => labels().filter((l) => /^INC-2\d\d E-mail backlog/.test(l)).length === 17, 'the tree to list them');
      await waitFor(async () => (await lensCount()) === lensesBefore + 17, `CodeLens counting ${lensesBefore + 17} incidents on the e-mail worker`);
    } finally {
      git(root, 'reset', '-q', '--hard', before);
      rmSync(join(other, '..'), { recursive: true, force: true });
      await waitFor(() => internals.workspace.incidents().length === incidentsBefore, 'the index back to the fixture');
    }
  });
});
