import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HandedTask } from '../../src/extension/commands/handToAgent';
import type { TreeNode } from '../../src/extension/tree/treeNode';
import { api, workspaceRoot } from './helpers';

describe('Hand to Agent…', () => {
  it('an action record becomes the task `incident-lens task` prints, opened in the chat or put on the clipboard', async () => {
    await api();
    const handed = await vscode.commands.executeCommand<HandedTask>('incidentLens.handToAgent', { action: 'ACTION-INC023-1' });
    assert.equal(handed.id, 'ACTION-INC023-1');
    assert.match(handed.task, /^<<<INCIDENT-NOTES id="ACTION-INC023-1" file="\.incidents\/actions\/ACTION-INC023-1\.yaml" origin="team record">>>$/m);
    assert.match(handed.task, /^\| Title: Input validation template for Stripe integration$/m, 'record text only on data lines');
    assert.match(handed.task, /^<<<INCIDENT-NOTES id="INC-023"/m);
    const hasChat = (await vscode.commands.getCommands(true)).includes('workbench.action.chat.open');
    assert.equal(handed.via, hasChat ? 'chat' : 'clipboard');
    if (handed.via === 'clipboard') assert.equal(await vscode.env.clipboard.readText(), handed.task);
    // The same core function as the CLI: the extension's own CLI prints the same task.
    const cli = join(vscode.extensions.getExtension('incident-lens.incident-lens')!.extensionPath, 'dist', 'cli.js');
    const printed = spawnSync(process.execPath, [cli, 'task', 'ACTION-INC023-1', '-r', workspaceRoot().fsPath], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout.trimEnd(), handed.task.trimEnd());
  });

  it('from the Actions view: the node of an action record hands that action', async () => {
    const { internals } = await api();
    // The extension's own node classes (this test is another bundle): found by the contextValue the menu matches.
    const isAction = (n: TreeNode) => /^actionRecord\./.test(String(internals.actionsTree.getTreeItem(n).contextValue));
    const walk = (nodes: readonly TreeNode[]): TreeNode | undefined => {
      for (const n of nodes) {
        if (isAction(n)) return n;
        const inner = walk(n.children());
        if (inner) return inner;
      }
      return undefined;
    };
    const node = walk(internals.actionsTree.getChildren());
    assert.ok(node, 'an action record in the Actions view');
    const handed = await vscode.commands.executeCommand<HandedTask>('incidentLens.handToAgent', node);
    assert.equal(handed.id, (node as unknown as { action: { id: string } }).action.id);
  });
});
