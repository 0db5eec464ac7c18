import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { api, closeAllDiscarding, fileUri, label, readFile, waitFor, workspaceRoot, hoverText, writeFile } from './helpers';

const WEBHOOK = 'src/payments/stripeWebhook.ts';

async function ourLenses(path: string): Promise<vscode.CodeLens[]> {
  // The CodeLens command needs the document's model loaded, as it is for any editor.
  await vscode.workspace.openTextDocument(fileUri(path));
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fileUri(path), 100)) ?? [];
  return lenses.filter((l) => l.command?.title.startsWith('⚠')).sort((a, b) => a.range.start.line - b.range.start.line);
}

describe('past incidents follow the code', () => {
  before(async () => {
    await api();
  });

  it('shows CodeLens above each linked symbol of the webhook handler', async () => {
    const lenses = await waitFor(async () => ((await ourLenses(WEBHOOK)).length === 2 ? ourLenses(WEBHOOK) : undefined), 'two lenses');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command!.title.replace(/ · .* ago$/, '')]),
      [
        [21, '⚠ INC-023 (P1) Payment page 500 error'],
        [29, '⚠ INC-023 (P1) Payment page 500 error'],
      ],
    );
    assert.match(lenses[0]!.command!.title, / · \d+ (months?|years?) ago$/);
    assert.equal(lenses[0]!.command!.command, 'incidentLens.showTimeline');
  });

  it('shows a file-level CodeLens on the first line of a file linked as a whole', async () => {
    const lenses = await ourLenses('src/payments/checkout.ts');
    assert.deepEqual(
      lenses.map((l) => l.range.start.line),
      [0],
    );
  });

  it('keeps the lens on the symbol as lines are added above it', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(WEBHOOK));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// one\n// two\n// three\n'));
    try {
      const lenses = await waitFor(async () => {
        const l = await ourLenses(WEBHOOK);
        return l.length === 2 && l[0]!.range.start.line === 24 ? l : undefined;
      }, 'lenses to move down three lines');
      assert.deepEqual(
        lenses.map((l) => l.range.start.line),
        [24, 32],
      );
    } finally {
      await editor.edit((e) => e.delete(new vscode.Range(0, 0, 3, 0)));
      await doc.save();
      await closeAllDiscarding();
    }
    assert.equal(doc.getText().startsWith('// one'), false);
  });

  it('hovers the symbol name with root cause, trigger, AI connection, learning and prompt template', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(WEBHOOK));
    await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('export function handleStripeWebhook'));
    assert.equal(line, 29);
    const text = await waitFor(() => hoverText(WEBHOOK, line, 20), 'the incident hover', 20_000);
    assert.match(text, /P1 INC-023 — Payment page 500 error/);
    assert.match(text, /\*\*Root cause:\*\* Webhook handler written with Claude returned Decimal/);
    assert.match(text, /\*\*Trigger:\*\* 14:15 deploy — webhook handler update \\\(deploy\\-2025\\-03\\-18\\-1415\\\)/);
    assert.match(text, /\*\*AI connection:\*\* AI-generated code/);
    assert.match(text, /\*\*Learning:\*\* When asking AI tools/);
    assert.match(text, /```text\nWhen writing \[service\] integration/);
    assert.match(text, /\[\$\(go-to-file\) Open incident\]\(command:incidentLens\.openRecord\?/);
    assert.match(text, /\[\$\(history\) Show timeline\]\(command:incidentLens\.showTimeline\?/);
    assert.match(text, /\[\$\(copy\) Copy prompt template\]\(command:incidentLens\.copyPromptTemplate\?/);
    assert.equal(await hoverText(WEBHOOK, 10, 5), '', 'no incident hover away from linked symbols');
  });

  it('copies the prompt template', async () => {
    const copied = await vscode.commands.executeCommand<string>('incidentLens.copyPromptTemplate', { incident: 'INC-023' });
    // The active editor is the linked webhook file: the copy says so, with the service filled in.
    assert.match(copied!, /^When writing Payment service integration, the following constraints apply: \[type requirements\]/);
    assert.match(copied!, /- File: src\/payments\/stripeWebhook\.ts\n/);
  });

  it('badges linked files by their highest priority', async () => {
    const { internals } = await api();
    const webhook = internals.decorations.provideFileDecoration(fileUri(WEBHOOK)) as vscode.FileDecoration;
    assert.equal(webhook.badge, 'P1');
    assert.ok(webhook.color instanceof vscode.ThemeColor);
    assert.match(webhook.tooltip!, /INC-023 \(P1\) Payment page 500 error/);
    const email = internals.decorations.provideFileDecoration(fileUri('src/notifications/emailWorker.ts')) as vscode.FileDecoration;
    assert.equal(email.badge, 'P3');
    assert.equal(email.color, undefined, 'P3/P4 stay subtle');
    assert.equal(internals.decorations.provideFileDecoration(fileUri('package.json')), undefined);
  });

  it('honours minimum priority and turns CodeLens off and on from settings', async () => {
    const config = vscode.workspace.getConfiguration('incidentLens');
    try {
      await config.update('minimumPriority', 'P2', vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => (await ourLenses('src/notifications/emailWorker.ts')).length === 0, 'P3 lens hidden');
      await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => (await ourLenses(WEBHOOK)).length === 0, 'lenses off');
    } finally {
      await config.update('minimumPriority', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(async () => (await ourLenses(WEBHOOK)).length === 2, 'lenses back');
  });

  it('links a symbol and a file from the editor, through the edit path (comments kept)', async () => {
    const before = await readFile('.incidents/INC-023.yaml');
    try {
      await vscode.commands.executeCommand('incidentLens.linkSymbol', { incident: 'INC-023', file: 'src/auth/session.ts', symbol: 'isExpired' });
      await vscode.commands.executeCommand('incidentLens.linkFile', { incident: 'INC-023', file: fileUri('src/payments/money.ts').toString() });
      const after = await readFile('.incidents/INC-023.yaml');
      assert.equal(after, before.replace('\nkeywords:', '  - path: src/auth/session.ts\n    symbol: isExpired\n  - path: src/payments/money.ts\n\nkeywords:'));
      const lenses = await waitFor(
        async () => ((await ourLenses('src/auth/session.ts')).length === 2 ? ourLenses('src/auth/session.ts') : undefined),
        'a lens on isExpired',
      );
      assert.ok(lenses.some((l) => l.command!.title.startsWith('⚠ INC-023')));
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('incidentLens.linkFile', { incident: 'INC-023', file: 'src/payments/money.ts' })),
        /already linked/,
      );
    } finally {
      await writeFile('.incidents/INC-023.yaml', before);
    }
  });

  it('links the files changed in a commit, through the git extension', async () => {
    const root = workspaceRoot().fsPath;
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.invalid', ...args], { cwd: root, encoding: 'utf8' });
    const before = await readFile('.incidents/INC-019.yaml');
    await writeFile('src/notifications/emailWorker.ts', `${await readFile('src/notifications/emailWorker.ts')}// deploy\n`);
    await writeFile('src/auth/session.ts', `${await readFile('src/auth/session.ts')}// deploy\n`);
    git('add', 'src');
    git('commit', '-qm', 'deploy');
    try {
      const gitApi = (await vscode.extensions.getExtension<{ getAPI(v: 1): { repositories: unknown[] } }>('vscode.git')!.activate()).getAPI(1);
      await waitFor(() => gitApi.repositories.length > 0, 'the git extension to open the repository', 30_000);
      await vscode.commands.executeCommand('incidentLens.linkCommitFiles', { incident: 'INC-019', commit: 'HEAD' });
      const after = await readFile('.incidents/INC-019.yaml');
      assert.match(after, /\n {2}- path: src\/auth\/session\.ts\n {2}- path: src\/notifications\/emailWorker\.ts\n/);
    } finally {
      await writeFile('.incidents/INC-019.yaml', before);
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('updates links when a linked file is renamed in VS Code (undoable), and warns about a link that no longer resolves', async () => {
    const { internals } = await api();
    const before = await readFile('.incidents/INC-023.yaml');
    const rename = async (from: string, to: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(fileUri(from), fileUri(to));
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await rename('src/payments/checkout.ts', 'src/payments/checkoutRoute.ts');
    try {
      const after = await waitFor(async () => {
        const t = await readFile('.incidents/INC-023.yaml');
        return t.includes('src/payments/checkoutRoute.ts') ? t : undefined;
      }, 'the link to follow the rename');
      assert.equal(after, before.replace('  - path: src/payments/checkout.ts\n', '  - path: src/payments/checkoutRoute.ts\n'));
      const demo = internals.workspace.folderIndexes()[0]!;
      await waitFor(() => demo.index.incidentsForFile('src/payments/checkoutRoute.ts').some((i) => i.id === 'INC-023'), 'the index to follow');
    } finally {
      await rename('src/payments/checkoutRoute.ts', 'src/payments/checkout.ts');
      await waitFor(async () => (await readFile('.incidents/INC-023.yaml')) === before, 'the link to follow back');
    }
    // A link to a file that is gone is reported on that link.
    const config = vscode.workspace.getConfiguration('incidentLens');
    await config.update('links.updateOnRename', 'never', vscode.ConfigurationTarget.Workspace);
    try {
      await rename('src/payments/money.ts', 'src/payments/amounts.ts');
      const uri = fileUri('.incidents/INC-019.yaml');
      const diags = await waitFor(
        () => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'link-missing').length && vscode.languages.getDiagnostics(uri),
        'a link-missing warning',
      );
      assert.equal(diags[0]!.message, 'links[0].path: linked file "src/payments/money.ts" does not exist in the workspace');
      assert.equal(diags[0]!.severity, vscode.DiagnosticSeverity.Warning);
    } finally {
      await rename('src/payments/amounts.ts', 'src/payments/money.ts');
      await config.update('links.updateOnRename', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => vscode.languages.getDiagnostics(fileUri('.incidents/INC-019.yaml')).length === 0, 'the warning to clear');
  });
});

describe('route folders with brackets', () => {
  it('a file linked only by an imported record without a priority is badged P?, not P4, and stays subtle', async () => {
    const { internals } = await api();
    const file = 'src/imported/legacy.ts';
    await writeFile(file, 'export const legacy = 1;\n');
    await writeFile(
      '.incidents/INC-051.yaml',
      'id: INC-051\ntitle: Legacy import outage\nstatus: resolved\nstart: 2026-10-02T10:00:00+01:00\nresolution: 2026-10-02T11:00:00+01:00\nlinks:\n  - path: src/imported/legacy.ts\nsource:\n  system: markdown\n  id: legacy.md\n',
    );
    try {
      await waitFor(() => internals.workspace.findIncident('INC-051'), 'INC-051 in the index');
      const badge = await waitFor(() => internals.decorations.provideFileDecoration(fileUri(file)) as vscode.FileDecoration | undefined, 'the badge');
      assert.equal(badge.badge, 'P?');
      assert.equal(badge.color, undefined);
      assert.match(badge.tooltip!, /INC-051 \(P\?\) Legacy import outage/);
      // In the Incidents view: a question mark, not P4's dot.
      const tree = internals.incidentsTree;
      const groups = (await tree.getChildren()) ?? [];
      const items = (await Promise.all(groups.map(async (g) => (await tree.getChildren(g)) ?? []))).flat();
      const mine = await waitFor(async () => {
        for (const n of items) {
          const item = await tree.getTreeItem(n);
          if (label(item).startsWith('INC-051')) return item;
        }
        return undefined;
      }, 'INC-051 in the tree');
      assert.equal((mine.iconPath as vscode.ThemeIcon).id, 'question');
      assert.match(String(mine.description), /^P\? · /);
    } finally {
      await closeAllDiscarding();
      await vscode.workspace.fs.delete(fileUri('.incidents/INC-051.yaml'));
      await vscode.workspace.fs.delete(fileUri('src/imported'), { recursive: true });
      await waitFor(() => !internals.workspace.findIncident('INC-051'), 'INC-051 gone');
    }
  });

  it('a linked app/[provider]/route.ts gets its CodeLens on the symbol and its badge', async () => {
    const { internals } = await api();
    const route = 'src/api/hooks/payment/[provider]/route.ts';
    await writeFile(
      route,
      '// A Next.js-style route handler.\nexport async function POST(request: Request): Promise<Response> {\n  return new Response(await request.text());\n}\n',
    );
    await writeFile(
      '.incidents/INC-050.yaml',
      'id: INC-050\ntitle: Payment hook route dropped events\nstatus: resolved\npriority: P2\nstart: 2026-10-02T10:00:00+01:00\nresolution: 2026-10-02T11:00:00+01:00\nlinks:\n  - path: src/api/hooks/payment/[provider]/route.ts\n    symbol: POST\n',
    );
    try {
      await waitFor(() => internals.workspace.findIncident('INC-050'), 'INC-050 in the index');
      const lenses = await waitFor(
        async () => {
          const l = await ourLenses(route);
          return l.length ? l : undefined;
        },
        'the lens on POST in the bracketed route',
        30_000,
      );
      assert.deepEqual(
        lenses.map((l) => [l.range.start.line, l.command!.title.replace(/ · .* ago$/, '')]),
        [[1, '⚠ INC-050 (P2) Payment hook route dropped events']],
      );
      const badge = internals.decorations.provideFileDecoration(fileUri(route)) as vscode.FileDecoration;
      assert.equal(badge.badge, 'P2');
      assert.equal(vscode.languages.getDiagnostics(fileUri('.incidents/INC-050.yaml')).length, 0, 'the link target exists: lint is clean');
    } finally {
      await closeAllDiscarding();
      await vscode.workspace.fs.delete(fileUri('.incidents/INC-050.yaml'));
      await vscode.workspace.fs.delete(fileUri('src/api'), { recursive: true });
      await waitFor(() => !internals.workspace.findIncident('INC-050'), 'INC-050 gone');
    }
  });
});
