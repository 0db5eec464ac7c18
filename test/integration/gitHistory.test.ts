import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { SuggestResult } from '../../src/extension/commands/gitHistory';
import { api, closeAllDiscarding, fileUri, readFile, waitFor, workspaceRoot, hoverText, writeFile } from './helpers';

describe('code links from git history (the demo has the real history of INC-023)', function () {
  this.timeout(60_000);
  afterEach(() => closeAllDiscarding());

  it('Suggest Code Links from Git History proposes the reverted 14:15 deploy and the symbols it changed; accepting writes them; hover and CodeLens name the commits; Show Commit opens the change', async () => {
    const root = workspaceRoot().fsPath;
    const log = execFileSync('git', ['log', '--format=%h %s'], { cwd: root, encoding: 'utf8' });
    assert.match(log, /Revert "Update Stripe webhook handler"/, 'the fixture has the demo history');
    const before = await readFile('.incidents/INC-023.yaml');
    const unlinked = before.slice(0, before.indexOf('links:\n')) + before.slice(before.indexOf('keywords:'));
    await writeFile('.incidents/INC-023.yaml', unlinked);
    try {
      const { internals } = await api();
      await waitFor(() => internals.workspace.findIncident('INC-023')?.incident.links.length === 0, 'the index to read the unlinked record');
      const result = (await vscode.commands.executeCommand<SuggestResult>('incidentLens.suggestCodeLinks', { incident: 'INC-023', accept: 'preselected' }))!;
      const first = result.suggestions.commits[0]!;
      assert.equal(first.subject, 'Update Stripe webhook handler');
      assert.equal(first.role, 'trigger');
      assert.match(first.reasons[0]!, /^reverted at 15:02 by [0-9a-f]{7}$/);
      assert.deepEqual(
        result.suggestions.links
          .slice(0, 2)
          .map((l) => `${l.link.path}#${l.link.symbol}`)
          .sort(),
        ['src/payments/stripeWebhook.ts#handleStripeWebhook', 'src/payments/stripeWebhook.ts#toStripeAmount'],
      );
      assert.deepEqual(result.written, { links: 2, commits: 3 });
      const onDisk = await waitFor(async () => {
        const t = await readFile('.incidents/INC-023.yaml');
        return t.includes('commits:') ? t : undefined;
      }, 'the accepted suggestions on disk');
      assert.ok(onDisk.startsWith(unlinked.slice(0, unlinked.indexOf('keywords:'))), 'the rest of the record is untouched');
      assert.match(onDisk, /links:\n {2}- path: src\/payments\/stripeWebhook\.ts\n {4}symbol: (handleStripeWebhook|toStripeAmount)\n/);
      const sha = first.sha.slice(0, 7);
      const hover = await waitFor(async () => {
        const h = await hoverText('src/payments/stripeWebhook.ts', 29, 20);
        return h.includes('**Commits:**') ? h : undefined;
      }, 'a hover naming the commits');
      assert.match(hover, new RegExp(`\\*\\*Commits:\\*\\* introduced by \\[\`${sha}\`\\]\\(command:incidentLens\\.openCommit\\?`));
      assert.match(hover, /reverted by \[`[0-9a-f]{7}`\]/);
      assert.match(hover, /fixed by \[`[0-9a-f]{7}`\]/);
      const lenses =
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fileUri('src/payments/stripeWebhook.ts'), 100)) ?? [];
      const commitLens = lenses.find((l) => l.command?.title.startsWith('$(git-commit) introduced by'));
      assert.ok(commitLens, lenses.map((l) => l.command?.title).join('\n'));
      assert.match(
        commitLens.command!.title,
        new RegExp(`introduced by ${sha} \\(14:15\\) · reverted by [0-9a-f]{7} \\(15:02\\) · fixed by [0-9a-f]{7} \\(16:45\\)`),
      );
      await vscode.commands.executeCommand(commitLens.command!.command, ...(commitLens.command!.arguments ?? []));
      const shown = await waitFor(
        () => (vscode.window.activeTextEditor?.document.uri.scheme === 'incident-lens-commit' ? vscode.window.activeTextEditor.document : undefined),
        'the commit document',
      );
      assert.equal(shown.languageId, 'diff');
      assert.match(shown.getText(), /Update Stripe webhook handler[\s\S]*\+export function toStripeAmount\(total: Money\): number \{/);
    } finally {
      await writeFile('.incidents/INC-023.yaml', before);
    }
  });
});

describe('record merge driver in this clone', function () {
  this.timeout(60_000);
  it("Register Record Merge Driver writes .gitattributes and this clone's git config, pointing at the bundled CLI; a second run changes nothing", async () => {
    const root = workspaceRoot().fsPath;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    const attributes = await readFile('.gitattributes').catch(() => undefined);
    try {
      const first = await vscode.commands.executeCommand<Array<{ folder: string; attributes: string; config: string }>>('incidentLens.registerMergeDriver', {
        folder: workspaceRoot().toString(),
      });
      assert.deepEqual(first, [{ folder: 'payments-demo', attributes: 'added', config: 'set' }]);
      assert.match(await readFile('.gitattributes'), /^\.incidents\/\*\*\/\*\.yaml merge=incident-lens$/m);
      const driver = git('config', '--get', 'merge.incident-lens.driver');
      assert.match(driver, /dist\/cli\.js'; if \[ -f "\$cli" \]; then node "\$cli" merge-driver %O %A %B %P;/);
      const cli = /cli='([^']+)'/.exec(driver)![1]!;
      assert.equal(execFileSync('node', [cli, '--version'], { encoding: 'utf8' }).trim().length > 0, true, 'the CLI the driver names runs');
      const second = await vscode.commands.executeCommand('incidentLens.registerMergeDriver', { folder: workspaceRoot().toString() });
      assert.deepEqual(second, [{ folder: 'payments-demo', attributes: 'unchanged', config: 'unchanged' }]);
    } finally {
      git('config', '--unset', 'merge.incident-lens.driver');
      git('config', '--unset', 'merge.incident-lens.name');
      if (attributes === undefined) execFileSync('rm', ['-f', `${root}/.gitattributes`]);
      else await writeFile('.gitattributes', attributes);
    }
  });
});
