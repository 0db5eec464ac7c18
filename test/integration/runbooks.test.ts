import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, closeAllDiscarding, deleteFile, fileUri, label, readFile, waitFor, writeFile } from './helpers';

const WEBHOOK = 'src/payments/stripeWebhook.ts';
const INC031 = '.incidents/INC-031.yaml';

describe('runbooks', () => {
  let original: string;
  before(async () => {
    await api();
    original = await readFile(INC031);
  });
  afterEach(async () => {
    await closeAllDiscarding();
    await writeFile(INC031, original);
    for (const t of vscode.window.terminals.filter((x) => x.name.startsWith('Runbook '))) t.dispose();
    // The next suite reads positions from the index: wait until it has the restored record.
    const { internals } = await api();
    await waitFor(() => {
      const r = internals.workspace.findIncident('INC-031')?.incident;
      return r?.timeline.length === 3 && r.record.runbooks === undefined;
    }, 'INC-031 restored in the index');
  });

  it('the Runbooks view lists the rollback runbook, flagged stale, with its steps', async () => {
    const { internals } = await api();
    const roots = internals.runbooksTree.getChildren();
    const item = internals.runbooksTree.getTreeItem(roots[0]!);
    assert.equal(label(item), 'RB-payments-rollback Roll back the payment service to the previous deploy');
    assert.match(String(item.description), /^Payment service · 5 steps · verified \d+ days ago$/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning', 'last verified March 2025: stale');
    const steps = roots[0]!.children().map((n) => internals.runbooksTree.getTreeItem(n));
    assert.equal(steps.length, 5);
    assert.equal(label(steps[2]!), '3. Deploy the last good release of the payment service.');
    assert.equal(steps[2]!.description, '$ ./scripts/deploy.sh payments --tag <last-good-tag>');
    assert.equal(steps[2]!.command?.command, 'incidentLens.runRunbookStep');
    // Stale in Problems too.
    await waitFor(
      () => vscode.languages.getDiagnostics(fileUri('.incidents/runbooks/RB-payments-rollback.yaml')).some((d) => /last verified \d+ days ago/.test(d.message)),
      'the staleness warning in Problems',
    );
  });

  it('the hover and CodeLens on the linked handler offer the rollback procedure next to the past incident', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(WEBHOOK));
    await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('export function handleStripeWebhook'));
    const hover = await waitFor(
      async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 20))) ?? [];
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return text.includes('RB-payments-rollback') && text;
      },
      'the hover with the runbook',
      20_000,
    );
    assert.match(hover, /INC-023/);
    assert.match(hover, /\[\$\(book\) Rollback procedure: RB\\-payments\\-rollback\]\(command:incidentLens\.runRunbookStep\?/);
    const lenses = await waitFor(async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
      return all.filter((l) => l.command?.title === '$(book) Rollback procedure: RB-payments-rollback');
    }, 'the runbook lens');
    assert.equal(lenses[0]!.range.start.line, line, 'on the linked symbol');
  });

  it('an active incident whose record names the runbook shows "Rollback: RB-…" first in the tree', async () => {
    const { internals } = await api();
    await writeFile(INC031, `${original}runbooks: [RB-payments-rollback]\n`);
    await waitFor(() => internals.workspace.findIncident('INC-031')?.incident.record.runbooks?.length === 1, 'the index to see the runbook');
    const active = internals.incidentsTree.getChildren().find((g) => label(internals.incidentsTree.getTreeItem(g)).startsWith('Active'))!;
    const inc031 = active.children().find((n) => label(internals.incidentsTree.getTreeItem(n)).startsWith('INC-031'))!;
    const first = internals.incidentsTree.getTreeItem(inc031.children()[0]!);
    assert.equal(label(first), 'Rollback: RB-payments-rollback');
    assert.deepEqual(first.command?.arguments?.[0], {
      folder: vscode.workspace.workspaceFolders![0]!.uri.toString(),
      runbook: 'RB-payments-rollback',
      incident: 'INC-031',
    });
  });

  it('Run Runbook Step puts the command in a terminal without running it and logs "step N done" on disk', async () => {
    await api();
    const result = (await vscode.commands.executeCommand('incidentLens.runRunbookStep', {
      runbook: 'RB-payments-rollback',
      step: 3,
      incident: 'INC-031',
      log: true,
      at: '2026-11-26T10:05:00+01:00',
    })) as { terminal: string; command: string; loggedTo: string };
    assert.equal(result.terminal, 'Runbook RB-payments-rollback');
    assert.equal(result.command, './scripts/deploy.sh payments --tag <last-good-tag>');
    assert.ok(
      vscode.window.terminals.some((t) => t.name === 'Runbook RB-payments-rollback'),
      'the terminal is open',
    );
    assert.equal(result.loggedTo, 'INC-031');
    const text = await readFile(INC031);
    const last = (parse(text) as { timeline: Array<Record<string, string>> }).timeline.at(-1)!;
    assert.deepEqual(last, {
      at: '10:05',
      author: 'Integration Test',
      kind: 'action',
      text: 'RB-payments-rollback step 3 done: Deploy the last good release of the payment service.',
    });
    assert.ok(text.startsWith(original.split('\n')[0]!), 'the rest of the record is untouched');
  });

  describe('a command a terminal would act on (test/fixtures/hostile/runbook-commands)', () => {
    const RB = '.incidents/runbooks/RB-hostile-step.yaml';
    const tag = `${process.pid}-${Date.now()}`;
    const pwned = join(tmpdir(), `incident-lens-PWNED-${tag}`);
    const typed = join(tmpdir(), `incident-lens-typed-${tag}`);
    const runbookYaml = (command: string) =>
      `id: RB-hostile-step\ntitle: Restart the worker\nlastVerified: 2026-11-01\nsteps:\n  - instruction: Check the worker.\n    command: ${JSON.stringify(command)}\n`;
    const terminal = () => vscode.window.terminals.find((t) => t.name === 'Runbook RB-hostile-step');
    async function indexed(command: string): Promise<void> {
      const { internals } = await api();
      await writeFile(RB, runbookYaml(command));
      await waitFor(
        () => internals.workspace.folderIndexes()[0]?.index.runbook('RB-hostile-step')?.record.steps[0]?.command === command,
        'the index to have the runbook',
      );
    }
    afterEach(async () => {
      await deleteFile(RB).catch(() => undefined);
      rmSync(pwned, { force: true });
      rmSync(typed, { force: true });
    });

    for (const [name, command] of [
      ['a line feed', `touch ${pwned}\necho ok`],
      ['a lone carriage return', `touch ${pwned}\recho ok`],
      ['a line separator and ESC', `touch ${pwned}\u2028echo \u001b[2J ok`],
    ] as const) {
      it(`is refused with ${name}: no terminal, never run, and Problems has the lint error`, async () => {
        await indexed(command);
        await assert.rejects(
          Promise.resolve(vscode.commands.executeCommand('incidentLens.runRunbookStep', { runbook: 'RB-hostile-step', step: 1, log: false })),
          /RB-hostile-step step 1 was not put in a terminal: the command holds U\+[0-9A-F]{4} /,
        );
        assert.equal(terminal(), undefined, 'no terminal was opened for it');
        await waitFor(
          () => vscode.languages.getDiagnostics(fileUri(RB)).some((d) => d.severity === vscode.DiagnosticSeverity.Error && /the command holds/.test(d.message)),
          'the lint error in Problems',
        );
        // Give a shell every chance to have run it.
        await new Promise((r) => setTimeout(r, 3000));
        assert.equal(existsSync(pwned), false, `${pwned} was created: the command ran`);
      });
    }

    it('a plain command reaches the terminal and runs only when Enter is pressed', async () => {
      await indexed(`touch ${typed}`);
      const result = (await vscode.commands.executeCommand('incidentLens.runRunbookStep', { runbook: 'RB-hostile-step', step: 1, log: false })) as {
        terminal: string;
        command: string;
      };
      assert.equal(result.command, `touch ${typed}`);
      const t = terminal();
      assert.ok(t, 'the terminal is open');
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(existsSync(typed), false, 'typed, not run');
      t.sendText('', true); // the person presses Enter
      await waitFor(() => existsSync(typed), 'the typed command to run after Enter', 20_000);
    });
  });
});
